package dev.isspectral.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isspectral.profile.Columns;
import dev.isspectral.profile.Headline;
import dev.isspectral.profile.ProfileContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The report charts refuse bad input by name instead of drawing it wrong or failing inside XChart or Tablesaw. */
class ReportPlotsTest {

    private static Table operations() {
        return Table.create("operations", StringColumn.create(Columns.OPERATION, "fft.forward", "sources"),
                DoubleColumn.create(Columns.SELF_MS, 40, 20));
    }

    private static Table hierarchy() {
        return Table.create("hierarchy", StringColumn.create(Columns.SPAN, "step", "step/rhs"),
                DoubleColumn.create(Columns.BYTES, 4096, 1024));
    }

    private static Headline headline() {
        double[] ms = {10, 11, 10, 12};
        return Headline.of(Map.of("steps", Table.create("steps", DoubleColumn.create(Columns.WALL_MS, ms),
                DoubleColumn.create(Columns.FFT_MS, ms), DoubleColumn.create(Columns.BYTES_ALL_THREADS, ms),
                DoubleColumn.create(Columns.PEAK_HEAP_BYTES, ms))), ProfileContext.UNKNOWN);
    }

    private static String refusal(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void operationsRefusesStepsStepMsAndTablesOutOfRange() {
        assertEquals("steps = 0; must be >= 1", refusal(() -> ReportPlots.operations(operations(), 0, 30)));
        assertEquals("stepMs = NaN; must be a finite number > 0", refusal(() -> ReportPlots.operations(operations(), 2, Double.NaN)));
        assertEquals("stepMs = 0.0; must be a finite number > 0", refusal(() -> ReportPlots.operations(operations(), 2, 0)));
        assertEquals("stepMs = Infinity; must be a finite number > 0",
                refusal(() -> ReportPlots.operations(operations(), 2, Double.POSITIVE_INFINITY)));
        assertEquals("operations lacks column \"self_ms\"; must be a Profile.operations() table",
                refusal(() -> ReportPlots.operations(operations().removeColumns(Columns.SELF_MS), 2, 30)));
        assertEquals("operations = null; must be a Profile.operations() table", refusal(() -> ReportPlots.operations(null, 2, 30)));
        // two steps of 30 ms: fft.forward's 40 ms are 20 ms per step, two thirds of the step
        assertEquals(List.of("fft.forward (67%)", "sources (33%)"),
                ReportPlots.operations(operations(), 2, 30).getSeriesMap().get("self ms per step").getXData());
    }

    @Test
    void selfAllocationsRefusesStepsAndTablesOutOfRange() {
        assertEquals("steps = -1; must be >= 1", refusal(() -> ReportPlots.selfAllocations(hierarchy(), -1)));
        assertEquals("hierarchy lacks column \"bytes\"; must be a Profile.hierarchy() table",
                refusal(() -> ReportPlots.selfAllocations(hierarchy().removeColumns(Columns.BYTES), 1)));
        assertEquals("hierarchy lacks column \"span\"; must be a Profile.hierarchy() table",
                refusal(() -> ReportPlots.selfAllocations(hierarchy().removeColumns(Columns.SPAN), 1)));
    }

    @Test
    void selfTimesNeedsOneValuePerSpanAndTwoNames() {
        List<String> spans = List.of("fft", "rhs", "sources");
        double[] three = {1, 2, 3};
        assertEquals("a.length = 4; must equal spans.size() = 3",
                refusal(() -> ReportPlots.selfTimes(spans, new double[4], "base", three, "new")));
        assertEquals("b.length = 2; must equal spans.size() = 0",
                refusal(() -> ReportPlots.selfTimes(List.of(), new double[0], "base", new double[2], "new")));
        assertEquals("nameB = \"base\"; must differ from nameA", refusal(() -> ReportPlots.selfTimes(spans, three, "base", three, "base")));
        assertEquals("spans = null; must be a list of span names", refusal(() -> ReportPlots.selfTimes(null, three, "base", three, "new")));
        assertEquals("a = null; must be an array of self ms per step, one per span",
                refusal(() -> ReportPlots.selfTimes(spans, null, "base", three, "new")));
        assertEquals("nameA = null; must be text", refusal(() -> ReportPlots.selfTimes(spans, three, null, three, "new")));
        assertEquals(2, ReportPlots.selfTimes(spans, three, "base", three, "new").getSeriesMap().size());
    }

    @Test
    void stepTimesOfTwoRunsNeedsBothRunsNamedApart() {
        Headline h = headline();
        assertEquals("nameB = \"base\"; must differ from nameA", refusal(() -> ReportPlots.stepTimes(h, "base", h, "base")));
        assertEquals("b = null; must be a Headline", refusal(() -> ReportPlots.stepTimes(h, "base", null, "new")));
        assertEquals("nameB = null; must be text", refusal(() -> ReportPlots.stepTimes(h, "base", h, null)));
        ReportPlots.stepTimes(h, "base", h, "new");
    }
}
