package dev.isspectral.bench;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.Presentable;
import dev.isspectral.measure.RunContext;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Each optimization on its own (issue 13: "measure each; keep what pays, say what did not"). For every {@link Lever}
 * that applies to the backend, the {@link Workload} on one grid is stepped with the lever off and on, interleaved in
 * rotated rounds ({@link Measure}), everything else held at the optimized tuning with the chosen backend and thread
 * count. The speed-up is paired per round (time off / time on) and given with its 95% interval; the verdict follows
 * from the interval: {@code pays} when all of it is above 1, {@code costs} when all of it is below 1, otherwise
 * {@code no clear effect}. Immutable; {@code run()} measures.
 *
 * <pre>{@code
 * Levers.on("128x64x64", "fftw").threads(2).budgetPerLever(Duration.ofSeconds(30)).run()
 * }</pre>
 */
public final class Levers {

    /** Column names of {@link Result#table()}. */
    public static final String LEVER = "lever";
    public static final String OFF_S = "off_s_per_step";
    public static final String ON_S = "on_s_per_step";
    public static final String SPEEDUP = "speedup";
    public static final String SPEEDUP_LOW = "speedup_ci_low";
    public static final String SPEEDUP_HIGH = "speedup_ci_high";
    public static final String ROUNDS = "rounds";
    public static final String VERDICT = "verdict";

    /** What the interval of a lever's speed-up says. */
    public enum Effect {
        PAYS("pays"), COSTS("costs"), NO_CLEAR_EFFECT("no clear effect");

        private final String text;

        Effect(String text) {
            this.text = text;
        }

        /** From the interval of speed-up = time off / time on. */
        public static Effect of(Estimate speedup) {
            if (speedup.low() > 1) {
                return PAYS;
            }
            if (speedup.high() < 1) {
                return COSTS;
            }
            return NO_CLEAR_EFFECT;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * The levers of the optimized tuning, each against the optimized tuning itself. A new optimization adds its
     * lever here, so that {@code bench levers} measures it beside the others.
     */
    public static List<Lever> all() {
        return List.of(
                Lever.of("fused pointwise kernel",
                        "fluxes and sources of eqs. 4.2-4.13 in one tiled pass instead of separate passes over arrays",
                        t -> t.withFusedKernels(false), t -> t),
                Lever.of("tiled stages",
                        "each implicit stage's combination and predictor solve tile by tile inside the primitive recovery "
                                + "(512-point tiles) instead of two whole-array passes before it",
                        t -> t.withTiledStages(false), t -> t),
                Lever.of("lean stiff-data pass",
                        "the kernel pass of stiff data alone (K, X_NS) skips the full pi, pi:sigma, pi:pi and w^i, which only "
                                + "the explicit sources read",
                        t -> t.withLeanStiffPass(false), t -> t),
                Lever.of("shared forward transforms",
                        "one forward transform of a field feeds all its derivatives instead of one per derivative",
                        t -> t.withSharedForwardTransforms(false), t -> t),
                Lever.of("real-to-complex transforms",
                        "r2c/c2r transforms of half the spectrum instead of complex-to-complex",
                        t -> t.withRealTransforms(false), t -> t),
                Lever.of("preallocated workspaces",
                        "spectra, derivative, flux and stage arrays allocated once instead of on every call",
                        t -> t.withPreallocatedWorkspaces(false), t -> t),
                Lever.of("batched transforms",
                        "each group of independent transforms (gradients of eps and v, the 9 + 4 of the flux divergence, the "
                                + "advected fields' gradients four at a time) as whole one-thread transforms side by side, one per "
                                + "thread, instead of each transform split over the threads",
                        t -> t.withBatchedTransforms(false), t -> t.withBatchedTransforms(true)),
                Lever.of("batched one-thread transforms",
                        "with one FFT thread (what the FFT tuner often picks for small grids): the groups side by side on the "
                                + "step's team instead of one transform at a time on one thread",
                        t -> t.withFftSettings(t.fftSettings().withThreads(1)).withBatchedTransforms(false),
                        t -> t.withFftSettings(t.fftSettings().withThreads(1)).withBatchedTransforms(true)),
                Lever.of("float32 transforms (an option, off by default)",
                        "FFTs in single precision, fields kept in double (accuracy cost: SinglePrecisionTest)",
                        t -> t, t -> t.withSinglePrecision(true)));
    }

    private final Grid grid;
    private final String backend;
    private final int threads;
    private final Duration budgetPerLever;
    private final List<Lever> levers;

    private Levers(Grid grid, String backend, int threads, Duration budgetPerLever, List<Lever> levers) {
        this.grid = grid;
        this.backend = backend;
        this.threads = threads;
        this.budgetPerLever = budgetPerLever;
        this.levers = List.copyOf(levers);
    }

    /**
     * The levers of {@link #all()} on {@code grid} with FFT backend {@code backend} ("best", "fftw" or "jtransforms"),
     * on all cores, 30 s per lever.
     */
    public static Levers on(String grid, String backend) {
        String b = Workload.resolveBackend(backend);
        return new Levers(Grid.parse(grid), b, Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(30), all());
    }

    /** The same, on {@code n} threads (1 … 256). */
    public Levers threads(int n) {
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("threads = " + n + "; must be 1 … 256");
        }
        return new Levers(grid, backend, n, budgetPerLever, levers);
    }

