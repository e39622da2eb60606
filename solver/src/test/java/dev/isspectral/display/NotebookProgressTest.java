package dev.isspectral.display;

import dev.isspectral.sim.ProgressMeter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notebook bar renders its state; outside a kernel it shows nothing and never fails. */
class NotebookProgressTest {

    @Test
    void barShowsTheFractionAndTheLine() {
        var bar = new NotebookProgress.Bar(new ProgressMeter.Snapshot("run 16x8x8", 110, 440, 2.75, Double.NaN, 2.0, false));
        String html = bar.toHtml();
        assertTrue(html.contains("<progress max=\"1000\" value=\"250\""), html);
        assertTrue(html.contains("step 110 / 440 (25%)"), html);
        assertEquals(bar.toText(), new ProgressMeter.Snapshot("run 16x8x8", 110, 440, 2.75, Double.NaN, 2.0, false).line());
        var done = new NotebookProgress.Bar(new ProgressMeter.Snapshot("run", 440, 440, 11, Double.NaN, 4.0, true));
        assertTrue(done.toHtml().contains("value=\"1000\""), done.toHtml());
    }

    @Test
    void outsideAKernelTheBarIsSilent() {
        ProgressMeter meter = NotebookProgress.bar();
        assertDoesNotThrow(() -> {
            meter.start("run", 2, Double.NaN);
            meter.advance(2, 1.0);
            meter.finish();
        });
    }
}
