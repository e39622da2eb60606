package dev.isspectral.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        Result r = run("profile", "--grid", "2x8x8x4", "--warmup", "1", "--tuning", "optimized", "--steps", "1",
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
