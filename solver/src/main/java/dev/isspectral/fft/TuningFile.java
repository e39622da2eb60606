package dev.isspectral.fft;

import dev.isspectral.files.AtomicFiles;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The project's saved FFT tuning, like FFTW's wisdom: for each grid shape the winning {@link FftSettings},
 * valid for one core count and one JVM, plus FFTW's wisdom string. Immutable; {@link #save(Path)} writes
 * atomically (temporary file in the same folder, then a move).
 *
 * <p>{@link #load(Path)} never throws: a missing file gives an empty tuning (defaults); a corrupt or foreign
 * file (other format, core count or JVM) gives an empty tuning whose {@link #problem()} names the file and the
 * reason, printed as a warning once per JVM for each file and reason, so a run neither crashes nor silently changes its results.
 */
public final class TuningFile {

    /** The format line every file starts with. */
    public static final String FORMAT = "is-spectral-fft-tuning/1";

    /** Larger files are refused unread (FFTW wisdom for many grids is a few hundred kB). */
    static final long MAX_BYTES = 16L << 20;

    /** Problems already printed: each file's problem is reported once per JVM. */
    private static final java.util.Set<String> REPORTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Map<String, FftSettings> byGrid;
    private final String wisdom;
    private final String problem;

    private TuningFile(Map<String, FftSettings> byGrid, String wisdom, String problem) {
        this.byGrid = Map.copyOf(byGrid);
        this.wisdom = wisdom;
        this.problem = problem;
    }

    /** An empty tuning: defaults everywhere. */
    public static TuningFile empty() {
        return new TuningFile(Map.of(), "", "");
    }

    /** The key of this machine: core count and JVM. */
    public static String machineKey() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.runtime.version");
    }

    /** The saved settings for this grid shape, if any. */
    public Optional<FftSettings> settingsFor(int nx, int ny, int nz) {
        return Optional.ofNullable(byGrid.get(gridKey(nx, ny, nz)));
    }

    /** FFTW wisdom saved with the tuning, or "". */
    public String wisdom() {
        return wisdom;
    }

    /** Why the file was ignored ("" if it was read, or was simply missing). */
    public String problem() {
        return problem;
    }

    /** This tuning with {@code settings} as the winner for the grid shape. */
    public TuningFile with(int nx, int ny, int nz, FftSettings settings) {
        Map<String, FftSettings> m = new TreeMap<>(byGrid);
        m.put(gridKey(nx, ny, nz), settings);
        return new TuningFile(m, wisdom, "");
    }

    /** This tuning with FFTW wisdom. */
    public TuningFile withWisdom(String wisdom) {
        return new TuningFile(byGrid, wisdom == null ? "" : wisdom, "");
    }

    /** Writes the tuning atomically: a temporary file beside {@code file}, then a move over it. */
    public void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("machine", machineKey());
        p.setProperty("fftw.wisdom", wisdom);
        for (Map.Entry<String, FftSettings> e : byGrid.entrySet()) {
            FftSettings s = e.getValue();
            String k = "grid." + e.getKey() + ".";
            p.setProperty(k + "backend", s.backend());
            p.setProperty(k + "threads", Integer.toString(s.threads()));
            p.setProperty(k + "realToComplex", Boolean.toString(s.realToComplex()));
            p.setProperty(k + "precision", s.precision().name());
            p.setProperty(k + "reusePlans", Boolean.toString(s.reusePlans()));
            p.setProperty(k + "jtransformsThreadsBeginN", Long.toString(s.jtransformsThreadsBeginN()));
            p.setProperty(k + "rigour", s.rigour().name());
            p.setProperty(k + "teamSplit", Boolean.toString(s.teamSplit()));
        }
        java.io.StringWriter text = new java.io.StringWriter();
        p.store(text, "IS-Spectral FFT tuning; written by FftTuner");
        AtomicFiles.write(file, text.toString());
    }

    /** Reads a tuning file; never throws (see the class comment). */
    public static TuningFile load(Path file) {
        Properties p = new Properties();
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a FIFO, device or folder: opening it could block for ever or read without end
            return ignored(file, "not a regular file");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                return ignored(file, Files.size(file) + " bytes; a tuning file is at most " + MAX_BYTES + " bytes");
            }
        } catch (IOException e) {
            if (!(e instanceof NoSuchFileException)) {
                return ignored(file, "unreadable (" + AtomicFiles.reason(e) + ")");
            }
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException | IllegalArgumentException e) {
            return ignored(file, "unreadable (" + e + ")");
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            return ignored(file, "format = " + p.getProperty("format") + "; expected " + FORMAT);
        }
        if (!machineKey().equals(p.getProperty("machine"))) {
            return ignored(file, "tuned for '" + p.getProperty("machine") + "', this machine is '" + machineKey() + "'");
        }
        Map<String, FftSettings> byGrid = new TreeMap<>();
        try {
            for (String name : p.stringPropertyNames()) {
                if (name.startsWith("grid.") && name.endsWith(".backend")) {
                    String grid = name.substring(5, name.length() - ".backend".length());
                    String k = "grid." + grid + ".";
                    FftSettings s = FftSettings.optimized()
                            .withBackend(required(p, k + "backend"))
                            .withThreads(Integer.parseInt(required(p, k + "threads")))
                            .withRealTransforms(parseBoolean(required(p, k + "realToComplex")))
                            .withPrecision(FftSettings.Precision.valueOf(required(p, k + "precision")))
                            .withReusePlans(parseBoolean(required(p, k + "reusePlans")))
                            .withJTransformsThreadsBeginN(Long.parseLong(required(p, k + "jtransformsThreadsBeginN")))
                            .withRigour(FftSettings.Rigour.valueOf(required(p, k + "rigour")))
                            // files written before the setting existed: the default
                            .withTeamSplit(parseBoolean(p.getProperty(k + "teamSplit", "true")));
                    checkUsable(k, s);
                    byGrid.put(grid, s);
                }
            }
        } catch (IllegalArgumentException e) {
            return ignored(file, "corrupt entry: " + e.getMessage());
        }
        return new TuningFile(byGrid, p.getProperty("fftw.wisdom", ""), "");
    }

    /**
     * A saved winner is one the tuner could have chosen on this machine: double precision (float is shown by the
     * tuner, never chosen, because it changes the results) and 1..cores threads.
     */
    private static void checkUsable(String key, FftSettings s) {
        if (s.precision() != FftSettings.Precision.DOUBLE) {
            throw new IllegalArgumentException(key + "precision = " + s.precision()
                    + "; a saved winner must be DOUBLE (float changes the results; the tuner never chooses it)");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (s.threads() < 1 || s.threads() > cores) {
            throw new IllegalArgumentException(key + "threads = " + s.threads() + "; must be in 1.." + cores
                    + " (this machine's cores)");
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException(key + " missing");
        }
        return v;
    }

    private static boolean parseBoolean(String v) {
        if (!"true".equals(v) && !"false".equals(v)) {
            throw new IllegalArgumentException("boolean = " + v + "; must be true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private static TuningFile ignored(Path file, String reason) {
        String problem = "tuning file " + file + " ignored: " + reason + "; using defaults";
        if (REPORTED.add(problem)) {
            System.err.println("WARNING: " + problem);
        }
        return new TuningFile(Map.of(), "", problem);
    }

    static String gridKey(int nx, int ny, int nz) {
        return nx + "x" + ny + "x" + nz;
    }

    @Override
    public String toString() {
        return "TuningFile" + byGrid.keySet() + (problem.isEmpty() ? "" : " (" + problem + ")");
    }
}
