package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.TuningFile;
import dev.isspectral.state.Field;
import dev.isspectral.validate.ReferenceRuns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Tuning#withSavedFftTuning(Path)}: the solver takes the FFT tuner's saved winner for its grid; a missing
 * file means the tuning's own FFT settings; a corrupt or foreign file is reported once by name and reason and
 * changes nothing (bit-identical fields), never crashing the run.
 */
class SavedFftTuningTest {

    @TempDir
    Path dir;

    private static double[][] reference;

    @BeforeAll
    static void runWithoutSavedTuning() {
        reference = fieldsAfter(Tuning.optimized(), 5);
    }

    static double[][] fieldsAfter(Tuning tuning, int steps) {
        Solver s = ReferenceRuns.nonlinear(tuning).start();
        s.advance(steps);
        double[][] out = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            out[f.ordinal()] = s.field(f);
        }
        return out;
    }

    /** Runs {@code action} and returns what it printed to standard error. */
    static String stderrOf(Runnable action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void savedWinnerForTheGridReplacesTheFftSettings() throws Exception {
        Path file = dir.resolve("fft-tuning.properties");
        FftSettings winner = FftSettings.optimized().withThreads(1).withRealTransforms(false)
                .withJTransformsThreadsBeginN(4096);
        TuningFile.empty().with(16, 16, 8, winner).with(32, 16, 16, FftSettings.optimized()).save(file);
        Simulation sim = ReferenceRuns.nonlinear(Tuning.optimized().withSavedFftTuning(file));
        assertEquals(winner, sim.fftSettings());
        assertTrue(sim.toString().contains("saved FFT tuning for 16x16x8 from " + file), sim.toString());
        Solver solver = sim.start();
        assertFalse(solver.fftEngine().realToComplex(), "the saved complex-to-complex winner is used");
        double worst = TuningConsistencyTest.worstRelativeDifference(fieldsAfter(
                Tuning.optimized().withSavedFftTuning(file), 5), reference);
        assertTrue(worst <= TuningConsistencyTest.DOUBLE_BOUND, "saved tuning changed the physics by " + worst);
    }

    @Test
    void missingFileMeansTheTuningsOwnSettingsSilently() {
        Path file = dir.resolve("never-written.properties");
        Tuning tuning = Tuning.optimized().withSavedFftTuning(file);
        String[] tree = new String[1];
        String err = stderrOf(() -> tree[0] = ReferenceRuns.nonlinear(tuning).toString());
        assertEquals("", err);
        assertTrue(tree[0].contains("no saved FFT tuning for 16x16x8 in " + file), tree[0]);
        assertEquals(Tuning.optimized().fftSettings(), ReferenceRuns.nonlinear(tuning).fftSettings());
        assertBitIdentical(fieldsAfter(tuning, 5));
    }

    @Test
    void gridMissingFromTheFileMeansTheTuningsOwnSettings() throws Exception {
        Path file = dir.resolve("other-grids.properties");
        TuningFile.empty().with(32, 16, 16, FftSettings.optimized().withThreads(1)).save(file);
        Simulation sim = ReferenceRuns.nonlinear(Tuning.baseline().withSavedFftTuning(file));
        assertEquals(FftSettings.baseline(), sim.fftSettings());
    }

    @Test
    void corruptFileIsReportedOnceByNameAndReasonAndChangesNothing() throws Exception {
        Path file = dir.resolve("corrupt.properties");
        Files.writeString(file, "format=" + TuningFile.FORMAT + "\nmachine=" + TuningFile.machineKey()
                + "\ngrid.16x16x8.backend=jtransforms\ngrid.16x16x8.threads=many\n");
        assertReportedOnceAndHarmless(file, "corrupt entry: For input string: \"many\"");
    }

    @Test
    void foreignFileIsReportedOnceByNameAndReasonAndChangesNothing() throws Exception {
        Path file = dir.resolve("foreign.properties");
        Files.writeString(file, "format=" + TuningFile.FORMAT + "\nmachine=96 cores, SomeVM 99\n"
                + "grid.16x16x8.backend=jtransforms\ngrid.16x16x8.threads=1\ngrid.16x16x8.realToComplex=false\n");
        assertReportedOnceAndHarmless(file, "tuned for '96 cores, SomeVM 99'");
    }

    @Test
    void unreadableFileIsReportedAndChangesNothing() throws Exception {
        Path file = dir.resolve("binary.properties");
        Files.write(file, new byte[] {(byte) 0xC3, (byte) 0x28, 0, 1, 2, (byte) 0xFF});
        assertReportedOnceAndHarmless(file, "unreadable");
    }

    private void assertReportedOnceAndHarmless(Path file, String reason) {
        Tuning tuning = Tuning.optimized().withSavedFftTuning(file);
        double[][][] fields = new double[2][][];
        String[] tree = new String[1];
        String err = stderrOf(() -> {
            Simulation sim = ReferenceRuns.nonlinear(tuning);
            tree[0] = sim.toString();
            fields[0] = fieldsAfter(tuning, 5);   // a second simulation with the same file: no second report
            fields[1] = fieldsAfter(tuning, 5);
        });
        assertEquals(1, occurrences(err, file.toString()), "reported once by file name:\n" + err);
        assertTrue(err.contains(reason), "the reason is given:\n" + err);
        assertTrue(tree[0].contains("tuning file " + file + " ignored") && tree[0].contains(reason), tree[0]);
        assertEquals(Tuning.optimized().fftSettings(), ReferenceRuns.nonlinear(tuning).fftSettings());
        assertBitIdentical(fields[0]);
        assertBitIdentical(fields[1]);
    }

    private static void assertBitIdentical(double[][] fields) {
        for (Field f : Field.values()) {
            assertArrayEquals(reference[f.ordinal()], fields[f.ordinal()], 0.0, f.label());
        }
    }

    @Test
    void defaultFileComesFromThePropertyThenTheEnvironmentThenTheHomeFolder() {
        Supplier<Path> file = () -> Tuning.optimized().withSavedFftTuning().savedFftTuning().orElseThrow();
        String before = System.getProperty(Tuning.TUNING_FILE_PROPERTY);
        try {
            System.setProperty(Tuning.TUNING_FILE_PROPERTY, dir.resolve("chosen.properties").toString());
            assertEquals(dir.resolve("chosen.properties"), file.get());
            System.clearProperty(Tuning.TUNING_FILE_PROPERTY);
            String env = System.getenv(Tuning.TUNING_FILE_ENV);
            Path expected = env != null && !env.isBlank() ? Path.of(env)
                    : Path.of(System.getProperty("user.home"), ".is-spectral", "fft-tuning.properties");
            assertEquals(expected, file.get());
        } finally {
            if (before == null) {
                System.clearProperty(Tuning.TUNING_FILE_PROPERTY);
            } else {
                System.setProperty(Tuning.TUNING_FILE_PROPERTY, before);
            }
        }
    }

    @Test
    void tuningDescribesTheFileAndEqualityIncludesIt() {
        Path file = dir.resolve("t.properties");
        Tuning t = Tuning.optimized().withSavedFftTuning(file);
        assertTrue(t.describe().endsWith("saved FFT tuning from " + file), t.describe());
        assertFalse(t.equals(Tuning.optimized()));
        assertEquals(Tuning.optimized(), t.withoutSavedFftTuning());
    }
}
