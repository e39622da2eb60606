package dev.isspectral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.ForkedMeasurement;
import dev.isspectral.measure.MachineLoad;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code bench builds}: options, the verdict from the interval, the worker protocol and the report (no timing asserted). */
class BuildsCommandTest {

    private static final String[] BOTH = {"--before-cp", "/a", "--after-cp", "/b"};

    @Test
    void verdictNeedsTheWholeIntervalWithinTheTolerance() {
        assertEquals(Verdict.PASS, BuildsCommand.verdict(new Estimate(0.99, 0.97, 1.019, 20, 0.95, "x"), 0.02));
        assertEquals(Verdict.INCONCLUSIVE, BuildsCommand.verdict(new Estimate(1.0, 0.97, 1.03, 20, 0.95, "x"), 0.02),
                "an interval reaching past 1.02 is not 'not slower'");
        assertEquals(Verdict.MISS, BuildsCommand.verdict(new Estimate(1.1, 1.05, 1.2, 20, 0.95, "x"), 0.02));
        assertEquals(Verdict.PASS, BuildsCommand.verdict(new Estimate(1.04, 1.03, 1.049, 20, 0.95, "x"), 0.05));
        assertTrue(BuildsCommand.verdictText(Verdict.INCONCLUSIVE, 0.02).startsWith("INCONCLUSIVE"));
        assertTrue(BuildsCommand.verdictText(Verdict.PASS, 0.02).contains("1.020"));
    }

    @Test
    void optionsAreParsedAndBadOnesNamed() {
        BuildsCommand.Options o = BuildsCommand.parse(new String[] {"--before-cp", "/a", "--after-cp", "/b", "--grid",
                "64x32x32", "--threads", "1", "--backend", "fftw", "--tolerance", "0.05", "--jvm-options", "-Xmx1g -Xss2m",
                "--out", "x/builds.md"});
        assertEquals("64x32x32", o.grid());
        assertEquals(1, o.threads());
        assertEquals("fftw", o.backend());
        assertEquals(0.05, o.tolerance());
        assertEquals(List.of("-Xmx1g", "-Xss2m"), o.jvmOptions());
        assertEquals(List.of("java", "-Xmx1g", "-Xss2m", "-cp", "/a", "StepWorker", "64x32x32", "fftw", "1"),
                BuildsCommand.command("java", o, true));
        assertEquals(List.of("java", "-Xmx1g", "-Xss2m", "-cp", "/b", "StepWorker", "64x32x32", "fftw", "1"),
                BuildsCommand.command("java", o, false), "no after-only options given");
        BuildsCommand.Options lever = BuildsCommand.parse(with("--after-jvm-options", "-XX:+UseTransparentHugePages"));
        assertEquals(List.of("java", "-Xmx3g", "-XX:+UseTransparentHugePages", "-cp", "/b", "StepWorker", "128x64x64",
                "jtransforms", "2"), BuildsCommand.command("java", lever, false));
        assertEquals(List.of("java", "-Xmx3g", "-cp", "/a", "StepWorker", "128x64x64", "jtransforms", "2"),
                BuildsCommand.command("java", lever, true), "the before worker never gets them");
        BuildsCommand.Options d = BuildsCommand.parse(BOTH);
        assertEquals("128x64x64", d.grid());
        assertEquals(2, d.threads());
        assertEquals(Duration.ofSeconds(120), d.budget());
        assertEquals(3, d.pairs());
        assertEquals(5, BuildsCommand.parse(with("--pairs", "5")).pairs());
        assertMessage("--pairs = 0", with("--pairs", "0"));

        assertMessage("--after-cp", new String[] {"--before-cp", "/a"});
        assertMessage("--backend = \"cufft\"", with("--backend", "cufft"));
        assertMessage("--threads = 0", with("--threads", "0"));
        assertMessage("--tolerance = \"-1\"", with("--tolerance", "-1"));
        assertMessage("--out = \"b.txt\"", with("--out", "b.txt"));
        assertMessage("unknown argument \"--fast\"", with("--fast", "1"));
        assertMessage("--budget needs a value", new String[] {"--before-cp", "/a", "--after-cp", "/b", "--budget"});
    }

