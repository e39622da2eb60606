package dev.isspectral.display;

import dev.isspectral.display.spi.MimeTypes;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Run;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Until;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Summaries of a sound wave ε = 1 + A cos x (A = 0.01, at rest) on an 8x8x8 grid in a 2π box:
 * at t = 0 the total energy is ∫ε dV = (2π)³ = 248.050, max |v| = 0, and ε spans [0.99, 1.01]
 * (the grid samples x = 0 and x = π).
 */
class SummariesTest {

    private static final Simulation SIM = Simulation.builder()
            .grid("3x8x8x8")
            .initial(Initial.soundWave().mode(1, 0, 0).amplitude(0.01))
            .build();

    private static String row(String name, String value) {
        return "<tr><th style=\"text-align:left\">" + name + "</th><td style=\"text-align:left\">" + value + "</td></tr>";
    }

    @Test
    void simulationHtmlIsTheSettingsTreeWithMemoryEstimate() {
        String html = Summaries.html(SIM);
        assertTrue(html.startsWith("<div class=\"is-spectral-simulation\">\n<p><b>Simulation 3x8x8x8</b></p>"), html);
        assertTrue(html.contains(row("grid", "3x8x8x8 (3 steps of a 8x8x8 box, L = 6.283 x 6.283 x 6.283)")), html);
        assertTrue(html.contains(row("EOS", Html.escape(SIM.eos().describe()))), html);
        assertTrue(html.contains(row("transport", Html.escape(SIM.transport().describe()))), html);
        assertTrue(html.contains(row("initial", "sound wave, mode (1, 0, 0), A = 0.0100, eps0 = 1.00000")), html);
        assertTrue(html.contains(row("integrator", Html.escape(String.valueOf(SIM.integrator())))), html);
        assertTrue(html.contains(row("tuning", Html.escape(SIM.tuning().describe()))), html);
        assertTrue(html.contains(row("filter", "none")), html);
        String memory = String.format(Locale.ROOT, "~%.2f MiB (%.0f bytes per grid point)",
                SIM.estimatedBytes() / 1048576.0, SIM.estimatedBytes() / 512.0);
        assertTrue(html.contains(row("memory", memory)), html);
        assertTrue(SIM.estimatedBytes() / 512 > 500, "hundreds of bytes per point, as BENCHMARKS.md says");
    }

    @Test
    void simulationTextIsItsOwnTree() {
        assertEquals(SIM.toString(), Summaries.text(SIM));
        assertTrue(Summaries.text(SIM).contains("└── memory:"));
        String memory = SIM.memorySummary();
        assertEquals(String.format(Locale.ROOT, "~%.2f MiB (%d bytes per grid point)", SIM.estimatedBytes() / 1048576.0,
                Math.round((double) SIM.estimatedBytes() / SIM.grid().size())), memory);
        assertTrue(Summaries.text(SIM).contains("└── memory:      " + memory), "one text for the estimate: " + Summaries.text(SIM));
        assertTrue(Summaries.html(SIM).contains(memory), "the HTML summary shows the same estimate");
    }

    @Test
    void freshSolverShowsTheAnalyticInitialObservables() {
        Solver solver = SIM.start();
        String html = Summaries.html(solver);
        assertTrue(html.contains("<p><b>Solver on 8x8x8 (3x8x8x8): step 0, t = 0.00000</b></p>"), html);
        assertTrue(html.contains(row("total energy", "248.05")), html);
        assertTrue(html.contains(row("max |v|", "0")), html);
        assertTrue(html.contains(row("min eps", "0.99")), html);
        assertTrue(html.contains(row("max eps", "1.01")), html);
        assertTrue(html.contains(Quantities.precise(solver.nextTimeStep()) + " (next step; none taken yet)"), html);
    }

    @Test
    void solverAfterAStepShowsThatStepsDtAndConservedEnergy() {
        Solver solver = SIM.start();
        solver.step();
        double dt = solver.lastStep().dt();
        String text = Summaries.text(solver);
        assertTrue(text.startsWith(String.format(Locale.ROOT, "Solver on 8x8x8 (3x8x8x8): step 1, t = %.6g", dt)), text);
        assertTrue(text.contains(String.format(Locale.ROOT, "├── dt:            %.6g (last step, CFL number 0.250)", dt)), text);
        assertTrue(text.contains("├── total energy:  248.05"), "energy is conserved: " + text);
        assertTrue(text.contains("└── memory held:"), text);
    }

    @Test
    void runShowsStepsWallTimeFinalObservablesAndHistoryHead() {
        Run run = SIM.run(Until.steps(7));
        String html = Summaries.html(run);
        assertTrue(html.contains(row("steps", "7")), html);
        assertTrue(html.contains(String.format(Locale.ROOT, "%.3f s", run.wallSeconds())), html);
        assertTrue(html.contains(row("final time", String.format(Locale.ROOT, "%.6g", run.solver().time()))), html);
        assertTrue(html.contains("<th style=\"text-align:left\">total energy</th><td style=\"text-align:left\">248.05 (relative change "), html);
        double lastMaxEps = run.history().doubleColumn(Run.MAX_ENERGY_DENSITY).get(7);
        assertTrue(lastMaxEps < 1.01 && lastMaxEps > 0.99, "the wave has moved energy around, within the initial range");
        assertTrue(html.contains(row(Run.MAX_ENERGY_DENSITY, String.format(Locale.ROOT, "%.6g", lastMaxEps))), html);
        assertTrue(html.contains("history: first 5 of 8 rows (run.history() has them all)"), html);
        assertTrue(html.contains("<tr><td class=\"num\">4</td>"), "step 4 is in the head: " + html);
        assertFalse(html.contains("<tr><td class=\"num\">5</td>"), "step 5 is not: " + html);
        String text = Summaries.text(run);
        assertTrue(text.startsWith(run.toString()), text);
        assertTrue(text.contains("├── steps:"), text);
        assertTrue(text.contains("history: first 5 of 8 rows"), text);
    }

    @Test
    void theProviderRendersSimulationsSolversAndRuns() {
        SolverDisplayProvider provider = new SolverDisplayProvider();
        assertTrue(provider.supports(SIM));
        Map<String, String> out = provider.render(SIM, Set.of());
        assertEquals(Summaries.html(SIM), out.get(MimeTypes.TEXT_HTML));
        assertEquals(SIM.toString(), out.get(MimeTypes.TEXT_PLAIN));
        Map<String, String> textOnly = provider.render(SIM.start(), Set.of(MimeTypes.TEXT_PLAIN));
        assertFalse(textOnly.containsKey(MimeTypes.TEXT_HTML));
        assertTrue(textOnly.get(MimeTypes.TEXT_PLAIN).startsWith("Solver on 8x8x8"));
    }

    @Test
    void otherObjectsHaveNoSummary() {
        assertFalse(Summaries.supports("text"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Summaries.html(42));
        assertEquals("value of type java.lang.Integer has no summary; supported: Simulation, Solver, Run", e.getMessage());
    }
}
