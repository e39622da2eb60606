package dev.isspectral.bench;

import dev.isspectral.fft.FftBackend;
import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftEngines;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.TuningFile;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.ForkSetup;
import dev.isspectral.measure.Measure;
import dev.isspectral.profile.FftRecorder;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import dev.isspectral.trace.Tracer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The timed sections of {@link Targets} as {@link ForkSetup}s: each builds its simulations and candidates from string
 * arguments, in whichever JVM runs it (a fresh fork, or this one with {@code --forks 1}), so that every fork compiles,
 * lays out and plans (FFTW MEASURE or PATIENT) its own. Arguments name grids ({@link Grid#notation()}) and backends; a
 * backend given as {@code fftw:T} is FFTW r2c double at MEASURE on T threads, {@code fftw:T:patient} the same planned
 * at PATIENT, as {@link Targets} chose with the tuner.
 */
final class TargetForks {

    private TargetForks() {
    }

    /**
     * "jtransforms", "fftw", "fftw:T" or "fftw:T:patient" → the simulation of backend on {@code g} with the optimized
     * tuning.
     */
    static Simulation simulation(Grid g, String backendArg) {
        int at = backendArg.indexOf(WISDOM);
        if (at >= 0) {
            importWisdom(Path.of(backendArg.substring(at + 1)));
            backendArg = backendArg.substring(0, at);
        }
        String[] parts = backendArg.split(":", -1);
        if (parts.length == 1) {
            return Workload.simulation(g, backendArg);
        }
        boolean patient = parts.length == 3 && parts[2].equals(PATIENT);
        if (parts.length > 3 || parts.length == 3 && !patient) {
            throw new IllegalArgumentException("backend = \"" + backendArg + "\"; must be NAME, NAME:T or NAME:T:" + PATIENT);
        }
        int t = Integer.parseInt(parts[1]);
        FftSettings fft = patient ? tunedFftwPatient(t) : tunedFftw(t);
        return Workload.simulation(g, Workload.optimized(parts[0]).withFftSettings(fft));
    }

    /**
     * Separates a backend argument from the tuning file whose FFTW wisdom travels with it
     * ("fftw:2:patient@/tmp/is-spectral-targets-wisdom-1.properties"): the tuner's plans, so that every fork runs the
     * plans the tuner timed instead of searching (and, at PATIENT, perhaps finding) its own.
     */
    static final char WISDOM = '@';

    /** {@code backendArg} with the FFTW wisdom saved in tuning file {@code file}. */
    static String withWisdom(String backendArg, Path file) {
        return backendArg + WISDOM + file;
    }

    /** Hands the FFTW wisdom saved in tuning file {@code file} to FFTW; a file FFTW cannot use stops the fork. */
    static void importWisdom(Path file) {
        TuningFile saved = TuningFile.load(file);
        if (!saved.problem().isEmpty() || saved.wisdom().isEmpty()) {
            throw new IllegalArgumentException("wisdom file = " + file + ": " + (saved.problem().isEmpty()
                    ? "holds no FFTW wisdom" : saved.problem()) + "; must be a tuning file with FFTW wisdom");
        }
        FftBackend fftw = FftEngines.backend(FftSettings.FFTW).orElseThrow(() -> new IllegalStateException(
                "wisdom file = " + file + ": FFTW is not on the class path"));
        if (!fftw.importWisdom(saved.wisdom())) {
            throw new IllegalStateException("wisdom file = " + file + ": FFTW rejected its wisdom");
        }
    }

    /** The suffix of a backend argument planned at PATIENT ("fftw:2:patient"). */
    static final String PATIENT = "patient";

    /** FFTW r2c double at MEASURE on {@code threads} threads: what the tuner chooses among. */
    static FftSettings tunedFftw(int threads) {
        return FftSettings.optimized().withBackend(FftSettings.FFTW).withThreads(threads)
                .withRigour(FftSettings.Rigour.MEASURE);
    }

    /** The same at PATIENT: the tuner's candidate on all cores ({@link dev.isspectral.fft.FftTuner#defaultCandidates}). */
    static FftSettings tunedFftwPatient(int threads) {
        return tunedFftw(threads).withRigour(FftSettings.Rigour.PATIENT);
    }

    /** The argument naming FFTW settings the tuner chose ({@link #tunedFftw} or {@link #tunedFftwPatient}). */
    static String argument(String backend, FftSettings chosen) {
        return backend + ":" + chosen.threads() + (chosen.rigour() == FftSettings.Rigour.PATIENT ? ":" + PATIENT : "");
    }

    /** The backend name of an argument ("fftw:2" → "fftw", "fftw:2:patient@FILE" → "fftw"). */
    static String backend(String backendArg) {
        int colon = backendArg.indexOf(':');
        int at = backendArg.indexOf(WISDOM);
        if (at >= 0 && (colon < 0 || at < colon)) {
            colon = at;
        }
        return colon < 0 ? backendArg : backendArg.substring(0, colon);
    }

    /** Args: GRID BACKEND...; one candidate per backend, an operation = {@link Targets#BLOCK} consecutive steps. */
    public static final class WholeRun implements ForkSetup {
        @Override
        public Measure measure(List<String> args) {
            Grid g = Grid.parse(args.get(0));
            List<Candidate> candidates = new ArrayList<>();
            for (String b : args.subList(1, args.size())) {
                Solver s = simulation(g, b).start();
                candidates.add(Candidate.of(backend(b), () -> s.advance(Targets.BLOCK)));
            }
            return Measure.of(candidates).named("whole run").minSample(Duration.ZERO);
        }
    }

    /** Args: GRID BACKEND...; one candidate per backend, an operation = one step; extras: the first solver's memory. */
    public static final class LargeGrid implements ForkSetup {
        private Solver first;
        private Grid grid;

        @Override
        public Measure measure(List<String> args) {
            grid = Grid.parse(args.get(0));
            List<Candidate> candidates = new ArrayList<>();
            for (String b : args.subList(1, args.size())) {
                Solver s = simulation(grid, b).start();
                first = first == null ? s : first;
                candidates.add(Candidate.of(backend(b), s::step));
            }
            return Measure.of(candidates).named("large grid").minSample(Duration.ZERO);
        }

        @Override
        public Map<String, String> extras() {
            StringBuilder parts = new StringBuilder();
            for (Solver.MemoryUse mu : first.memory()) {
                parts.append(String.format(Locale.ROOT, "%s %.0f, ", mu.component(), (double) mu.bytes() / grid.size()));
            }
            Map<String, String> m = new LinkedHashMap<>();
            m.put("bytesHeld", Long.toString(first.bytesHeld()));
            m.put("memory", parts.toString());
            m.put("engineBytes", Long.toString(first.fftEngine().bytesHeld()));
            m.put("engineBackend", first.fftEngine().backend());
            return m;
        }
    }

    /** Args: GRID BACKEND...; the baseline, then the optimized tuning of each backend on the baseline's threads. */
    public static final class Compare implements ForkSetup {
        @Override
        public Measure measure(List<String> args) {
            Grid g = Grid.parse(args.get(0));
            Simulation baseline = Workload.simulation(g, Tuning.baseline());
            int threads = baseline.tuning().threads();
            List<Candidate> candidates = new ArrayList<>();
            Solver base = baseline.start(Instrumentation.NONE);
            candidates.add(Candidate.of("baseline", base::step));
            for (String b : args.subList(1, args.size())) {
                Solver s = Workload.simulation(g, Workload.optimized(b).withThreads(threads)).start(Instrumentation.NONE);
                candidates.add(Candidate.of(b, s::step));
            }
            // one step per sample: batches of >= 0.2 s gave a quiet interval of [4.0, 21.1] (the baseline's GCs land in
            // some batches only), see Targets
            return Measure.of(candidates).named("optimized vs baseline").minSample(Duration.ZERO);
        }
    }

    /** Args: GRID BACKEND; the optimized step on 1 thread and on 2. */
    public static final class Threads implements ForkSetup {
        @Override
        public Measure measure(List<String> args) {
            Grid g = Grid.parse(args.get(0));
            String b = args.get(1);
            Solver s1 = Workload.simulation(g, Workload.optimized(b).withThreads(1)).start(Instrumentation.NONE);
            Solver s2 = Workload.simulation(g, Workload.optimized(b).withThreads(2)).start(Instrumentation.NONE);
            return Measure.of(Candidate.of("1 thread", s1::step), Candidate.of("2 threads", s2::step)).named("threads")
                    .minSample(Duration.ZERO);
        }
    }

    /**
     * Args: GRID BACKEND; a step (its transforms counted by the profiler's recorder), a lone forward and a lone inverse
     * of the same settings; extras: the transforms counted, the steps, the time inside them.
     */
    public static final class FftBound implements ForkSetup {
        private FftRecorder recorder;
        private FftEngine alone;
        private long steps;
        private long fftNanosBefore;
        /** Whether the timed rounds have begun ({@link Measure#whenTimed}), and their steps' transform time. */
        private boolean timed;
        private long timedFftNanos;

        @Override
        public Measure measure(List<String> args) {
            Grid g = Grid.parse(args.get(0));
            Simulation sim = Workload.simulation(g, args.get(1));
            recorder = new FftRecorder(Tracer.OFF, System::nanoTime, false);
            Solver solver = sim.start(new Instrumentation(Tracer.OFF, recorder.decorator()));
            alone = FftEngines.create(sim.fftSettings(), g.nx(), g.ny(), g.nz());
            FftEngine alone = this.alone;
            double[] real = solver.energyDensity().clone();
            double[] spectrum = new double[alone.spectrumLength()];
            double[] input = new double[alone.spectrumLength()];
            double[] back = new double[alone.realLength()];
            alone.forward(real, input);
            return Measure.of(
                    // the recorder is read outside the timed call: the transform time of each timed step
                    Candidate.of("step", solver::step).around(() -> fftNanosBefore = recorder.totalNanos(), () -> {
                        steps++;
                        if (timed) {
                            timedFftNanos += recorder.totalNanos() - fftNanosBefore;
                        }
                    }),
                    Candidate.of("forward", () -> alone.forward(real, spectrum)),
                    // an inverse may overwrite its input (FFTW's c2r does): a fresh copy before each, untimed
                    Candidate.of("inverse", () -> alone.inverse(spectrum, back))
                            .around(() -> System.arraycopy(input, 0, spectrum, 0, input.length), () -> { }))
                    .named("fft bound").batch(1).whenTimed(() -> timed = true);
        }

        /**
         * The transform calls and steps, warm-up included, and "timedFftNanos": the transform time inside the timed
         * rounds' steps, whose own times are the step candidate's samples ({@link Targets#inStepShare}).
         */
        @Override
        public Map<String, String> extras() {
            long forward = 0;
            long inverse = 0;
            for (FftRecorder.Kind k : recorder.kinds()) {
                if (k.direction().equals("forward")) {
                    forward += k.calls();
                } else {
                    inverse += k.calls();
                }
            }
            return Map.of("forwardCalls", Long.toString(forward), "inverseCalls", Long.toString(inverse), "steps",
                    Long.toString(steps), "timedFftNanos", Long.toString(timedFftNanos));
        }

        @Override
        public void close() {
            alone.close();
        }
    }

    /** Args: BACKEND GRID...; each grid's optimized step on 1 thread. */
    public static final class Scaling implements ForkSetup {
        @Override
        public Measure measure(List<String> args) {
            String b = args.get(0);
            List<Candidate> candidates = new ArrayList<>();
            for (String grid : args.subList(1, args.size())) {
                Grid g = Grid.parse(grid);
                Solver s = Workload.simulation(g, Workload.optimized(b).withThreads(1)).start(Instrumentation.NONE);
                candidates.add(Candidate.of(g.boxNotation(), s::step));
            }
            return Measure.of(candidates).named("scaling").minSample(Duration.ZERO);
        }
    }
}
