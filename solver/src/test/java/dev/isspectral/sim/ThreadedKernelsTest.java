package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.parallel.Workers;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.state.Field;
import org.junit.jupiter.api.Test;

/**
 * The pointwise kernels and streaming passes give the same bits whether the team splits the grid or
 * the caller's thread does everything (below {@link Workers#HEAVY_GRAIN} points per thread).
 */
class ThreadedKernelsTest {

    private static double[][] fields(String grid, int threads, int steps) {
        Solver s = Simulation.builder().grid(grid).eos(Eos.constantSoundSpeed(0.25))
                .transport(Transport.etaOverS(0.08).zetaOverS(0.02))
                .initial(Initial.randomField())
                .tuning(Tuning.optimized().withThreads(threads)).build().start();
        s.advance(steps);
        double[][] out = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            out[f.ordinal()] = s.field(f);
        }
        return out;
    }

    @Test
    void splitGridGivesTheSameBitsAsOneThread() {
        int points = 64 * 32 * 32;   // 65536: every pass splits on 2 threads, the streaming ones too
        assertTrue(Workers.create(2).splits(points, Workers.STREAMING_GRAIN));
        double[][] one = fields("3x64x32x32", 1, 3);
        double[][] two = fields("3x64x32x32", 2, 3);
        for (Field f : Field.values()) {
            assertArrayEquals(one[f.ordinal()], two[f.ordinal()], 0.0, f.name());
        }
    }

    @Test
    void tinyGridRunsOnTheCallersThreadWithTheSameBits() {
        assertFalse(Workers.create(2).splits(16, Workers.HEAVY_GRAIN));
        double[][] one = fields("5x16x1x1", 1, 5);
        double[][] two = fields("5x16x1x1", 2, 5);
        for (Field f : Field.values()) {
            assertArrayEquals(one[f.ordinal()], two[f.ordinal()], 0.0, f.name());
        }
    }
}
