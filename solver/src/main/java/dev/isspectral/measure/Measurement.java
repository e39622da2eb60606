package dev.isspectral.measure;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@link Measure#run()} measured: per candidate the time per operation of every round, the paired ratios, the
 * allocation, how warm-up ended, why the rounds stopped, and the machine's load over the measured window. Immutable.
 * Times are in seconds per operation; ratios are paired per round ({@code time_i / time_ref} of the same round).
 */
public final class Measurement implements Presentable {

    /** Column of {@link #table()}: the candidate's name. */
    public static final String CANDIDATE = "candidate";
    /** Columns: median and 95% interval of ms per operation. */
    public static final String MEDIAN_MS = "median_ms";
    public static final String CI_LOW_MS = "ci_low_ms";
    public static final String CI_HIGH_MS = "ci_high_ms";
    /** Columns: median and 95% interval of the paired ratio to the first candidate. */
    public static final String RATIO = "ratio_to_first";
    public static final String RATIO_LOW = "ratio_ci_low";
    public static final String RATIO_HIGH = "ratio_ci_high";
    /** Column: rounds measured. */
    public static final String ROUNDS = "rounds";
    /** Column: bytes allocated per operation by all threads ("≥ …" a lower bound, "n/a" unmeasurable). */
    public static final String ALLOCATION = "allocated_per_op";

    /** Why the rounds stopped. */
    public enum Stop {
        /** Every interval became narrower than the precision asked for. */
        PRECISION,
        /** The time budget ran out first: the intervals are as wide as they came out. */
        BUDGET,
        /** The maximum number of rounds was reached. */
        MAX_ROUNDS
    }

    /**
     * How warm-up ended.
     *
     * @param rounds     warm-up rounds (one sample of each candidate per round)
     * @param operations operations run in warm-up, all candidates
     * @param seconds    warm-up wall time
     * @param steady     whether it ended steady (JIT quiet, times stable) rather than by its budget
     * @param reason     "steady", or what was not yet steady when the budget ran out
     * @param batches    operations per sample, per candidate, as calibrated
     */
    public record Warmup(int rounds, long operations, double seconds, boolean steady, String reason, List<Long> batches) {
        Warmup(int rounds, long operations, double seconds, boolean steady, String reason, long[] batches) {
            this(rounds, operations, seconds, steady, reason, Arrays.stream(batches).boxed().toList());
        }

        public Warmup {
            batches = List.copyOf(batches);
        }

        long[] batchesArray() {
            return batches.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private final String name;
    private final List<String> names;
    private final double[][] samples;
    private final List<Allocation> allocation;
    private final Warmup warmup;
    private final Stop stop;
    private final double precision;
    private final double budgetSeconds;
    private final double seconds;
    private final MachineLoad load;

    Measurement(String name, List<String> names, double[][] samples, List<Allocation> allocation, Warmup warmup,
                Stop stop, double precision, double budgetSeconds, double seconds, MachineLoad load) {
        this.name = name;
        this.names = List.copyOf(names);
        this.samples = new double[samples.length][];
        for (int i = 0; i < samples.length; i++) {
            this.samples[i] = samples[i].clone();
        }
        this.allocation = List.copyOf(allocation);
        this.warmup = warmup;
        this.stop = stop;
        this.precision = precision;
        this.budgetSeconds = budgetSeconds;
        this.seconds = seconds;
        this.load = load;
    }

    /** The measurement's name. */
    public String name() {
        return name;
    }

    /** The candidates' names, in the order given. */
    public List<String> names() {
        return names;
    }

    /** Index of the candidate called {@code candidate}. */
    public int indexOf(String candidate) {
        int i = names.indexOf(candidate);
        if (i < 0) {
            throw new IllegalArgumentException("candidate = \"" + candidate + "\"; must be one of " + names);
        }
        return i;
    }

    /** Measured rounds. */
    public int rounds() {
        return samples[0].length;
    }

    /** Seconds per operation of candidate {@code i}, one value per round; a copy. */
    public double[] samples(int i) {
        return samples[check(i)].clone();
    }

    /** Median and 95% interval of seconds per operation of candidate {@code i}. */
    public Estimate time(int i) {
        return Estimate.of(samples[check(i)], "s");
    }

    /** {@link #time(int)} by name. */
    public Estimate time(String candidate) {
        return time(indexOf(candidate));
    }

    /** Paired ratio time_i / time_ref per round: median and 95% interval. */
    public Estimate ratio(int i, int ref) {
        return Estimate.of(pairedRatios(i, ref), "x");
    }

    /** Paired speed-up of {@code i} over {@code ref}: time_ref / time_i per round, median and 95% interval. */
    public Estimate speedup(int i, int ref) {
        return Estimate.of(pairedRatios(ref, i), "x");
    }

    /** The per-round ratios time_i / time_ref; a copy. */
    public double[] pairedRatios(int i, int ref) {
        check(i);
        check(ref);
        double[] r = new double[rounds()];
        for (int k = 0; k < r.length; k++) {
            r[k] = samples[i][k] / samples[ref][k];
        }
        return r;
    }

    /**
     * The same measurement with its candidates in the order {@code order} (a permutation of {@link #names()}): for
     * combining measurements that ran the candidates in different orders (e.g. alternated worker pairs).
     */
    public Measurement inOrder(List<String> order) {
        if (order.size() != names.size() || !order.containsAll(names)) {
            throw new IllegalArgumentException("order = " + order + "; must be a permutation of " + names);
        }
        double[][] s = new double[names.size()][];
        List<Allocation> a = new ArrayList<>();
        List<Long> batches = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            int from = indexOf(order.get(i));
            s[i] = samples[from];
            a.add(allocation.get(from));
            batches.add(warmup.batches().get(from));
        }
        Warmup w = new Warmup(warmup.rounds(), warmup.operations(), warmup.seconds(), warmup.steady(), warmup.reason(),
                batches);
        return new Measurement(name, order, s, a, w, stop, precision, budgetSeconds, seconds, load);
    }

