package dev.isspectral.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one home of number text: the compact cell form of notebook tables and the binary units of reports. */
class QuantitiesTest {

    @Test
    void compactCellsHaveFourSignificantDigitsAndScientificOutsideTheirRange() {
        assertEquals("8192", Quantities.compact(8192));
        assertEquals("9999999", Quantities.compact(9_999_999));
        assertEquals("1.000E7", Quantities.compact(1e7));
        assertEquals("0.1000", Quantities.compact(0.1));
        assertEquals("248.1", Quantities.compact(248.12));
        assertEquals("12.35", Quantities.compact(12.345_01));
        assertEquals("0.001000", Quantities.compact(1e-3));
        assertEquals("-1.224E-17", Quantities.compact(-1.2244e-17));
        assertEquals("1.500E6", Quantities.compact(1.5e6 + 0.5));
        assertEquals("\u2014", Quantities.compact(Double.NaN));
        assertEquals("\u221e", Quantities.compact(Double.POSITIVE_INFINITY));
        assertEquals("-\u221e", Quantities.compact(Double.NEGATIVE_INFINITY));
    }

    @Test
    void preciseValuesHaveSixDigitsWithoutTrailingZeros() {
        assertEquals("280.366", Quantities.precise(280.366399096));
        assertEquals("0.02", Quantities.precise(0.02));
        assertEquals("0", Quantities.precise(0.0));
        assertEquals("1.5e-07", Quantities.precise(1.5e-7));
        assertEquals("-0.333333", Quantities.precise(-1.0 / 3));
        assertEquals("123456789", Quantities.precise(123_456_789));
        assertEquals("NaN", Quantities.precise(Double.NaN));
    }

    @Test
    void binaryUnitsStepAtPowersOf1024AndOneUnitServesAColumn() {
        assertEquals("B", Quantities.binaryUnit(1023));
        assertEquals("KiB", Quantities.binaryUnit(1024));
        assertEquals("MiB", Quantities.binaryUnit(1 << 20));
        assertEquals("GiB", Quantities.binaryUnit(Math.scalb(1.0, 30)));
        assertEquals("TiB", Quantities.binaryUnit(Math.scalb(1.0, 40)));
        assertEquals("TiB", Quantities.binaryUnit(Math.scalb(1.0, 60)), "nothing above TiB");
        assertEquals("3.00", Quantities.inBinaryUnit(3072, "KiB"));
        assertEquals("0.500", Quantities.inBinaryUnit(512, "KiB"), "a small row of a KiB column");
        assertEquals("1.50", Quantities.inBinaryUnit(1.5 * (1 << 30), "GiB"));
        assertEquals("n/a", Quantities.inBinaryUnit(-1, "B"));
        assertEquals("80 B", Quantities.inBinaryUnit(80, "MiB"), "a row far below a MiB column's unit names its own");
        assertEquals("1.50 KiB", Quantities.inBinaryUnit(1536, "GiB"));
        assertEquals("0.00195", Quantities.inBinaryUnit(2048, "MiB"), "above a thousandth of the unit it reads in it");
        assertEquals("0", Quantities.inBinaryUnit(0, "MiB"));
        assertEquals("2.01 KiB", Quantities.bytes(2061));
        assertEquals("1023 B", Quantities.bytes(1023));
        assertEquals("2.00 TiB", Quantities.bytes(Math.scalb(2.0, 40)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Quantities.inBinaryUnit(1, "kB")).getMessage()
                .startsWith("unit = kB; must be one of B, KiB, MiB, GiB, TiB"));
    }

    @Test
    void significantRefusesFewerThanOneDigit() {
        for (double x : new double[] {0.5, 1e-5, 123.0, Double.NaN}) {
            assertEquals("digits = 0; must be an integer >= 1",
                    assertThrows(IllegalArgumentException.class, () -> Quantities.significant(x, 0)).getMessage());
        }
        assertEquals("digits = -2; must be an integer >= 1",
                assertThrows(IllegalArgumentException.class, () -> Quantities.significant(0.5, -2)).getMessage());
        assertEquals("1e-05", Quantities.significant(1.2345e-5, 1));
    }
}
