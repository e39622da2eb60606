package dev.isspectral.jmh.simd;

import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.ForkSetup;
import dev.isspectral.measure.Measure;

import java.time.Duration;
import java.util.List;

/**
 * One loop family at one size, scalar against Vector API, as a fork of {@link SimdCheck} measures it. Arguments:
 * family ({@code derivative}, {@code combine}, {@code relax}) and size ({@code full}: the arrays of a 128×64×64
 * step, 524,288 points, 540,672 doubles per half spectrum; {@code tile}: {@link #TILE_POINTS} points, cache-resident,
 * swept {@link #REPEATS} times so that an operation does the same number of points as {@code full}).
 */
public final class LoopSetup implements ForkSetup {

    /** Grid of the step the full-size arrays come from. */
    static final int NX = 128;
    static final int NY = 64;
    static final int NZ = 64;
    static final int POINTS = NX * NY * NZ;
    /** Complex values per row of the half spectrum. */
    static final int ROW = NZ / 2 + 1;
    static final int ROWS = NX * NY;
    /** Points of the cache-resident size (a few 32 kB arrays: L2). */
    static final int TILE_POINTS = 4096;
    static final int REPEATS = POINTS / TILE_POINTS;
    static final int TILE_ROWS = ROWS / REPEATS;

    /** The families, in the order of the report. */
    public static final List<String> FAMILIES = List.of("derivative", "combine", "relax");
    /** The sizes, in the order of the report. */
    public static final List<String> SIZES = List.of("full", "tile");

    public LoopSetup() {
    }

    /** Deterministic values in (−1, 1) (positive in (0.5, 1.5) with {@code positive}). */
    static double[] data(int n, int seed, boolean positive) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double v = Math.sin(0.7 * i + seed) * Math.cos(0.013 * i * (seed + 1));
            a[i] = positive ? 1.0 + 0.5 * v : v;
        }
        return a;
    }

    /** The operation of {@code family} at {@code size}: scalar or vector. */
    static Runnable operation(String family, String size, boolean vector) {
        boolean full = switch (size) {
            case "full" -> true;
            case "tile" -> false;
            default -> throw new IllegalArgumentException("size = \"" + size + "\"; must be one of " + SIZES);
        };
        int repeats = full ? 1 : REPEATS;
        switch (family) {
            case "derivative": {
                int rows = full ? ROWS : TILE_ROWS;
                double[] src = data(2 * rows * ROW, 1, false);
                double[] out = new double[src.length];
                double[] k = data(rows, 2, false);
                return repeated(repeats, vector
                        ? () -> VectorLoops.derivative(src, out, k, ROW, 0, rows)
                        : () -> ScalarLoops.derivative(src, out, k, ROW, 0, rows));
            }
            case "combine": {
                int n = full ? POINTS : TILE_POINTS;
                double[] u = data(n, 3, false);
                double[] a0 = data(n, 4, false);
                double[] a1 = data(n, 5, false);
                double[] o = new double[n];
                return repeated(repeats, vector
                        ? () -> VectorLoops.combine2(u, a0, 0.3, a1, -0.7, o, 0, n)
                        : () -> ScalarLoops.combine2(u, a0, 0.3, a1, -0.7, o, 0, n));
            }
            case "relax": {
                int n = full ? POINTS : TILE_POINTS;
                double[] in = data(n, 6, false);
                double[] rate = data(n, 7, true);
                double[] target = data(n, 8, false);
                double[] o = new double[n];
                return repeated(repeats, vector
                        ? () -> VectorLoops.relax(in, rate, target, 0.01, o, 0, n)
                        : () -> ScalarLoops.relax(in, rate, target, 0.01, o, 0, n));
            }
            default:
                throw new IllegalArgumentException("family = \"" + family + "\"; must be one of " + FAMILIES);
        }
    }

    /**
     * {@code once} run {@code repeats} times: one operation of a family at either size, scalar or vector alike. A
     * fork measures one family at one size, so the call {@code once.run()} sees two targets there (that family's
     * scalar and vector loop): one indirect call per sweep of at least {@value #TILE_POINTS} points.
     */
    private static Runnable repeated(int repeats, Runnable once) {
        return () -> {
            for (int r = 0; r < repeats; r++) {
                once.run();
            }
        };
    }

    @Override
    public Measure measure(List<String> args) {
        return measure(args, 0);
    }

    @Override
    public Measure measure(List<String> args, int fork) {
        if (args.size() != 2) {
            throw new IllegalArgumentException("args = " + args + "; must be FAMILY SIZE");
        }
        Candidate scalar = Candidate.of("scalar", operation(args.get(0), args.get(1), false));
        Candidate vector = Candidate.of("vector", operation(args.get(0), args.get(1), true));
        // alternate which candidate leads the rotation between forks; Forks restores the first fork's order
        List<Candidate> order = fork % 2 == 0 ? List.of(scalar, vector) : List.of(vector, scalar);
        return Measure.of(order).minSample(Duration.ofMillis(20));
    }
}
