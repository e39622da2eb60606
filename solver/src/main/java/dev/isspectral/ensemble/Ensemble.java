package dev.isspectral.ensemble;

import dev.isspectral.physics.ConstantSoundSpeedEos;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Until;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * A parameter scan: one base simulation, a set of parameter values (the product of {@link Axis axes}
 * or an explicit list of members), what to measure on each member, when to stop, and the executor.
 * Immutable and validated like the simulation builder: each method returns a new ensemble, and a bad
 * value fails at the line that gave it. {@link #run()} returns a Tablesaw table with one row per
 * member: its parameters, its measured values, its status and error, its steps and time, and how
 * it ran (threads, run time).
 *
 * <pre>{@code
 * var base = Simulation.builder().grid("200x16x1x1").timeStep(0.05)
 *         .initial(Initial.soundWave().amplitude(1e-6)).build();
 * Table t = Ensemble.of(base)
 *         .vary(Axis.etaOverS(0.05, 0.1, 0.2))
 *         .vary(Axis.modes(1, 2, 3))
 *         .measure(Measurements.soundMode())
 *         .run();                                   // local executor: members concurrently on this JVM
 * }</pre>
 *
 * <p>A member that fails (invalid parameters, a failed primitive recovery, a non-finite field) gives
 * a row with its status and error, and the others go on. Results do not depend on the executor or on
 * the order members run in: members are plain parameter values, seeds are parameters
 * ({@link Axis#seeds(long, int)}), and every executor runs {@link EnsemblePlan#run(Member, int)}.
 */
public final class Ensemble {

    private final Simulation base;
    private final List<Axis> axes;
    private final List<Map<Parameter, Object>> listed;
    private final List<Measurement> measurements;
    private final Until until;               // null: each member's grid NT steps
    private final EnsembleExecutor executor;
    private final Progress progress;

    private Ensemble(Simulation base, List<Axis> axes, List<Map<Parameter, Object>> listed, List<Measurement> measurements,
                     Until until, EnsembleExecutor executor, Progress progress) {
        this.base = base;
        this.axes = axes;
        this.listed = listed;
        this.measurements = measurements;
        this.until = until;
        this.executor = executor;
        this.progress = progress;
    }

    /** An ensemble of one member, the base itself; add axes or members, measurements, an executor. */
    public static Ensemble of(Simulation base) {
        if (base == null) {
            throw new IllegalArgumentException("base = null; must be a Simulation from Simulation.builder()...build()");
        }
        return new Ensemble(base, List.of(), List.of(), List.of(), null, LocalExecutor.auto(), Progress.console());
    }

    /** Adds an axis: the members become the product of all axes (the first axis varies slowest). */
    public Ensemble vary(Axis axis) {
        if (axis == null) {
            throw new IllegalArgumentException("axis = null; must be e.g. Axis.etaOverS(0.1, 0.2)");
        }
        if (!listed.isEmpty()) {
            throw new IllegalArgumentException("axis " + axis + " with members listed one by one; use either axes or member(...)");
        }
        for (Axis a : axes) {
            if (a.parameter() == axis.parameter()) {
                throw new IllegalArgumentException("axis " + axis.parameter().label() + " is already varied (" + a + ")");
            }
        }
        requireApplicable(axis.parameter());
        List<Axis> more = new ArrayList<>(axes);
        more.add(axis);
        return new Ensemble(base, List.copyOf(more), listed, measurements, until, executor, progress);
    }

    /**
     * Adds one member with the given parameter values (the others as in the base); every listed
     * member must set the same parameters. Not combined with {@link #vary}.
     */
    public Ensemble member(Map<Parameter, ?> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("member values = " + values + "; give at least one parameter value");
        }
        if (!axes.isEmpty()) {
            throw new IllegalArgumentException("member " + values + " with axes " + axes + "; use either axes or member(...)");
        }
        if (!listed.isEmpty() && !listed.get(0).keySet().equals(values.keySet())) {
            throw new IllegalArgumentException("member " + values + " sets " + values.keySet() + ", but the first member sets "
                    + listed.get(0).keySet() + "; every member must set the same parameters");
        }
        Map<Parameter, Object> checked = new LinkedHashMap<>();
        for (Parameter p : Parameter.values()) {
            if (values.containsKey(p)) {
                requireApplicable(p);
                checked.put(p, p.check(values.get(p)));
            }
        }
        List<Map<Parameter, Object>> more = new ArrayList<>(listed);
        more.add(Map.copyOf(checked));
        return new Ensemble(base, axes, List.copyOf(more), measurements, until, executor, progress);
    }

    /** What to measure on every member (replaces any earlier choice); column names must be unique. */
    public Ensemble measure(Measurement... what) {
        if (what == null || what.length == 0) {
            throw new IllegalArgumentException("measurements = []; give at least one, e.g. Measurements.finalEnergy()");
        }
        Set<String> names = new HashSet<>(List.of(EnsemblePlan.MEMBER, EnsemblePlan.STATUS, EnsemblePlan.ERROR,
                EnsemblePlan.STEPS, EnsemblePlan.TIME, EnsemblePlan.THREADS, EnsemblePlan.RUN_SECONDS));
        for (Parameter p : Parameter.values()) {
            names.addAll(p.columns());
        }
        for (Measurement m : what) {
            if (m == null) {
                throw new IllegalArgumentException("measurement = null");
            }
            for (String c : m.columns()) {
                if (!names.add(c)) {
                    throw new IllegalArgumentException("measurement column \"" + c + "\" appears twice or names a fixed column; column names must be unique");
                }
            }
        }
        return new Ensemble(base, axes, listed, List.of(what), until, executor, progress);
    }

    /** When each member stops (default: the NT steps of the member's grid). */
    public Ensemble until(Until u) {
        if (u == null) {
            throw new IllegalArgumentException("until = null; must be e.g. Until.time(20) or Until.steps(100)");
        }
        return new Ensemble(base, axes, listed, measurements, u, executor, progress);
    }

    /** The executor (default {@link LocalExecutor#auto()}; the Spark module has one for clusters). */
    public Ensemble executor(EnsembleExecutor e) {
        if (e == null) {
            throw new IllegalArgumentException("executor = null; must be e.g. LocalExecutor.auto()");
        }
        return new Ensemble(base, axes, listed, measurements, until, e, progress);
    }

    /** Progress reporting (default {@link Progress#console()}). */
    public Ensemble progress(Progress p) {
        if (p == null) {
            throw new IllegalArgumentException("progress = null; use Progress.silent() for none");
        }
        return new Ensemble(base, axes, listed, measurements, until, executor, p);
    }

    public Simulation base() {
        return base;
    }

    public EnsembleExecutor executor() {
        return executor;
    }

    /** The varied parameters, in column order. */
    public List<Parameter> parameters() {
        if (!listed.isEmpty()) {
            return List.copyOf(listed.get(0).keySet().stream().sorted().toList());
        }
        return axes.stream().map(Axis::parameter).toList();
    }

    /** The members: the product of the axes (first axis slowest) or the listed members, indexed from 0. */
    public List<Member> members() {
        List<Member> out = new ArrayList<>();
        if (!listed.isEmpty()) {
            for (Map<Parameter, Object> values : listed) {
                out.add(new Member(out.size(), values));
            }
            return out;
        }
        int total = 1;
        for (Axis a : axes) {
            total = Math.multiplyExact(total, a.size());
        }
        for (int i = 0; i < total; i++) {
            Map<Parameter, Object> values = new LinkedHashMap<>();
            int rest = i;
            for (int a = axes.size() - 1; a >= 0; a--) {
                Axis axis = axes.get(a);
                values.put(axis.parameter(), axis.values().get(rest % axis.size()));
                rest /= axis.size();
            }
            out.add(new Member(i, values));
        }
        return out;
    }

    /** The plan for the local executor (holds the base simulation itself). */
    public EnsemblePlan plan() {
        return new EnsemblePlan(base, null, parameters(), measurementsOrDefault(), until);
    }

    /**
     * A serialisable plan, for executors in other JVMs: the base travels as a {@link SimulationRecipe}.
     * Throws IllegalArgumentException naming what in the base cannot travel.
     */
    public EnsemblePlan portablePlan() {
        return new EnsemblePlan(null, SimulationRecipe.of(base), parameters(), measurementsOrDefault(), until);
    }

    private List<Measurement> measurementsOrDefault() {
        return measurements.isEmpty() ? List.of(Measurements.finalEnergy()) : measurements;
    }

    /** The member's simulation as it will run (for a look before running). */
    public Simulation simulation(Member member) {
        return plan().simulation(member, base.tuning().threads());
    }

    /** Runs every member on the executor; one row per member, columns as {@link EnsemblePlan#columns()}. */
    public Table run() {
        EnsemblePlan plan = executor.needsPortablePlan() ? portablePlan() : plan();
        List<Member> members = members();
        List<MemberResult> results = executor.execute(plan, members, progress);
        return EnsembleTables.of(plan, members, results, String.format(Locale.ROOT, "ensemble of %d members (%s)",
                members.size(), executor.describe()));
    }

    /** Names of the columns that differ from run to run (threads, run time, timing measurements). */
    public List<String> timingColumns() {
        return plan().columns().stream().filter(EnsembleColumn::timing).map(EnsembleColumn::name).toList();
    }

    /**
     * A copy of {@code results} without its timing columns and named "results": what must agree,
     * bit for bit, between two runs of one ensemble on any executors.
     */
    public Table withoutTimings(Table results) {
        Table copy = results.copy();
        copy.setName("results");
        for (String c : timingColumns()) {
            if (copy.containsColumn(c)) {
                copy.removeColumns(c);
            }
        }
        return copy;
    }

    private void requireApplicable(Parameter p) {
        Initial initial = base.initial();
        switch (p) {
            case MODE -> {
                if (!(initial instanceof Initial.SoundWave || initial instanceof Initial.ShearWave)) {
                    throw new IllegalArgumentException("mode varies the base's wave, but initial = " + initial.describe()
                            + "; use Initial.soundWave() or Initial.shearWave()");
                }
            }
            case AMPLITUDE -> {
                if (!(initial instanceof Initial.SoundWave || initial instanceof Initial.ShearWave
                        || initial instanceof Initial.TaylorGreen)) {
                    throw new IllegalArgumentException("amplitude varies the base's wave or vortex, but initial = "
                            + initial.describe() + "; use soundWave, shearWave or taylorGreen");
                }
            }
            case SEED -> {
                if (!(initial instanceof Initial.RandomField)) {
                    throw new IllegalArgumentException("seed varies the base's random field, but initial = "
                            + initial.describe() + "; use Initial.randomField()");
                }
            }
            case SOUND_SPEED_SQUARED -> {
                if (!(base.eos() instanceof ConstantSoundSpeedEos)) {
                    throw new IllegalArgumentException("soundSpeedSquared varies a constant-c_s^2 EOS, but eos = "
                            + base.eos().describe());
                }
            }
            default -> {
            }
        }
    }

    /** A short tree: base, parameters, members, measurements, stop rule, executor. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Ensemble\n");
        sb.append("├── base:         ").append(base.grid().notation()).append(", ").append(base.transport().describe())
                .append(", ").append(base.initial().describe()).append('\n');
        if (listed.isEmpty()) {
            for (Axis a : axes) {
                sb.append("├── axis:         ").append(a).append('\n');
            }
        } else {
            sb.append("├── listed:       ").append(listed.size()).append(" members setting ").append(parameters()).append('\n');
        }
        sb.append("├── members:      ").append(members().size()).append('\n');
        List<String> cols = new ArrayList<>();
        for (Measurement m : measurementsOrDefault()) {
            cols.addAll(m.columns());
        }
        sb.append("├── measurements: ").append(cols).append('\n');
        sb.append("├── until:        ").append(until == null ? "each member's grid NT steps" : until.toString()).append('\n');
        sb.append("└── executor:     ").append(executor.describe());
        return sb.toString();
    }
}
