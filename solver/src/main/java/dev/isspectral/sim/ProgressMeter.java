package dev.isspectral.sim;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Progress of a long piece of work (a run's steps, a benchmark's cases) shown while it goes: done
 * and total, simulated time, elapsed time, the rate and the estimated time left. It does no I/O
 * itself; a {@link Sink} shows each {@link Snapshot}: {@link #terminal(PrintStream)} rewrites one
 * line on a terminal, the display package's {@code NotebookProgress} updates a bar in a notebook.
 *
 * <p>As a {@link StepObserver} added to a simulation ({@code Simulation.builder().observer(meter)})
 * it follows every {@link Simulation#run(Until)}: started with the run's step count (or end time),
 * advanced after each step, finished at the end. It can also be driven by hand:
 * {@link #start(String, long, double)}, {@link #advance(long, double)}, {@link #finish()}. The sink
 * is called at most every {@link #DEFAULT_INTERVAL_NANOS} (and always at start and finish), so a
 * meter costs nothing measurable per step. One piece of work at a time; its methods are
 * synchronized so that {@link #during} can tick from a second thread.
 */
public final class ProgressMeter implements StepObserver {

    /** Least time between two updates shown: 0.25 s. */
    public static final long DEFAULT_INTERVAL_NANOS = 250_000_000L;

    /** Where snapshots go. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Shows one snapshot.
         *
         * @param snapshot the state of the work now
         */
        void show(Snapshot snapshot);

        /** Takes the shown progress away (a terminal line is erased) before other output; none by default. */
        default void clear() {
        }
    }

    /**
     * The state of the work at one moment.
     *
     * @param label          what is being done, e.g. "run 880x32x16x16"
     * @param done           units done (steps)
     * @param total          units in all, or −1 when the work ends at a time instead
     * @param time           simulated time now (NaN when not a simulation)
     * @param endTime        simulated time the work ends at, or NaN
     * @param elapsedSeconds wall-clock seconds since the start
     * @param finished       whether this is the last snapshot
     */
    public record Snapshot(String label, long done, long total, double time, double endTime, double elapsedSeconds,
                           boolean finished) {

        /** Fraction done in [0, 1] (by steps, else by simulated time), or NaN when unknown. */
        public double fraction() {
            if (total > 0) {
                return Math.min(1, (double) done / total);
            }
            if (total == 0) {
                return 1;
            }
            if (endTime > 0 && Double.isFinite(time)) {
                return Math.max(0, Math.min(1, time / endTime));
            }
            return Double.NaN;
        }

        /** Units (steps) per second so far; NaN before any time has passed. */
        public double rate() {
            return elapsedSeconds > 0 ? done / elapsedSeconds : Double.NaN;
        }

        /** Estimated seconds left at the rate so far; NaN when unknown. */
        public double etaSeconds() {
            double f = fraction();
            if (!(f > 0) || Double.isNaN(f) || elapsedSeconds <= 0) {
                return Double.NaN;
            }
            return elapsedSeconds * (1 - f) / f;
        }

        /**
         * One line: {@code run: step 120 / 880 (14%) · t = 1.5 · 2.3 s · ETA 14 s · 52 steps/s}, and
         * when finished {@code run: 880 steps in 12.3 s · 71 steps/s · t = 11}.
         */
        public String line() {
            StringBuilder s = new StringBuilder(label).append(": ");
            if (finished && done == 0 && total < 0) {
                return s.append("done in ").append(seconds(elapsedSeconds)).toString();
            }
            if (finished) {
                s.append(done).append(done == 1 ? " step in " : " steps in ").append(seconds(elapsedSeconds));
                appendRate(s);
                appendTime(s);
                return s.toString();
            }
            if (done == 0 && total < 0 && Double.isNaN(endTime)) {
                return s.append(seconds(elapsedSeconds)).toString();
            }
            s.append("step ").append(done);
            if (total >= 0) {
                s.append(" / ").append(total);
            }
            double f = fraction();
            if (!Double.isNaN(f)) {
                s.append(String.format(Locale.ROOT, " (%.0f%%)", 100 * f));
            }
            appendTime(s);
            s.append(" \u00b7 ").append(seconds(elapsedSeconds));
            double eta = etaSeconds();
            if (!Double.isNaN(eta)) {
                s.append(" \u00b7 ETA ").append(seconds(eta));
            }
            appendRate(s);
            return s.toString();
        }

        private void appendTime(StringBuilder s) {
            if (Double.isFinite(time)) {
                s.append(" \u00b7 t = ").append(String.format(Locale.ROOT, "%.4g", time));
            }
        }

        private void appendRate(StringBuilder s) {
            double r = rate();
            if (Double.isFinite(r) && r > 0) {
                s.append(" \u00b7 ").append(String.format(Locale.ROOT, r >= 100 ? "%.0f" : "%.3g", r)).append(" steps/s");
            }
        }

        /** Seconds as "850 ms", "12.3 s", "4 min 05 s". */
        static String seconds(double s) {
            if (s < 1) {
                return String.format(Locale.ROOT, "%.0f ms", s * 1e3);
            }
            if (s < 60) {
                return String.format(Locale.ROOT, "%.1f s", s);
            }
            long whole = Math.round(s);
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
    }

    private final Sink sink;
    private final LongSupplier clock;
    private final long intervalNanos;
    private String label = "";
    private long total;
    private double endTime;
    private long startNanos;
    private long lastShown;
    private long firstStep;
    private long done;
    private double time = Double.NaN;
    private boolean running;

    /**
     * @param sink          where snapshots go
     * @param clock         nanosecond clock ({@code System::nanoTime})
     * @param intervalNanos least time between two snapshots shown while running, ≥ 0
     */
    public ProgressMeter(Sink sink, LongSupplier clock, long intervalNanos) {
        this.sink = Objects.requireNonNull(sink, "sink = null");
        this.clock = Objects.requireNonNull(clock, "clock = null");
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("intervalNanos = " + intervalNanos + "; must be >= 0");
        }
        this.intervalNanos = intervalNanos;
    }

    /** A meter showing snapshots to {@code sink} at most every 0.25 s. */
    public static ProgressMeter to(Sink sink) {
        return new ProgressMeter(sink, System::nanoTime, DEFAULT_INTERVAL_NANOS);
    }

    /**
     * A meter that rewrites one line of a terminal ({@code \r}, padded over the previous text) and
     * ends it with a newline when the work finishes.
     *
     * @param out the terminal stream, e.g. {@code System.err}
     */
    public static ProgressMeter terminal(PrintStream out) {
        Objects.requireNonNull(out, "out = null");
        return to(new Sink() {
            private int previous;

            @Override
            public void show(Snapshot s) {
                String line = s.line();
                int pad = Math.max(0, previous - line.length());
                out.print("\r" + line + " ".repeat(pad) + (s.finished() ? "\n" : ""));
                out.flush();
                previous = s.finished() ? 0 : line.length();
            }

            @Override
            public synchronized void clear() {
                if (previous > 0) {
                    out.print("\r" + " ".repeat(previous) + "\r");
                    out.flush();
                    previous = 0;
                }
            }
        });
    }

    /**
     * Whether a command-line tool should show progress: not when asked not to, and only when
     * standard output is a terminal (not a file or a pipe).
     *
     * @param wanted false for {@code --no-progress}
     * @return true to show progress
     */
    public static boolean onTerminal(boolean wanted) {
        return wanted && System.console() != null;
    }

    /** Erases the progress shown (a terminal line) so other output starts on a clean line. */
    public synchronized void clear() {
        sink.clear();
    }

    /** A meter that shows nothing. */
    public static ProgressMeter none() {
        return new ProgressMeter(s -> { }, System::nanoTime, DEFAULT_INTERVAL_NANOS);
    }

    /**
     * Starts a piece of work and shows its first snapshot.
     *
     * @param label   what is being done
     * @param total   units in all (≥ 0), or −1 when it ends at {@code endTime}
     * @param endTime simulated end time, or NaN
     */
    public synchronized void start(String label, long total, double endTime) {
        this.label = Objects.requireNonNull(label, "label = null");
        this.total = total;
        this.endTime = endTime;
        this.startNanos = clock.getAsLong();
        this.lastShown = startNanos;
        this.done = 0;
        this.time = Double.NaN;
        this.running = true;
        sink.show(snapshot(false));
    }

    /**
     * Records progress; shows a snapshot when the interval has passed since the last one.
     *
     * @param done units done so far
     * @param time simulated time now, or NaN
     */
    public synchronized void advance(long done, double time) {
        this.done = done;
        this.time = time;
        long now = clock.getAsLong();
        if (running && now - lastShown >= intervalNanos) {
            lastShown = now;
            sink.show(snapshot(false));
        }
    }

    /** Ends the work and shows the final snapshot; does nothing when not started. */
    public synchronized void finish() {
        if (running) {
            running = false;
            sink.show(snapshot(true));
        }
    }

    /**
     * Runs work whose steps this meter cannot see (a profile, a timed benchmark) under a label,
     * showing the elapsed time while it runs (a daemon thread looks at the clock twice a second)
     * and the total when it ends.
     *
     * @param label what is being done
     * @param work  the work
     * @param <T>   its result type
     * @return the work's result
     */
    public <T> T during(String label, java.util.function.Supplier<T> work) {
        start(label, -1, Double.NaN);
        Thread ticker = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(500);
                    advance(0, Double.NaN);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "progress " + label);
        ticker.setDaemon(true);
        ticker.start();
        try {
            return work.get();
        } finally {
            ticker.interrupt();
            try {
                ticker.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finish();
        }
    }

    private Snapshot snapshot(boolean finished) {
        return new Snapshot(label, done, total, time, endTime, (clock.getAsLong() - startNanos) / 1e9, finished);
    }

    @Override
    public void runStarted(Solver solver, Until until) {
        firstStep = solver.stepCount();
        start("run " + solver.grid().boxNotation(), until.byTime() ? -1 : until.stepCount(),
                until.byTime() ? until.endTime() : Double.NaN);
        time = solver.time();
    }

    @Override
    public void afterStep(Solver solver, StepStatistics statistics) {
        advance(solver.stepCount() - firstStep, solver.time());
    }

    @Override
    public void runFinished(Solver solver) {
        finish();
    }
}
