package dev.isspectral.report;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.profile.Profile;
import dev.isspectral.profile.Profiler;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Tuning;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code profile [--grid NTxNXxNYxNZ] [--tuning baseline|optimized] [--warmup N] [--steps N] --out DIR}:
 * profiles the sound-wave case (mode (1,0,0), amplitude 1e-3, conformal EOS, η/s = 0.08) and writes
 * {@code DIR/report.html} and one CSV per table. Bad arguments print one line and exit 2.
 */
public final class ProfileCommand {

    private static final String USAGE = "usage: profile [--grid 32x32x16x16] [--tuning baseline|optimized]"
            + " [--warmup 4] [--steps NT] --out DIR";

    private ProfileCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String grid = "32x32x16x16";
        Tuning tuning = Tuning.optimized();
        int warmup = 4;
        Integer steps = null;
        Path dir = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value; " + USAGE);
                }
                String value = args[++i];
                switch (option) {
                    case "--grid" -> grid = value;
                    case "--tuning" -> tuning = switch (value) {
                        case "baseline" -> Tuning.baseline();
                        case "optimized" -> Tuning.optimized();
                        default -> throw new IllegalArgumentException("tuning = \"" + value + "\"; must be baseline or optimized");
                    };
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--steps" -> steps = Integer.parseInt(value);
                    case "--out" -> dir = Path.of(value);
                    default -> throw new IllegalArgumentException("option = \"" + option + "\"; " + USAGE);
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("--out is required; " + USAGE);
            }
            Simulation sim = Simulation.builder().grid(grid).eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                    .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).tuning(tuning).build();
            Profiler profiler = Profiler.of(sim).warmup(warmup);
            if (steps != null) {
                profiler = profiler.steps(steps);
            }
            Profile profile = profiler.run();
            List<Path> files = ProfileReport.write(profile, dir);
            out.println(profile);
            out.println(profile.priorities().print());
            out.println("wrote " + files.get(0) + " and " + (files.size() - 1) + " CSV files");
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
