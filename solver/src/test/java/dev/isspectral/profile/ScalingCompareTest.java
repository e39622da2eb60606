package dev.isspectral.profile;

import dev.isspectral.measure.Estimate;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Tuning;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalingCompareTest {

    /** Keeps each measurement short: the method stops at its budget (after its minimum rounds). */
    private static final Duration BUDGET = Duration.ofMillis(600);

    private static Simulation soundWave(Tuning tuning) {
        return Simulation.builder().grid("2x8x8x8").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).tuning(tuning).build();
    }

    @Test
    void withoutBreakdownThePeakHeapIsMissingNotMinusOne() {
        Table t = Scaling.of(soundWave(Tuning.optimized())).grids("2x8x8x8", "2x16x8x8").warmup(1)
                .budget(BUDGET).breakdown(false).run().table();
        for (int i = 0; i < t.rowCount(); i++) {
            assertTrue(t.longColumn(Scaling.Result.PEAK_HEAP).isMissing(i), "row " + i + ": " + t.longColumn(Scaling.Result.PEAK_HEAP).get(i));
        }
    }

    @Test
    void scalingHasOneRowPerGridAndAFiniteExponent() {
        Scaling.Result r = Scaling.of(soundWave(Tuning.optimized())).grids("2x8x8x8", "2x16x8x8").warmup(1)
                .budget(BUDGET).run();
        Table t = r.table();
        assertEquals(List.of(Scaling.Result.GRID, Scaling.Result.POINTS, Scaling.Result.SECONDS_MEDIAN,
                Scaling.Result.SECONDS_CI_LOW, Scaling.Result.SECONDS_CI_HIGH, Scaling.Result.ROUNDS,
                Scaling.Result.BYTES_PER_STEP, Scaling.Result.BYTES_EXACT, Scaling.Result.PEAK_HEAP), t.columnNames());
        assertEquals(2, t.rowCount());
        assertEquals(1024L, t.longColumn(Scaling.Result.POINTS).get(1));
        assertTrue(Double.isFinite(r.exponentVsN()), r.toString());
        assertTrue(r.exponentEstimate(false).contains(r.exponentVsN()), "the fit to the medians lies in its interval");
        assertTrue(r.operations().rowCount() > 0);
        for (int i = 0; i < 2; i++) {
            assertTrue(t.intColumn(Scaling.Result.ROUNDS).get(i) >= 6);
            assertTrue(t.doubleColumn(Scaling.Result.SECONDS_CI_LOW).get(i) <= t.doubleColumn(Scaling.Result.SECONDS_MEDIAN).get(i));
            assertTrue(t.doubleColumn(Scaling.Result.SECONDS_MEDIAN).get(i) <= t.doubleColumn(Scaling.Result.SECONDS_CI_HIGH).get(i));
            double bytes = t.doubleColumn(Scaling.Result.BYTES_PER_STEP).get(i);
            assertTrue(Double.isNaN(bytes) || bytes >= 0, "allocation is never negative: " + bytes);
        }
    }

    @Test
    void compareGivesOneRatioOfOneForTheFirstSetting() {
        Table t = Compare.of(soundWave(Tuning.optimized()), soundWave(Tuning.baseline())).warmup(1).steps(2).budget(BUDGET).run();
        assertEquals(List.of(Compare.SETTING, Compare.MEDIAN_MS, Compare.CI_LOW_MS, Compare.CI_HIGH_MS, Compare.RATIO,
                Compare.RATIO_LOW, Compare.RATIO_HIGH, Compare.ROUNDS), t.columnNames());
        assertEquals(1.0, t.doubleColumn(Compare.RATIO).get(0), 0.0);
        assertTrue(t.doubleColumn(Compare.RATIO).get(1) > 0);
        assertTrue(t.doubleColumn(Compare.RATIO_LOW).get(1) <= t.doubleColumn(Compare.RATIO).get(1));
        assertTrue(t.intColumn(Compare.ROUNDS).get(0) >= 2);
    }

    @Test
    void compareNamesEachSettingByItsTuningName() {
        Table t = Compare.of(soundWave(Tuning.optimized().named("fast")), soundWave(Tuning.baseline()))
                .warmup(0).steps(1).budget(BUDGET).run();
        assertEquals(List.of("#0 fast", "#1 baseline"), t.stringColumn(Compare.SETTING).asList());
    }

    @Test
    void compareNeedsTwoSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compare.of(soundWave(Tuning.optimized())));
        assertEquals("simulations = 1; must be >= 2 to compare", e.getMessage());
    }

    @Test
    void scalingGridsAreCheckedWhenGivenNotAfterTheMeasurement() {
        Scaling s = Scaling.of(soundWave(Tuning.optimized()));
        assertEquals("grids[1] = \"16x8x8\" has no NT; must be NTxNXxNYxNZ (NT >= 1, the steps of the grid's breakdown"
                        + " profile), e.g. 16x16x8x8",
                assertThrows(IllegalArgumentException.class, () -> s.grids("2x8x8x8", "16x8x8")).getMessage());
        assertEquals("grids = [2x8x8x8, 2x16x8x8, 2 x 8 x 8 x 8] names 2x8x8x8 twice; each grid must appear once",
                assertThrows(IllegalArgumentException.class, () -> s.grids("2x8x8x8", "2x16x8x8", "2 x 8 x 8 x 8"))
                        .getMessage());
        assertEquals("grids[0] = \"2x8x8x8x\"; empty part after the last 'x'; must be NTxNXxNYxNZ (e.g. 32x32x16x16)"
                + " or NXxNYxNZ", assertThrows(IllegalArgumentException.class, () -> s.grids("2x8x8x8x")).getMessage());
    }

    @Test
    void aBaseGridWithoutNtIsRefusedBeforeTheMeasurementWhenProfiled() {
        Simulation boxOnly = Simulation.builder().grid("8x8x8").build();
        assertEquals("steps = 0 (grid 8x8x8 has no NT); must be >= 1 for the breakdown profile: give the simulation"
                        + " NTxNXxNYxNZ, call grids(...), or breakdown(false)",
                assertThrows(IllegalArgumentException.class, () -> Scaling.of(boxOnly).budget(BUDGET).run()).getMessage());
    }

    @Test
    void scalingGridsKeepTheBaseSimulationsBox() {
        Simulation base = soundWave(Tuning.optimized()).toBuilder().box(10).build();
        Scaling.Result r = Scaling.of(base).grids("2x8x8x8").budget(BUDGET).run();
        assertEquals("L = 10.00 x 10.00 x 10.00", r.profiles().get(0).context().box());
    }

    @Test
    void scalingFitRecoversAKnownExponentAndShowsItself() {
        Scaling.Result r = Scaling.of(soundWave(Tuning.optimized())).grids("2x8x8x8", "2x16x8x8").warmup(1)
                .budget(BUDGET).run();
        double[] line = r.fitLine(false);
        Table t = r.table();
        // two points: the line passes through both exactly
        for (int i = 0; i < 2; i++) {
            double n = t.longColumn(Scaling.Result.POINTS).get(i);
            assertEquals(Math.log(t.doubleColumn(Scaling.Result.SECONDS_MEDIAN).get(i)), line[0] * Math.log(n) + line[1], 1e-9);
        }
        assertTrue(r.table().longColumn(Scaling.Result.PEAK_HEAP).get(0) > 0);
        assertTrue(r.toHtml().contains("<caption>scaling") && r.toText().contains(Scaling.Result.SECONDS_MEDIAN));
    }

    @Test
    void overheadHarnessComparesOffWithOnInterleaved() {
        ProfilingOverhead.Result r = ProfilingOverhead.of(soundWave(Tuning.optimized())).warmup(1).rounds(3).budget(BUDGET).run();
        Table t = r.table();
        assertEquals(List.of(ProfilingOverhead.SETTING, ProfilingOverhead.MEDIAN_MS, ProfilingOverhead.CI_LOW_MS,
                ProfilingOverhead.CI_HIGH_MS, ProfilingOverhead.RATIO, ProfilingOverhead.RATIO_LOW,
                ProfilingOverhead.RATIO_HIGH, ProfilingOverhead.ROUNDS), t.columnNames());
        assertEquals(List.of("off", "spans+fft", "spans+fft+redundancy"), t.stringColumn(ProfilingOverhead.SETTING).asList());
        assertEquals(1.0, r.ratio(0), 0.0);
        assertTrue(r.ratio(1) > 0 && r.ratio(2) > 0);
        // an ARS222 step of the sound wave: step, 3 stages, 3 rhs with their children, FFT spans (49 + 49 + 16)
        assertTrue(r.spansPerStep() > 114 && r.spansPerStep() < 400, "spans/step = " + r.spansPerStep());
        assertTrue(r.ratioEstimate(1).low() <= r.ratio(1) && r.ratio(1) <= r.ratioEstimate(1).high());
        assertTrue(r.onNanosPerSpan() > 0 && r.hashNanos() > 0 && r.offNanosPerSpan() >= 0);
        assertTrue(r.offShareBound() >= 0, r.toString());   // its size is a timing: reported, not asserted
        assertTrue(r.toText().startsWith("Profiling overhead on 2x8x8x8"), r.toText());
    }

    @Test
    void compareResultShowsItsTable() {
        Compare.Result r = Compare.of(soundWave(Tuning.optimized()), soundWave(Tuning.baseline())).warmup(0).steps(1)
                .budget(BUDGET).measure();
        assertEquals(2, r.table().rowCount());
        assertTrue(r.toHtml().contains(Compare.MEDIAN_MS) && r.toText().contains("2 settings"));
    }

    @Test
    void aaComparisonOfIdenticalSimulationsGivesAnIntervalContainingOne() {
        // A/A: the same simulation twice. Compare steps two solver instances, whose arrays sit at different heap
        // addresses: under load that alone has given intervals like 0.985 [0.963, 0.998] (seen twice, 2026-12-04).
        // The method's own bias is tested with one operation as both candidates (MeasureMethodTest); here the
        // interval must reach within 3% of 1 (a factor-of-two wiring error, e.g. one candidate stepped twice,
        // gives 2 or 0.5). Three tries, at least two must hold.
        int held = 0;
        StringBuilder seen = new StringBuilder();
        for (int attempt = 0; attempt < 3; attempt++) {
            Simulation sim = soundWave(Tuning.optimized());
            Compare.Result r = Compare.of(sim, sim).budget(Duration.ofMillis(800)).measure();
            Estimate ratio = r.ratioEstimate(1);
            held += ratio.low() <= 1.03 && ratio.high() >= 1 / 1.03 ? 1 : 0;
            seen.append(' ').append(ratio);
        }
        assertTrue(held >= 2, "A/A intervals:" + seen);
    }
}
