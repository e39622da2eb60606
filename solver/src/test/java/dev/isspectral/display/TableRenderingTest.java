package dev.isspectral.display;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tables as a reader sees them: numbers to four significant digits, units, verdicts first, no paths, a scroll box. */
class TableRenderingTest {

    private static final Table HISTORY = Table.create("history",
            IntColumn.create("step", 0, 8, 16),
            DoubleColumn.create("time", 0.0, 0.09999999999999999, 0.19999999999999998),
            DoubleColumn.create("momentum_x", 0.0, -0.00000000000000001223912583532683, 3.5e-18),
            DoubleColumn.create("total_energy", 248.05021344239606, 248.05021344239606, 248.050213442396),
            DoubleColumn.create("wall_ms", 850.25, 1250.5, 2000.0),
            DoubleColumn.create("seconds_per_step", 0.0123, 0.5, Double.NaN));

    @Test
    void numbersHaveFourSignificantDigitsAndTimeColumnsTheUnitThatFits() {
        String text = TableRendering.standard().text(HISTORY);
        String[] lines = text.split("\n");
        assertEquals(5, lines.length, text);
        String row1 = lines[3];
        assertTrue(row1.contains("0.1000"), row1);            // not 0.09999999999999999
        assertTrue(row1.contains("-1.224E-17"), row1);        // scientific below 1e-3
        assertTrue(row1.contains("248.1"), row1);
        assertTrue(row1.contains("1.251"), row1);             // 1250.5 ms shown in s
        assertTrue(row1.endsWith(" 500"), row1);              // 0.5 s shown in ms, a whole number exactly
        assertTrue(lines[4].contains("\u2014"), "NaN shows as a dash: " + lines[4]);
        assertTrue(lines[1].contains("wall_ms (shown in s)") && lines[1].contains("seconds_per_step (shown in ms)"), lines[1]);
        assertTrue(lines[3].startsWith(" 8") || lines[3].startsWith("   8"), "whole numbers exactly, right-aligned: " + lines[3]);
    }

    /** A column of ms with a row below a millisecond stays in ms: in seconds it would read 5.952E-4. */
    @Test
    void aMillisecondColumnWithASubMillisecondRowStaysInMilliseconds() {
        Table spans = Table.create("spans", DoubleColumn.create("total_ms", 1474.2, 0.5952, 0.0));
        String[] lines = TableRendering.standard().text(spans).split("\n");
        assertFalse(lines[1].contains("shown in s"), lines[1]);
        assertTrue(lines[2].strip().equals("1474") && lines[3].strip().equals("0.5952"), String.join("\n", lines));
    }

    @Test
    void aRatioToTheEntropyDensityIsNotATime() {
        Table scan = Table.create("scan", DoubleColumn.create("eta_over_s", 0.08, 0.2), DoubleColumn.create("run_s", 0.25, 0.5));
        String header = TableRendering.standard().text(scan).split("\n")[1];
        assertFalse(header.contains("eta_over_s (shown in ms)"), header);
        assertTrue(header.contains("run_s (shown in ms)"), header);
    }

