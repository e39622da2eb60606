package dev.isspectral.report;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.profile.Profile;
import dev.isspectral.profile.ProfileContext;
import dev.isspectral.profile.ProfileJson;
import dev.isspectral.profile.Profiler;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Tuning;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileComparisonTest {

    private static String baselineJson;
    private static String optimizedJson;
    private static Profile optimized;

    @BeforeAll
    static void profileTwoTunings() {
        Simulation.Builder b = Simulation.builder().grid("6x8x8x8").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3));
        baselineJson = Profiler.of(b.tuning(Tuning.baseline()).build()).warmup(1).largeAllocations(0).run().toJson();
        optimized = Profiler.of(b.build()).warmup(1).largeAllocations(0).run();
        optimizedJson = optimized.toJson();
    }

    @Test
    void theExportCarriesTheRunContextAndPerStepSamples() {
        ProfileJson.Export e = ProfileJson.load(optimizedJson);
        ProfileContext c = e.context();
        assertEquals(optimized.context(), c);
        assertEquals("6x8x8x8", c.grid());
        assertEquals("optimized", c.tuning());
        assertEquals(6, c.steps());
        assertEquals("ARS(2,2,2)", c.integrator());
        Table spanSteps = e.tables().get("span_steps");
        assertEquals(6 * optimized.hierarchy().rowCount(), spanSteps.rowCount());
        // the headline read back is the headline of the run
        assertEquals(optimized.headline().msPerStep(), e.headline().msPerStep());
        assertEquals(optimized.headline().findings(), e.headline().findings());
    }

    @Test
    void anExportWithoutContextReadsAsUnknown() {
        String old = optimizedJson.replaceFirst("\"context\": \\{[^}]*\\},", "");
        assertEquals(ProfileContext.UNKNOWN, ProfileJson.load(old).context());
    }

    @Test
    void aProfileComparedWithItselfShiftsByNothing() {
        ProfileComparison c = ProfileComparison.of(optimizedJson, "run", optimizedJson, "run");
        assertEquals(0, c.stepTimeShift().estimate(), 0.0);
        assertTrue(c.stepTimeShift().low() <= 0 && c.stepTimeShift().high() >= 0);
        Table spans = c.spans();
        assertEquals(optimized.hierarchy().rowCount(), spans.rowCount());
        for (int r = 0; r < spans.rowCount(); r++) {
            assertEquals(0, spans.doubleColumn("shift_ms").getDouble(r), 0.0);
            assertEquals("no", spans.getString(r, "resolved"));
        }
        assertTrue(c.findings().get(0).startsWith("The two runs are not distinguishable in step time"), c.findings().toString());
        assertTrue(c.findings().get(1).startsWith("No span changed"), c.findings().toString());
        assertTrue(c.html().contains("run (1)") && c.html().contains("run (2)"));
    }

    /**
     * The baseline transforms 164 times a step (a forward transform per derivative), the optimized solver 114: the
     * exact counts side by side; a span only one of them has (the baseline's flux-values pass) is listed as such.
     */
    @Test
    void twoTuningsCompareSideBySideWithPerSpanDifferences() {
        ProfileComparison c = ProfileComparison.of(baselineJson, "baseline", optimizedJson, "optimized");
        String html = c.html();
        String[] order = {"<section id=\"headline\">", "class=\"findings\"", "<th class=\"num\">baseline</th>",
            "<th class=\"num\">optimized</th>", "shift (B − A)", "<section id=\"charts\">", "id=\"chart-steps\"",
            "id=\"chart-breakdown\"", "<section id=\"spans\">"};
        int at = -1;
        for (String marker : order) {
            int next = html.indexOf(marker);
            assertTrue(next > at, marker);
            at = next;
        }
        assertTrue(html.contains("<td class=\"num\">164</td><td class=\"num\">114</td><td class=\"num\">−50</td>"), html);
        Table spans = c.spans();
        int fluxValues = spans.stringColumn("span").indexOf("step/stage1/rhs/flux-values");
        assertTrue(fluxValues >= 0, spans.print());
        assertEquals("one side only", spans.getString(fluxValues, "resolved"));
        assertEquals(2, html.split("<img ").length - 1, "two overlaid charts");
        assertTrue(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"));
    }

    /** Which argument is wrong: the export that is not one names its argument and its profile; a name is required. */
    @Test
    void badArgumentsSayWhichOfTheTwo() {
        var e = assertThrows(IllegalArgumentException.class, () -> ProfileComparison.of(baselineJson, "base", "{}", "opt"));
        assertTrue(e.getMessage().startsWith("jsonB (opt): json = \"{}\"; must be a profile export"), e.getMessage());
        assertEquals("nameA = null; must name the profile in the report, e.g. its file name", assertThrows(
                IllegalArgumentException.class, () -> ProfileComparison.of(baselineJson, null, optimizedJson, "opt")).getMessage());
    }

    @Test
    void compareCommandWritesTheReportAndRejectsBadArgumentsWithOneLine(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("base.json"), baselineJson);
        Path b = Files.writeString(dir.resolve("opt.json"), optimizedJson);
        Path out = dir.resolve("sub").resolve("c.html");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status = ProfileCommand.run(new String[] {"compare", a.toString(), b.toString(), "--out", out.toString()},
                new PrintStream(stdout), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status, stdout.toString());
        assertTrue(Files.readString(out).startsWith("<!DOCTYPE html>"));
        assertTrue(stdout.toString().contains("wrote " + out), stdout.toString());
        String[][] bad = {{"compare", a.toString(), "--out", "c.html"}, {"compare", a.toString(), b.toString()},
            {"compare", a.toString(), b.toString(), "--out", "c.txt"}, {"compare", a.toString(), dir.resolve("none.json").toString(),
                "--out", "c.html"}, {"compare", a.toString(), out.toString(), "--out", "c.html"},
            {"compare", a.toString(), b.toString(), "--frobnicate"}};
        String[] expected = {"profiles = 1 files; must be exactly two JSON exports", "--out is required",
            "--out = \"c.txt\"; must be a file name ending in .html", "cannot be read", "must be a profile export",
            "unknown option --frobnicate"};
        int[] statuses = {2, 2, 2, 1, 2, 2};
        for (int i = 0; i < bad.length; i++) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int s = ProfileCommand.run(bad[i], new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
            assertEquals(statuses[i], s, String.join(" ", bad[i]));
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("error: ") && err.toString().contains(expected[i]), err.toString());
        }
    }

    /**
     * Opened in headless Chromium at a 1400 px window, neither a report nor a comparison is wider than the window
     * (notebooks/tools/report_width.py; skipped where Chromium or the tool is missing).
     */
    @Test
    void reportsFitA1400PixelWindowInChromium(@TempDir Path dir) throws IOException, InterruptedException {
        Path tool = Path.of("..", "notebooks", "tools", "report_width.py").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(tool), "no " + tool);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "no /usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
        Path report = dir.resolve("profile.html");
        ProfileReport.writeHtml(optimized, report);
        Path comparison = Files.writeString(dir.resolve("compare.html"),
                ProfileComparison.of(baselineJson, "baseline", optimizedJson, "optimized").html());
        Process p = new ProcessBuilder(List.of("/usr/bin/python3", tool.toString(), "--width", "1400", report.toString(),
                comparison.toString())).redirectErrorStream(true).start();
        String output;
        try (var in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "report_width.py did not finish");
        Assumptions.assumeTrue(p.exitValue() != 2, "Chromium could not run: " + output);
        assertEquals(0, p.exitValue(), output);
        assertEquals(2, output.lines().filter(l -> l.startsWith("report_width: ok")).count(), output);
    }
}
