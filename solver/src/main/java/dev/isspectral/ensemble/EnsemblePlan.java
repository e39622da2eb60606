package dev.isspectral.ensemble;

import dev.isspectral.physics.ConstantSoundSpeedEos;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.RecoveryException;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.NonFiniteFieldException;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Until;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What every member of an ensemble runs, as an executor needs it: the base simulation, the varied
 * parameters, the measurements and when to stop. {@link #run(Member, int)} builds one member's
 * simulation, runs and measures it, and never throws for a failing member: the result carries the
 * status and the error.
 *
 * <p>Serializable for remote executors: then the base travels as a {@link SimulationRecipe} (made by
 * {@link Ensemble#portablePlan()}) and each executor builds it once; a plan made for the local executor
 * holds the base simulation itself and cannot be serialised.
 */
public final class EnsemblePlan implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Member index, 0-based. */
    public static final String MEMBER = "member";
    /** How the member ended: {@link MemberStatus#label()}. */
    public static final String STATUS = "status";
    /** The error message of a failed member, empty otherwise. */
    public static final String ERROR = "error";
    /** Steps the member took. */
    public static final String STEPS = "steps";
    /** Simulated time the member reached. */
    public static final String TIME = "time";
    /** Threads the member's solver used (a timing column). */
    public static final String THREADS = "threads";
    /** Wall time of the member: build, run and measurement, seconds (a timing column). */
    public static final String RUN_SECONDS = "run_seconds";

    private final SimulationRecipe recipe;
    private transient Simulation base;
    private final List<Parameter> parameters;
    private final List<Measurement> measurements;
    private final long steps;       // -1: by time, or each member's grid NT when endTime is NaN too
    private final double endTime;   // NaN: by steps

    EnsemblePlan(Simulation base, SimulationRecipe recipe, List<Parameter> parameters, List<Measurement> measurements,
                 Until until) {
        this.base = base;
        this.recipe = recipe;
        this.parameters = List.copyOf(parameters);
        this.measurements = List.copyOf(measurements);
        this.steps = until == null ? -1 : until.stepCount();
        this.endTime = until == null ? Double.NaN : until.endTime();
    }

    /** The base simulation (built from the recipe on a remote executor, once per plan instance). */
    public Simulation base() {
        Simulation b = base;
        if (b == null) {
            synchronized (this) {
                if (base == null) {
                    base = recipe.build();
                }
                b = base;
            }
        }
        return b;
    }

    /** Whether this plan can be serialised (its base travels as a recipe). */
    public boolean portable() {
        return recipe != null;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public List<Measurement> measurements() {
        return measurements;
    }

    /** Every column of the results, in order: member, parameters, values, status, error, steps, time, threads, run_seconds. */
    public List<EnsembleColumn> columns() {
        List<EnsembleColumn> out = new ArrayList<>();
        out.add(new EnsembleColumn(MEMBER, EnsembleColumn.Type.INT, false));
        for (Parameter p : parameters) {
            EnsembleColumn.Type type = switch (p) {
                case MODE -> EnsembleColumn.Type.INT;
                case GRID -> EnsembleColumn.Type.STRING;
                case SEED -> EnsembleColumn.Type.LONG;
                default -> EnsembleColumn.Type.DOUBLE;
            };
            for (String c : p.columns()) {
                out.add(new EnsembleColumn(c, type, false));
            }
        }
        for (Measurement m : measurements) {
            for (String c : m.columns()) {
                out.add(new EnsembleColumn(c, EnsembleColumn.Type.DOUBLE, m.timing()));
            }
        }
        out.add(new EnsembleColumn(STATUS, EnsembleColumn.Type.STRING, false));
        out.add(new EnsembleColumn(ERROR, EnsembleColumn.Type.STRING, false));
        out.add(new EnsembleColumn(STEPS, EnsembleColumn.Type.LONG, false));
        out.add(new EnsembleColumn(TIME, EnsembleColumn.Type.DOUBLE, false));
        out.add(new EnsembleColumn(THREADS, EnsembleColumn.Type.INT, true));
        out.add(new EnsembleColumn(RUN_SECONDS, EnsembleColumn.Type.DOUBLE, true));
        return out;
    }

    /** Number of measured values per member. */
    public int valueCount() {
        int n = 0;
        for (Measurement m : measurements) {
            n += m.columns().size();
        }
        return n;
    }

    /** One row of the results, in the order of {@link #columns()} (Integer, Long, Double, String). */
    public Object[] row(Member member, MemberResult result) {
        List<Object> row = new ArrayList<>();
        row.add(member.index());
        for (Parameter p : parameters) {
            Object v = member.get(p);
            if (v instanceof Mode m) {
                row.add(m.nx());
                row.add(m.ny());
                row.add(m.nz());
            } else {
                row.add(v);
            }
        }
        for (double v : result.values()) {
            row.add(v);
        }
        row.add(result.status().label());
        row.add(result.error());
        row.add(result.steps());
        row.add(result.time());
        row.add(result.threads());
        row.add(result.seconds());
        return row.toArray();
    }

    /** Bytes a solver of this member holds (the base's estimate scaled to the member's grid). */
    public long estimatedBytes(Member member) {
        Simulation b = base();
        Object grid = member.get(Parameter.GRID);
        if (grid == null) {
            return b.estimatedBytes();
        }
        double ratio = (double) dev.isspectral.grid.Grid.parse((String) grid).size() / b.grid().size();
        return (long) Math.ceil(b.estimatedBytes() * ratio);
    }

    /**
     * The member's simulation: the base with the member's parameter values, on {@code threads} threads. A member
     * not from this ensemble (a value its parameter refuses, or c_s² on a base without a constant-c_s² EOS) is
     * refused with the parameter and value named.
     */
    public Simulation simulation(Member member, int threads) {
        Simulation b = base();
        member.values().forEach((p, v) -> p.check(v));   // a Member made by hand has not been through the axes' checks
        if (member.get(Parameter.SOUND_SPEED_SQUARED) != null && !(b.eos() instanceof ConstantSoundSpeedEos)) {
            throw new IllegalArgumentException("member sets " + Parameter.SOUND_SPEED_SQUARED.label()
                    + ", which this ensemble's base (eos = " + b.eos().describe()
                    + ") cannot vary; must be one of ensemble.members()");
        }
        Simulation.Builder builder = b.toBuilder();
        Object grid = member.get(Parameter.GRID);
        if (grid != null) {
            builder = builder.grid((String) grid);
        }
        Eos eos = b.eos();
        double cs2 = member.number(Parameter.SOUND_SPEED_SQUARED);
        if (!Double.isNaN(cs2)) {
            eos = Eos.constantSoundSpeed(cs2, ((ConstantSoundSpeedEos) b.eos()).a());
        }
        Transport t = b.transport();
        double eta = member.number(Parameter.ETA_OVER_S);
        double zeta = member.number(Parameter.ZETA_OVER_S);
        double bpi = member.number(Parameter.B_PI);
        if (!Double.isNaN(eta) || !Double.isNaN(zeta) || !Double.isNaN(bpi)) {
            t = withCoefficients(t, Double.isNaN(eta) ? t.etaOverS() : eta, Double.isNaN(zeta) ? t.zetaOverS() : zeta,
                    Double.isNaN(bpi) ? t.bPi() : bpi);
        }
        // ideal transport in between, so that checking the new EOS against the old transport cannot fail
        builder = builder.transport(Transport.ideal()).eos(eos).transport(t);
        builder = builder.initial(initial(b.initial(), member));
        builder = builder.tuning(b.tuning().withThreads(threads));
        return builder.build();
    }

    /** {@code t} with η/s, ζ/s and b_π replaced and every other setting kept. */
    static Transport withCoefficients(Transport t, double eta, double zeta, double bpi) {
        Transport out = Transport.etaOverS(eta).zetaOverS(zeta).bPi(bpi);
        if (t.bulkRelaxation() == Transport.BulkRelaxation.RATIO) {
            out = out.bulkRelaxationRatio(t.bBulk());
        }
        out = out.variant(t.variant());
        if (out.variant() == Transport.Variant.DNMR) {
            out = out.phi7(t.phi7()).vorticity(t.vorticity());
        }
        return out;
    }

    private static Initial initial(Initial base, Member member) {
        Mode mode = (Mode) member.get(Parameter.MODE);
        double amplitude = member.number(Parameter.AMPLITUDE);
        Object seed = member.get(Parameter.SEED);
        Initial out = base;
        if (out instanceof Initial.SoundWave w) {
            if (mode != null) {
                w = w.mode(mode.nx(), mode.ny(), mode.nz());
            }
            out = Double.isNaN(amplitude) ? w : w.amplitude(amplitude);
        } else if (out instanceof Initial.ShearWave w) {
            if (mode != null) {
                w = w.mode(mode.nx(), mode.ny(), mode.nz());
            }
            out = Double.isNaN(amplitude) ? w : w.amplitude(amplitude);
        } else if (out instanceof Initial.TaylorGreen v) {
            out = Double.isNaN(amplitude) ? v : v.velocity(amplitude);
        } else if (out instanceof Initial.RandomField r) {
            out = seed == null ? r : r.seed((Long) seed);
        }
        return out;
    }

    /**
     * Builds, runs and measures one member on {@code threads} threads. Never throws for the member's
     * own failure: invalid parameters, a failed primitive recovery, a non-finite field or a failed
     * measurement give a result with that status, the error message and NaN values. Without a stop rule
     * (no {@code until}), a member whose grid has no NT is {@link MemberStatus#INVALID}, refused before
     * its simulation is built.
     */
    public MemberResult run(Member member, int threads) {
        long start = System.nanoTime();
        double[] nan = new double[valueCount()];
        java.util.Arrays.fill(nan, Double.NaN);
        Simulation sim;
        List<Measurement.Probe> probes = new ArrayList<>();
        try {
            requireStepCount(member);
            sim = simulation(member, threads);
            for (Measurement m : measurements) {
                probes.add(m.start(sim));
            }
        } catch (IllegalArgumentException e) {
            return new MemberResult(member.index(), MemberStatus.INVALID, e.getMessage(), 0, 0,
                    (System.nanoTime() - start) / 1e9, threads, nan);
        }
        Solver solver = null;
        try {
            solver = sim.start();
            for (Measurement.Probe p : probes) {
                p.sample(solver);
            }
            long target = steps >= 0 ? steps : Double.isNaN(endTime) ? sim.grid().steps() : Long.MAX_VALUE;
            while (solver.stepCount() < target) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted at step " + solver.stepCount());
                }
                if (!Double.isNaN(endTime)) {
                    double remaining = endTime - solver.time();
                    if (remaining <= 1e-12 * Math.max(1, endTime)) {
                        break;
                    }
                    solver.step(Math.min(solver.nextTimeStep(), remaining));
                } else {
                    solver.step();
                }
                for (Measurement.Probe p : probes) {
                    p.sample(solver);
                }
            }
            double[] values = new double[valueCount()];
            int at = 0;
            for (Measurement.Probe p : probes) {
                double[] v = p.finish(solver);
                System.arraycopy(v, 0, values, at, v.length);
                at += v.length;
            }
            return new MemberResult(member.index(), MemberStatus.OK, "", solver.stepCount(), solver.time(),
                    (System.nanoTime() - start) / 1e9, threads, values);
        } catch (RuntimeException e) {
            MemberStatus status = statusOf(e);
            return new MemberResult(member.index(), status, messageOf(e), solver == null ? 0 : solver.stepCount(),
                    solver == null ? 0 : solver.time(), (System.nanoTime() - start) / 1e9, threads, nan);
        }
    }

    /** Without a stop rule the member runs its grid's NT steps: a grid without NT gives none, and is refused. */
    private void requireStepCount(Member member) {
        if (steps >= 0 || !Double.isNaN(endTime)) {
            return;
        }
        Object text = member.get(Parameter.GRID);
        dev.isspectral.grid.Grid grid = text == null ? base().grid() : dev.isspectral.grid.Grid.parse((String) text);
        grid.requireSteps("call until(Until.steps(n))");
    }

    /**
     * The status of a member's failure. A recovery that failed because a field was already NaN or
     * infinite (its message then names that field "(not finite)", physics/RecoveryException) is
     * {@link MemberStatus#NON_FINITE}: which check sees an overflow first is an accident of the stage.
     */
    private static MemberStatus statusOf(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof RecoveryException) {
                String m = c.getMessage();
                return m != null && m.contains("(not finite)") ? MemberStatus.NON_FINITE : MemberStatus.RECOVERY_FAILED;
            }
            if (c instanceof NonFiniteFieldException) {
                return MemberStatus.NON_FINITE;
            }
        }
        return e instanceof IllegalArgumentException ? MemberStatus.INVALID : MemberStatus.FAILED;
    }

    private static String messageOf(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