    @Test
    void workerAnswersEachRequestAndAFailedStartSaysSo() throws IOException {
        String script = "echo ready fake tuning; while read l; do case $l in step*) echo done;; jit) echo jit 12.5;;"
                + " quit) exit 0;; *) echo error;; esac; done";
        try (BuildsCommand.Worker w = BuildsCommand.Worker.start(List.of("/bin/sh", "-c", script), "fake")) {
            assertEquals("fake tuning", w.ready());
            assertEquals("done", w.ask("step 3", "done"));
            assertEquals(12.5, w.jitMillis());
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> w.ask("nonsense", "done"));
            assertTrue(e.getMessage().contains("answered \"error\""), e.getMessage());
        }
        IOException e = assertThrows(IOException.class,
                () -> BuildsCommand.Worker.start(List.of("/bin/sh", "-c", "echo Exception in thread main"), "broken"));
        assertTrue(e.getMessage().contains("did not start"), e.getMessage());
    }

    @Test
    void reportShowsTheRatioVerdictCommitsAndNaForTheWorkersAllocationAndJit() {
        AtomicLong clock = new AtomicLong();
        Candidate before = Candidate.of("before (aaa)", () -> clock.addAndGet(10_000_000));
        Candidate after = Candidate.of("after (bbb)", () -> clock.addAndGet(9_000_000));
        Measurement m = Measure.of(before, after).clock(clock::get).budget(Duration.ofSeconds(2)).batch(1)
                .rounds(20, 20).run();
        BuildsCommand.Options o = BuildsCommand.parse(new String[] {"--before-cp", "/a", "--after-cp", "/b",
                "--before-label", "aaa", "--after-label", "bbb", "--steps", "2", "--command", "bash bench-builds.sh aaa"});
        MachineLoad load = new MachineLoad(10, 2, 0.5, 0.6, 0, 0.9, 0.05, 0, 0, 0, 0, 0, 1);
        // a second pair that ran the builds in the other order: combined by name
        Measurement swapped = Measure.of(after, before).clock(clock::get).budget(Duration.ofSeconds(2)).batch(1)
                .rounds(20, 20).run().inOrder(List.of("before (aaa)", "after (bbb)"));
        assertEquals(10e-3, swapped.time(0).median(), 1e-12, "reordered: before first");
        BuildsCommand.Report r = new BuildsCommand.Report(o, ForkedMeasurement.of(List.of(m, swapped), load), load, 16.0,
                new String[] {"t1", "t2"}, new double[] {100, 200}, "2026-12-04 20:00 UTC");
        assertEquals(0.9, r.ratio().median(), 1e-12, "after/before of the fake costs");
        assertEquals(List.of(0.9, 0.9), r.ratioFigure().forkMedians().stream().map(x -> Math.rint(x * 1e9) / 1e9).toList());
        assertEquals(0.9, r.othersWithoutWorkers(), 1e-12, "the workers, waited for, are this process's own CPU");
        String md = r.markdown();
        assertTrue(md.contains("| before (aaa) | 5.000 [5.000, 5.000] | 1 (reference) | 2×20 |"), md);
        assertTrue(md.contains("2 pairs of fresh worker JVMs"), md);
        assertTrue(md.contains("n/a (worker JVM)"), md);
        assertTrue(md.contains("NOT SLOWER"), md);
        assertTrue(md.contains("`bash bench-builds.sh aaa`"), md);
        String json = r.json();
        assertTrue(json.contains("\"before\": \"aaa\""), json);
        assertTrue(json.contains("\"verdict\": \"PASS\""), json);
        assertTrue(json.contains("\"before_ms_per_step\": {\"median\": 5.0"), json);
        assertTrue(json.contains("\"allocation\": \"n/a (worker JVMs)\""), json);
        assertTrue(json.contains("\"pairs\": 2,") && json.contains("\"rounds_per_pair\": [20, 20]"), json);
    }

    private static String[] with(String option, String value) {
        return new String[] {"--before-cp", "/a", "--after-cp", "/b", option, value};
    }

    private static void assertMessage(String fragment, String[] args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuildsCommand.parse(args));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
