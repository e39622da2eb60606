package dev.isspectral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.cli.Main;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.ForkedFigure;
import dev.isspectral.measure.ForkedMeasurement;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code bench levers}: verdicts from intervals; the summary over forks on synthetic rounds of known speed-up (a fake
 * clock: exact answers, no timing); the fork plumbing on a tiny grid in real fresh JVMs (shapes, order alternation,
 * process ids; no timing is asserted); the Markdown, JSON and placement; option errors.
 */
class LeversTest {

    @TempDir
    Path dir;

    @Test
    void verdictFollowsTheWholeInterval() {
        assertEquals(Levers.Effect.PAYS, Levers.Effect.of(new Estimate(1.3, 1.01, 1.5, 10, 0.95, "x")));
        assertEquals(Levers.Effect.COSTS, Levers.Effect.of(new Estimate(0.8, 0.7, 0.99, 10, 0.95, "x")));
        assertEquals(Levers.Effect.NO_CLEAR_EFFECT, Levers.Effect.of(new Estimate(1.3, 0.99, 1.5, 10, 0.95, "x")));
        assertEquals(Levers.Effect.NO_CLEAR_EFFECT, Levers.Effect.of(new Estimate(1.0, 1.0, 1.0, 10, 0.95, "x")),
                "an interval touching 1 is not a gain");
    }

