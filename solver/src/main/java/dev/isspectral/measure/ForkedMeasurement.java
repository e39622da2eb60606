package dev.isspectral.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

/**
 * What {@link Forks#run()} measured: one {@link Measurement} per fork (a fresh JVM, run one after another; or this
 * JVM alone with one fork), each of interleaved rotated rounds, combined. Every figure is the median over all rounds
 * of all forks with a 95% interval from the {@linkplain Stats#hierarchicalBootstrap hierarchical bootstrap} (forks
 * resampled, then rounds within each), so the variation between JVMs is inside the interval; with one fork the
 * interval is the order-statistics interval of {@link Measurement}, as before forks. Immutable.
 */
public final class ForkedMeasurement implements Presentable {

    private final List<Measurement> forks;
    private final List<Map<String, String>> extras;
    private final MachineLoad load;
    private final boolean inProcess;
    private final double seconds;

    ForkedMeasurement(List<Measurement> forks, List<Map<String, String>> extras, MachineLoad load, boolean inProcess,
                      double seconds) {
        if (forks.isEmpty() || forks.size() != extras.size()) {
            throw new IllegalArgumentException("forks = " + forks.size() + ", extras = " + extras.size()
                    + "; must be equal and >= 1");
        }
        this.forks = List.copyOf(forks);
        this.extras = extras.stream().map(Map::copyOf).toList();
        this.load = load;
        this.inProcess = inProcess;
        this.seconds = seconds;
    }

    /** Combines measurements of the same candidates made elsewhere (e.g. worker pairs); {@code load} over them all. */
    public static ForkedMeasurement of(List<Measurement> forks, MachineLoad load) {
        for (Measurement m : forks) {
            if (!m.names().equals(forks.get(0).names())) {
                throw new IllegalArgumentException("fork candidates " + m.names() + " differ from " + forks.get(0).names()
                        + "; every fork must measure the same candidates");
            }
        }
        double s = forks.stream().mapToDouble(Measurement::seconds).sum();
        return new ForkedMeasurement(forks, forks.stream().map(m -> Map.<String, String>of()).toList(), load,
                forks.size() == 1, s);
    }

    /** The candidates' names. */
    public List<String> names() {
        return forks.get(0).names();
    }

    /** Number of forks. */
    public int forkCount() {
        return forks.size();
    }

    /** Fork {@code k}'s own measurement. */
    public Measurement fork(int k) {
        return forks.get(k);
    }

    /** What fork {@code k}'s {@link ForkSetup#extras()} reported. */
    public Map<String, String> extras(int k) {
        return extras.get(k);
    }

    /** Whether the one fork ran in this JVM ({@code forks(1)}: the method as it was before forks). */
    public boolean inProcess() {
        return inProcess;
    }

    /** Rounds over all forks. */
    public int rounds() {
        return forks.stream().mapToInt(Measurement::rounds).sum();
    }

    /** Rounds of each fork. */
    public List<Integer> roundsPerFork() {
        return forks.stream().map(Measurement::rounds).toList();
    }

