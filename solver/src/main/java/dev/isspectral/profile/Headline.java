package dev.isspectral.profile;

import dev.isspectral.display.Html;
import dev.isspectral.display.Quantities;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.api.NumericColumn;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The top of a profile report: what was run, the headline figures with their 95% intervals, and
 * the ranked findings in two or three sentences. Built from a profile's tables
 * ({@link Profile#headline()}) or from an export read back ({@link ProfileJson#read}), so a report
 * and a comparison of two exports read the same numbers.
 *
 * <p>Per-step figures are medians over the measured steps with the distribution-free interval of
 * {@link Intervals#median}: ms per step, ns per point and step (ms per step / N), bytes allocated
 * per step by all threads, the FFT share of the step (time inside FFT spans / step time, per step).
 * Peak heap is the highest per-step peak ({@link HeapPeak}, an upper bound); transforms per step are
 * counted, not sampled, and held against {@link TransformBudget}'s minimum.
 */
public final class Headline {

    private final ProfileContext context;
    private final int steps;
    private final long points;
    private final double[] wallMs;
    private final double[] fftMs;
    private final double[] bytes;
    private final double[] peakHeap;
    private final double transformsPerStep;
    private final double minimumTransforms;
    private final double repeatsPerStep;
    private final double constantPerStep;
    private final List<String> repeatedFields;
    private final List<String> constantFields;
    private final List<String> findings;

    private Headline(ProfileContext context, Map<String, Table> tables) {
        this.context = context == null ? ProfileContext.UNKNOWN : context;
        Table stepTable = tables.get("steps");
        Table summary = tables.get("summary");
        this.steps = stepTable == null ? 0 : stepTable.rowCount();
        this.points = (long) metric(summary, "points");
        this.wallMs = column(stepTable, Columns.WALL_MS);
        this.fftMs = column(stepTable, Columns.FFT_MS);
        this.bytes = column(stepTable, Columns.BYTES_ALL_THREADS);
        this.peakHeap = column(stepTable, Columns.PEAK_HEAP_BYTES);
        this.transformsPerStep = metric(summary, "fft_calls_per_step");
        this.minimumTransforms = metric(summary, "minimum_transforms_per_step");
        this.repeatsPerStep = metric(summary, "redundant_transforms_per_step");
        this.constantPerStep = metric(summary, "constant_input_transforms_per_step");
        Table avoidable = tables.get("avoidable_transforms");
        this.repeatedFields = fields(avoidable, true);
        this.constantFields = fields(avoidable, false);
        this.findings = findings(tables);
    }

    /** The headline of a profile's tables (by name, as {@link Profile#tablesByName()} or {@link ProfileJson#read} give them). */
    public static Headline of(Map<String, Table> tables, ProfileContext context) {
        return new Headline(context, tables);
    }

    public ProfileContext context() { return context; }
    /** Measured steps. */
    public int steps() { return steps; }
    /** N = NX·NY·NZ. */
    public long points() { return points; }
    /** Wall ms of each measured step (a copy). */
    public double[] wallMsSamples() { return wallMs.clone(); }
    /** FFT ms of each measured step (a copy; NaN where not recorded). */
    public double[] fftMsSamples() { return fftMs.clone(); }
    /** Bytes allocated by all threads in each step (a copy). */
    public double[] bytesSamples() { return bytes.clone(); }

    /** Median ms per step and its 95% interval. */
    public Interval msPerStep() {
        return Intervals.median(wallMs);
    }

    /** Median ns per grid point and step: ms per step · 10^6 / N. */
    public Interval nsPerPointStep() {
        return points <= 0 ? Interval.NONE : msPerStep().times(1e6 / points);
    }

    /** Median bytes allocated per step by all threads. */
    public Interval bytesPerStep() {
        return Intervals.median(bytes);
    }

    /** The highest peak heap of any measured step, bytes; NaN if unknown. */
    public double peakHeapBytes() {
        double max = Double.NaN;
        for (double p : peakHeap) {
            if (p >= 0 && !(p <= max)) {
                max = p;
            }
        }
        return max;
    }

    /** Median per-step peak heap and its interval. */
    public Interval peakHeap() {
        return Intervals.median(java.util.Arrays.stream(peakHeap).filter(p -> p >= 0).toArray());
    }

    /** Median per-step share of the step spent inside FFT spans, 0..1. */
    public Interval fftShare() {
        return Intervals.median(fftShares());
    }

    /** Per step, time inside FFT spans over the step's wall time. */
    public double[] fftShares() {
        double[] share = new double[Math.min(wallMs.length, fftMs.length)];
        for (int i = 0; i < share.length; i++) {
            share[i] = wallMs[i] > 0 ? fftMs[i] / wallMs[i] : Double.NaN;
        }
        return share;
    }

    /** Transforms per step (counted). */
    public double transformsPerStep() { return transformsPerStep; }
    /** The minimum the equations need ({@link TransformBudget}); NaN where not derived. */
    public double minimumTransformsPerStep() { return minimumTransforms; }
    /** Forward transforms per step of identical, non-constant input; NaN when detection was off. */
    public double repeatsPerStep() { return repeatsPerStep; }
    /** Forward transforms per step of zero or constant fields; NaN when detection was off. */
    public double constantInputsPerStep() { return constantPerStep; }
    /** The fields whose transforms were repeats. */
    public List<String> repeatedFields() { return repeatedFields; }
    /** The fields that were transformed while zero or constant. */
    public List<String> constantFields() { return constantFields; }
    /** The ranked findings, two or three sentences. */
    public List<String> findings() { return findings; }

    /** The figures as rows: figure, median (or value), interval, note. */
    public List<String[]> figureRows() {
        List<String[]> rows = new ArrayList<>();
        Interval ms = msPerStep();
        rows.add(new String[] {"time per step", Quantities.ms(ms.estimate()) + " ms", range(ms, Quantities::ms, " ms"),
            "median of " + steps + " steps"});
        Interval ns = nsPerPointStep();
        rows.add(new String[] {"time per grid point and step", Quantities.significant(ns.estimate(), 3) + " ns",
            range(ns, x -> Quantities.significant(x, 3), " ns"), "N = " + Quantities.count(points) + " points"});
        Interval b = bytesPerStep();
        rows.add(new String[] {"allocated per step (all threads)", Quantities.bytes(b.estimate()), range(b, Quantities::bytes, ""),
            b.estimate() == 0 ? "the step allocates nothing" : "median"});
        Interval peak = peakHeap();
        rows.add(new String[] {"peak heap", Quantities.bytes(peakHeapBytes()), range(peak, Quantities::bytes, ""),
            "the highest step; the interval is that of the per-step median"});
        Interval fft = fftShare();
        rows.add(new String[] {"FFT share of the step", Quantities.percent(fft.estimate()), range(fft, Quantities::percent, ""),
            "time inside FFT spans"});
        rows.add(new String[] {"transforms per step", Quantities.count(transformsPerStep),
            Double.isNaN(minimumTransforms) ? "counted" : "minimum " + Quantities.count(minimumTransforms),
            Double.isNaN(repeatsPerStep) ? "repeats not checked" : Quantities.count(repeatsPerStep) + " repeats, "
                    + Quantities.count(constantPerStep) + " of zero/constant fields"});
        return rows;
    }

    /** "[a, b]" with the formatter, or "exact"/"n/a". */
    static String range(Interval i, java.util.function.DoubleFunction<String> format, String unit) {
        if (i.samples() == 0 || Double.isNaN(i.low())) {
            return "n/a";
        }
        String coverage = Double.isNaN(i.confidence()) || i.confidence() >= Intervals.CONFIDENCE ? ""
                : String.format(Locale.ROOT, " (%.0f %% only: few steps)", 100 * i.confidence());
        return "[" + format.apply(i.low()) + ", " + format.apply(i.high()) + "]" + unit + coverage;
    }

    /** The run's facts as rows: label, value. */
    public List<String[]> contextRows() {
        ProfileContext c = context;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"grid", c.grid() + " (" + c.steps() + " measured steps after " + c.warmupSteps()
                + " warm-up; " + c.box() + ")"});
        rows.add(new String[] {"warm-up", c.warmup()});
        rows.add(new String[] {"physics", c.physics() + "; " + c.integrator()});
        rows.add(new String[] {"tuning", c.tuningDetail()});
        rows.add(new String[] {"FFT", c.fft()});
        rows.add(new String[] {"threads", c.threads() < 0 ? "unknown" : String.valueOf(c.threads())});
        rows.add(new String[] {"commit", c.commit()});
        rows.add(new String[] {"machine", c.machine()});
        rows.add(new String[] {"load", c.loadText()});
        rows.add(new String[] {"date", c.date()});
        return rows;
    }

    /** The headline as an HTML fragment: the findings, the figures table, then what was run. */
    public String toHtml() {
        StringBuilder h = new StringBuilder("<div class=\"headline\">\n<p class=\"findings\">");
        for (String f : findings) {
            if (f.startsWith(NOT_STEADY)) {
                // the warning qualifies every figure below it: a line of its own, its first words in bold
                h.append("<strong>").append(Html.escape(NOT_STEADY)).append("</strong>")
                        .append(Html.escape(f.substring(NOT_STEADY.length()))).append("<br>\n");
            } else {
                h.append(Html.escape(f)).append(' ');
            }
        }
        h.append("</p>\n<table class=\"figures\"><thead><tr><th>figure</th><th>value</th><th>95 % interval</th><th>note</th>"
                + "</tr></thead><tbody>\n");
        for (String[] r : figureRows()) {
            h.append("<tr><th scope=\"row\">").append(Html.escape(r[0])).append("</th><td class=\"num\">")
                    .append(Html.escape(r[1])).append("</td><td class=\"num\">").append(Html.escape(r[2]))
                    .append("</td><td>").append(Html.escape(r[3])).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n<table class=\"context\"><tbody>\n");
        for (String[] r : contextRows()) {
            h.append("<tr><th scope=\"row\">").append(Html.escape(r[0])).append("</th><td>").append(Html.escape(r[1]))
                    .append("</td></tr>\n");
        }
        return h.append("</tbody></table>\n</div>\n").toString();
    }

    /** The headline as text: findings, figures, transforms, context. */
    public String toText() {
        StringBuilder t = new StringBuilder(String.join(" ", findings)).append('\n');
        for (String[] r : figureRows()) {
            t.append(String.format(Locale.ROOT, "  %-34s %-14s %-30s %s%n", r[0], r[1], r[2], r[3]));
        }
        for (String[] r : contextRows()) {
            t.append(String.format(Locale.ROOT, "  %-13s %s%n", r[0], r[1]));
        }
        return t.toString().stripTrailing();
    }

    // --- the findings -----------------------------------------------------------------------

    private List<String> findings(Map<String, Table> tables) {
        List<String> out = new ArrayList<>();
        Table ops = tables.get("operations");
        double stepMs = 0;
        for (double w : wallMs) {
            stepMs += w;
        }
        String jit = jitFinding(stepMs);
        if (!jit.isEmpty()) {
            out.add(jit);   // first: it qualifies every figure after it
        }
        if (ops != null && ops.rowCount() > 0 && stepMs > 0) {
            // operations are sorted by self time: the first three carry the sentence
            List<String> parts = new ArrayList<>();
            double covered = 0;
            for (int r = 0; r < Math.min(3, ops.rowCount()); r++) {
                double self = number(ops, Columns.SELF_MS, r);
                covered += self;
                String operation = ops.getString(r, Columns.OPERATION);
                double calls = number(ops, Columns.CALLS_PER_STEP, r);
                double transforms = transformsPerStep(tables.get("fft"), operation);
                // a batched FFT span is one call for several transforms: both counts, or "11 calls" reads as the
                // step's transforms
                String count = transforms > calls
                        ? Quantities.count(transforms) + " transforms in " + Quantities.count(calls) + " calls per step"
                        : Quantities.count(calls) + " calls per step";
                parts.add(String.format(Locale.ROOT, "%s (%s, %s)", operation, Quantities.percent(self / stepMs), count));
            }
            out.add("Most of the time goes to " + join(parts) + ": " + Quantities.percent(covered / stepMs)
                    + " of the step by self time; transforms are " + Quantities.percent(fftShare().estimate())
                    + " of it in all.");
        }
        out.add(allocationSentence(tables));
        out.add(transformsFinding());
        return List.copyOf(out);
    }

    /** Share of the measured steps' wall time above which the JIT's work while measuring is called out. */
    static final double JIT_SHARE_CALLED_OUT = 0.10;
    /** How the warning on the JIT's work in the measured window begins. */
    static final String NOT_STEADY = "Not yet steady:";
    /** Least JIT time called out, ms: in a profile of a few milliseconds one small compile is a large share. */
    static final double JIT_MS_CALLED_OUT = 10;

    /**
     * A warning where the JIT compiler worked for more than {@link #JIT_SHARE_CALLED_OUT} of the measured steps' wall
     * time (and at least {@link #JIT_MS_CALLED_OUT} ms): the steps ran code still being compiled (and the compiler
     * threads took cores the step uses), so the times and shares are not the steady state's. Empty otherwise, or where
     * the JVM does not say.
     */
    private String jitFinding(double stepMs) {
        double jit = context.jitMillis();
        if (!Double.isFinite(jit) || !(stepMs > 0) || jit <= JIT_SHARE_CALLED_OUT * stepMs || jit < JIT_MS_CALLED_OUT) {
            return "";
        }
        long classes = context.classesLoaded();
        String firstUse = classes > 0 ? String.format(Locale.ROOT, " The measured steps loaded %s %s: code the warm-up had"
                + " not run, compiled in the window.", Quantities.count(classes), classes == 1 ? "class" : "classes") : "";
        return String.format(Locale.ROOT, NOT_STEADY + " the JIT compiler worked %s ms while the %d measured steps ran (%s of"
                        + " their wall time); steps that ran beside it, or in code it was replacing, are slower (the mean"
                        + " more than the median): warm up longer (Profiler.warmupUntilSteady, --steady-limit) or measure"
                        + " more steps.%s", Quantities.count(Math.round(jit)), steps, Quantities.percent(jit / stepMs),
                firstUse);
    }

    /** Transforms per step of an {@code fft.forward} / {@code fft.inverse} operation from the fft table; NaN otherwise. */
    private static double transformsPerStep(Table fft, String operation) {
        if (fft == null || !operation.startsWith("fft.") || !fft.columnNames().contains(Columns.DIRECTION)) {
            return Double.NaN;
        }
        String direction = operation.substring("fft.".length());
        double sum = 0;
        for (int r = 0; r < fft.rowCount(); r++) {
            if (fft.getString(r, Columns.DIRECTION).equals(direction)) {
                sum += number(fft, Columns.CALLS_PER_STEP, r);
            }
        }
        return sum;
    }

    private String transformsFinding() {
        StringBuilder s = new StringBuilder("The step does ").append(Quantities.count(transformsPerStep)).append(" transforms");
        if (Double.isNaN(minimumTransforms)) {
            s.append(" (no minimum is derived for ").append(context.integrator()).append(")");
        } else if (transformsPerStep > minimumTransforms) {
            s.append(", ").append(Quantities.count(transformsPerStep - minimumTransforms)).append(" more than the ")
                    .append(Quantities.count(minimumTransforms)).append(" the equations need");
        } else if (transformsPerStep == minimumTransforms) {
            s.append(", the minimum the equations need");
        } else {
            s.append(", fewer than the derived minimum of ").append(Quantities.count(minimumTransforms));
        }
        if (Double.isNaN(repeatsPerStep)) {
            return s.append("; repeats were not looked for (redundancy detection off).").toString();
        }
        if (repeatsPerStep > 0) {
            s.append("; ").append(Quantities.count(repeatsPerStep)).append(" per step repeat a transform of identical input (")
                    .append(String.join(", ", repeatedFields)).append(")");
        } else {
            s.append("; none repeats a transform of identical input");
        }
        if (constantPerStep > 0) {
            s.append("; ").append(Quantities.count(constantPerStep)).append(" are of fields that are zero or constant in this "
                    + "state (").append(String.join(", ", constantFields)).append("), whose transforms are known without computing them");
        } else if (constantPerStep == 0) {
            s.append(", and none is of a zero or constant field");
        }
        return s.append('.').toString();
    }

    private String allocationSentence(Map<String, Table> tables) {
        double median = bytesPerStep().estimate();
        // steps far above the median: one-off allocations (a lazily made workspace, the JIT's deoptimization) that a
        // mean per step would spread over every step
        int above = 0;
        double most = 0;
        for (double v : bytes) {
            if (v > Math.max(10 * median, median + 1024)) {
                above++;
                most = Math.max(most, v);
            }
        }
        StringBuilder s = new StringBuilder();
        if (median == 0 && above == 0) {
            return "The step allocates nothing (median over all threads).";
        }
        s.append("The step allocates ").append(Quantities.bytes(median)).append(" over all threads (median)");
        if (above > 0) {
            s.append(", and ").append(above).append(" of ").append(steps).append(steps == 1 ? " step" : " steps")
                    .append(" more, up to ").append(Quantities.bytes(most));
        }
        Table priorities = tables.get("priorities");
        if (priorities != null) {
            for (int r = 0; r < priorities.rowCount(); r++) {
                if (priorities.getString(r, Columns.BY).equals("bytes")) {
                    // the span with the most bytes of its own: often a small part of the step's (the baseline
                    // allocates a little in each of many spans), so its share is given with it
                    s.append("; the span that allocates the most itself is ").append(priorities.getString(r, Columns.SPAN))
                            .append(" (").append(Quantities.bytes(number(priorities, Columns.VALUE, r))).append(" per step");
                    if (priorities.columnNames().contains(Columns.SHARE)) {
                        s.append(", ").append(Quantities.percent(number(priorities, Columns.SHARE, r))).append(" of the step's");
                    }
                    s.append(", the mean over the measured steps)");
                    break;
                }
            }
        }
        Table large = tables.get("large_allocations");
        if (large != null && large.rowCount() > 0) {
            long count = (long) number(large, Columns.COUNT, 0);
            s.append("; the largest allocation site is ").append(large.getString(0, Columns.TOP_FRAME)).append(" (")
                    .append(Quantities.count(count)).append(count == 1 ? " allocation, " : " allocations, ")
                    .append(Quantities.bytes(number(large, Columns.BYTES, 0))).append(" in all over the ").append(steps)
                    .append(" measured steps)");
        }
        return s.append('.').toString();
    }

    private static String join(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    // --- reading tables whose numeric columns may be long, int or double ---------------------

    static double number(Table t, String column, int row) {
        Column<?> c = t.column(column);
        if (c instanceof NumericColumn<?> n) {
            return n.isMissing(row) ? Double.NaN : n.getDouble(row);
        }
        try {
            return Double.parseDouble(c.getString(row));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static double[] column(Table t, String column) {
        if (t == null || !t.columnNames().contains(column)) {
            return new double[0];
        }
        double[] out = new double[t.rowCount()];
        for (int r = 0; r < out.length; r++) {
            out[r] = number(t, column, r);
        }
        return out;
    }

    static double metric(Table summary, String name) {
        if (summary == null) {
            return Double.NaN;
        }
        for (int r = 0; r < summary.rowCount(); r++) {
            if (summary.getString(r, Columns.METRIC).equals(name)) {
                return number(summary, Columns.VALUE, r);
            }
        }
        return Double.NaN;
    }

    private static List<String> fields(Table avoidable, boolean repeats) {
        if (avoidable == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int r = 0; r < avoidable.rowCount(); r++) {
            boolean repeat = avoidable.getString(r, Columns.KIND).equals(FftRecorder.REPEAT);
            if (repeat == repeats) {
                String f = avoidable.getString(r, Columns.FIELD);
                out.add(f.isEmpty() ? "unnamed, in " + avoidable.getString(r, Columns.SPAN) : f);
            }
        }
        return List.copyOf(out);
    }
}