    /** Allocation of candidate {@code i}'s measured operations, all threads. */
    public Allocation allocation(int i) {
        return allocation.get(check(i));
    }

    /** How warm-up ended. */
    public Warmup warmup() {
        return warmup;
    }

    /** Why the rounds stopped. */
    public Stop stop() {
        return stop;
    }

    /** The relative interval width asked for. */
    public double precision() {
        return precision;
    }

    /** The machine's load over the measured rounds (warm-up excluded). */
    public MachineLoad load() {
        return load;
    }

    /** Wall time of warm-up and rounds, s. */
    public double seconds() {
        return seconds;
    }

    /** "precision reached (every interval < 4% wide)", "budget ran out (20 s)", "max rounds". */
    public String stopText() {
        return switch (stop) {
            case PRECISION -> String.format(Locale.ROOT, "precision reached (every interval ≤ %.0f%% of its median wide)",
                    100 * precision);
            case BUDGET -> String.format(Locale.ROOT, "budget ran out (%s s) before every interval was ≤ %.0f%% wide",
                    Estimate.number(budgetSeconds), 100 * precision);
            case MAX_ROUNDS -> "maximum rounds reached";
        };
    }

    private int check(int i) {
        if (i < 0 || i >= names.size()) {
            throw new IllegalArgumentException("candidate index = " + i + "; must be in 0.." + (names.size() - 1));
        }
        return i;
    }

    /**
     * The names of {@link #table(Columns)}'s table and of the columns that differ between its users: the label column,
     * the median column, the ratio column, and whether the allocation column is there. The interval columns
     * ({@link #CI_LOW_MS}, {@link #CI_HIGH_MS}, {@link #RATIO_LOW}, {@link #RATIO_HIGH}) and {@link #ROUNDS} keep their
     * names. Immutable; each {@code with…} returns a new value.
     *
     * @param table      the table's name; empty for the measurement's own name
     * @param label      the label column (one row per candidate)
     * @param median     the column of median ms per operation
     * @param ratio      the column of the paired ratio to the first candidate
     * @param allocation whether to add {@link #ALLOCATION}
     */
    public record Columns(String table, String label, String median, String ratio, boolean allocation) {

        /** {@link Measurement#table()}'s names: the measurement's name, CANDIDATE, MEDIAN_MS, RATIO, with allocation. */
        public static final Columns STANDARD = new Columns("", CANDIDATE, MEDIAN_MS, RATIO, true);

        public Columns {
            for (String[] c : new String[][] {{"table", table}, {"label", label}, {"median", median}, {"ratio", ratio}}) {
                if (c[1] == null || (c[1].isBlank() && !c[0].equals("table"))) {
                    throw new IllegalArgumentException(c[0] + " column name = " + (c[1] == null ? "null" : "\"" + c[1] + "\"")
                            + "; must be a non-blank name");
                }
            }
        }

        /** These names with the table called {@code name}. */
        public Columns withTable(String name) {
            return new Columns(name, label, median, ratio, allocation);
        }

