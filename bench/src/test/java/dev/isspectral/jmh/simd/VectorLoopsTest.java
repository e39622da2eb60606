package dev.isspectral.jmh.simd;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Vector API loops give the scalar loops' bits (same operations, same order); the report's arithmetic. */
class VectorLoopsTest {

    /** Bits, so that −0.0 against 0.0 or a different NaN would fail. */
    private static void assertSameBits(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError("index " + i + ": expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    @Test
    void derivativeGivesTheScalarBitsWithRowTailsAndSubranges() {
        for (int rowLength : new int[] {1, 3, 4, 5, 33}) {   // 2·rowLength doubles per row: tails of every length
            int rows = 7;
            double[] src = LoopSetup.data(2 * rows * rowLength, 1, false);
            src[0] = -0.0;
            double[] k = LoopSetup.data(rows, 2, false);
            k[1] = 0.0;   // k = 0 gives ±0.0: the sign of zero must agree too
            double[] scalar = new double[src.length];
            double[] vector = new double[src.length];
            Arrays.fill(scalar, 9.0);
            Arrays.fill(vector, 9.0);
            ScalarLoops.derivative(src, scalar, k, rowLength, 1, 6);
            VectorLoops.derivative(src, vector, k, rowLength, 1, 6);
            assertSameBits(scalar, vector);
            assertEquals(9.0, vector[0]);   // rows outside [1, 6) untouched
            assertEquals(9.0, vector[vector.length - 1]);
        }
    }

    @Test
    void derivativeIsIkTimesTheSpectrum() {
        double[] src = {2.0, 3.0, -1.0, 0.5};   // two complex values on one row
        double[] out = new double[4];
        VectorLoops.derivative(src, out, new double[] {4.0}, 2, 0, 1);
        assertArrayEquals(new double[] {-12.0, 8.0, -2.0, -4.0}, out, 0.0);   // i·4·(2 + 3i) = −12 + 8i
    }

    @Test
    void combineAndRelaxGiveTheScalarBitsOnEveryRemainder() {
        for (int n : new int[] {0, 1, 7, 8, 9, 31, 4096 + 5}) {
            double[] u = LoopSetup.data(n, 3, false);
            double[] a0 = LoopSetup.data(n, 4, false);
            double[] a1 = LoopSetup.data(n, 5, false);
            double[] rate = LoopSetup.data(n, 7, true);
            double[] scalar = new double[n];
            double[] vector = new double[n];
            int from = Math.min(n, 3);
            ScalarLoops.combine2(u, a0, 0.3, a1, -0.7, scalar, from, n);
            VectorLoops.combine2(u, a0, 0.3, a1, -0.7, vector, from, n);
            assertSameBits(scalar, vector);
            ScalarLoops.relax(u, rate, a0, 0.01, scalar, from, n);
            VectorLoops.relax(u, rate, a0, 0.01, vector, from, n);
            assertSameBits(scalar, vector);
        }
    }

    @Test
    void combineAndRelaxAreTheFormulas() {
        double[] o = new double[1];
        VectorLoops.combine2(new double[] {1.0}, new double[] {2.0}, 0.5, new double[] {4.0}, 0.25, o, 0, 1);
        assertEquals(3.0, o[0], 0.0);   // 1 + 0.5·2 + 0.25·4
        double[] n = new double[16];
        double[] in = new double[16];
        double[] k = new double[16];
        double[] x = new double[16];
        Arrays.fill(in, 3.0);
        Arrays.fill(k, 2.0);
        Arrays.fill(x, 1.5);
        VectorLoops.relax(in, k, x, 0.5, n, 0, 16);   // hk = 1: (3 + 1.5)/2
        for (double v : n) {
            assertEquals(2.25, v, 0.0);
        }
    }

    @Test
    void everyBenchmarkOperationRuns() {
        for (String f : LoopSetup.FAMILIES) {
            LoopSetup.operation(f, "tile", true).run();
            LoopSetup.operation(f, "tile", false).run();
        }
        assertThrows(IllegalArgumentException.class, () -> LoopSetup.operation("fft", "tile", true));
        assertThrows(IllegalArgumentException.class, () -> LoopSetup.operation("relax", "huge", true));
    }

    @Test
    void spansGoToTheirFamiliesAndSharesAddUp() {
        assertEquals("transforms", SimdCheck.family("step/stage1/rhs/kinematics/gradient/fft.inverse"));
        assertEquals("k-space multiply", SimdCheck.family("step/stage1/rhs/kinematics/gradient"));
        assertEquals("pointwise kernel", SimdCheck.family("step/stage2/rhs/sources"));
        assertEquals("primitive recovery", SimdCheck.family("step/stage3/rhs/primitives"));
        assertEquals("advection products", SimdCheck.family("step/stage1/rhs/advection"));
        assertEquals("stage combination, relaxation, finite check", SimdCheck.family("step/stage2/relax"));
        assertEquals("stage combination, relaxation, finite check", SimdCheck.family("step/stage3"));
        assertEquals("other", SimdCheck.family("step/stage1/rhs"));
        Map<String, Double> s = SimdCheck.shares(Map.of("step/stage1/rhs/sources", 30.0,
                "step/stage1/rhs/kinematics/gradient/fft.forward", 50.0, "step/stage1/rhs/kinematics/gradient", 20.0), 100.0);
        assertEquals(0.3, s.get("pointwise kernel"), 1e-15);
        assertEquals(0.5, s.get("transforms"), 1e-15);
        assertEquals(0.2, s.get("k-space multiply"), 1e-15);
        assertEquals(1.0, s.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-15);
        assertEquals(0.05, SimdCheck.bound(0.1, 2.0), 1e-15);   // 10% of the step twice as fast: 5%
        assertEquals(0.0, SimdCheck.bound(0.1, 1.0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> SimdCheck.bound(0.1, 0.0));
        assertTrue(VectorLoops.lanes() >= 1);
    }

    @Test
    void theVerdictFollowsTheThreshold() {
        Map<String, Double> speedups = new java.util.LinkedHashMap<>();
        speedups.put("derivative", 1.1);
        speedups.put("combine", 0.9);
        String no = SimdCheck.verdict(new double[] {0.004, 0.029}, speedups, "combine tile 2.50×", java.util.List.of(),
                java.util.List.of());
        assertTrue(no.contains("at most 2.9% of a step"), no);
        assertTrue(no.contains("no Vector API path is built"), no);
        assertTrue(no.contains("derivative 1.10×, combine 0.90×"), no);
        String yes = SimdCheck.verdict(new double[] {0.031}, speedups, "", java.util.List.of(), java.util.List.of());
        assertTrue(yes.contains("a Vector API path pays"), yes);
    }

    @Test
    void theParentReadsTheProfileChildsReport() {
        StringBuilder out = new StringBuilder("noise\n" + SimdCheck.CHILD_PREFIX + "step 412.5 fftw r2c double t2\n");
        double v = 0.1;
        for (String f : SimdCheck.PROFILE_FAMILIES) {
            out.append(SimdCheck.CHILD_PREFIX).append("share ").append(f).append('=').append(v).append('\n');
            v += 0.01;
        }
        var s = SimdCheck.parseChild("fftw", out.toString());
        assertEquals(412.5, s.stepMs(), 0.0);
        assertEquals("fftw r2c double t2", s.description());
        assertEquals(0.1, s.shares().get("transforms"), 0.0);
        assertEquals(0.13, s.shares().get("k-space multiply"), 1e-15);
        assertEquals(0.15, s.shares().get("stage combination, relaxation, finite check"), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> SimdCheck.parseChild("fftw", "simd-profile share other=0.1\n"));
    }
}
