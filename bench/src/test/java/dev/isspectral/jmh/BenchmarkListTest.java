package dev.isspectral.jmh;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The JMH annotation processor ran and registered the benchmarks (no benchmark is run here: they are run by
 * {@code bash bench.sh --jmh}).
 */
class BenchmarkListTest {

    @Test
    void theFftPairAndStepBenchmarksAreRegistered() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
            assertNotNull(in, "META-INF/BenchmarkList missing: the JMH annotation processor did not run");
            String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(list.contains("dev.isspectral.jmh.jmh_generated.FftPairBenchmark_pair_jmhTest"), list);
            assertTrue(list.contains("dev.isspectral.jmh.jmh_generated.StepBenchmark_step_jmhTest"), list);
        }
    }

    @Test
    void sizesParseAndBadSizesAreNamed() {
        int[] n = Shapes.parse("128x64x64");
        assertTrue(n[0] == 128 && n[1] == 64 && n[2] == 64);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Shapes.parse("64x32"));
        assertTrue(e.getMessage().startsWith("size = \"64x32\""), e.getMessage());
    }
}
