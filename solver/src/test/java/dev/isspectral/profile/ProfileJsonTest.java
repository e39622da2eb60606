package dev.isspectral.profile;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Tuning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileJsonTest {

    private static Profile optimized;
    private static Profile baseline;

    @BeforeAll
    static void profileTwoTunings() {
        Simulation.Builder b = Simulation.builder().grid("2x8x8x8").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3));
        optimized = Profiler.of(b.build()).warmup(1).steps(2).largeAllocations(0).run();
        baseline = Profiler.of(b.tuning(Tuning.baseline()).build()).warmup(1).steps(2).largeAllocations(0).run();
    }

    @Test
    void everyTableRoundTripsWithItsColumnsAndRows() {
        Map<String, Table> read = ProfileJson.read(optimized.toJson());
        assertEquals(optimized.tables().stream().map(Table::name).toList(), List.copyOf(read.keySet()));
        for (Table t : optimized.tables()) {
            Table back = read.get(t.name());
            assertEquals(t.columnNames(), back.columnNames(), t.name());
            assertEquals(t.rowCount(), back.rowCount(), t.name());
        }
        Table h = read.get("hierarchy");
        int row = h.stringColumn(Columns.SPAN).indexOf("step");
        assertEquals(2.0, h.doubleColumn(Columns.CALLS).get(row), 0.0);
        assertEquals(optimized.hierarchy().doubleColumn(Columns.TOTAL_MS).get(row), h.doubleColumn(Columns.TOTAL_MS).get(row), 0.0);
    }

    @Test
    void aProfileDiffedWithItselfHasNoDifferences() {
        String json = optimized.toJson();
        assertEquals(0, Profile.diff(json, json).rowCount());
    }

    @Test
    void diffShowsTheBaselinesExtraForwardTransforms() {
        Table d = Profile.diff(optimized.toJson(), baseline.toJson());
        assertEquals(List.of(Columns.TABLE, Columns.KEY, Columns.COLUMN, Columns.BEFORE, Columns.AFTER, Columns.DIFFERENCE,
                Columns.RATIO), d.columnNames());
        Table forward = d.where(d.stringColumn(Columns.TABLE).isEqualTo("operations")
                .and(d.stringColumn(Columns.KEY).isEqualTo("fft.forward"))
                .and(d.stringColumn(Columns.COLUMN).isEqualTo(Columns.CALLS_PER_STEP)));
        assertEquals(1, forward.rowCount(), d.print());
        // per ARS222 step: 18 + 18 + 4 forward transforms optimized, 39 + 39 + 12 baseline (FftCountTest)
        double before = forward.doubleColumn(Columns.BEFORE).get(0);
        double after = forward.doubleColumn(Columns.AFTER).get(0);
        assertEquals(40.0, before, 0.0);
        assertEquals(90.0, after, 0.0);
        assertEquals(after / before, forward.doubleColumn(Columns.RATIO).get(0), 1e-12);
        assertEquals(after - before, forward.doubleColumn(Columns.DIFFERENCE).get(0), 1e-12);
    }

    @Test
    void textThatIsNotAnExportIsRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.diff("{\"a\": 1}", "{}"));
        assertTrue(e.getMessage().contains("must be a profile export"), e.getMessage());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, () -> ProfileJson.read("{\"format\": "));
        assertTrue(broken.getMessage().startsWith("json: expected a value at character"), broken.getMessage());
    }

    @Test
    void stringsWithQuotesAndControlCharactersSurvive() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", ProfileJson.quote("a\"b\\c\n\u0001"));
    }
}
