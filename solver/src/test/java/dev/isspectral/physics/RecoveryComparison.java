package dev.isspectral.physics;

import dev.isspectral.bench.Workload;
import dev.isspectral.grid.Grid;
import dev.isspectral.profile.Columns;
import dev.isspectral.profile.Profile;
import dev.isspectral.profile.Profiler;
import dev.isspectral.sim.Solver;
import java.util.Locale;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Benchmark (not a test): time of the recovery span ("primitives") per step, plain fixed-point map
 * against Newton, interleaved in one JVM, after an uncounted warm-up round. Args: rounds, then grids
 * such as 4x128x64x64.
 * Run: {@code java -cp <test-classes:classes:deps> dev.isspectral.physics.RecoveryComparison 3 4x64x32x32 4x128x64x64}.
 */
public final class RecoveryComparison {

    private RecoveryComparison() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        for (int a = 1; a < args.length; a++) {
            Grid grid = Grid.parse(args[a]);
            double[] sum = new double[2];
            for (int r = 0; r <= rounds; r++) { // round 0 warms the JVM up and is not counted
                for (int m = 0; m < 2; m++) {
                    String method = m == 0 ? "fixed-point" : "newton";
                    System.setProperty(PrimitiveRecovery.METHOD_PROPERTY, method);
                    Profile profile = Profiler.of(Workload.simulation(grid, "jtransforms")).warmup(3).steps(4)
                            .redundancy(false).largeAllocations(0).run();
                    double ms = spanMs(profile.hierarchy(), "primitives") / profile.stepCount();
                    double step = profile.stepNanos() / 1e6 / profile.stepCount();
                    if (r > 0) {
                        sum[m] += ms;
                    }
                    System.out.printf(Locale.ROOT, "%s round %d %-11s recovery %8.2f ms/step, step %8.2f ms%n",
                            args[a], r, method, ms, step);
                }
            }
            for (String method : new String[] {"fixed-point", "newton"}) {
                System.setProperty(PrimitiveRecovery.METHOD_PROPERTY, method);
                Solver solver = Workload.simulation(grid, "jtransforms").start();
                StringBuilder line = new StringBuilder();
                for (int step = 0; step < 7; step++) {
                    solver.step();
                    line.append(String.format(Locale.ROOT, " %.2f/%d", solver.lastStep().meanRecoveryIterations(),
                            solver.lastStep().maxRecoveryIterations()));
                }
                System.out.printf(Locale.ROOT, "%s %-11s recovery iterations per point mean/max, steps 1-7:%s%n",
                        args[a], method, line);
            }
            System.out.printf(Locale.ROOT, "%s recovery newton/fixed-point = %.3f (mean over %d interleaved rounds: %.2f vs %.2f ms/step)%n",
                    args[a], sum[1] / sum[0], rounds, sum[1] / rounds, sum[0] / rounds);
        }
        System.clearProperty(PrimitiveRecovery.METHOD_PROPERTY);
    }

    private static double spanMs(Table hierarchy, String leaf) {
        double total = 0;
        for (Row row : hierarchy) {
            String span = row.getString(Columns.SPAN);
            if (span.equals(leaf) || span.endsWith("/" + leaf)) {
                total += row.getDouble(Columns.TOTAL_MS);
            }
        }
        return total;
    }
}
