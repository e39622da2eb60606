package dev.isspectral.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Tuning;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) while it writes a checkpoint leaves the previous checkpoint whole: the
 * writer saves over and over, it is killed at a random moment after two saves, and the file at the path
 * still loads with every checksum right. Repeated until a kill has caught a write in progress (a
 * temporary file left beside it), so the test really covers a kill mid-write; the next save then removes
 * that leftover ({@link dev.isspectral.files.AtomicFiles}, which every write of this module goes through).
 */
class KilledWriteTest {

    @TempDir
    Path dir;

    @Test
    void aKillDuringAWriteLeavesThePreviousCheckpointIntact() throws Exception {
        Path file = dir.resolve("run.h5");
        Simulation sim = TestRuns.nonlinear(Tuning.optimized()).toBuilder().grid("1x64x64x32").build();
        boolean caughtMidWrite = false;
        for (int attempt = 1; attempt <= 5 && !caughtMidWrite; attempt++) {
            Process writer = ChildJvm.start(CheckpointLoop.class, null, file.toString());
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = out.readLine();
                    assertTrue(line != null, "the writer stopped before saving twice");
                } while (!line.equals("saved 2"));
                Thread.sleep(ThreadLocalRandom.current().nextInt(5, 60));
                writer.destroyForcibly();
                assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(0, Checkpoint.read(file, sim).step(), "the checkpoint at the path loads, checksums and all");
            List<Path> leftovers;
            try (Stream<Path> files = Files.list(dir)) {
                leftovers = files.filter(p -> !p.equals(file)).toList();
            }
            for (Path p : leftovers) {
                assertTrue(p.getFileName().toString().matches("\\.run\\.h5\\.\\d+-\\d+\\.tmp"),
                        "only a hidden temporary file (AtomicFiles' naming) is left: " + p);
            }
            caughtMidWrite = !leftovers.isEmpty();
            if (caughtMidWrite) {
                // the next write into the folder removes what the killed writer left (AtomicFiles.cleanUp)
                Checkpoint.save(sim.start(), file);
                try (Stream<Path> files = Files.list(dir)) {
                    assertEquals(List.of(file), files.toList(), "the killed writer's temporary file is cleaned up");
                }
            }
        }
        assertTrue(caughtMidWrite, "no kill landed in the middle of a write in 5 attempts");
    }
}