    /**
     * One synthetic fork on a fake clock: "off" takes 2 s × d_r, "on" 2 s × d_r / speedup × (1 + noise·g), with a drift
     * d_r in [1, 1.5) drawn per round and shared by both sides of the round (as a machine's drift is), 6 rounds.
     */
    static Measurement syntheticFork(String name, double speedup, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] now = {0};
        long[] ops = {0};
        double[] drift = {1};
        Runnable tick = () -> {
            if (ops[0]++ % 2 == 0) {       // a new round: every round (warm-up or measured) is one op of each side
                drift[0] = 1 + 0.5 * r.nextDouble();
            }
        };
        Candidate off = Candidate.of("off", () -> {
            tick.run();
            now[0] += (long) (2e9 * drift[0]);
        });
        Candidate on = Candidate.of("on", () -> {
            tick.run();
            double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
            now[0] += (long) (2e9 * drift[0] / speedup * (1 + noise * g));
        });
        return Measure.of(off, on).named(name).clock(() -> now[0]).budget(Duration.ofSeconds(200)).rounds(6, 6)
                .minSample(Duration.ZERO).run();
    }

    /** A result of synthetic levers, each over forks with the given per-fork speed-ups. */
    private static Levers.Result synthetic(double noise, double[]... speedupsPerFork) {
        List<Lever> levers = new ArrayList<>();
        List<ForkedMeasurement> ms = new ArrayList<>();
        for (int i = 0; i < speedupsPerFork.length; i++) {
            List<Measurement> forks = new ArrayList<>();
            for (int k = 0; k < speedupsPerFork[i].length; k++) {
                forks.add(syntheticFork("lever " + i, speedupsPerFork[i][k], noise, 100L * i + k));
            }
            levers.add(Lever.of("lever " + i, "synthetic " + i, t -> t, t -> t));
            ms.add(ForkedMeasurement.of(forks, forks.get(0).load()));
        }
        return new Levers.Result(Grid.parse("8x8x8"), "jtransforms", 1, speedupsPerFork[0].length, Duration.ofSeconds(6),
                Duration.ofSeconds(5), levers, ms, RunContext.start().finish(), "").withCommand("is-spectral bench levers --forks "
                + speedupsPerFork[0].length);
    }

    @Test
    void speedupIsPairedPerRoundAndCombinedOverForks() {
        // no noise: every round's off/on is exactly 1.25 although the times drift by up to 50% between rounds
        Levers.Result exact = synthetic(0, new double[] {1.25, 1.25, 1.25});
        ForkedFigure s = exact.speedupFigure(0);
        assertEquals(1.25, s.estimate().median(), 1e-6);
        assertEquals(1.25, s.estimate().low(), 1e-6, "paired per round: the drift cancels");
        assertEquals(1.25, s.estimate().high(), 1e-6);
        assertTrue(exact.measurement(0).time(0).estimate().relativeWidth() > 0.05,
                "the times themselves drift: " + exact.measurement(0).time(0).estimate());
        assertEquals(List.of(6, 6, 6), s.roundsPerFork());
        assertEquals(18, exact.measurement(0).rounds());
        assertEquals(Levers.Effect.PAYS, exact.effect(0));
        assertFalse(s.betweenForksDominate());

        // forks that disagree (0.9, 1.0, 1.3) by far more than their rounds (0.5% noise): the spread dominates, the
        // interval spans the forks, no verdict either way
        Levers.Result split = synthetic(0.005, new double[] {0.9, 1.0, 1.3}, new double[] {0.8, 0.81, 0.79});
        ForkedFigure d = split.speedupFigure(0);
        assertEquals(3, d.forkMedians().size());
        assertEquals(0.9, d.forkMedians().get(0), 0.02);
        assertEquals(1.0, d.forkMedians().get(1), 0.02);
        assertEquals(1.3, d.forkMedians().get(2), 0.03);
        assertTrue(d.betweenForksDominate(), d.text());
        assertEquals(0.75, d.estimate().confidence(), 1e-12, "3 forks: at most 1 − 2/8 coverage when forks dominate");
        assertTrue(d.estimate().low() < 0.95 && d.estimate().high() > 1.2, d.estimate().toString());
        assertEquals(Levers.Effect.NO_CLEAR_EFFECT, split.effect(0));
        assertEquals(Levers.Effect.COSTS, split.effect(1), split.speedup(1).toString());
    }

    @Test
    void markdownAndJsonSayForksRoundsForkMediansAndDominance() {
        Levers.Result r = synthetic(0.005, new double[] {0.9, 1.0, 1.3}, new double[] {1.25, 1.25, 1.25});
        String md = r.toMarkdown();
        assertTrue(md.contains("| forks×rounds |"), md);
        assertTrue(md.contains("| 3×6* |"), "lever 0: forks dominate\n" + md);
        assertTrue(md.contains("| 3×6 |"), "lever 1: they do not\n" + md);
        assertTrue(md.contains("in 3 fresh JVMs (forks) of its own"), md);
        assertTrue(md.contains(ForkedFigure.legend(3)), "the one legend of forks×rounds and *");
        assertTrue(md.contains("BETWEEN-FORK SPREAD DOMINATES"), md);
        assertTrue(md.contains("| " + Estimate.number(r.speedupFigure(0).forkMedians().get(0)) + ", "), md);
        assertTrue(md.contains("Command: `is-spectral bench levers --forks 3`"), md);
        assertTrue(md.contains("commit "), md);
        Table t = r.table();
        assertEquals(List.of(true, false), t.booleanColumn(Levers.BETWEEN_FORKS_DOMINATE).asList());
        assertEquals(List.of(3, 3), t.intColumn(Levers.FORKS).asList());
        assertEquals(List.of(18, 18), t.intColumn(Levers.ROUNDS).asList());
        assertTrue(r.toHtml().contains("3×6*"));

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) new Publish.Json(r.toJson()).value();
        assertEquals("levers", json.get("measurement"));
        assertEquals(r.context().commit(), json.get("commit"));
        assertEquals("is-spectral bench levers --forks 3", json.get("command"));
        assertEquals(3.0, json.get("forks"));
        assertEquals(6.0, json.get("budget_per_lever_s"));
        assertEquals("8x8x8", json.get("grid"));
        assertTrue(json.get("load_before") instanceof Number || json.get("load_before") == null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("levers");
        assertEquals(2, rows.size());
        Map<String, Object> row0 = rows.get(0);
        assertEquals("lever 0", row0.get("lever"));
        assertEquals(true, row0.get("between_forks_dominate"));
        assertEquals(List.of(6.0, 6.0, 6.0), row0.get("rounds_per_fork"));
        List<?> medians = (List<?>) row0.get("fork_medians");
        assertEquals(3, medians.size());
        assertEquals(r.speedupFigure(0).forkMedians().get(2), ((Number) medians.get(2)).doubleValue(), 1e-6);
        assertEquals(r.speedup(0).low(), ((Number) row0.get("speedup_ci_low")).doubleValue(), 1e-6);
        assertEquals("no clear effect", row0.get("verdict"));
        assertEquals("pays", rows.get(1).get("verdict"));
    }

    @Test
    void placementPutsTheReportWithItsForksIntoTheSection() throws IOException {
        Path report = dir.resolve("levers-jt.md");
        Files.writeString(report, synthetic(0, new double[] {1.2, 1.2}).toMarkdown(), StandardCharsets.UTF_8);
        Path doc = Files.writeString(dir.resolve("B.md"), "# B\n<!-- levers:begin -->\nold\n<!-- levers:end -->\nrest\n");
        int status = Main.run(new String[] {"bench", "place", "levers", "--into", doc.toString(), report.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status);
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        assertTrue(text.contains("From `levers-jt.md`:\n\nLevers at "), text);
        assertTrue(text.contains("| 2×6 |") && text.contains("<!-- levers:end -->\nrest\n") && !text.contains("old"), text);
    }

    /** Real forks on a tiny grid: every lever in fresh JVMs of its own, off/on order alternating; shapes only. */
    @Test
    void eachLeverRunsInFreshJvmsWithAlternatingOrder() {
        Levers.Result r = Levers.on("8x8x8", "jtransforms").threads(1).forks(2).budgetPerLever(Duration.ofSeconds(2))
                .only(List.of("fused", "FLOAT32")).run();
        Table t = r.table();
        assertEquals(2, t.rowCount(), t.print());
        assertEquals(List.of("fused pointwise kernel", "float32 transforms (an option, off by default)"),
                t.stringColumn(Levers.LEVER).asList());
        Set<String> pids = new HashSet<>();
        for (int row = 0; row < t.rowCount(); row++) {
            ForkedMeasurement m = r.measurement(row);
            assertEquals(2, m.forkCount());
            assertFalse(m.inProcess());
            for (int k = 0; k < 2; k++) {
                assertEquals(List.of("off", "on"), m.fork(k).names(), "every fork's candidates back in the order off, on");
            }
            assertEquals(List.of("off", "on"), List.of(m.extras(0).get("first"), m.extras(1).get("first")),
                    "fork 1 builds and leads with off, fork 2 with on");
            pids.add(m.extras(0).get("pid"));
            pids.add(m.extras(1).get("pid"));
            assertTrue(m.roundsPerFork().stream().allMatch(n -> n >= 3), m.roundsPerFork().toString());
            assertTrue(t.doubleColumn(Levers.SPEEDUP_LOW).get(row) <= t.doubleColumn(Levers.SPEEDUP).get(row));
            assertTrue(t.doubleColumn(Levers.SPEEDUP).get(row) <= t.doubleColumn(Levers.SPEEDUP_HIGH).get(row));
            assertEquals(2, t.intColumn(Levers.FORKS).get(row));
            assertEquals(Levers.Effect.of(r.speedup(row)).toString(), t.stringColumn(Levers.VERDICT).get(row));
        }
        assertEquals(4, pids.size(), "four fresh JVMs, one per lever and fork: " + pids);
        assertFalse(pids.contains(Long.toString(ProcessHandle.current().pid())));
        String md = r.toMarkdown();
        assertTrue(md.contains("| fused pointwise kernel |") && md.contains("| 2×") && md.contains("1 thread "), md);
    }

    @Test
    void oneForkMeasuresInThisJvm() {
        Levers.Result r = Levers.on("8x8x8", "jtransforms").threads(1).forks(1).budgetPerLever(Duration.ofSeconds(1))
                .only(List.of("tiled")).run();
        assertTrue(r.measurement(0).inProcess());
        assertEquals(Long.toString(ProcessHandle.current().pid()), r.measurement(0).extras(0).get("pid"));
        assertTrue(r.measurement(0).rounds() >= 6);
        assertTrue(r.toMarkdown().contains("in this JVM, one lever after another"), r.toMarkdown());
        assertTrue(r.toMarkdown().contains(ForkedFigure.legend(1)));
    }

    @Test
    void aLeverForAnotherBackendIsSkipped() {
        Lever fftwOnly = Lever.of("x", "y", t -> t, t -> t).onlyFor("fftw");
        assertTrue(fftwOnly.appliesTo("fftw"));
        assertTrue(!fftwOnly.appliesTo("jtransforms"));
        assertTrue(Lever.of("x", "y", t -> t, t -> t).appliesTo("jtransforms"));
        assertThrows(IllegalArgumentException.class, () -> Lever.of("x", "y", t -> t, t -> t).onlyFor("cufft"));
        assertThrows(IllegalArgumentException.class, () -> Lever.of(" ", "y", t -> t, t -> t));
    }

    @Test
    void badOptionsNameTheOption() {
        for (String[] args : new String[][] {{"bench", "levers", "--threads", "0"}, {"bench", "levers", "--threads", "a"},
            {"bench", "levers", "--budget", "0"}, {"bench", "levers", "--fast"}, {"bench", "levers", "--out", "x.txt"},
            {"bench", "levers", "--only", "nothing-like-this"}, {"bench", "levers", "--backend", "cufft"},
            {"bench", "levers", "--grid"}, {"bench", "levers", "--forks", "0"}, {"bench", "levers", "--forks", "x"},
            {"bench", "levers", "--json", "x.md"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, status, String.join(" ", args));
            String text = err.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("error: "), text);
        }
    }
}
