package dev.isspectral.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** HeatMap.of names the bad row, element or title instead of failing with a NullPointerException or an unplaced NaN. */
class HeatMapTest {

    private static double[][] grid(int ni, int nj) {
        double[][] v = new double[ni][nj];
        for (int i = 0; i < ni; i++) {
            for (int j = 0; j < nj; j++) {
                v[i][j] = i + 0.1 * j;
            }
        }
        return v;
    }

    private static String refusal(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void aNullArrayOrRowIsNamed() {
        double[][] v = grid(4, 16);
        v[3] = null;
        assertEquals("values[3] = null; must be a row of 16 finite numbers", refusal(() -> HeatMap.of(v, 1, 1, "t", "x", "y", "v")));
        double[][] first = grid(2, 2);
        first[0] = null;
        assertEquals("values[0] = null; must be a row of finite numbers", refusal(() -> HeatMap.of(first, 1, 1, "t", "x", "y", "v")));
        assertEquals("values = null; must be a rectangular array of finite numbers, at least 1x1",
                refusal(() -> HeatMap.of(null, 1, 1, "t", "x", "y", "v")));
    }

    @Test
    void aNonFiniteValueIsPlaced() {
        double[][] v = grid(4, 8);
        v[2][5] = Double.NaN;
        assertEquals("values[2][5] = NaN; must be finite", refusal(() -> HeatMap.of(v, 1, 1, "t", "x", "y", "v")));
        v[2][5] = Double.NEGATIVE_INFINITY;
        assertEquals("values[2][5] = -Infinity; must be finite", refusal(() -> HeatMap.of(v, 1, 1, "t", "x", "y", "v")));
    }

    @Test
    void aNullTitleIsRefusedBeforeDrawing() {
        double[][] v = grid(2, 2);
        assertEquals("xTitle = null; must be text", refusal(() -> HeatMap.of(v, 1, 1, "t", null, "y", "v")));
        assertEquals("title = null; must be text", refusal(() -> HeatMap.of(v, 1, 1, null, "x", "y", "v")));
        assertEquals("yTitle = null; must be text", refusal(() -> HeatMap.of(v, 1, 1, "t", "x", null, "v")));
        assertEquals("valueTitle = null; must be text", refusal(() -> HeatMap.of(v, 1, 1, "t", "x", "y", null)));
        assertTrue(HeatMap.of(v, 1, 1, "t", "x", "y", "v").getWidth() > 0);
    }
}
