import dev.isspectral.bench.Workload;
import dev.isspectral.grid.Grid;
import dev.isspectral.sim.Solver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The worker of {@code bench builds} (bench-builds.sh): compiled against each build's own jars, it uses only API that
 * every compared build has (Workload.simulation, Workload.optimized, Tuning.withThreads, Simulation.start,
 * Solver.step). Arguments: GRID BACKEND THREADS. It builds the issue-4 workload (sound wave + random noise,
 * eta/s 0.08, IMEX ARS(2,2,2), optimized tuning on BACKEND with THREADS threads), takes one step, prints
 * "ready", then answers each stdin line "step K" with "done" after K steps; "quit" or end of input ends it.
 * "jit" answers "jit MILLIS" (its own JIT compilation time so far), "stats" the solver's step count and time.
 */
public final class StepWorker {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: StepWorker GRID BACKEND THREADS");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Solver solver = Workload.simulation(Grid.parse(args[0]),
                Workload.optimized(args[1]).withThreads(Integer.parseInt(args[2]))).start();
        solver.step();
        out.println("ready " + solver.simulation().tuning().describe().replace('\n', ' '));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("step ")) {
                long k = Long.parseLong(line.substring(5).trim());
                for (long s = 0; s < k; s++) {
                    solver.step();
                }
                out.println("done");
            } else if (line.equals("jit")) {
                out.println("jit " + ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
            } else if (line.equals("stats")) {
                out.println("stats " + solver.stepCount() + " " + solver.time());
            } else if (line.equals("quit")) {
                break;
            } else {
                out.println("error unknown request \"" + line + "\"");
            }
            out.flush();
        }
    }
}
