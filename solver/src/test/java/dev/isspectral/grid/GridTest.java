package dev.isspectral.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Grid: the NT×NX×NY×NZ notation of design.md, wave numbers of physics.md §0 and (6.3). */
class GridTest {

    @Test
    void fourNumbersAreStepsThenBox() {
        Grid g = Grid.parse("32x64x16x8");
        assertEquals(32, g.steps());
        assertEquals(64, g.nx());
        assertEquals(16, g.ny());
        assertEquals(8, g.nz());
        assertEquals("64x16x8", g.boxNotation());
        assertEquals("32x64x16x8", g.notation());
    }

    @Test
    void threeNumbersAreABoxWithNoStepCount() {
        Grid g = Grid.parse("32x16x8");
        assertEquals(0, g.steps());
        assertEquals(32, g.nx());
        assertEquals(16, g.ny());
        assertEquals(8, g.nz());
    }

    @Test
    void everyDocumentedSeparatorAndSurroundingSpaceIsAccepted() {
        Grid expected = Grid.parse("4x6x8x10");
        assertEquals(expected, Grid.parse("4X6X8X10"));
        assertEquals(expected, Grid.parse("4×6×8×10"));
        assertEquals(expected, Grid.parse("4*6*8*10"));
        assertEquals(expected, Grid.parse("  4 x 6 x 8 x 10 "));
    }