        /** These names with the label column called {@code name}. */
        public Columns withLabel(String name) {
            return new Columns(table, name, median, ratio, allocation);
        }

        /** These names with the median column called {@code name}. */
        public Columns withMedian(String name) {
            return new Columns(table, label, name, ratio, allocation);
        }

        /** These names with the ratio column called {@code name}. */
        public Columns withRatio(String name) {
            return new Columns(table, label, median, name, allocation);
        }

        /** These names with or without the allocation column. */
        public Columns withAllocation(boolean on) {
            return new Columns(table, label, median, ratio, on);
        }
    }

    /**
     * One row per candidate: {@link #CANDIDATE}, {@link #MEDIAN_MS}, {@link #CI_LOW_MS}, {@link #CI_HIGH_MS},
     * {@link #RATIO}, {@link #RATIO_LOW}, {@link #RATIO_HIGH} (paired, to the first candidate), {@link #ROUNDS},
     * {@link #ALLOCATION}: {@link #table(Columns)} with {@link Columns#STANDARD}.
     */
    public Table table() {
        return table(Columns.STANDARD);
    }

    /**
     * One row per candidate, columns named by {@code columns}: label, median ms per operation, {@link #CI_LOW_MS},
     * {@link #CI_HIGH_MS}, paired ratio to the first candidate, {@link #RATIO_LOW}, {@link #RATIO_HIGH},
     * {@link #ROUNDS}, and {@link #ALLOCATION} where asked for.
     */
    public Table table(Columns columns) {
        StringColumn cand = StringColumn.create(columns.label());
        DoubleColumn med = DoubleColumn.create(columns.median());
        DoubleColumn lo = DoubleColumn.create(CI_LOW_MS);
        DoubleColumn hi = DoubleColumn.create(CI_HIGH_MS);
        DoubleColumn ratio = DoubleColumn.create(columns.ratio());
        DoubleColumn rlo = DoubleColumn.create(RATIO_LOW);
        DoubleColumn rhi = DoubleColumn.create(RATIO_HIGH);
        IntColumn rounds = IntColumn.create(ROUNDS);
        StringColumn alloc = StringColumn.create(ALLOCATION);
        for (int i = 0; i < names.size(); i++) {
            Estimate t = time(i).scaled(1e3, "ms");
            Estimate r = ratio(i, 0);
            cand.append(names.get(i));
            med.append(t.median());
            lo.append(t.low());
            hi.append(t.high());
            ratio.append(r.median());
            rlo.append(r.low());
            rhi.append(r.high());
            rounds.append(rounds());
            alloc.append(allocation(i).format());
        }
        String title = columns.table().isEmpty() ? name : columns.table();
        return columns.allocation() ? Table.create(title, cand, med, lo, hi, ratio, rlo, rhi, rounds, alloc)
                : Table.create(title, cand, med, lo, hi, ratio, rlo, rhi, rounds);
    }

    /**
     * This measurement as lines of text, for a parent JVM ({@link Forks}): every number exact ({@link Double#toString}
     * round-trips), names URL-encoded. {@link #fromLines} reads them back.
     */
    List<String> toLines() {
        List<String> l = new ArrayList<>();
        l.add("name " + enc(name));
        for (String n : names) {
            l.add("candidate " + enc(n));
        }
        for (int c = 0; c < names.size(); c++) {
            StringBuilder sb = new StringBuilder("samples ").append(c);
            for (double v : samples[c]) {
                sb.append(' ').append(v);
            }
            l.add(sb.toString());
            Allocation a = allocation.get(c);
            l.add("allocation " + c + " " + a.bytes() + " " + a.ownBytes() + " " + a.operations() + " " + a.exact() + " "
                    + a.available());
        }
        StringBuilder b = new StringBuilder();
        for (long x : warmup.batches()) {
            b.append(b.length() == 0 ? "" : ",").append(x);
        }
        l.add("warmup " + warmup.rounds() + " " + warmup.operations() + " " + warmup.seconds() + " " + warmup.steady() + " "
                + b + " " + enc(warmup.reason()));
        l.add("stop " + stop.name() + " " + precision + " " + budgetSeconds + " " + seconds);
        l.add("load " + load.seconds() + " " + load.cores() + " " + load.loadBefore() + " " + load.loadAfter() + " "
                + load.stealShare() + " " + load.otherShare() + " " + load.ownShare() + " " + load.gcCount() + " "
                + load.gcMillis() + " " + load.jitMillis() + " " + load.heapUsedBefore() + " " + load.heapUsedAfter() + " "
                + load.heapMax());
        return l;
    }

