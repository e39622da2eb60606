package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.isspectral.testsupport.StdErr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class TuningFileTest {

    @TempDir
    Path dir;

    @Test
    void missingFileMeansDefaultsWithoutAProblem() {
        TuningFile t = TuningFile.load(dir.resolve("none.properties"));
        assertTrue(t.settingsFor(8, 8, 8).isEmpty());
        assertEquals("", t.problem());
    }

    @Test
    void savedSettingsAndWisdomComeBackForTheirGridOnly() throws Exception {
        Path file = dir.resolve("fft-tuning.properties");
        FftSettings s = FftSettings.optimized().withThreads(2).withRealTransforms(false).withJTransformsThreadsBeginN(4096);
        TuningFile.empty().with(64, 32, 32, s).withWisdom("(fftw-3.3.10 wisdom)").save(file);
        TuningFile back = TuningFile.load(file);
        assertEquals(s, back.settingsFor(64, 32, 32).orElseThrow());
        assertTrue(back.settingsFor(32, 64, 32).isEmpty());
        assertEquals("(fftw-3.3.10 wisdom)", back.wisdom());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    /**
     * Who splits a many-threaded FFTW transform comes back as saved, and a file written before the setting existed
     * reads as the default (the team).
     */
    @Test
    void teamSplitComesBackAndOlderFilesReadAsTheDefault() throws Exception {
        Path file = dir.resolve("split.properties");
        FftSettings library = FftSettings.optimized().withBackend(FftSettings.FFTW).withThreads(2).withTeamSplit(false);
        TuningFile.empty().with(64, 32, 32, library).save(file);
        assertEquals(library, TuningFile.load(file).settingsFor(64, 32, 32).orElseThrow());
        String text = Files.readString(file);
        assertTrue(text.contains("grid.64x32x32.teamSplit=false"), text);
        Files.writeString(file, text.replace("grid.64x32x32.teamSplit=false\n", ""));
        assertFalse(Files.readString(file).contains("teamSplit"));
        FftSettings older = TuningFile.load(file).settingsFor(64, 32, 32).orElseThrow();
        assertTrue(older.teamSplit());
        assertEquals(library.withTeamSplit(true), older);
    }

    @Test
    void foreignMachineFileIsIgnoredWithItsNameAndReason() throws Exception {
        Path file = dir.resolve("foreign.properties");
        Files.writeString(file, "format=" + TuningFile.FORMAT + "\nmachine=64 cores, OtherVM 1.0\n"
                + "grid.8x8x8.backend=jtransforms\n");
        StdErr.Captured<TuningFile> loaded = StdErr.capture(() -> TuningFile.load(file));
        TuningFile t = loaded.value();
        assertTrue(t.settingsFor(8, 8, 8).isEmpty());
        assertTrue(t.problem().contains(file.toString()) && t.problem().contains("64 cores, OtherVM 1.0"), t.problem());
        assertEquals("WARNING: " + t.problem() + System.lineSeparator(), loaded.text(), "said once on stderr");
    }

    @Test
    void corruptFileIsIgnoredWithItsNameAndReason() throws Exception {
        Path file = dir.resolve("corrupt.properties");
        Files.writeString(file, "format=" + TuningFile.FORMAT + "\nmachine=" + TuningFile.machineKey()
                + "\ngrid.8x8x8.backend=jtransforms\ngrid.8x8x8.threads=zero\n");
        StdErr.Captured<TuningFile> loaded = StdErr.capture(() -> TuningFile.load(file));
        TuningFile t = loaded.value();
        assertTrue(t.settingsFor(8, 8, 8).isEmpty());
        assertTrue(t.problem().contains(file.toString()) && t.problem().contains("corrupt"), t.problem());
        assertEquals("WARNING: " + t.problem() + System.lineSeparator(), loaded.text(), "said once on stderr");
    }

    @Test
    void binaryOrOtherFormatFileIsIgnored() throws Exception {
        Path file = dir.resolve("garbage.properties");
        Files.write(file, new byte[] {0, 1, 2, (byte) 0xff, '\n', 'x'});
        StdErr.Captured<TuningFile> binary = StdErr.capture(() -> TuningFile.load(file));
        TuningFile t = binary.value();
        assertTrue(t.problem().contains(file.toString()) && t.problem().contains("unreadable"), t.problem());
        assertEquals("WARNING: " + t.problem() + System.lineSeparator(), binary.text());
        Files.writeString(file, "format=other-tool/3\n");
        StdErr.Captured<TuningFile> other = StdErr.capture(() -> TuningFile.load(file));
        assertTrue(other.value().problem().contains("format = other-tool/3"));
        assertEquals("WARNING: " + other.value().problem() + System.lineSeparator(), other.text());
        String again = StdErr.captureText(
                () -> assertEquals(FftSettings.optimized(), FftTuner.loadOrDefault(file, 8, 8, 8, FftSettings.optimized())));
        assertEquals("", again, "the same problem is reported once per JVM");
    }

    @Test
    void tunerMeasuresEveryCandidateChoosesOneDoubleAndSavesIt() throws Exception {
        Path file = dir.resolve("tuned.properties");
        FftSettings jt = FftSettings.optimized().withThreads(1);
        FftTuner tuner = FftTuner.forGrid(8, 8, 4).withRepeats(1, 2, 2)
                .withCandidates(List.of(jt, jt.withRealTransforms(false), jt.withPrecision(FftSettings.Precision.FLOAT)));
        FftTuner.Result r = tuner.runAndSave(file);
        Table table = r.table();
        assertEquals(3, table.rowCount());
        assertEquals(1, table.booleanColumn(FftTuner.CHOSEN).countTrue());
        assertTrue(table.doubleColumn(FftTuner.MS_PER_PAIR).min() > 0);
        assertEquals(FftSettings.Precision.DOUBLE, r.winner().precision());
        assertEquals(r.winner(), FftTuner.loadOrDefault(file, 8, 8, 4, FftSettings.baseline()));
        assertEquals(FftSettings.baseline(), FftTuner.loadOrDefault(file, 16, 8, 4, FftSettings.baseline()));
    }

    @Test
    void tunerMeasuresComplexCandidatesOnSize1Axes() {
        FftTuner.Result r = FftTuner.forGrid(8, 1, 4).withRepeats(0, 1, 1)
                .withCandidates(List.of(FftSettings.optimized().withThreads(1), FftSettings.baseline())).run();
        assertEquals(FftSettings.baseline().label(), r.table().stringColumn(FftTuner.CONFIGURATION).get(1));
        assertTrue(r.table().doubleColumn(FftTuner.MS_PER_PAIR).get(1) > 0);
    }
}