    @Test
    void parsedBoxHasSidesTwoPi() {
        Grid g = Grid.parse("8x4x2");
        assertEquals(2 * Math.PI, g.lx(), 0.0);
        assertEquals(2 * Math.PI, g.ly(), 0.0);
        assertEquals(2 * Math.PI, g.lz(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"32x32", "1x2x3x4x5", "", "32"})
    void wrongNumberOfPartsIsRejectedNamingTheTextAndTheForm(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Grid.parse(text));
        assertTrue(e.getMessage().contains("grid = \"" + text + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("NTxNXxNYxNZ"), e.getMessage());
    }

    @Test
    void anEmptyPartAnywhereIsRejectedNotDropped() {
        // split() drops trailing empty parts: "32x16x16x" read as the box 32x16x16 with no NT, "4x8x8x8x" as 4x8x8x8
        assertEquals("grid = \"32x16x16x\"; empty part after the last 'x'; must be NTxNXxNYxNZ (e.g. 32x32x16x16) or NXxNYxNZ",
                assertThrows(IllegalArgumentException.class, () -> Grid.parse("32x16x16x")).getMessage());
        assertEquals("grid = \"4x8x8x8 * \"; empty part after the last '*'; must be NTxNXxNYxNZ (e.g. 32x32x16x16) or NXxNYxNZ",
                assertThrows(IllegalArgumentException.class, () -> Grid.parse("4x8x8x8 * ")).getMessage());
        assertEquals("grid = \"×8x8x8\"; empty part before the first '×'; must be NTxNXxNYxNZ (e.g. 32x32x16x16) or NXxNYxNZ",
                assertThrows(IllegalArgumentException.class, () -> Grid.parse("×8x8x8")).getMessage());
        assertEquals("--grid = \"8xx8x8\"; empty part 2 of 4 (two separators in a row); must be NTxNXxNYxNZ (e.g."
                        + " 32x32x16x16) or NXxNYxNZ",
                assertThrows(IllegalArgumentException.class, () -> Grid.parse("--grid", "8xx8x8")).getMessage());
    }

    @Test
    void nonNumberPartIsRejectedNamingThePart() {
        var e = assertThrows(IllegalArgumentException.class, () -> Grid.parse("32xabcx16x16"));
        assertTrue(e.getMessage().contains("\"32xabcx16x16\""), e.getMessage());
        assertTrue(e.getMessage().contains("\"abc\" is not a whole number"), e.getMessage());
    }

    @Test
    void nullIsRejectedWithTheForm() {
        var e = assertThrows(IllegalArgumentException.class, () -> Grid.parse(null));
        assertTrue(e.getMessage().startsWith("grid = null"), e.getMessage());
    }

    @Test
    void zeroOrNegativePointsAreRejectedNamingTheAxis() {
        assertEquals("grid = \"4x0x8x8\": NX = 0; must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> Grid.parse("4x0x8x8")).getMessage());
        assertEquals("NY = -2; must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> Grid.of(8, -2, 8)).getMessage());
        assertEquals("grid = \"8x8x0\": NZ = 0; must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> Grid.parse("8x8x0")).getMessage());
    }

    @Test
    void negativeStepCountIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Grid.parse("-1x8x8x8"));
        assertEquals("grid = \"-1x8x8x8\": steps (NT) = -1; must be >= 0", e.getMessage());
    }

    @Test
    void nonPositiveOrNonFiniteBoxLengthIsRejectedNamingTheSide() {
        Grid g = Grid.of(4, 4, 4);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.withBox(0, 1, 1)).getMessage()
                .startsWith("Lx = 0.0; must be a finite length > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.withBox(1, -1, 1)).getMessage()
                .startsWith("Ly = -1.0;"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.withBox(1, 1, Double.NaN)).getMessage()
                .startsWith("Lz = NaN;"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.withBox(Double.POSITIVE_INFINITY)).getMessage()
                .startsWith("Lx = Infinity;"));
    }

    @Test
    void tooManyPointsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Grid.of(1024, 1024, 1024));
        assertTrue(e.getMessage().contains("1024x1024x1024"), e.getMessage());
        assertTrue(e.getMessage().contains("must be <= " + Grid.MAX_POINTS), e.getMessage());
    }

    @Test
    void stepCountIsSeparateFromTheBox() {
        Grid a = Grid.parse("10x8x6x4");
        Grid b = Grid.parse("20x8x6x4");
        assertEquals(a.size(), b.size());
        assertEquals(a.boxNotation(), b.boxNotation());
        assertNotEquals(a, b);
        assertEquals(b, a.withSteps(20));
        assertEquals(8 * 6 * 4, a.size());
    }

    @Test
    void withMethodsReturnNewGridsAndLeaveTheOriginal() {
        Grid g = Grid.parse("10x8x6x4");
        Grid boxed = g.withBox(1, 2, 3);
        Grid more = g.withPoints(16, 12, 8);
        assertEquals(2 * Math.PI, g.lx(), 0.0);
        assertEquals(8, g.nx());
        assertEquals(10, g.steps());
        assertEquals(1.0, boxed.lx(), 0.0);
        assertEquals(2.0, boxed.ly(), 0.0);
        assertEquals(3.0, boxed.lz(), 0.0);
        assertEquals(10, boxed.steps());
        assertEquals(16, more.nx());
        assertEquals(12, more.ny());
        assertEquals(8, more.nz());
        assertEquals(10, more.steps());
        assertEquals(2 * Math.PI, more.lz(), 0.0);
    }

    @Test
    void indexIsZFastestThenYThenX() {
        Grid g = Grid.of(3, 4, 5);
        assertEquals(0, g.index(0, 0, 0));
        assertEquals(1, g.index(0, 0, 1));
        assertEquals(5, g.index(0, 1, 0));
        assertEquals(20, g.index(1, 0, 0));
        assertEquals(59, g.index(2, 3, 4));
        assertEquals(60, g.size());
    }

    @Test
    void coordinatesAreIndexTimesSpacing() {
        Grid g = Grid.of(4, 5, 8).withBox(2, 10, 1);
        assertEquals(1.5, g.coordinate(0, 3), 1e-15);
        assertEquals(8.0, g.coordinate(1, 4), 1e-15);
        assertEquals(0.125, g.coordinate(2, 1), 1e-15);
        assertEquals((2.0 / 4) * (10.0 / 5) * (1.0 / 8), g.cellVolume(), 1e-15);
    }

    @Test
    void modeNumbersRunFromMinusHalfExclusiveToHalfInclusive() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, -3, -2, -1}, modes(8));
        assertArrayEquals(new int[] {0, 1, 2, 3, -3, -2, -1}, modes(7));
        assertArrayEquals(new int[] {0}, modes(1));
    }

    private static int[] modes(int n) {
        int[] m = new int[n];
        for (int i = 0; i < n; i++) {
            m[i] = Grid.modeNumber(i, n);
        }
        return m;
    }

    @Test
    void waveNumbersAreTwoPiModeOverLengthOnEachAxis() {
        Grid g = Grid.of(8, 5, 4).withBox(2, 3, 4 * Math.PI);
        double ux = 2 * Math.PI / 2;
        double uy = 2 * Math.PI / 3;
        double uz = 0.5;
        assertArrayEquals(new double[] {0, ux, 2 * ux, 3 * ux, 4 * ux, -3 * ux, -2 * ux, -ux}, g.waveNumbers(0), 1e-14);
        assertArrayEquals(new double[] {0, uy, 2 * uy, -2 * uy, -uy}, g.waveNumbers(1), 1e-14);
        assertArrayEquals(new double[] {0, uz, 2 * uz, -uz}, g.waveNumbers(2), 1e-14);
    }

    @Test
    void derivativeWaveNumbersZeroTheNyquistEntryOfEvenAxesOnly() {
        Grid g = Grid.of(8, 5, 4);
        double[] kx = g.derivativeWaveNumbers(0);
        assertEquals(0.0, kx[4], 0.0);
        assertEquals(4.0, g.waveNumbers(0)[4], 1e-14);
        assertArrayEquals(new double[] {0, 1, 2, 3, 0, -3, -2, -1}, kx, 1e-14);
        assertArrayEquals(g.waveNumbers(1), g.derivativeWaveNumbers(1), 0.0);
        assertArrayEquals(new double[] {0, 1, 0, -1}, g.derivativeWaveNumbers(2), 1e-14);
    }

    @Test
    void maxWaveNumberMagnitudeIsRootSumOfPiNOverLSquaredOverAxesWithMoreThanOnePoint() {
        Grid g = Grid.of(16, 8, 4).withBox(1, 2, 3);
        double expected = Math.sqrt(Math.pow(Math.PI * 16 / 1, 2) + Math.pow(Math.PI * 8 / 2, 2)
                + Math.pow(Math.PI * 4 / 3, 2));
        assertEquals(expected, g.maxWaveNumberMagnitude(), 1e-12 * expected);
        assertEquals(Math.PI * 16, g.maxWaveNumber(0), 1e-12);
        Grid flat = Grid.of(32, 1, 1);
        assertEquals(16.0, flat.maxWaveNumberMagnitude(), 1e-13);
    }

    @Test
    void halfSpectrumSizesFollowTheRealToComplexLayout() {
        Grid g = Grid.of(6, 5, 9);
        assertEquals(5, g.nzHalf());
        assertEquals(6 * 5 * 5, g.spectrumSize());
        assertEquals(3, Grid.of(2, 2, 4).nzHalf());
    }

    @Test
    void gridsWithSameStepsPointsAndLengthsAreEqualWithEqualHashes() {
        Grid a = Grid.parse("5x8x6x4").withBox(1, 2, 3);
        Grid b = Grid.of(8, 6, 4).withSteps(5).withBox(1, 2, 3);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.withBox(1, 2, 3.5));
        assertNotEquals(a, a.withPoints(8, 6, 5));
        assertNotEquals(a, a.withPoints(8, 7, 4));
        assertNotEquals(a, a.withPoints(9, 6, 4));
    }

    @Test
    void axisOutsideZeroToTwoIsRejected() {
        Grid g = Grid.of(2, 2, 2);
        assertEquals("axis = 3; must be 0, 1 or 2",
                assertThrows(IllegalArgumentException.class, () -> g.points(3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.length(-1));
    }

    @Test
    void toStringNamesStepsBoxAndLengths() {
        String s = Grid.parse("32x16x8x4").withBox(1, 2, 3).toString();
        assertTrue(s.contains("32 steps"), s);
        assertTrue(s.contains("16x8x4"), s);
        assertTrue(s.contains("L = 1.00000 x 2.00000 x 3.00000"), s);
    }
}