    /**
     * The measurement {@link #toLines} wrote.
     *
     * @throws IllegalArgumentException when a line is missing or malformed, naming it
     */
    static Measurement fromLines(List<String> lines) {
        String name = null;
        List<String> names = new ArrayList<>();
        java.util.Map<Integer, double[]> samples = new java.util.HashMap<>();
        java.util.Map<Integer, Allocation> alloc = new java.util.HashMap<>();
        Warmup warm = null;
        Stop stop = null;
        double precision = Double.NaN;
        double budget = Double.NaN;
        double seconds = Double.NaN;
        MachineLoad load = null;
        for (String line : lines) {
            String[] f = line.split(" ", -1);
            try {
                switch (f[0]) {
                    case "name" -> name = dec(f[1]);
                    case "candidate" -> names.add(dec(f[1]));
                    case "samples" -> {
                        double[] v = new double[f.length - 2];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = Double.parseDouble(f[i + 2]);
                        }
                        samples.put(Integer.parseInt(f[1]), v);
                    }
                    case "allocation" -> alloc.put(Integer.parseInt(f[1]), new Allocation(Long.parseLong(f[2]),
                            Long.parseLong(f[3]), Long.parseLong(f[4]), Boolean.parseBoolean(f[5]), Boolean.parseBoolean(f[6])));
                    case "warmup" -> {
                        long[] batches = Arrays.stream(f[5].split(",")).mapToLong(Long::parseLong).toArray();
                        warm = new Warmup(Integer.parseInt(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]),
                                Boolean.parseBoolean(f[4]), dec(f[6]), batches);
                    }
                    case "stop" -> {
                        stop = Stop.valueOf(f[1]);
                        precision = Double.parseDouble(f[2]);
                        budget = Double.parseDouble(f[3]);
                        seconds = Double.parseDouble(f[4]);
                    }
                    case "load" -> load = new MachineLoad(Double.parseDouble(f[1]), Integer.parseInt(f[2]),
                            Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                            Double.parseDouble(f[6]), Double.parseDouble(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]),
                            Double.parseDouble(f[10]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]));
                    default -> throw new IllegalArgumentException("unknown line");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("measurement line \"" + line + "\" is malformed: " + e.getMessage(), e);
            }
        }
        if (name == null || names.isEmpty() || warm == null || stop == null || load == null
                || samples.size() != names.size() || alloc.size() != names.size()) {
            throw new IllegalArgumentException("measurement lines incomplete (name, candidates, samples, allocation, "
                    + "warmup, stop and load are needed): " + lines);
        }
        double[][] s = new double[names.size()][];
        List<Allocation> a = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            s[c] = samples.get(c);
            a.add(alloc.get(c));
        }
        return new Measurement(name, names, s, a, warm, stop, precision, budget, seconds, load);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** A short account: rounds, how warm-up and the rounds ended, the load. */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %d candidates, %d interleaved rounds (order rotated), %s; warm-up %s "
                        + "after %d rounds (%.1f s); %s", name, names.size(), rounds(), stopText(), warmup.reason(),
                warmup.rounds(), warmup.seconds(), load.busyText());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(summary());
        for (int i = 0; i < names.size(); i++) {
            sb.append("\n  ").append(names.get(i)).append(": ").append(time(i).scaled(1e3, "ms").format());
            if (i > 0) {
                sb.append("; ratio to ").append(names.get(0)).append(' ').append(ratio(i, 0).formatShort());
            }
            sb.append("; allocated ").append(allocation(i).format());
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
                .append(Presentable.escape(summary())).append("</b></p>\n<table class=\"is-spectral-table\">\n<thead><tr>"
                        + "<th>candidate</th><th>time per op (median [95% CI])</th><th>ratio to first (paired, [95% CI])"
                        + "</th><th>rounds</th><th>allocated</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < names.size(); i++) {
            html.append("<tr><td>").append(Presentable.escape(names.get(i))).append("</td><td>")
                    .append(Presentable.escape(time(i).scaled(1e3, "ms").formatShort())).append(" ms</td><td>")
                    .append(i == 0 ? "1 (reference)" : Presentable.escape(ratio(i, 0).formatShort())).append("</td><td>")
                    .append(rounds()).append("</td><td>").append(Presentable.escape(allocation(i).format()))
                    .append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n").append(load.toHtml()).append("\n</div>").toString();
    }
}
