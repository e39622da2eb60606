package dev.isspectral.validate;

import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.state.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * The accuracy cost of storing the fields in float32, <em>emulated</em>, measured on the validation cases (issue 13's
 * lever "float32 storage of fields"). The solver has no float32 storage; this class rounds, after the start and after
 * every step, every array the solver carries from one step to the next (the ten evolved fields of {@link Solver#state()}
 * and the arrays of {@link Solver#carriedState()}) to the nearest float ({@code a[i] = (float) a[i]}), while all
 * arithmetic stays double. The stage registers inside a step stay double, so real float32 storage (which would also
 * round between stages) can only cost more than this: the figures are a lower bound on its accuracy cost. Memory and
 * speed are not measured here.
 *
 * <p>Cases: the sound and shear modes of physics.md §7.2–7.3 ({@link Validation}, modes 1–3) at the validation's own
 * amplitude {@value Validation#DEFAULT_AMPLITUDE} and at {@value #LARGE_AMPLITUDE}, each error against the exact
 * answer with double and with float32 storage; and the nonlinear run of physics.md §7.4
 * ({@link ReferenceRuns#nonlinear}), where both are compared with the same run at half the step (the double run's
 * time-stepping error is the scale float32's rounding must stay below), plus the float32-vs-double difference and the
 * drift of the conserved totals Σ T^00, Σ T^0x.
 */
public final class Float32Storage {

    /** The tolerance of the linear-mode validation (SoundModeTest, ShearModeTest: 1e-3 on Ω, Γ and the trajectory). */
    public static final double VALIDATION_TOLERANCE = 1e-3;

    /** The case name of the rows of {@link #roundAboutMean}. */
    static final String ABOUT_MEAN_CASE = "sound mode §7.2 (mean + deviation)";

    /** float32's unit round-off, 2^-24: half the spacing of floats relative to the value. */
    public static final double FLOAT_ROUNDOFF = 0x1p-24;

    /** The bound of physics.md §7.4 on the drift of the conserved totals, |ΔE|/E and |ΔM^i|/E. */
    public static final double CONSERVATION_TOLERANCE = 1e-12;

    /** The larger perturbation amplitude measured besides the validation's own. */
    public static final double LARGE_AMPLITUDE = 1e-3;

    /** One measured quantity: its error with double storage and with emulated float32 storage (NaN: not defined). */
    public record Row(String caseName, String quantity, double doubleError, double float32Error) {

        /** float32 error over double error (infinite when the double error is 0, NaN when either is undefined). */
        public double ratio() {
            return float32Error / doubleError;
        }
    }

    private Float32Storage() {
    }

    /**
     * Rounds every array {@code solver} carries between steps to the nearest float, in place: the evolved fields and
     * the carried arrays (recovery guess, relaxation data). The emulation of float32 storage; call it between steps.
     */
    public static void round(Solver solver) {
        for (double[] a : solver.state().arrays()) {
            roundInPlace(a);
        }
        for (double[] a : solver.carriedState().values()) {
            roundInPlace(a);
        }
    }

    /** Whether every value of every array {@code solver} carries between steps is exactly a float. */
    public static boolean allFloat(Solver solver) {
        for (double[] a : solver.state().arrays()) {
            if (!isFloat(a)) {
                return false;
            }
        }
        for (double[] a : solver.carriedState().values()) {
            if (!isFloat(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The variant that stores each array as its mean (one double) plus float32 deviations from it, as the float32
     * FFT engine does before it rounds: rounds {@code a[i] − mean} to the nearest float for every array
     * {@code solver} carries between steps. Emulation only, like {@link #round}.
     */
    public static void roundAboutMean(Solver solver) {
        for (double[] a : solver.state().arrays()) {
            roundAboutMean(a);
        }
        for (double[] a : solver.carriedState().values()) {
            roundAboutMean(a);
        }
    }

    private static void roundAboutMean(double[] a) {
        double mean = 0;
        for (double v : a) {
            mean += v;
        }
        mean /= a.length;
        for (int i = 0; i < a.length; i++) {
            a[i] = mean + (float) (a[i] - mean);
        }
    }

    private static void roundInPlace(double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) a[i];
        }
    }

    private static boolean isFloat(double[] a) {
        for (double v : a) {
            if ((double) (float) v != v) {
                return false;
            }
        }
        return true;
    }

    /** Every row: the linear modes at both amplitudes, then the nonlinear run. Deterministic; about a minute. */
    public static List<Row> measure() {
        List<Row> rows = new ArrayList<>();
        for (double amplitude : new double[] {Validation.DEFAULT_AMPLITUDE, LARGE_AMPLITUDE}) {
            rows.addAll(linear(Validation.soundWave().amplitude(amplitude), true, amplitude));
            rows.addAll(linear(Validation.shearWave().amplitude(amplitude), false, amplitude));
        }
        rows.addAll(aboutMean(Validation.soundWave()));
        rows.addAll(nonlinear(Tuning.optimized()));
        return rows;
    }

    /** The worst error over the modes of {@code validation}, with double and with float32 storage. */
    static List<Row> linear(Validation validation, boolean sound, double amplitude) {
        Table dbl = validation.run();
        Table flt = validation.afterEachStep(Float32Storage::round).run();
        String name = String.format(Locale.ROOT, "%s mode §7.%d, amplitude %.0e, modes 1–3", sound ? "sound" : "shear",
                sound ? 2 : 3, amplitude);
        List<Row> rows = new ArrayList<>();
        if (sound) {
            rows.add(new Row(name, "frequency Ω, max relative error", worst(dbl, Validation.OMEGA_ERROR),
                    worst(flt, Validation.OMEGA_ERROR)));
        }
        rows.add(new Row(name, "damping Γ, max relative error", worst(dbl, Validation.GAMMA_ERROR),
                worst(flt, Validation.GAMMA_ERROR)));
        rows.add(new Row(name, "trajectory, max over t of abs(simulated − exact)", worst(dbl, Validation.TRAJECTORY_ERROR),
                worst(flt, Validation.TRAJECTORY_ERROR)));
        return rows;
    }

    /** The sound mode at the validation's amplitude with the fields stored as mean + float32 deviations. */
    static List<Row> aboutMean(Validation validation) {
        Table dbl = validation.run();
        Table flt = validation.afterEachStep(Float32Storage::roundAboutMean).run();
        String name = String.format(Locale.ROOT, "%s, validation amplitude, float32 deviations from each array's mean", ABOUT_MEAN_CASE);
        return List.of(
                new Row(name, "frequency Ω, max relative error", worst(dbl, Validation.OMEGA_ERROR), worst(flt, Validation.OMEGA_ERROR)),
                new Row(name, "damping Γ, max relative error", worst(dbl, Validation.GAMMA_ERROR), worst(flt, Validation.GAMMA_ERROR)),
                new Row(name, "trajectory, max over t of abs(simulated − exact)", worst(dbl, Validation.TRAJECTORY_ERROR),
                        worst(flt, Validation.TRAJECTORY_ERROR)));
    }

    private static double worst(Table t, String column) {
        double w = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            w = Math.max(w, t.doubleColumn(column).get(r));
        }
        return w;
    }

    /** The nonlinear run of §7.4 ({@link ReferenceRuns#nonlinear}, 20 steps) with double and float32 storage. */
    static List<Row> nonlinear(Tuning tuning) {
        Simulation sim = ReferenceRuns.nonlinear(tuning);
        int steps = sim.grid().steps();
        Run dbl = Run.of(sim, steps, false);
        Run flt = Run.of(sim, steps, true);
        double dt = dbl.time / steps;
        Simulation half = sim.toBuilder().grid(sim.grid().withSteps(2 * steps)).timeStep(dt / 2).build();
        Run ref = Run.of(half, 2 * steps, false);
        if (Math.abs(ref.time - dbl.time) > 1e-12 * dbl.time || Math.abs(flt.time - dbl.time) > 1e-12 * dbl.time) {
            throw new IllegalStateException("nonlinear run: the runs end at t = " + dbl.time + ", " + flt.time + " and "
                    + ref.time + "; the step is not constant, so the half-step reference does not apply");
        }
        String name = "nonlinear §7.4, " + sim.grid().boxNotation() + ", " + steps + " steps";
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(name, "T^00 vs the Δt/2 run, max abs(Δ) / max abs(T^00)", relative(dbl, ref, Field.T00),
                relative(flt, ref, Field.T00)));
        rows.add(new Row(name, "T^0i vs the Δt/2 run, max abs(Δ) / max abs(T^0i)", relative(dbl, ref, Field.T0X, Field.T0Y, Field.T0Z),
                relative(flt, ref, Field.T0X, Field.T0Y, Field.T0Z)));
        rows.add(new Row(name, "Π vs the Δt/2 run, max abs(Δ) / max abs(Π)", relative(dbl, ref, Field.BULK),
                relative(flt, ref, Field.BULK)));
        rows.add(new Row(name, "π^ij vs the Δt/2 run, max abs(Δ) / max abs(π^ij)", relative(dbl, ref, Field.SHEAR),
                relative(flt, ref, Field.SHEAR)));
        double worstVsDouble = 0;
        for (Field f : Field.values()) {
            worstVsDouble = Math.max(worstVsDouble, relative(flt, dbl, f));
        }
        rows.add(new Row(name, "float32 vs double run, max over fields of max abs(Δ) / max abs(field)", 0, worstVsDouble));
        rows.add(new Row(name, "Σ T^00 drift, abs(ΣT^00(t) − ΣT^00(0)) / ΣT^00(0)", dbl.energyDrift, flt.energyDrift));
        rows.add(new Row(name, "Σ T^0x drift, abs(ΣT^0x(t) − ΣT^0x(0)) / ΣT^00(0)", dbl.momentumDrift, flt.momentumDrift));
        return rows;
    }

    /** max over the fields' points of |a − b| over max |b|, the fields taken together. */
    private static double relative(Run a, Run b, Field... fields) {
        double diff = 0;
        double scale = 0;
        for (Field f : fields) {
            double[] x = a.fields[f.ordinal()];
            double[] y = b.fields[f.ordinal()];
            for (int i = 0; i < x.length; i++) {
                diff = Math.max(diff, Math.abs(x[i] - y[i]));
                scale = Math.max(scale, Math.abs(y[i]));
            }
        }
        return scale == 0 ? diff : diff / scale;
    }

    /** The fields at the end of a run, its end time and the drift of the conserved totals. */
    private record Run(double[][] fields, double time, double energyDrift, double momentumDrift) {

        static Run of(Simulation sim, int steps, boolean float32) {
            Solver solver = sim.start();
            if (float32) {
                round(solver);
            }
            double e0 = sum(solver.state().get(Field.T00));
            double m0 = sum(solver.state().get(Field.T0X));
            for (int s = 0; s < steps; s++) {
                solver.step();
                if (float32) {
                    round(solver);
                }
            }
            double[][] fields = new double[Field.COUNT][];
            for (Field f : Field.values()) {
                fields[f.ordinal()] = solver.field(f);
            }
            return new Run(fields, solver.time(), Math.abs(sum(fields[Field.T00.ordinal()]) - e0) / e0,
                    Math.abs(sum(fields[Field.T0X.ordinal()]) - m0) / e0);
        }

        private static double sum(double[] a) {
            double s = 0;
            double c = 0;   // Kahan: the drift of a double run is near round-off, so the sum must not add its own
            for (double v : a) {
                double y = v - c;
                double t = s + y;
                c = (t - s) - y;
                s = t;
            }
            return s;
        }
    }

    /**
     * The Markdown report: the table, what was emulated, and a conclusion drawn from the rows (each linear case's
     * worst float32 error against {@link #VALIDATION_TOLERANCE} and the double error; the nonlinear run's float32
     * change against its time-stepping error).
     */
    public static String toMarkdown(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("#### Float32 storage of fields: accuracy cost (emulated)\n\n");
        md.append("Emulation, not an implementation: after the start and after every step, every array the solver carries "
                + "between steps (the 10 evolved fields and the carried recovery guess and relaxation data) is rounded to "
                + "the nearest float; all arithmetic, and the stage registers inside a step, stay double, so real float32 "
                + "storage would cost at least this much. Memory and speed effects are not measured here. Errors of the "
                + "linear modes are against the exact answer of physics.md §7.2–7.3 (worst of modes 1–3); those of the "
                + "nonlinear run against the same run at half the step. Deterministic (no timing).\n\n");
        md.append("| case | quantity | error, double storage | error, float32 storage | ratio |\n");
        md.append("|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(cell(r.caseName())).append(" | ").append(cell(r.quantity())).append(" | ")
                    .append(number(r.doubleError())).append(" | ").append(number(r.float32Error())).append(" | ")
                    .append(ratio(r)).append(" |\n");
        }
        md.append('\n').append(conclusion(rows)).append('\n');
        return md.toString();
    }

    /** One line drawn from the rows; no figure in it is written by hand. */
    static String conclusion(List<Row> rows) {
        StringBuilder line = new StringBuilder("Conclusion: ");
        boolean first = true;
        for (double amplitude : new double[] {Validation.DEFAULT_AMPLITUDE, LARGE_AMPLITUDE}) {
            String tag = String.format(Locale.ROOT, "amplitude %.0e", amplitude);
            Row worst = worstOf(rows, r -> r.caseName().contains(tag));
            if (worst == null) {
                continue;
            }
            line.append(first ? "" : "; ").append(String.format(Locale.ROOT,
                    "at %s (float32 round-off %s of the perturbation) the worst linear-mode error with float32 storage "
                            + "is %s (%s, %s) against %s with double, %s the validation tolerance %s", tag,
                    number(FLOAT_ROUNDOFF / amplitude), number(worst.float32Error()),
                    worst.caseName().substring(0, worst.caseName().indexOf(',')), worst.quantity().split(",")[0],
                    number(worst.doubleError()), verdict(worst.float32Error()), number(VALIDATION_TOLERANCE)));
            first = false;
        }
        Row mean = worstOf(rows, r -> r.caseName().startsWith(ABOUT_MEAN_CASE));
        if (mean != null) {
            line.append(first ? "" : "; ").append(String.format(Locale.ROOT,
                    "stored as mean + float32 deviations the sound mode's worst error is %s (%s), %s the tolerance",
                    number(mean.float32Error()), mean.quantity().split(",")[0], verdict(mean.float32Error())));
            first = false;
        }
        double ratio = 0;
        double change = Double.NaN;
        for (Row r : rows) {
            if (r.caseName().startsWith("nonlinear") && r.quantity().contains("Δt/2") && r.doubleError() > 0) {
                ratio = Math.max(ratio, r.ratio());
            }
            if (r.caseName().startsWith("nonlinear") && r.quantity().startsWith("float32 vs double")) {
                change = r.float32Error();
            }
        }
        if (ratio > 0) {
            line.append(first ? "" : "; ").append(String.format(Locale.ROOT,
                    "on the nonlinear run float32 storage changes the fields by %s relative and its errors against the "
                            + "Δt/2 run are at most %s× the double run's (%s)", number(change), number(ratio),
                    ratio <= 1.1 ? "rounding below the time-stepping error" : "rounding above the time-stepping error"));
        }
        Row drift = worstOf(rows, r -> r.quantity().contains("drift"));
        if (drift != null) {
            line.append(first ? "" : "; ").append(String.format(Locale.ROOT,
                    "the conserved totals drift by up to %s with float32 storage against %s with double, %s the %s of "
                            + "physics.md §7.4", number(drift.float32Error()), number(drift.doubleError()),
                    drift.float32Error() <= CONSERVATION_TOLERANCE ? "within" : "beyond", number(CONSERVATION_TOLERANCE)));
        }
        return line.append('.').toString();
    }

    private static Row worstOf(List<Row> rows, java.util.function.Predicate<Row> which) {
        Row worst = null;
        for (Row r : rows) {
            if (which.test(r) && (worst == null || r.float32Error() > worst.float32Error())) {
                worst = r;
            }
        }
        return worst;
    }

    private static String verdict(double error) {
        return error <= VALIDATION_TOLERANCE ? "within" : "beyond";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String ratio(Row r) {
        double q = r.ratio();
        if (Double.isNaN(q) || Double.isInfinite(q)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.3g", q);
    }
}