    /** The same, with {@code budget} for each lever's measurement (at least 1 s). */
    public Levers budgetPerLever(Duration budget) {
        if (budget == null || budget.toMillis() < 1000) {
            throw new IllegalArgumentException("budgetPerLever = " + budget + "; must be at least 1 s");
        }
        return new Levers(grid, backend, threads, budget, levers);
    }

    /** The same, measuring only the levers whose name contains one of {@code names} (case-insensitive). */
    public Levers only(List<String> names) {
        List<Lever> kept = new ArrayList<>();
        for (Lever l : levers) {
            for (String n : names) {
                if (l.name().toLowerCase(Locale.ROOT).contains(n.toLowerCase(Locale.ROOT).trim())) {
                    kept.add(l);
                    break;
                }
            }
        }
        if (kept.isEmpty()) {
            List<String> known = new ArrayList<>();
            levers.forEach(l -> known.add(l.name()));
            throw new IllegalArgumentException("levers = " + names + "; matches none of " + known);
        }
        return new Levers(grid, backend, threads, budgetPerLever, kept);
    }

    /** The base tuning every lever is switched on: optimized, this backend, this thread count. */
    public Tuning base() {
        return Workload.optimized(backend).withThreads(threads);
    }

    /** Measures every lever that applies to the backend. */
    public Result run() {
        RunContext context = RunContext.start();
        List<Lever> measured = new ArrayList<>();
        List<Measurement> results = new ArrayList<>();
        for (Lever lever : levers) {
            if (!lever.appliesTo(backend)) {
                continue;
            }
            Simulation off = Workload.simulation(grid, lever.without().apply(base()));
            Simulation on = Workload.simulation(grid, lever.with().apply(base()));
            Solver sOff = off.start(Instrumentation.NONE);
            Solver sOn = on.start(Instrumentation.NONE);
            Measurement m = Measure.of(Candidate.of("off", sOff::step), Candidate.of("on", sOn::step))
                    .named(lever.name()).budget(budgetPerLever).minSample(Duration.ZERO).run();
            measured.add(lever);
            results.add(m);
            System.gc();
        }
        return new Result(grid, backend, threads, measured, results, context.finish());
    }

    /** The levers' measurements. */
    public static final class Result implements Presentable {
        private final Grid grid;
        private final String backend;
        private final int threads;
        private final List<Lever> levers;
        private final List<Measurement> measurements;
        private final RunContext context;

        Result(Grid grid, String backend, int threads, List<Lever> levers, List<Measurement> measurements, RunContext context) {
            this.grid = grid;
            this.backend = backend;
            this.threads = threads;
            this.levers = List.copyOf(levers);
            this.measurements = List.copyOf(measurements);
            this.context = context;
        }

