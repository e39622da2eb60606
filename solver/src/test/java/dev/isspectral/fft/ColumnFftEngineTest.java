package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.parallel.Workers;
import dev.isspectral.sim.Tuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnFftEngineTest {

    /**
     * The engine meets the contract every engine meets (forward = direct half-spectrum DFT to 1e-11 of the spectrum's
     * scale, inverse∘forward = identity) on power-of-two shapes with axes of 1 and 2, cubic and not, on 1, 2 and 3
     * threads (threaded at every size) and with blocks of 1, 3 and 8 columns: every remainder path of the z pairs
     * (an odd number of lines in the last group: a column with no imaginary partner), the y planes and the x runs.
     */
    @ParameterizedTest(name = "{0}x{1}x{2}, {3} thread(s), blocks of {4}")
    @CsvSource({"8,8,8,1,64", "8,8,8,2,3", "16,8,4,3,8", "2,4,16,1,1", "1,8,2,2,3", "32,1,4,1,8", "1,1,2,1,64",
            "4,2,32,2,8", "1,1,16,1,3", "16,16,16,2,64"})
    void meetsTheEngineContract(int nx, int ny, int nz, int threads, int block) {
        FftEngineContract.assertEngineMeetsContract(new ColumnFftEngine(nx, ny, nz, threads, 1, block));
    }

    /** Through the factory, with plans reused and with a new engine per call (the baseline's setting). */
    @Test
    void theFactoryBuildsItForBackendJava() {
        FftSettings java = FftSettings.optimized().withBackend(FftSettings.JAVA).withThreads(2);
        try (FftEngine e = FftEngines.create(java, 8, 4, 16)) {
            assertTrue(e instanceof ColumnFftEngine, e.toString());
            assertEquals("java", e.backend());
            FftEngineContract.assertEngineMeetsContract(e);
        }
        try (FftEngine e = FftEngines.create(java.withReusePlans(false), 8, 4, 16)) {
            assertEquals(0, e.bytesHeld(), "a new engine per call holds nothing between calls");
            FftEngineContract.assertEngineMeetsContract(e);
        }
    }

    /**
     * A spectrum that is not the transform of any real field (random values everywhere, the imaginary parts of the
     * self-conjugate z modes included) comes back as JTransforms' engine gives it: both keep the real part of the
     * complex inverse, so the two agree to round-off on any input the solver could pass.
     */
    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"8,8,8", "16,4,2", "4,16,32", "1,1,4"})
    void inverseOfAnyArrayAgreesWithJTransforms(int nx, int ny, int nz) {
        FftEngine jt = new JTransformsEngine(nx, ny, nz);
        FftEngine own = new ColumnFftEngine(nx, ny, nz, 1, 1, 3);
        double[] spectrum = FftEngineContract.randomField(jt.spectrumLength(), 5);
        double[] a = new double[jt.realLength()];
        double[] b = new double[jt.realLength()];
        jt.inverse(spectrum.clone(), a);
        own.inverse(spectrum.clone(), b);
        for (int p = 0; p < a.length; p++) {
            assertEquals(a[p], b[p], 1e-15, "point " + p);
        }
    }

    /**
     * For a given block, every line gets the same arithmetic whatever the thread count and in the lanes of
     * {@link FftEngine#forwardEach}: the same bits on 1, 2 and 3 threads and side by side on a team of 2.
     */
    @Test
    void threadsAndLanesDoNotChangeTheBits() {
        int nx = 16;
        int ny = 8;
        int nz = 32;
        double[] f = FftEngineContract.randomField(nx * ny * nz, 3);
        FftEngine one = new ColumnFftEngine(nx, ny, nz, 1, 1, 8);
        double[] s1 = new double[one.spectrumLength()];
        one.forward(f, s1);
        double[] b1 = new double[f.length];
        one.inverse(s1.clone(), b1);
        for (int t : new int[] {2, 3}) {
            FftEngine many = new ColumnFftEngine(nx, ny, nz, t, 1, 8);
            double[] s = new double[many.spectrumLength()];
            many.forward(f, s);
            assertArrayEquals(s1, s, 0.0, t + " threads, forward");
            double[] b = new double[f.length];
            many.inverse(s.clone(), b);
            assertArrayEquals(b1, b, 0.0, t + " threads, inverse");
        }
        double[][] reals = {f, f.clone(), f.clone(), f.clone()};
        double[][] spectra = new double[4][one.spectrumLength()];
        one.forwardEach(reals, spectra, 4, Workers.shared(2));
        for (double[] s : spectra) {
            assertArrayEquals(s1, s, 0.0, "lanes, forward");
        }
        double[][] backs = new double[4][f.length];
        one.inverseEach(spectra, backs, 4, Workers.shared(2));
        for (double[] b : backs) {
            assertArrayEquals(b1, b, 0.0, "lanes, inverse");
        }
    }

    /**
     * The engine's bits, recorded (SHA-256, first 8 bytes, of every double of the forward spectrum of a random field and
     * of the inverse of a random spectrum, self-conjugate imaginary parts included) for blocks with a z column without
     * an imaginary partner, y blocks of several planes and of parts of a plane, and x runs: a change that only reorders
     * copies (as a reworked pass would) must leave them, one that changes the arithmetic shows here first.
     * {@link dev.isspectral.sim.RecordedFieldsTest} pins whole runs with JTransforms; this pins the java backend's
     * transforms.
     */
    @ParameterizedTest(name = "{0}x{1}x{2}, blocks of {3}")
    @CsvSource({"16,8,32,8,9f9d034778c8c811,75021c9ae84ce63e", "8,4,16,3,ce6b546c9a11aa8c,b10e65cad68baa75",
            "4,2,2,1,f66673aefeec1c86,c576ad0d19a38ac9", "2,4,64,5,e62032297e19bbbc,da627ac909a3bf8c",
            "32,16,8,128,a7121af66a884f9f,4292e603004ea626", "1,1,16,3,18337d8a8f90e104,1d619003ca9bae8a"})
    void theBitsAreRecorded(int nx, int ny, int nz, int block, String forwardHash, String inverseHash) throws Exception {
        ColumnFftEngine e = new ColumnFftEngine(nx, ny, nz, 1, 1, block);
        java.util.Random r = new java.util.Random(11);
        double[] f = new double[nx * ny * nz];
        for (int i = 0; i < f.length; i++) {
            f[i] = r.nextGaussian();
        }
        double[] s = new double[e.spectrumLength()];
        e.forward(f, s);
        double[] any = new double[s.length];
        for (int i = 0; i < any.length; i++) {
            any[i] = r.nextGaussian();
        }
        double[] back = new double[f.length];
        e.inverse(any, back);
        assertEquals(forwardHash, hash(s), "forward");
        assertEquals(inverseHash, hash(back), "inverse");
    }

    private static String hash(double[] x) throws Exception {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8 * x.length);
        for (double v : x) {
            bytes.putDouble(v);
        }
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes.array());
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            s.append(String.format("%02x", digest[i]));
        }
        return s.toString();
    }

    /** The block changes only which z lines share a complex transform: results agree to round-off. */
    @Test
    void blockSizeChangesOnlyTheRoundOff() {
        int nx = 8;
        int ny = 8;
        int nz = 64;
        double[] f = FftEngineContract.randomField(nx * ny * nz, 9);
        double[][] spectra = new double[3][];
        int[] blocks = {1, 5, 64};
        for (int i = 0; i < blocks.length; i++) {
            FftEngine e = new ColumnFftEngine(nx, ny, nz, 1, 1, blocks[i]);
            spectra[i] = new double[e.spectrumLength()];
            e.forward(f, spectra[i]);
        }
        for (int i = 1; i < blocks.length; i++) {
            for (int p = 0; p < spectra[0].length; p++) {
                assertEquals(spectra[0][p], spectra[i][p], 1e-12, "block " + blocks[i] + ", index " + p);
            }
        }
    }

    @Test
    void badShapesAndSettingsAreRefusedNamingWhatIsAllowed() {
        FftSettings java = FftSettings.optimized().withBackend(FftSettings.JAVA);
        var shape = assertThrows(IllegalArgumentException.class, () -> FftEngines.create(java, 12, 8, 8));
        assertEquals("backend = java on a 12x8x8 box; it needs every size a power of two and NZ >= 2 (other sizes: "
                + "jtransforms or fftw)", shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FftEngines.create(java, 8, 8, 1), "NZ = 1");
        var complex = assertThrows(IllegalArgumentException.class,
                () -> FftEngines.create(java.withRealTransforms(false), 8, 8, 8));
        assertTrue(complex.getMessage().startsWith("backend = java with java c2c double"), complex.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FftEngines.create(java.withPrecision(FftSettings.Precision.FLOAT), 8, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> new ColumnFftEngine(8, 8, 8, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ColumnFftEngine(8, 8, 8, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new ColumnFftEngine(8, 8, 8, 1, 0, 0));
        var length = assertThrows(IllegalArgumentException.class,
                () -> new ColumnFftEngine(4, 4, 4, 1, 0).forward(new double[63], new double[96]));
        assertEquals("real field length = 63; must be 64 for 4x4x4", length.getMessage());
        var backend = assertThrows(IllegalArgumentException.class, () -> Tuning.optimized().withFftBackend("numpy"));
        assertEquals("fftBackend = \"numpy\"; must be one of [jtransforms, java, fftw]", backend.getMessage());
        assertEquals(FftSettings.JAVA, Tuning.optimized().withFftBackend("Java").fftSettings().backend());
        assertThrows(IllegalArgumentException.class, () -> new ColumnFft(12));
    }

    /** A simulation that asks for java on a box or setting it cannot take is refused when it is built, by name. */
    @Test
    void aSimulationIsRefusedWhenBuiltNotWhenStarted() {
        var box = assertThrows(IllegalArgumentException.class, () -> dev.isspectral.sim.Simulation.builder()
                .grid("2x48x32x32").tuning(Tuning.optimized().withFftBackend("java")).build());
        assertEquals("fftBackend = java with grid = 2x48x32x32; the java backend must have every box size a power of two and "
                + "NZ >= 2: use jtransforms or fftw for a 48x32x32 box", box.getMessage());
        var complex = assertThrows(IllegalArgumentException.class, () -> dev.isspectral.sim.Simulation.builder()
                .grid("2x16x16x8").tuning(Tuning.optimized().withFftBackend("java").withRealTransforms(false)).build());
        assertTrue(complex.getMessage().startsWith("fftBackend = java with java c2c double"), complex.getMessage());
        assertEquals("java", dev.isspectral.sim.Simulation.builder().grid("2x16x16x8")
                .tuning(Tuning.optimized().withFftBackend("java")).build().start().fftEngine().backend());
    }

    /**
     * The optimized default leaves the backend unchosen: java where the box and transforms allow it, else JTransforms
     * with a note naming why; a chosen backend is never replaced; an ensemble's recipe carries the rule.
     */
    @Test
    void theDefaultBackendIsJavaWhereItAppliesAndSaysWhereNot() {
        Tuning def = Tuning.optimized();
        assertFalse(def.fftBackendChosen());
        assertEquals(FftSettings.JAVA, def.fftBackend());
        assertTrue(def.describe().contains(", java where it applies (else jtransforms)"), def.describe());
        var pow2 = dev.isspectral.sim.Simulation.builder().grid("2x16x16x8").tuning(def).build();
        assertEquals("java", pow2.fftSettings().backend());
        assertEquals("java", pow2.start().fftEngine().backend());
        assertFalse(pow2.fftDescription().contains("using jtransforms"), pow2.fftDescription());
        String note = "the default java transforms need every box size a power of two, NZ >= 2 and real-to-complex double"
                + " transforms; using jtransforms";
        for (var sim : java.util.List.of(
                dev.isspectral.sim.Simulation.builder().grid("2x48x32x32").tuning(def).build(),
                dev.isspectral.sim.Simulation.builder().grid("2x16x16x1").tuning(def).build(),
                dev.isspectral.sim.Simulation.builder().grid("2x16x16x8").tuning(def.withRealTransforms(false)).build(),
                dev.isspectral.sim.Simulation.builder().grid("2x16x16x8").tuning(def.withSinglePrecision(true)).build())) {
            assertEquals("jtransforms", sim.fftSettings().backend(), sim.grid().notation());
            assertTrue(sim.fftDescription().contains(note), sim.fftDescription());
            assertEquals("jtransforms", sim.start().fftEngine().backend());
        }
        // chosen: used as asked (jtransforms on a power-of-two box), or refused (java on another box)
        var chosen = Tuning.optimized().withFftBackend("jtransforms");
        assertTrue(chosen.fftBackendChosen());
        assertEquals("jtransforms", dev.isspectral.sim.Simulation.builder().grid("2x16x16x8").tuning(chosen).build()
                .start().fftEngine().backend());
        assertTrue(Tuning.optimized().withFftSettings(FftSettings.optimized().withBackend(FftSettings.JAVA)).fftBackendChosen());
        assertTrue(Tuning.baseline().fftBackendChosen());
        assertThrows(IllegalArgumentException.class, () -> dev.isspectral.sim.Simulation.builder().grid("2x48x32x32")
                .tuning(Tuning.optimized().withFftBackend("java")).build());
        // the rule survives the other knobs, and only java has one
        assertFalse(def.withThreads(1).withBatchedTransforms(false).named("x").fftBackendChosen());
        assertNotEquals(def, def.withFftBackend("java"));
        assertEquals(def, def.withFftBackend("java").withFftBackendChosen(false));
        var rule = assertThrows(IllegalArgumentException.class, () -> Tuning.baseline().withFftBackendChosen(false));
        assertEquals("fftBackendChosen = false with fftBackend = jtransforms; only the java backend has a default rule"
                + " (java where it applies, else jtransforms)", rule.getMessage());
        // an ensemble's recipe rebuilds the same tuning, the rule included
        for (Tuning t : java.util.List.of(def, chosen, Tuning.optimized().withFftBackend("java"))) {
            var sim = dev.isspectral.sim.Simulation.builder().grid("2x16x16x8").tuning(t).build();
            assertEquals(t, dev.isspectral.ensemble.SimulationRecipe.of(sim).build().tuning(), t.describe());
        }
    }

    /** Small fields run on the calling thread, as JTransforms' engine does; the threshold is the same. */
    @Test
    void smallFieldsStayOnOneThread() {
        assertEquals(1, new ColumnFftEngine(8, 8, 8, 2, 0).threads(), "512 points < 32768");
        assertEquals(2, new ColumnFftEngine(64, 32, 32, 2, 0).threads());
        assertEquals(2, new ColumnFftEngine(8, 8, 8, 2, 1).threads());
    }

    /**
     * The engine's rows are back on cache lines after a collection that may have moved them and a transform pair, and
     * the transforms give the same bits before and after (the rows hold nothing between passes). Where addresses
     * cannot be read, every row counts as on its line.
     */
    @Test
    void theEngineRealignsItsRowsWithoutChangingResults() {
        ColumnFftEngine e = new ColumnFftEngine(32, 32, 32, 2, 1);   // every pass has work for both threads
        long first = e.rowsAllocated();
        assertEquals(2L * 2 * 32, first, "two workers (the caller's and the team's), 32 re and 32 im rows each");
        double[] field = FftEngineContract.randomField(e.realLength(), 3);
        double[] spectrum = new double[e.spectrumLength()];
        double[] back = new double[e.realLength()];
        e.forward(field, spectrum);
        e.inverse(spectrum, back);
        double[] spectrum2 = new double[e.spectrumLength()];
        double[] back2 = new double[e.realLength()];
        for (int gc = 0; gc < 3; gc++) {
            System.gc();
            e.forward(field, spectrum2);
            e.inverse(spectrum2, back2);
            assertArrayEquals(spectrum, spectrum2, 0.0);
            assertArrayEquals(back, back2, 0.0);
            assertTrue(e.rowsOnLines(), "after System.gc() and a transform pair, rows off their cache lines");
        }
        assertEquals(0, e.rowsAllocated() % (2 * 32), "a thread allocates its rows anew all together");
    }
}