    /**
     * A figure from per-round values: {@code perFork.apply(k)} gives fork k's values, one per round (a time, a paired
     * ratio, or anything derived per round). The median over all rounds of all forks, the 95% hierarchical-bootstrap
     * interval (order statistics with one fork), each fork's median and the spread between forks. Where the spread
     * between forks dominates, the estimate's confidence is lowered to {@link Stats#forkCoverage} of the fork count.
     */
    public ForkedFigure figure(IntFunction<double[]> perFork, String unit) {
        int n = forks.size();
        double[][] values = new double[n][];
        List<Double> medians = new ArrayList<>();
        double[] widths = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = perFork.apply(k);
            Estimate own = Stats.medianInterval(values[k], 0.95);
            medians.add(own.median());
            widths[k] = own.relativeWidth();
        }
        if (n == 1) {
            Estimate e = Estimate.of(values[0], unit);
            return new ForkedFigure(e, List.of(values[0].length), medians, 0, widths[0]);
        }
        Estimate e = Stats.hierarchicalMedian(values).withUnit(unit);
        double lo = medians.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double hi = medians.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double between = e.isMeasured() && e.median() != 0 ? (hi - lo) / Math.abs(e.median()) : Double.NaN;
        ForkedFigure f = new ForkedFigure(e, roundsPerFork(), medians, between, Stats.median(widths));
        if (f.betweenForksDominate()) {
            double c = Math.min(e.confidence(), Stats.forkCoverage(n));
            f = new ForkedFigure(new Estimate(e.median(), e.low(), e.high(), e.rounds(), c, unit), f.roundsPerFork(),
                    medians, between, f.withinWidth());
        }
        return f;
    }

    /** Seconds per operation of candidate {@code i}, over forks. */
    public ForkedFigure time(int i) {
        return figure(k -> forks.get(k).samples(i), "s");
    }

    /** The paired ratio time_i / time_ref per round, over forks. */
    public ForkedFigure ratio(int i, int ref) {
        return figure(k -> forks.get(k).pairedRatios(i, ref), "x");
    }

    /** The paired speed-up of {@code i} over {@code ref} (time_ref / time_i per round), over forks. */
    public ForkedFigure speedup(int i, int ref) {
        return figure(k -> forks.get(k).pairedRatios(ref, i), "x");
    }

    /**
     * A statistic of all candidates' rounds ({@code statistic} of {@code [candidate][rounds]}, e.g. a slope through
     * their medians): over forks by the hierarchical bootstrap (rounds resampled jointly, forks then rounds); with one
     * fork by {@link Stats#bootstrap} over each candidate's rounds, as before forks.
     */
    public Estimate bootstrap(ToDoubleFunction<double[][]> statistic) {
        int c = names().size();
        double[][][] data = new double[forks.size()][c][];
        for (int k = 0; k < forks.size(); k++) {
            for (int i = 0; i < c; i++) {
                data[k][i] = forks.get(k).samples(i);
            }
        }
        return forks.size() == 1 ? Stats.bootstrap(data[0], statistic)
                : Stats.hierarchicalBootstrap(data, statistic, 0.95, Stats.DEFAULT_RESAMPLES, Stats.DEFAULT_SEED);
    }

    /** Allocation of candidate {@code i}'s measured operations over all forks (each fork's own threads). */
    public Allocation allocation(int i) {
        Allocation a = forks.get(0).allocation(i);
        for (int k = 1; k < forks.size(); k++) {
            a = a.plus(forks.get(k).allocation(i));
        }
        return a;
    }

    /**
     * The machine's load over all forks: CPU shares and load average over the parent's whole window (the forks' CPU
     * counted as this process's own: they are waited-for children), GC and JIT summed over the forks.
     */
    public MachineLoad load() {
        return load;
    }

    /** Wall time of all forks, s. */
    public double seconds() {
        return seconds;
    }

    /** "steady in 3 of 3 forks" (or the first fork's reason where none was steady). */
    public String warmupText() {
        long steady = forks.stream().filter(m -> m.warmup().steady()).count();
        if (forks.size() == 1) {
            return forks.get(0).warmup().reason() + ", " + forks.get(0).warmup().rounds() + " rounds";
        }
        return steady == forks.size() ? "steady in every fork" : "steady in " + steady + " of " + forks.size()
                + " forks; otherwise " + forks.stream().filter(m -> !m.warmup().steady()).findFirst().orElseThrow()
                .warmup().reason();
    }

    /** Why the rounds stopped, per fork: "budget ran out … in 3 forks". */
    public String stopText() {
        if (forks.size() == 1) {
            return forks.get(0).stopText();
        }
        StringBuilder sb = new StringBuilder();
        for (Measurement.Stop s : Measurement.Stop.values()) {
            List<Measurement> with = forks.stream().filter(m -> m.stop() == s).toList();
            if (!with.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : "; ").append(with.get(0).stopText()).append(" in ").append(with.size())
                        .append(with.size() == 1 ? " fork" : " forks");
            }
        }
        return sb.toString();
    }

    /**
     * The machine's speed read in each fork before and after its rounds ({@link MachineSpeed}), in fork order (before,
     * after, next fork …); empty where the forks did not read it (measurements combined with {@link #of}).
     */
    public List<MachineSpeed> machineSpeeds() {
        List<MachineSpeed> all = new ArrayList<>();
        for (MachineSpeed[] beforeAfter : machineSpeedsByFork()) {
            for (MachineSpeed m : beforeAfter) {
                if (m != null) {
                    all.add(m);
                }
            }
        }
        return all;
    }

    /** Fork by fork, its {@link MachineSpeed} readings {before, after}; an element is null where it read none. */
    public List<MachineSpeed[]> machineSpeedsByFork() {
        List<MachineSpeed[]> all = new ArrayList<>();
        for (Map<String, String> x : extras) {
            String before = x.get(MachineSpeed.BEFORE);
            String after = x.get(MachineSpeed.AFTER);
            all.add(new MachineSpeed[] {before == null ? null : MachineSpeed.parse(before),
                    after == null ? null : MachineSpeed.parse(after)});
        }
        return all;
    }

    /**
     * How it was measured, in one line (forks, rounds, warm-up, stop, load, the machine's speed: its range and, with
     * several forks, each fork's readings in fork order, the order of the figures' fork medians).
     */
    public String how() {
        String rounds = ForkedFigure.roundsText(roundsPerFork());
        String speeds = MachineSpeed.range(machineSpeeds());
        String byFork = forks.size() > 1 ? MachineSpeed.byFork(machineSpeedsByFork()) : "";
        if (!byFork.isEmpty()) {
            speeds += "; fork by fork, before → after the rounds: " + byFork;
        }
        return String.format(Locale.ROOT, "%s interleaved rounds (order rotated) after warm-up (%s); %s; load %.2f → %.2f%s%s",
                forks.size() == 1 ? rounds + (inProcess ? " (in this JVM)" : " (one fresh JVM)")
                        : rounds.replace("×", " forks (fresh JVMs, one after another) × "),
                warmupText(), stopText(), load.loadBefore(), load.loadAfter(), inProcess ? ""
                        : String.format(Locale.ROOT, "; the forks took %.0f s of wall time with JVM start and set-up", seconds),
                speeds.isEmpty() ? "" : "; machine speed (one thread, read before and after the rounds"
                        + (inProcess ? "" : " of every fork") + "): " + speeds);
    }

    /** A short account and each candidate's time over forks. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(forks.get(0).name()).append(": ").append(how());
        for (int i = 0; i < names().size(); i++) {
            ForkedFigure t = time(i).scaled(1e3, "ms");
            sb.append("\n  ").append(names().get(i)).append(": ").append(t.estimate().format());
            if (i > 0) {
                sb.append("; ratio to ").append(names().get(0)).append(' ').append(ratio(i, 0).estimate().formatShort());
            }
            String spread = t.text();
            if (!spread.isEmpty()) {
                sb.append("\n    ").append(spread);
            }
        }
        return sb.toString();
    }

    @Override
    public String toText() {
        return toString() + "\n" + load;
    }

    @Override
    public String toHtml() {
        StringBuilder html = new StringBuilder("<div class=\"is-spectral-measurement\">\n<p><b>")
                .append(Presentable.escape(forks.get(0).name() + ": " + how())).append("</b></p>\n<table class=\"is-spectral-table\">"
                        + "\n<thead><tr><th>candidate</th><th>time per op (median [95% CI] over forks)</th><th>ratio to first"
                        + " (paired)</th><th>forks × rounds</th><th>fork medians, spread</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < names().size(); i++) {
            ForkedFigure t = time(i).scaled(1e3, "ms");
            html.append("<tr><td>").append(Presentable.escape(names().get(i))).append("</td><td>")
                    .append(Presentable.escape(t.estimate().formatShort())).append(" ms</td><td>")
                    .append(i == 0 ? "1 (reference)" : Presentable.escape(ratio(i, 0).estimate().formatShort()))
                    .append("</td><td>").append(t.roundsText()).append("</td><td>").append(Presentable.escape(t.text()))
                    .append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n").append(load.toHtml()).append("\n</div>").toString();
    }
}