        /** The levers measured, in order. */
        public List<Lever> levers() {
            return levers;
        }

        /** Lever {@code i}'s measurement (candidate 0 off, 1 on). */
        public Measurement measurement(int i) {
            return measurements.get(i);
        }

        /** Paired speed-up of lever {@code i}: time off / time on per round. */
        public Estimate speedup(int i) {
            return measurements.get(i).speedup(1, 0);
        }

        /** What lever {@code i}'s interval says. */
        public Effect effect(int i) {
            return Effect.of(speedup(i));
        }

        /** One row per lever. */
        public Table table() {
            StringColumn name = StringColumn.create(LEVER);
            DoubleColumn off = DoubleColumn.create(OFF_S);
            DoubleColumn on = DoubleColumn.create(ON_S);
            DoubleColumn up = DoubleColumn.create(SPEEDUP);
            DoubleColumn low = DoubleColumn.create(SPEEDUP_LOW);
            DoubleColumn high = DoubleColumn.create(SPEEDUP_HIGH);
            IntColumn rounds = IntColumn.create(ROUNDS);
            StringColumn verdict = StringColumn.create(VERDICT);
            for (int i = 0; i < levers.size(); i++) {
                Measurement m = measurements.get(i);
                Estimate s = speedup(i);
                name.append(levers.get(i).name());
                off.append(m.time(0).median());
                on.append(m.time(1).median());
                up.append(s.median());
                low.append(s.low());
                high.append(s.high());
                rounds.append(m.rounds());
                verdict.append(effect(i).toString());
            }
            return Table.create("levers, " + grid.boxNotation() + ", " + backend + ", " + threads + " threads",
                    name, off, on, up, low, high, rounds, verdict);
        }

        /** A markdown table with the run's context. */
        public String toMarkdown() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Levers at %s, %s, %d thread%s (optimized tuning, "
                            + "the workload of `bench targets`; each lever off and on, interleaved; speed-up = time off / time on, "
                            + "paired per round); %s%n%n| lever | what it changes | off: s/step | on: s/step | speed-up [95%% CI] "
                            + "| rounds | other CPU | verdict |%n|---|---|---|---|---|---|---|---|%n",
                    grid.boxNotation(), backend.equals(FftSettings.FFTW) ? "FFTW" : "JTransforms (pure Java)", threads,
                    threads == 1 ? "" : "s", context));
            for (int i = 0; i < levers.size(); i++) {
                Measurement m = measurements.get(i);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %s | %s |%n", levers.get(i).name(),
                        levers.get(i).what(), m.time(0).formatShort(), m.time(1).formatShort(), speedup(i).formatShort(),
                        m.rounds(), m.load().otherCpuText(), effect(i)));
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return toMarkdown();
        }

        @Override
        public String toHtml() {
            StringBuilder html = new StringBuilder("<div class=\"is-spectral-levers\"><table class=\"is-spectral-table\"><caption>"
                    + Presentable.escape(String.format(Locale.ROOT, "Levers at %s, %s, %d threads", grid.boxNotation(), backend,
                    threads)) + "</caption><thead><tr><th>lever</th><th>off: s/step</th><th>on: s/step</th>"
                    + "<th>speed-up [95% CI]</th><th>rounds</th><th>verdict</th></tr></thead><tbody>");
            for (int i = 0; i < levers.size(); i++) {
                Measurement m = measurements.get(i);
                html.append("<tr><td>").append(Presentable.escape(levers.get(i).name())).append("</td><td>")
                        .append(m.time(0).formatShort()).append("</td><td>").append(m.time(1).formatShort())
                        .append("</td><td>").append(speedup(i).formatShort()).append("</td><td>").append(m.rounds())
                        .append("</td><td>").append(effect(i)).append("</td></tr>");
            }
            return html.append("</tbody></table>").append(context.toHtml()).append("</div>").toString();
        }
    }
}
