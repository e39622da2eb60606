package dev.isspectral.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark command runs end to end on tiny grids and reports every row BENCHMARKS.md quotes, and cleans up
 * after itself. No timing is asserted: the numbers are the benchmark's business, on a quiet machine.
 */
class IoBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void theCommandReportsEveryRowAndLeavesNoFiles() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String report = IoBenchmark.run(dir, Duration.ofMillis(300), "8x8x8", "8x8x8", 2,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        for (String row : new String[] {"| raw FileChannel write + force |", "| checkpoint write |",
                "| raw FileChannel read (page cache) |", "| checkpoint read, checksums verified |",
                "| file size | ", "bytes per point", "| evolved fields |", "| fields and primitives |", "run: "}) {
            assertTrue(report.contains(row), row + " in\n" + report);
        }
        try (var left = Files.list(dir)) {
            assertTrue(left.findAny().isEmpty(), "the benchmark's folder is deleted");
        }
    }
}