    @Test
    void bytesInOneBinaryUnitSharesInPercentAndAMixedValueColumnByItsRow() {
        // notebook 02's priority matrix showed "9.138" (ms) above "2.819E6" (bytes) in one column, and the
        // breakdown's bytes as 2.591E8
        Table priorities = Table.create("priorities", StringColumn.create("by", "self time", "bytes"),
                StringColumn.create("span", "step/stage1/rhs", "step"), DoubleColumn.create("value", 9.138, 2819450.0),
                DoubleColumn.create("share", 0.09488, 0.06528));
        String[] lines = TableRendering.standard().text(priorities).split("\n");
        assertTrue(lines[1].contains("share (shown in %)"), lines[1]);
        assertTrue(lines[2].contains("9.138 ms") && lines[2].contains("9.488"), lines[2]);
        assertTrue(lines[3].contains("2.69 MiB") && lines[3].contains("6.528"), lines[3]);
        Table breakdown = Table.create("breakdown", StringColumn.create("span", "step", "step/check"),
                DoubleColumn.create("bytes", 2.591e8, 0), DoubleColumn.create("bytes_per_step", 4.319e7, 80),
                DoubleColumn.create("share_of_step", 0.9999, 0.001783));
        lines = TableRendering.standard().text(breakdown).split("\n");
        assertTrue(lines[1].contains("bytes (shown in MiB)") && lines[1].contains("bytes_per_step (shown in MiB)")
                && lines[1].contains("share_of_step (shown in %)"), lines[1]);
        assertTrue(lines[2].contains("247") && lines[2].contains("41.2") && lines[2].contains("99.99"), lines[2]);
        assertFalse(lines[2].contains("E8") || lines[2].contains("E7"), lines[2]);
        // bytes per point stay bytes, so two such columns side by side compare (notebook 03's baseline vs optimized)
        Table held = Table.create("held", DoubleColumn.create("baseline_bytes_per_point", 80, 1044),
                DoubleColumn.create("optimized_bytes_per_point", 80, 536));
        lines = TableRendering.standard().text(held).split("\n");
        assertFalse(lines[1].contains("shown in"), lines[1]);
        assertTrue(lines[3].contains("1044") && lines[3].contains("536"), lines[3]);
        // a column of percentages already (values above 1) is left as it is
        Table pct = Table.create("pct", DoubleColumn.create("share", 12.5, 40.0));
        assertFalse(TableRendering.standard().text(pct).contains("shown in %"));
    }

    @Test
    void anIntervalAfterAConvertedColumnIsShownInTheSameUnit() {
        // notebook 05 showed "seconds_for_run (shown in ms) 233.2" beside ci_low 0.2209, ci_high 0.2834 (seconds)
        Table run = Table.create("run", DoubleColumn.create("seconds_for_run", 0.2332, 0.4201),
                DoubleColumn.create("ci_low", 0.2209, 0.3570), DoubleColumn.create("ci_high", 0.2834, 0.4411),
                DoubleColumn.create("ns_per_point_per_step", 889.8, 1603.0), DoubleColumn.create("low", 0.5, 0.7));
        String[] lines = TableRendering.standard().text(run).split("\n");
        assertTrue(lines[1].contains("ci_low (shown in ms)") && lines[1].contains("ci_high (shown in ms)"), lines[1]);
        assertTrue(lines[2].contains("233.2") && lines[2].contains("220.9") && lines[2].contains("283.4"), lines[2]);
        // an interval end after an unconverted column keeps its own values
        assertFalse(lines[1].contains("low (shown in ms)") && lines[1].indexOf("low (shown in ms)") > lines[1].indexOf("ns_per_point"), lines[1]);
        assertTrue(lines[2].contains("0.5000"), lines[2]);
    }

    @Test
    void htmlScrollsSidewaysInsideThePageAndPutsVerdictsFirstInColour() {
        Table checks = Table.create("checks", StringColumn.create("check", "energy", "order"),
                DoubleColumn.create("value", 1e-14, 1.5), StringColumn.create("verdict", "PASS", "FAIL"));
        String html = TableRendering.standard().html(checks);
        assertTrue(html.startsWith("<div class=\"is-spectral-table-wrap\" style=\"overflow-x:auto"), html);
        int verdict = html.indexOf(">verdict<");
        int check = html.indexOf(">check<");
        assertTrue(verdict > 0 && verdict < check, "verdict column first: " + html);
        assertTrue(html.contains("<td class=\"pass\">PASS"), html);
        assertTrue(html.contains("<td class=\"fail\">FAIL"), html);
        assertTrue(html.contains(">1.000E-14<") && html.contains(">1.500<"), "each number by its own magnitude: " + html);
    }

    @Test
    void filePathsInCellsAreShortenedToTheFileName() {
        Table t = Table.create("runs", StringColumn.create("fft",
                "fftw (tuned: /tmp/is-spectral-05-8812/fft-tuning.properties)", "step/stage1/rhs", "C:\\Users\\me\\x.txt"));
        String html = TableRendering.standard().html(t);
        assertFalse(html.contains("/tmp/"), html);
        assertTrue(html.contains("fftw (tuned: \u2026/fft-tuning.properties)"), html);
        assertTrue(html.contains(">step/stage1/rhs<"), "relative span paths stay: " + html);
        assertTrue(html.contains("\u2026/x.txt"), html);
    }
}
