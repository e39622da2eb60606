package dev.isspectral.report;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.plot.ProfilePlots;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
    void htmlContainsEveryTableAndChartAndNoExternalResource() {
        String html = ProfileReport.html(profile);
        for (Table t : profile.tables()) {
            assertTrue(html.contains("id=\"table-" + t.name() + "\""), t.name());
        }
        for (String chart : ProfileReport.charts(profile).keySet()) {
            assertTrue(html.contains("id=\"chart-" + chart + "\""), chart);
        }
        assertTrue(html.contains("data:image/png;base64,"));
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script"));
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
    void plotsBuildHeadless() {
        assertTrue(java.awt.GraphicsEnvironment.isHeadless());
        assertNotNull(ProfilePlots.breakdown(profile));
        assertNotNull(ProfilePlots.allocations(profile));
        assertNotNull(ProfilePlots.steps(profile));
        assertNotNull(ProfilePlots.fftThroughput(profile));
    }

    @Test
    void commandWritesTheReport(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ProfileCommand.run(new String[] {"--grid", "2x8x8x8", "--warmup", "1", "--out", dir.toString()},
                new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status, out.toString());
        assertTrue(Files.exists(dir.resolve("report.html")));
        assertTrue(Files.exists(dir.resolve("priorities.csv")));
    }

    @Test
    void commandRejectsAnUnknownTuning() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ProfileCommand.run(new String[] {"--tuning", "fast", "--out", "x"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(2, status);
        assertTrue(err.toString().contains("tuning = \"fast\"; must be baseline or optimized"), err.toString());
    }
}
