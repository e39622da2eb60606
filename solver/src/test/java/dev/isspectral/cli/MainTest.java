package dev.isspectral.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsCasesAndOptions() {
        Result r = run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("sound-wave") && r.out().contains("--eta-over-s") && r.out().contains("--grid"));
    }

    /** run takes the tuning, backend and threads; the steps' physics columns agree to the printed digit. */
    @Test
    void runTakesTuningBackendAndThreads() {
        Result one = run("run", "random-field", "--grid", "3x16x8x8", "--threads", "1", "--backend", "jtransforms");
        Result five = run("run", "random-field", "--grid", "3x16x8x8", "--threads", "5", "--backend", "java");
        Result naive = run("run", "random-field", "--grid", "3x16x8x8", "--tuning", "baseline");
        for (Result r : List.of(one, five, naive)) {
            assertEquals(0, r.status(), r.err());
        }
        assertTrue(one.out().contains("jtransforms r2c double t1"), one.out());
        assertTrue(five.out().contains("java r2c double t5") && five.out().contains("5 threads"), five.out());
        assertTrue(naive.out().contains("tuning") && naive.out().contains("baseline: workspaces per call"), naive.out());
        assertEquals(stepColumns(one.out()), stepColumns(five.out()));
        assertEquals(stepColumns(one.out()), stepColumns(naive.out()));
        assertEquals(3, stepColumns(one.out()).size(), one.out());
        assertEquals("error: --threads = 0; must be a whole number, 1 … 256",
                run("run", "sound-wave", "--threads", "0").err().strip());
        assertEquals("error: --backend = \"cufft\"; must be jtransforms, java, fftw or best",
                run("run", "sound-wave", "--backend", "cufft").err().strip());
        assertEquals("error: --tuning = \"fast\"; must be baseline or optimized",
                run("run", "sound-wave", "--tuning", "fast").err().strip());
    }

    /** The step lines without their last column (the wall time). */
    private static List<String> stepColumns(String out) {
        return out.lines().filter(l -> l.matches("\\s+[0-9]+ .*")).map(l -> l.strip().replaceAll("\\s+\\S+$", "")).toList();
    }

    @Test
    void helpAfterACommandIsTheHelpToo() {
        for (String[] args : new String[][] {{"run", "--help"}, {"run", "sound-wave", "-h"}, {"profile", "--help"},
                {"bench", "targets", "--help"}, {"bench", "scaling", "--help"}}) {
            Result r = run(args);
            assertEquals(0, r.status(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith("usage: is-spectral run <case>") && r.err().isEmpty(), String.join(" ", args) + ": " + r.out());
        }
    }

    @Test
    void runPrintsOneLinePerStepAndASummary() {
        Result r = run("run", "sound-wave", "--grid", "5x8x8x4");
        assertEquals(0, r.status(), r.err());
        long stepLines = r.out().lines().filter(l -> l.matches("\\s+[1-5] .*")).count();
        assertEquals(5, stepLines, r.out());
        assertTrue(r.out().contains("summary: 5 steps of a 8x8x4 box"), r.out());
    }

    @Test
    void badArgumentsGiveOneLineAndStatusTwo() {
        for (String[] args : new String[][] {
            {"run", "no-such-case"}, {"run", "sound-wave", "--eta-over-s", "-1"}, {"run", "sound-wave", "--grid", "8x8"},
            {"run", "sound-wave", "--b-pi", "1.9"}, {"run", "sound-wave", "--every"}, {"frobnicate"},
            {"run", "sound-wave", "--integrator", "euler"}, {"run", "sound-wave", "--dt", "fast"}}) {
            Result r = run(args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
        }
    }

    @Test
    void benchPrintsSecondsPerStepAndPeakHeap() {
        Result r = run("bench", "--grids", "2x8x8x4", "--warmup", "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("2x8x8x4") && r.out().contains("peak heap"), r.out());
    }

    @Test
    void profileWritesTheHtmlReportNamedByOut(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path html = dir.resolve("profile.html");
        Result r = run("profile", "--grid", "2x8x8x4", "--warmup", "1", "--steady-limit", "0", "--tuning", "optimized", "--steps", "1",
                "--large-allocations", "0", "--out", html.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(java.nio.file.Files.exists(html));
        assertTrue(java.nio.file.Files.exists(dir.resolve("profile.json")));
        assertTrue(r.out().contains("wrote " + html), r.out());
    }

    @Test
    void profileWithBadArgumentsGivesOneLineAndStatusTwo() {
        for (String[] args : new String[][] {{"profile"}, {"profile", "--tuning", "fastest", "--out", "p.html"},
            {"profile", "--grid", "0x8x8x8", "--out", "p.html"}, {"profile", "--out", "p.csv"}}) {
            Result r = run(args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
        }
    }

    @Test
    void helpDescribesProfile() {
        Result r = run("--help");
        assertTrue(r.out().contains("is-spectral profile") && r.out().contains("--out FILE.html")
                && r.out().contains("--tuning NAME"), r.out());
    }
}
