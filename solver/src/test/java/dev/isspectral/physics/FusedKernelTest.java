package dev.isspectral.physics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.state.Field;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one {@link PointwiseKernel} run fused over cache-sized tiles (the optimized path) and run as
 * separate flux and source passes over arrays (the {@code fusedKernels = false} path) does the same
 * arithmetic per point: after ten strongly nonlinear steps every field has the same bits, for every
 * combination of the terms the kernel branches on, and for tiles that do not divide the grid.
 */
class FusedKernelTest {

    static Stream<Transport> transports() {
        Transport dnmr = Transport.etaOverS(0.08).zetaOverS(0.04);
        return Stream.of(dnmr, dnmr.phi7(true), dnmr.vorticity(false), Transport.etaOverS(0.08),
                Transport.etaOverS(0.08).zetaOverS(0.04).variant(Transport.Variant.MIS),
                Transport.ideal());
    }

    private static double[][] run(Transport transport, boolean fused) {
        return run(transport, fused, 1, "10x16x8x8");
    }

    private static double[][] run(Transport transport, boolean fused, int threads, String grid) {
        Solver s = Simulation.builder().grid(grid).eos(Eos.constantSoundSpeed(0.25)).transport(transport)
                .initial(Initial.custom("nonlinear data of physics.md §7.4", (x, y, z, out) -> {
                    out[0] = 1 + 0.3 * Math.cos(x) + 0.2 * Math.sin(y + 0.5) + 0.1 * Math.cos(x + z);
                    out[1] = 0.3 * Math.sin(y) + 0.1 * Math.cos(z);
                    out[2] = 0.25 * Math.cos(x);
                    out[3] = 0.1 * Math.sin(x + y + z);
                }))
                .tuning(Tuning.optimized().withThreads(threads).withFusedKernels(fused)).build().start();
        s.advance(s.simulation().grid().steps());
        double[][] out = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            out[f.ordinal()] = s.field(f);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("transports")
    void fusedKernelGivesTheBitsOfTheArrayKernel(Transport transport) {
        double[][] fused = run(transport, true);
        double[][] arrays = run(transport, false);
        double moved = 0;
        for (Field f : Field.values()) {
            assertArrayEquals(arrays[f.ordinal()], fused[f.ordinal()], 0.0, f.name() + " with " + transport);
            for (double v : fused[f.ordinal()]) {
                moved = Math.max(moved, Math.abs(v));
            }
        }
        assertTrue(moved > 0.1, "the run is not trivial");
    }

    @org.junit.jupiter.api.Test
    void threeThreadsSplitTheTilesUnevenlyAndGiveTheSameBits() {
        // 8192 points over 3 threads: chunks of 2730/2731 points, not multiples of the tile
        Transport dnmr = Transport.etaOverS(0.08).zetaOverS(0.04).phi7(true);
        double[][] one = run(dnmr, true, 1, "3x16x16x32");
        double[][] three = run(dnmr, true, 3, "3x16x16x32");
        for (Field f : Field.values()) {
            assertArrayEquals(one[f.ordinal()], three[f.ordinal()], 0.0, f.name());
        }
    }
}
