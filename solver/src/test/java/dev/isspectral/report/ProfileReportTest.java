package dev.isspectral.report;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.profile.Profile;
import dev.isspectral.profile.Profiler;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileReportTest {

    private static Profile profile;

    @BeforeAll
    static void profileASmallCase() {
        Simulation sim = Simulation.builder().grid("3x8x8x8").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).build();
        profile = Profiler.of(sim).warmup(1).steps(2).run();
    }

    @Test
    void htmlContainsEveryShownTableAndChartAndNoExternalResource() {
        String html = ProfileReport.html(profile);
        for (Table t : profile.tables()) {
            boolean csvOnly = t.name().equals("span_steps") || t.name().equals("redundancy");
            assertEquals(!csvOnly, html.contains("id=\"table-" + t.name() + "\""), t.name());
        }
        for (String chart : ProfileReport.charts(profile).keySet()) {
            assertTrue(html.contains("id=\"chart-" + chart + "\""), chart);
        }
        assertTrue(html.contains("data:image/png;base64,"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"));
    }

    /** Top-down: the finding (headline), then the key charts in order, then the tables; a contents list before all. */
    @Test
    void sectionsComeInReadingOrder() {
        String html = ProfileReport.html(profile);
        String[] order = {"id=\"contents\"", "<section id=\"headline\">", "class=\"findings\"", "class=\"figures\"",
            "class=\"context\"", "<section id=\"charts\">", "id=\"chart-breakdown\"", "id=\"chart-hierarchy\"",
            "id=\"chart-steps\"", "id=\"chart-allocations\"", "<section id=\"tables\">", "id=\"table-priorities\"",
            "id=\"table-summary\"", "id=\"table-breakdown\"", "id=\"table-avoidable_transforms\""};
        int at = -1;
        for (String marker : order) {
            int next = html.indexOf(marker);
            assertTrue(next > at, marker + " at " + next + ", expected after " + at);
            at = next;
        }
        // every section is listed in the contents
        String contents = html.substring(html.indexOf("id=\"contents\""), html.indexOf("</nav>"));
        for (String id : new String[] {"headline", "charts", "chart-steps", "tables", "table-hierarchy"}) {
            assertTrue(contents.contains("href=\"#" + id + "\""), id);
        }
    }

    @Test
    void headlineGivesWhatWasRunAndEachFigureWithItsInterval() {
        String html = ProfileReport.html(profile);
        String headline = html.substring(html.indexOf("<section id=\"headline\">"), html.indexOf("<section id=\"charts\">"));
        for (String figure : new String[] {"time per step", "time per grid point and step", "allocated per step (all threads)",
            "peak heap", "FFT share of the step", "transforms per step", "95 % interval"}) {
            assertTrue(headline.contains(figure), figure);
        }
        for (String fact : new String[] {"grid", "tuning", "FFT", "threads", "commit", "machine", "load"}) {
            assertTrue(headline.contains("<th scope=\"row\">" + fact + "</th>"), fact);
        }
        assertTrue(headline.contains("3x8x8x8 (2 measured steps after 1 warm-up"), headline);
        assertTrue(headline.contains("Most of the time goes to"), headline);
        assertTrue(headline.contains("114 transforms, the minimum the equations need"), headline);
        // the median step time is printed with its interval: "[low, high] ms"
        assertTrue(java.util.regex.Pattern.compile("<td class=\"num\">\\[[0-9.]+, [0-9.]+\\] ms").matcher(headline).find(),
                headline);
        // two steps cannot give 95 %: the interval is the range, and says so
        assertTrue(headline.contains("(50 % only: few steps)"), headline);
    }

    /** Tables print shares as percentages and times to 3 significant digits, never sixteen digits. */
    @Test
    void tablesAreFormattedByColumn() {
        String html = ProfileReport.html(profile);
        String tables = html.substring(html.indexOf("<section id=\"tables\">"));
        var number = java.util.regex.Pattern.compile(">-?([0-9]+\\.[0-9]+)( [a-zA-Z%]+)?<").matcher(tables);
        while (number.find()) {
            String significant = number.group(1).replace(".", "").replaceFirst("^0+", "");
            assertTrue(significant.length() <= 3, "more than 3 significant digits: " + number.group());
        }
        String priorities = tables.substring(tables.indexOf("id=\"table-priorities\""), tables.indexOf("id=\"table-summary\""));
        assertTrue(java.util.regex.Pattern.compile("<td class=\"num\">[0-9.]+ %</td>").matcher(priorities).find(), priorities);
        assertTrue(java.util.regex.Pattern.compile("<td class=\"num\">[0-9.]+ ms</td>").matcher(priorities).find(), priorities);
        // the hierarchy is long: folded
        String hierarchy = tables.substring(tables.indexOf("id=\"table-hierarchy\""), tables.indexOf("id=\"table-operations\""));
        assertTrue(hierarchy.contains("<details><summary>"), hierarchy.substring(0, 300));
        // every table scrolls in its own box rather than widening the page
        assertEquals(count(tables, "<table class=\"data\">"), count(tables, "<div class=\"scroll\"><table class=\"data\">"));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void writtenCsvFilesHoldEveryRow(@TempDir Path dir) throws IOException {
        ProfileReport.write(profile, dir);
        assertTrue(Files.size(dir.resolve("report.html")) > 0);
        for (Table t : profile.tables()) {
            var lines = Files.readAllLines(dir.resolve(t.name() + ".csv"));
            assertEquals(String.join(",", t.columnNames()), lines.get(0));
            assertEquals(t.rowCount() + 1, lines.size(), t.name());
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "temporary files left behind");
        }
    }

    @Test
    void writtenNextToTheHtmlFileAreCsvAndJson(@TempDir Path dir) throws IOException {
        Path html = dir.resolve("sub").resolve("run1.html");
        var files = ProfileReport.writeHtml(profile, html);
        assertEquals(html, files.get(0));
        assertTrue(Files.readString(html).startsWith("<!DOCTYPE html>"));
        for (Table t : profile.tables()) {
            assertTrue(Files.exists(dir.resolve("sub").resolve("run1-" + t.name() + ".csv")), t.name());
        }
        assertEquals(profile.toJson(), Files.readString(dir.resolve("sub").resolve("run1.json")));
        assertEquals(profile.tables().size() + 2, files.size());
    }

    @Test
    void anOutputThatIsNotAnHtmlFileIsRejected(@TempDir Path dir) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ProfileReport.writeHtml(profile, dir.resolve("report.txt")));
        assertTrue(e.getMessage().endsWith("must be a file name ending in .html, e.g. profile.html"), e.getMessage());
    }

    @Test
    void commandWritesTheReportAndItsCompanions(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path html = dir.resolve("p.html");
        int status = ProfileCommand.run(new String[] {"--grid", "2x8x8x8", "--warmup", "1", "--steady-limit", "0", "--steps", "1",
            "--tuning", "baseline", "--large-allocations", "0", "--out", html.toString()},
                new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status, out.toString());
        assertTrue(Files.exists(html));
        assertTrue(Files.exists(dir.resolve("p-priorities.csv")));
        assertTrue(Files.exists(dir.resolve("p.json")));
        assertTrue(out.toString().contains("1 steps"), out.toString());
    }

    /** --backend and --threads reach the profiled tuning: the report's FFT line names them. */
    @Test
    void commandProfilesTheBackendAndThreadsAsked(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path html = dir.resolve("q.html");
        int status = ProfileCommand.run(new String[] {"--grid", "2x8x8x8", "--warmup", "1", "--steady-limit", "0", "--steps", "1",
            "--backend", "jtransforms", "--threads", "1", "--large-allocations", "0", "--no-redundancy",
            "--out", html.toString()}, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status, out.toString());
        assertTrue(out.toString().contains("FFT           jtransforms r2c double t1"), out.toString());
        assertTrue(out.toString().contains("threads       1"), out.toString());
    }

    @Test
    void commandRejectsBadArgumentsWithOneLine() {
        String[][] bad = {
            {"--tuning", "fast", "--out", "x.html"}, {"--grid", "8x8", "--out", "x.html"}, {"--steps", "0", "--out", "x.html"},
            {"--out", "report"}, {"--grid", "2x8x8x8"}, {"--steps"}, {"--frobnicate", "1", "--out", "x.html"},
            {"--large-allocations", "-1", "--out", "x.html"}, {"stray"}, {"--backend", "cufft", "--out", "x.html"},
            {"--threads", "0", "--out", "x.html"}, {"--threads", "300", "--out", "x.html"},
            {"--steady-limit", "-5", "--out", "x.html"}};
        String[] expected = {"tuning = \"fast\"; must be baseline or optimized", "8x8", "--steps = 0; must be >= 1",
            "--out = \"report\"; must be a file name ending in .html", "--out is required", "option --steps needs a value",
            "unknown option --frobnicate", "--large-allocations = -1; must be >= 0", "unexpected argument \"stray\"",
            "--backend = \"cufft\"; must be jtransforms, java, fftw or best", "--threads = 0; must be a whole number, 1 … 256",
            "--threads = 300; must be a whole number, 1 … 256", "--steady-limit = -5; must be >= 0"};
        for (int i = 0; i < bad.length; i++) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = ProfileCommand.run(bad[i], new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
            assertEquals(2, status, String.join(" ", bad[i]));
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertTrue(err.toString().startsWith("error: ") && err.toString().contains(expected[i]), err.toString());
        }
    }
}
