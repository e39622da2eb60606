package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void foreignMachineFileIsIgnoredWithItsNameAndReason() throws Exception {
        Path file = dir.resolve("foreign.properties");
        Files.writeString(file, "format=" + TuningFile.FORMAT + "\nmachine=64 cores, OtherVM 1.0\n"
                + "grid.8x8x8.backend=jtransforms\n");
        TuningFile t = TuningFile.load(file);
        assertTrue(t.settingsFor(8, 8, 8).isEmpty());
        assertTrue(t.problem().contains(file.toString()) && t.problem().contains("64 cores, OtherVM 1.0"), t.problem());
    }

    @Test
    void corruptFileIsIgnoredWithItsNameAndReason() throws Exception {
        Path file = dir.resolve("corrupt.properties");
        Files.writeString(file, "format=" + TuningFile.FORMAT + "\nmachine=" + TuningFile.machineKey()
                + "\ngrid.8x8x8.backend=jtransforms\ngrid.8x8x8.threads=zero\n");
        TuningFile t = TuningFile.load(file);
        assertTrue(t.settingsFor(8, 8, 8).isEmpty());
        assertTrue(t.problem().contains(file.toString()) && t.problem().contains("corrupt"), t.problem());
    }

    @Test
    void binaryOrOtherFormatFileIsIgnored() throws Exception {
        Path file = dir.resolve("garbage.properties");
        Files.write(file, new byte[] {0, 1, 2, (byte) 0xff, '\n', 'x'});
        TuningFile t = TuningFile.load(file);
        assertTrue(t.problem().contains(file.toString()) && t.problem().contains("unreadable"), t.problem());
        Files.writeString(file, "format=other-tool/3\n");
        assertTrue(TuningFile.load(file).problem().contains("format = other-tool/3"));
        assertEquals(FftSettings.optimized(), FftTuner.loadOrDefault(file, 8, 8, 8, FftSettings.optimized()));
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
