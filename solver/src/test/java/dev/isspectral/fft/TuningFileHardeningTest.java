package dev.isspectral.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.isspectral.testsupport.StdErr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-edited or odd tuning files (issue 14): refused with a reason, never used silently, never a hang. */
class TuningFileHardeningTest {

    private static Path saved(Path dir, FftSettings s) throws Exception {
        Path f = dir.resolve("t.properties");
        TuningFile.empty().with(8, 8, 8, s).save(f);
        return f;
    }

    @Test
    void aFloatWinnerIsRejectedBecauseFloatChangesResults(@TempDir Path dir) throws Exception {
        Path f = saved(dir, FftSettings.optimized().withThreads(1));
        Files.writeString(f, Files.readString(f).replace("precision=DOUBLE", "precision=FLOAT"));
        StdErr.Captured<TuningFile> loaded = StdErr.capture(() -> TuningFile.load(f));
        TuningFile t = loaded.value();
        assertEquals("WARNING: " + t.problem() + System.lineSeparator(), loaded.text(), "said once on stderr");
        assertTrue(t.settingsFor(8, 8, 8).isEmpty());
        assertTrue(t.problem().contains("precision = FLOAT; a saved winner must be DOUBLE"), t.problem());
    }

    @Test
    void moreThreadsThanCoresAreRejected(@TempDir Path dir) throws Exception {
        Path f = saved(dir, FftSettings.optimized().withThreads(1));
        Files.writeString(f, Files.readString(f).replace("threads=1", "threads=200"));
        StdErr.Captured<TuningFile> loaded = StdErr.capture(() -> TuningFile.load(f));
        TuningFile t = loaded.value();
        assertEquals(t.problem().isEmpty() ? "" : "WARNING: " + t.problem() + System.lineSeparator(), loaded.text());
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 200) {
            assertTrue(t.problem().contains("threads = 200; must be in 1.." + cores), t.problem());
        }
    }

    @Test
    void aFifoIsRefusedWithoutBlocking(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo.properties");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return;   // no mkfifo here: nothing to test
        }
        StdErr.Captured<TuningFile> loaded = StdErr.capture(
                () -> CompletableFuture.supplyAsync(() -> TuningFile.load(fifo)).get(20, TimeUnit.SECONDS));
        TuningFile t = loaded.value();
        assertTrue(t.problem().contains("not a regular file"), t.problem());
        assertEquals("WARNING: " + t.problem() + System.lineSeparator(), loaded.text());
        StdErr.Captured<TuningFile> folder = StdErr.capture(() -> TuningFile.load(dir));
        assertTrue(folder.value().problem().contains("not a regular file"));   // a folder too
        assertEquals("WARNING: " + folder.value().problem() + System.lineSeparator(), folder.text());
    }

    @Test
    void savedFilesAreWholeAndNoTemporaryFileIsLeft(@TempDir Path dir) throws Exception {
        Path f = saved(dir, FftSettings.optimized().withThreads(1));
        assertEquals("", TuningFile.load(f).problem());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }
}
