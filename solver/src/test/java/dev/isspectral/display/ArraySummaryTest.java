package dev.isspectral.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.display.spi.MimeTypes;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Arrays of numbers display as a summary (type and shape, statistics, a few values), never as {@code [D@…}. */
class ArraySummaryTest {

    @Test
    void aShortArrayShowsEveryValueAndItsStatistics() {
        ArraySummary s = ArraySummary.of(new double[] {3.0, -1.25, 0.5});
        assertEquals("double[3]", s.typeAndShape());
        assertEquals(3, s.count());
        assertEquals(-1.25, s.min());
        assertEquals(3.0, s.max());
        assertEquals(0.75, s.mean(), 1e-15);
        assertEquals("double[3]  min -1.25 max 3 mean 0.75 (all finite)\n[3, -1.25, 0.5]", s.toText());
    }

    @Test
    void aLongArrayShowsItsEndsAroundAnEllipsis() {
        double[] ramp = new double[1000];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 1.0 + i * 1e-4;
        }
        ArraySummary s = ArraySummary.of(ramp);
        assertEquals("[1, 1.0001, 1.0002, …, 1.0997, 1.0998, 1.0999]", s.values());
        assertEquals("min 1 max 1.0999 mean 1.04995 (all finite)", s.statistics());
    }

    @Test
    void nonFiniteValuesAreCountedApartFromTheStatistics() {
        ArraySummary s = ArraySummary.of(new double[] {1.0, Double.NaN, 2.0, Double.POSITIVE_INFINITY});
        assertEquals(2, s.nonFinite());
        assertEquals("min 1 max 2 mean 1.5 (2 not finite (NaN or ±∞))", s.statistics());
        assertEquals("[1, NaN, 2, Infinity]", s.values());
        assertEquals("no finite values (1 not finite (NaN or ±∞))", ArraySummary.of(new float[] {Float.NaN}).statistics());
        assertEquals("double[0]  empty\n[]", ArraySummary.of(new double[0]).toText());
    }

    @Test
    void nestedAndIntegerArraysShowTheirShapeAndExactIntegers() {
        assertEquals("long[2][3]  min -5 max 7 mean 2.33333 (all finite)\n[1, 2, 3, -5, 6, 7]",
                ArraySummary.of(new long[][] {{1, 2, 3}, {-5, 6, 7}}).toText());
        assertEquals("[1234567890123, 2, 3, …, 5, 6, 7]", ArraySummary.of(new long[] {1234567890123L, 2, 3, 4, 5, 6, 7}).values());
        assertEquals("double[2]*", ArraySummary.of(new double[][] {{1}, {2, 3}}).typeAndShape(), "ragged");
        assertEquals("float[2][2][1]", ArraySummary.of(new float[][][] {{{1}, {2}}, {{3}, {4}}}).typeAndShape());
    }

    @Test
    void onlyArraysOfPrimitiveNumbersAreSupported() {
        assertTrue(ArraySummary.supports(new byte[1]));
        assertTrue(ArraySummary.supports(new double[1][1]));
        assertFalse(ArraySummary.supports(new String[1]));
        assertFalse(ArraySummary.supports(new boolean[1]));
        assertFalse(ArraySummary.supports(new char[1]));
        assertFalse(ArraySummary.supports(new Double[1]));
        assertFalse(ArraySummary.supports(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArraySummary.of(new String[0]));
        assertTrue(e.getMessage().contains("of type [Ljava.lang.String; is not an array of primitive numbers"), e.getMessage());
    }

    @Test
    void theSolversEnergyDensityRendersAsASummaryThroughTheProvider() {
        Solver solver = Simulation.builder().grid("2x8x4x4").initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3))
                .build().start();
        solver.advance(1);
        Map<String, String> out = new SolverDisplayProvider().render(solver.energyDensity(), Set.of());
        String text = out.get(MimeTypes.TEXT_PLAIN);
        assertTrue(text.startsWith("double[128]  min 0.999"), text);
        assertTrue(text.contains(" max 1.00"), text);
        assertTrue(text.contains("mean 1 ") || text.contains("mean 0.999999") || text.contains("mean 1.00000"), text);
        assertFalse(text.contains("[D@"), text);
        assertTrue(out.get(MimeTypes.TEXT_HTML).contains("<code>double[128]</code>"), out.get(MimeTypes.TEXT_HTML));
    }
}
