package dev.isspectral.report;

import dev.isspectral.display.Quantities;
import dev.isspectral.profile.Columns;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableHtmlTest {

    @Test
    void numbersReadAsPercentagesMillisecondsAndBinaryUnits() {
        assertEquals("8.8 %", Quantities.percent(0.08841782039573226));
        assertEquals("47 %", Quantities.percent(0.4712));
        assertEquals("<0.1 %", Quantities.percent(0.0004));
        assertEquals("0.0 %", Quantities.percent(0));
        assertEquals("36.4", Quantities.ms(36.351));
        assertEquals("0.00123", Quantities.ms(0.0012345));
        assertEquals("1230", Quantities.ms(1234.5));
        assertEquals("18\u2009000", Quantities.significant(17_996, 3));
        assertEquals("1.23e-05", Quantities.significant(1.2345e-5, 3));
        assertEquals("840 B", Quantities.bytes(840));
        assertEquals("2.01 KiB", Quantities.bytes(2061));
        assertEquals("5.50 MiB", Quantities.bytes(5.5 * 1048576));
        assertEquals("8\u2009192", Quantities.count(8192));
        assertEquals("n/a", Quantities.ms(Double.NaN));
    }

    @Test
    void eachColumnIsFormattedByWhatItHolds() {
        Table t = Table.create("breakdown", StringColumn.create(Columns.SPAN, "step", "step/rhs"),
                DoubleColumn.create(Columns.SELF_MS, 36.351234, 0.0123456),
                DoubleColumn.create(Columns.SHARE_OF_STEP, 0.08841782039573226, 0.5),
                LongColumn.create(Columns.BYTES, 2048, 3 * 1024),
                LongColumn.create(Columns.CALLS, 12345, 3));
        String html = TableHtml.html(t);
        assertTrue(html.contains("<th class=\"num\">bytes (KiB)</th>"), html);
        for (String cell : new String[] {"36.4", "0.0123", "8.8 %", "50 %", "2.00", "3.00", "12\u2009345"}) {
            assertTrue(html.contains("<td class=\"num\">" + cell + "</td>"), cell + " in " + html);
        }
        assertTrue(html.contains("<td class=\"text\">step/rhs</td>"), html);
        assertTrue(html.startsWith("<div class=\"scroll\">"), html);
    }

    @Test
    void theMixedValueColumnsAreFormattedRowByRow() {
        Table summary = Table.create("summary", StringColumn.create(Columns.METRIC, "ms_per_step", "bytes_per_step", "points"),
                DoubleColumn.create(Columns.VALUE, 36.351, 2061, 8192));
        String html = TableHtml.html(summary);
        assertTrue(html.contains(">36.4 ms<") && html.contains(">2.01 KiB<") && html.contains(">8\u2009192<"), html);
        Table priorities = Table.create("priorities", StringColumn.create(Columns.BY, "self time", "bytes"),
                DoubleColumn.create(Columns.VALUE, 3.2956, 173));
        String p = TableHtml.html(priorities);
        assertTrue(p.contains(">3.30 ms<") && p.contains(">173 B<"), p);
    }
}
