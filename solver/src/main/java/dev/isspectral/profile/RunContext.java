package dev.isspectral.profile;

import dev.isspectral.sim.Simulation;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What was run, where and when: the facts a profile report opens with, so a reader can tell
 * whether two reports are comparable. Captured by the {@link Profiler} (the load average at the
 * start and the end of the measured steps) and kept in the JSON export ({@link ProfileJson}).
 *
 * @param date        UTC date and time of the run, {@code yyyy-MM-dd HH:mm UTC}
 * @param grid        NT×NX×NY×NZ of the simulation
 * @param box         box lengths, e.g. {@code L = 6.283 x 6.283 x 6.283}
 * @param warmupSteps steps run before measuring
 * @param steps       measured steps
 * @param physics     initial condition, EOS, transport, integrator in one line
 * @param integrator  the integrator's name, e.g. {@code ARS(2,2,2)}
 * @param tuning      the tuning's name
 * @param tuningDetail every knob of the tuning ({@code Tuning.describe()})
 * @param fft         the effective FFT configuration ({@code Simulation.fftDescription()})
 * @param backend     the FFT backend used
 * @param threads     the solver's worker threads
 * @param commit      the source commit ({@code git describe --always --dirty}), "unknown" outside a git checkout
 * @param machine     cores, CPU model, JVM, OS and maximum heap
 * @param loadStart   1-minute load average when measuring began (NaN where the OS gives none)
 * @param loadEnd     1-minute load average when measuring ended
 */
public record RunContext(String date, String grid, String box, int warmupSteps, int steps, String physics,
                         String integrator, String tuning, String tuningDetail, String fft, String backend, int threads,
                         String commit, String machine, double loadStart, double loadEnd) {

    /** For a profile without context (e.g. one read from an export that predates it): every text "unknown". */
    public static final RunContext UNKNOWN = new RunContext("unknown", "unknown", "unknown", -1, -1, "unknown", "unknown",
            "unknown", "unknown", "unknown", "unknown", -1, "unknown", "unknown", Double.NaN, Double.NaN);

    /** The context of profiling {@code sim}, taken now; the loads to be filled in with {@link #withLoads}. */
    static RunContext of(Simulation sim, int warmup, int steps) {
        var g = sim.grid();
        String box = String.format(Locale.ROOT, "L = %.4g x %.4g x %.4g", g.lx(), g.ly(), g.lz());
        String physics = sim.initial().describe() + "; " + sim.eos().describe() + "; " + sim.transport().describe();
        return new RunContext(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                g.notation(), box, warmup, steps, physics, sim.integrator().name(), sim.tuning().name(),
                sim.tuning().describe(), sim.fftDescription(), sim.fftSettings().backend(), sim.tuning().threads(),
                currentCommit(), describeMachine(), currentLoad(), Double.NaN);
    }

    /** This context with the load averages at the start and the end of measuring. */
    RunContext withLoads(double start, double end) {
        return new RunContext(date, grid, box, warmupSteps, steps, physics, integrator, tuning, tuningDetail, fft, backend,
                threads, commit, machine, start, end);
    }

    /** The fields by their JSON names, in order (numbers as Double or Integer). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", date);
        m.put("grid", grid);
        m.put("box", box);
        m.put("warmup_steps", warmupSteps);
        m.put("steps", steps);
        m.put("physics", physics);
        m.put("integrator", integrator);
        m.put("tuning", tuning);
        m.put("tuning_detail", tuningDetail);
        m.put("fft", fft);
        m.put("backend", backend);
        m.put("threads", threads);
        m.put("commit", commit);
        m.put("machine", machine);
        m.put("load_start", loadStart);
        m.put("load_end", loadEnd);
        return m;
    }

    /** Reads {@link #toMap()}'s form back; missing entries become "unknown" / -1 / NaN. */
    static RunContext fromMap(Map<?, ?> m) {
        if (m == null) {
            return UNKNOWN;
        }
        return new RunContext(text(m, "date"), text(m, "grid"), text(m, "box"), whole(m, "warmup_steps"), whole(m, "steps"),
                text(m, "physics"), text(m, "integrator"), text(m, "tuning"), text(m, "tuning_detail"), text(m, "fft"),
                text(m, "backend"), whole(m, "threads"), text(m, "commit"), text(m, "machine"), number(m, "load_start"),
                number(m, "load_end"));
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? "unknown" : v.toString();
    }

    private static int whole(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.intValue() : -1;
    }

    private static double number(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The 1-minute system load average now, NaN where the OS gives none. */
    static double currentLoad() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? Double.NaN : l;
    }

    /** Cores, CPU model (Linux), JVM, OS, maximum heap. */
    static String describeMachine() {
        Runtime rt = Runtime.getRuntime();
        String cpu = "";
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info)) {
                for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name")) {
                        cpu = line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " ") + ", ";
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            cpu = "";
        }
        return String.format(Locale.ROOT, "%d cores, %s%s %s, %s %s, max heap %.0f MiB", rt.availableProcessors(), cpu,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"), rt.maxMemory() / 1048576.0);
    }

    /**
     * The commit of the working directory's git checkout: {@code git describe --always --dirty --abbrev=12}
     * (2 s at most), else the HEAD read from the {@code .git} folder, else "unknown".
     */
    static String currentCommit() {
        Path dir = Path.of(System.getProperty("user.dir", ".")).toAbsolutePath();
        try {
            Process p = new ProcessBuilder(List.of("git", "-C", dir.toString(), "describe", "--always", "--dirty", "--abbrev=12"))
                    .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!out.isEmpty()) {
                    return out;
                }
            } else {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // no git on the PATH: read the checkout's files below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return headFromFiles(dir);
    }

    private static String headFromFiles(Path start) {
        try {
            for (Path d = start; d != null; d = d.getParent()) {
                Path dotGit = d.resolve(".git");
                Path gitDir;
                if (Files.isDirectory(dotGit)) {
                    gitDir = dotGit;
                } else if (Files.isRegularFile(dotGit)) {
                    String line = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
                    if (!line.startsWith("gitdir:")) {
                        return "unknown";
                    }
                    gitDir = d.resolve(line.substring("gitdir:".length()).trim());
                } else {
                    continue;
                }
                String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
                if (!head.startsWith("ref:")) {
                    return abbreviate(head);
                }
                String ref = head.substring(4).trim();
                Path common = Files.isRegularFile(gitDir.resolve("commondir"))
                        ? gitDir.resolve(Files.readString(gitDir.resolve("commondir"), StandardCharsets.UTF_8).trim()) : gitDir;
                for (Path base : List.of(gitDir, common)) {
                    if (Files.isRegularFile(base.resolve(ref))) {
                        return abbreviate(Files.readString(base.resolve(ref), StandardCharsets.UTF_8).trim());
                    }
                }
                Path packed = common.resolve("packed-refs");
                if (Files.isRegularFile(packed)) {
                    for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                        if (line.endsWith(" " + ref)) {
                            return abbreviate(line.substring(0, line.indexOf(' ')));
                        }
                    }
                }
                return "unknown";
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
