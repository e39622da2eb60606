package dev.isspectral.sim;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress: rate, ETA and the line shown, throttled; a run drives it from start to finish. */
class ProgressMeterTest {

    private final long[] now = {0};
    private final List<ProgressMeter.Snapshot> shown = new ArrayList<>();
    private final ProgressMeter meter = new ProgressMeter(shown::add, () -> now[0], 250_000_000L);

    @Test
    void rateEtaAndLineFromStepsAndElapsedTime() {
        meter.start("run 32x16x16", 880, Double.NaN);
        now[0] = 2_000_000_000L;              // 2 s
        meter.advance(220, 2.75);
        ProgressMeter.Snapshot s = shown.get(shown.size() - 1);
        assertEquals(0.25, s.fraction(), 0.0);
        assertEquals(110.0, s.rate(), 1e-12);
        assertEquals(6.0, s.etaSeconds(), 1e-12, "3/4 left at the rate so far: 3 x 2 s");
        assertEquals("run 32x16x16: step 220 / 880 (25%) \u00b7 t = 2.750 \u00b7 2.0 s \u00b7 ETA 6.0 s \u00b7 110 steps/s", s.line());
        now[0] = 8_000_000_000L;
        meter.advance(880, 11);
        meter.finish();
        ProgressMeter.Snapshot last = shown.get(shown.size() - 1);
        assertTrue(last.finished());
        assertEquals("run 32x16x16: 880 steps in 8.0 s \u00b7 110 steps/s \u00b7 t = 11.00", last.line());
    }

    @Test
    void updatesAreShownAtMostEveryInterval() {
        meter.start("bench", 1000, Double.NaN);
        for (int i = 1; i <= 1000; i++) {
            now[0] += 1_000_000L;              // 1 ms a step: 1 s in all
            meter.advance(i, Double.NaN);
        }
        meter.finish();
        // the start, one every 250 ms (4), the finish
        assertEquals(6, shown.size(), shown.toString());
        meter.finish();
        assertEquals(6, shown.size(), "finishing twice shows nothing more");
    }

    @Test
    void aRunByTimeReportsItsFractionByTime() {
        ProgressMeter.Snapshot s = new ProgressMeter.Snapshot("run", 10, -1, 2.5, 10, 1.0, false);
        assertEquals(0.25, s.fraction(), 0.0);
        assertTrue(s.line().contains("step 10 (25%)"), s.line());
        assertEquals("profile: done in 3.2 s", new ProgressMeter.Snapshot("profile", 0, -1, Double.NaN, Double.NaN, 3.2, true).line());
        assertEquals("4 min 05 s", ProgressMeter.Snapshot.seconds(245));
        assertThrows(IllegalArgumentException.class, () -> new ProgressMeter(x -> { }, System::nanoTime, -1));
    }

    @Test
    void aSimulationRunStartsAdvancesAndFinishesItsObservers() {
        Simulation sim = Simulation.builder().grid("12x8x8x8").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).observer(meter).build();
        sim.run(Until.steps(12));
        assertEquals(12, shown.get(shown.size() - 1).done());
        assertEquals(12, shown.get(0).total());
        assertTrue(shown.get(0).label().startsWith("run "), shown.get(0).label());
        assertTrue(shown.get(shown.size() - 1).finished());
        assertFalse(shown.get(0).finished());
    }

    @Test
    void workItCannotSeeIsShownWithItsElapsedTimeAndItsResultReturned() {
        List<ProgressMeter.Snapshot> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        ProgressMeter live = new ProgressMeter(seen::add, System::nanoTime, 0);
        String result = live.during("profile 4x8x8x8", () -> {
            try {
                Thread.sleep(1200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return "profiled";
        });
        assertEquals("profiled", result);
        assertTrue(seen.size() >= 3, "start, at least one tick, finish: " + seen);
        ProgressMeter.Snapshot last = seen.get(seen.size() - 1);
        assertTrue(last.finished() && last.elapsedSeconds() >= 1.2, last.toString());
        assertTrue(last.line().startsWith("profile 4x8x8x8: done in 1."), last.line());
        assertTrue(seen.get(1).line().matches("profile 4x8x8x8: \\d+ ms|profile 4x8x8x8: \\d\\.\\d s"), seen.get(1).line());
    }

    @Test
    void terminalLineIsRewrittenInPlaceAndEndsWithANewline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressMeter t = ProgressMeter.terminal(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        t.start("run 8x8x8", 4, Double.NaN);
        t.clear();
        t.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\rrun 8x8x8: step 0 / 4 (0%)"), out);
        String[] parts = out.split("\r", -1);
        assertEquals(5, parts.length, out);   // "", the line, its blanks, "", the final line
        assertEquals(" ".repeat(parts[1].length()), parts[2], "clear erases the line: " + out);
        assertTrue(out.endsWith("\n"), out);
        assertFalse(ProgressMeter.onTerminal(false), "--no-progress");
    }
}
