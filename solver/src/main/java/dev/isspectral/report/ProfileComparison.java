package dev.isspectral.report;

import dev.isspectral.display.Html;
import dev.isspectral.display.Quantities;
import dev.isspectral.plot.ReportPlots;
import dev.isspectral.profile.Columns;
import dev.isspectral.profile.Headline;
import dev.isspectral.profile.Interval;
import dev.isspectral.profile.Intervals;
import dev.isspectral.profile.ProfileJson;
import dev.isspectral.profile.ProfileContext;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * Two profiles (two JSON exports, {@code Profile.toJson()}) compared in one report: the headline
 * figures side by side with the shift from the first to the second and its 95% interval
 * ({@link Intervals#shift}, over the per-step samples), the per-span differences with their
 * intervals, and the charts overlaid (step times of both runs, self time by operation of both).
 * A difference whose interval excludes zero is marked as resolved; the rest are within the noise of
 * the two samples.
 */
public final class ProfileComparison {

    /** Per-span rows shown before the rest is folded. */
    static final int SPANS_SHOWN = 15;

    private final ProfileJson.Export a;
    private final ProfileJson.Export b;
    private final String nameA;
    private final String nameB;
    private final Headline headA;
    private final Headline headB;

    private ProfileComparison(ProfileJson.Export a, String nameA, ProfileJson.Export b, String nameB) {
        this.a = a;
        this.b = b;
        this.nameA = nameA;
        this.nameB = nameB;
        this.headA = a.headline();
        this.headB = b.headline();
    }

    /**
     * The comparison of two exports.
     *
     * @param jsonA the first profile's JSON (the reference)
     * @param nameA what to call it in the report, e.g. its file name
     * @param jsonB the second profile's JSON
     * @param nameB what to call it
     * @throws IllegalArgumentException if either is not a profile export
     */
    public static ProfileComparison of(String jsonA, String nameA, String jsonB, String nameB) {
        for (String[] name : new String[][] {{"nameA", nameA}, {"nameB", nameB}}) {
            if (name[1] == null || name[1].isBlank()) {
                throw new IllegalArgumentException(name[0] + " = " + (name[1] == null ? "null" : "\"" + name[1] + "\"")
                        + "; must name the profile in the report, e.g. its file name");
            }
        }
        if (nameA.equals(nameB)) {
            nameA = nameA + " (1)";
            nameB = nameB + " (2)";
        }
        return new ProfileComparison(load("jsonA", nameA, jsonA), nameA, load("jsonB", nameB, jsonB), nameB);
    }

    /** One export, its errors saying which of the two arguments (and which profile) they are about. */
    private static ProfileJson.Export load(String argument, String name, String json) {
        try {
            return ProfileJson.load(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(argument + " (" + name + "): " + e.getMessage(), e);
        }
    }

    /**
     * Per span path in either profile: SPAN, MEDIAN_MS_A, MEDIAN_MS_B (median ms per step inside the
     * span), SHIFT_MS (Hodges–Lehmann, B − A), LOW_MS, HIGH_MS (its 95% interval), CHANGE (shift /
     * median A), RESOLVED ("yes" when the interval excludes 0). Largest |shift| first.
     */
    public Table spans() {
        Map<String, double[]> sa = samples(a.tables().get("span_steps"));
        Map<String, double[]> sb = samples(b.tables().get("span_steps"));
        Set<String> paths = new LinkedHashSet<>(sa.keySet());
        paths.addAll(sb.keySet());
        List<Object[]> rows = new ArrayList<>();
        for (String p : paths) {
            double[] x = sa.getOrDefault(p, new double[0]);
            double[] y = sb.getOrDefault(p, new double[0]);
            Interval shift = Intervals.shift(x, y);
            double medianA = Intervals.median(x).estimate();
            rows.add(new Object[] {p, medianA, Intervals.median(y).estimate(), shift});
        }
        rows.sort((r, s) -> Double.compare(magnitude(((Interval) s[3]).estimate()), magnitude(((Interval) r[3]).estimate())));
        Table t = Table.create("span_differences", StringColumn.create(Columns.SPAN), DoubleColumn.create("median_ms_a"),
                DoubleColumn.create("median_ms_b"), DoubleColumn.create("shift_ms"), DoubleColumn.create("low_ms"),
                DoubleColumn.create("high_ms"), DoubleColumn.create("change"), StringColumn.create("resolved"));
        for (Object[] r : rows) {
            Interval shift = (Interval) r[3];
            double medianA = (Double) r[1];
            t.stringColumn(0).append((String) r[0]);
            t.doubleColumn(1).append(medianA);
            t.doubleColumn(2).append((Double) r[2]);
            t.doubleColumn(3).append(shift.estimate());
            t.doubleColumn(4).append(shift.low());
            t.doubleColumn(5).append(shift.high());
            t.doubleColumn(6).append(medianA > 0 ? shift.estimate() / medianA : Double.NaN);
            t.stringColumn(7).append(Double.isNaN(shift.low()) ? "one side only" : shift.excludes(0) ? "yes" : "no");
        }
        return t;
    }

    private static double magnitude(double v) {
        return Double.isNaN(v) ? -1 : Math.abs(v);
    }

    /** The shift of the median step time, B − A, ms, with its 95% interval. */
    public Interval stepTimeShift() {
        return Intervals.shift(headA.wallMsSamples(), headB.wallMsSamples());
    }

    /** The report as one HTML document. */
    public String html() {
        ProfileContext ca = a.context();
        ProfileContext cb = b.context();
        ReportPage page = new ReportPage("Profile comparison: " + nameA + " → " + nameB,
                ca.grid() + ", " + ca.tuning() + " (" + ca.date() + ", commit " + ca.commit() + ") against " + cb.grid() + ", "
                        + cb.tuning() + " (" + cb.date() + ", commit " + cb.commit() + ")");
        StringBuilder top = new StringBuilder("<div class=\"headline\">\n<p class=\"findings\">");
        for (String f : findings()) {
            top.append(Html.escape(f)).append(' ');
        }
        top.append("</p>\n").append(figuresHtml());
        int fewest = Math.min(headA.steps(), headB.steps());
        if (fewest < 6) {
            top.append("<p class=\"note\">With ").append(fewest).append(" measured steps a run's interval is the range of its"
                    + " steps, which covers the median with probability ").append(Quantities.percent(1 - 2 * Math.pow(0.5, fewest)))
                    .append(" only; measure at least 6 steps for 95 %.</p>\n");
        }
        top.append(contextHtml()).append("</div>\n");
        page.section("headline", "Finding", top.toString());
        page.section("charts", "Charts", "");
        page.subsection("chart-steps", "Time per step", ReportPage.figure("steps", ReportPlots.stepTimes(headA, nameA, headB, nameB),
                "Every measured step of both runs; the dashed line is each run's median, the shaded band its 95 % interval."));
        List<String> ops = operationNames();
        page.subsection("chart-breakdown", "Breakdown", ReportPage.figure("breakdown", ReportPlots.selfTimes(ops,
                operationSelf(a, ops, headA.steps()), nameA, operationSelf(b, ops, headB.steps()), nameB),
                "Self time per step of each operation (summed over every place it is called from), both runs side by side."));
        Table spans = spans();
        StringBuilder spanHtml = new StringBuilder("<p class=\"note\">Per span path: the median time per step inside the span "
                + "in each run, and the shift from " + Html.escape(nameA) + " to " + Html.escape(nameB)
                + " (Hodges–Lehmann, with its 95 % interval over the per-step samples). Resolved: the interval excludes 0. "
                + "Largest shifts first.</p>\n");
        spanHtml.append(spanTable(spans, 0, Math.min(SPANS_SHOWN, spans.rowCount())));
        if (spans.rowCount() > SPANS_SHOWN) {
            spanHtml.append("<details><summary>").append(spans.rowCount() - SPANS_SHOWN).append(" more spans: show</summary>\n")
                    .append(spanTable(spans, SPANS_SHOWN, spans.rowCount())).append("</details>\n");
        }
        page.section("spans", "Per-span differences", spanHtml.toString());
        return page.html();
    }

    /** Two or three sentences: the step time change, the largest resolved span changes, comparability. */
    public List<String> findings() {
        List<String> out = new ArrayList<>();
        Interval shift = stepTimeShift();
        Interval ma = headA.msPerStep();
        if (!Double.isNaN(shift.estimate()) && ma.estimate() > 0) {
            double change = shift.estimate() / ma.estimate();
            String verdict = shift.excludes(0)
                    ? (change < 0 ? nameB + " is faster" : nameB + " is slower")
                    : "The two runs are not distinguishable in step time";
            out.add(String.format(Locale.ROOT, "%s: %s ms per step against %s ms (median; %s, a shift of %s ms with 95 %% interval "
                    + "[%s, %s]).", verdict, Quantities.ms(headB.msPerStep().estimate()), Quantities.ms(ma.estimate()),
                    signedPercent(change), signed(shift.estimate(), Quantities::ms), signed(shift.low(), Quantities::ms),
                    signed(shift.high(), Quantities::ms)));
        }
        Table spans = spans();
        // the innermost spans that carry a change: a span is left out when a span inside it carries half its shift or more
        List<Integer> candidates = new ArrayList<>();
        for (int r = 0; r < spans.rowCount(); r++) {
            // the whole step is the first sentence already
            if (spans.getString(r, "resolved").equals("yes") && spans.getString(r, Columns.SPAN).contains("/")) {
                candidates.add(r);
            }
        }
        List<String> resolved = new ArrayList<>();
        for (int r : candidates) {
            String path = spans.getString(r, Columns.SPAN);
            double spanShift = spans.doubleColumn("shift_ms").getDouble(r);
            boolean explainedInside = false;
            for (int q : candidates) {
                if (spans.getString(q, Columns.SPAN).startsWith(path + "/")
                        && Math.abs(spans.doubleColumn("shift_ms").getDouble(q)) >= 0.5 * Math.abs(spanShift)) {
                    explainedInside = true;
                    break;
                }
            }
            if (!explainedInside && resolved.size() < 3) {
                resolved.add(path + " (" + signed(spanShift, Quantities::ms) + " ms)");
            }
        }
        out.add(resolved.isEmpty() ? "No span changed by more than the noise of the two samples."
                : "The largest resolved changes: " + String.join(", ", resolved) + ".");
        List<String> differ = new ArrayList<>();
        ProfileContext ca = a.context();
        ProfileContext cb = b.context();
        if (!ca.grid().equals(cb.grid())) {
            differ.add("grids (" + ca.grid() + ", " + cb.grid() + ")");
        }
        if (!ca.machine().equals(cb.machine())) {
            differ.add("machines");
        }
        if (!differ.isEmpty()) {
            out.add("The runs differ in " + String.join(" and ", differ) + ": read the differences with that in mind.");
        } else if (ca.busy() || cb.busy()) {
            out.add("Other processes took a share of the CPU during " + (ca.busy() && cb.busy() ? "both runs" : ca.busy() ? nameA : nameB)
                    + " (see load below): the absolute times are inflated, and a difference may be the machine's.");
        }
        return out;
    }

    private String figuresHtml() {
        StringBuilder h = new StringBuilder("<div class=\"scroll\"><table class=\"figures\"><thead><tr><th>figure</th><th class=\"num\">")
                .append(Html.escape(nameA)).append("</th><th class=\"num\">").append(Html.escape(nameB))
                .append("</th><th class=\"num\">shift (B − A)</th><th class=\"num\">95 % interval</th><th class=\"num\">change</th>"
                        + "<th>resolved</th></tr></thead><tbody>\n");
        row(h, "time per step (ms)", headA.msPerStep(), headB.msPerStep(), stepTimeShift(), Quantities::ms);
        double pa = headA.points();
        double pb = headB.points();
        Interval nsShift = pa == pb && pa > 0 ? stepTimeShift().times(1e6 / pa) : Interval.NONE;
        row(h, "time per point and step (ns)", headA.nsPerPointStep(), headB.nsPerPointStep(), nsShift, x -> Quantities.significant(x, 3));
        row(h, "allocated per step, all threads", headA.bytesPerStep(), headB.bytesPerStep(),
                Intervals.shift(headA.bytesSamples(), headB.bytesSamples()), Quantities::bytes);
        row(h, "FFT share of the step", headA.fftShare(), headB.fftShare(), Intervals.shift(headA.fftShares(), headB.fftShares()),
                Quantities::percent);
        h.append("<tr><th scope=\"row\">peak heap (highest step)</th><td class=\"num\">").append(Quantities.bytes(headA.peakHeapBytes()))
                .append("</td><td class=\"num\">").append(Quantities.bytes(headB.peakHeapBytes())).append("</td><td class=\"num\">")
                .append(signedBytes(headB.peakHeapBytes() - headA.peakHeapBytes())).append("</td><td class=\"num\">—</td><td class=\"num\">")
                .append(Quantities.percent(headB.peakHeapBytes() / headA.peakHeapBytes() - 1)).append("</td><td>one value per run</td></tr>\n");
        h.append("<tr><th scope=\"row\">transforms per step</th><td class=\"num\">").append(Quantities.count(headA.transformsPerStep()))
                .append("</td><td class=\"num\">").append(Quantities.count(headB.transformsPerStep())).append("</td><td class=\"num\">")
                .append(signed(headB.transformsPerStep() - headA.transformsPerStep(), Quantities::count))
                .append("</td><td class=\"num\">counted</td><td class=\"num\"></td><td>exact</td></tr>\n");
        return h.append("</tbody></table></div>\n").toString();
    }

    private static String signedBytes(double d) {
        return (d < 0 ? "−" : d > 0 ? "+" : "") + Quantities.bytes(Math.abs(d));
    }

    private static void row(StringBuilder h, String label, Interval x, Interval y, Interval shift, DoubleFunction<String> f) {
        h.append("<tr><th scope=\"row\">").append(Html.escape(label)).append("</th><td class=\"num\">").append(Html.escape(cell(x, f)))
                .append("</td><td class=\"num\">").append(Html.escape(cell(y, f))).append("</td><td class=\"num\">")
                .append(Html.escape(Double.isNaN(shift.estimate()) ? "n/a" : signed(shift.estimate(), f)))
                .append("</td><td class=\"num\">").append(Html.escape(Double.isNaN(shift.low()) ? "n/a"
                        : "[" + signed(shift.low(), f) + ", " + signed(shift.high(), f) + "]"))
                .append("</td><td class=\"num\">").append(Html.escape(x.estimate() != 0 && !Double.isNaN(shift.estimate())
                        ? signedPercent(shift.estimate() / x.estimate()) : "n/a"))
                .append("</td><td").append(shift.excludes(0) ? " class=\"resolved\">yes" : ">no").append("</td></tr>\n");
    }

    private static String cell(Interval i, DoubleFunction<String> f) {
        return f.apply(i.estimate()) + (Double.isNaN(i.low()) ? "" : " [" + f.apply(i.low()) + ", " + f.apply(i.high()) + "]");
    }

    private static String signed(double v, DoubleFunction<String> f) {
        return (v > 0 ? "+" : v < 0 ? "−" : "") + f.apply(Math.abs(v));
    }

    private static String signedPercent(double share) {
        return (share > 0 ? "+" : share < 0 ? "−" : "") + Quantities.percent(Math.abs(share));
    }

    private String contextHtml() {
        List<String[]> ra = headA.contextRows();
        List<String[]> rb = headB.contextRows();
        StringBuilder h = new StringBuilder("<div class=\"scroll\"><table class=\"context\"><thead><tr><th></th><th>")
                .append(Html.escape(nameA)).append("</th><th>").append(Html.escape(nameB)).append("</th></tr></thead><tbody>\n");
        for (int i = 0; i < ra.size(); i++) {
            boolean same = ra.get(i)[1].equals(rb.get(i)[1]);
            h.append("<tr><th scope=\"row\">").append(Html.escape(ra.get(i)[0])).append("</th>");
            if (same) {
                h.append("<td colspan=\"2\">").append(Html.escape(ra.get(i)[1])).append(" (both)</td>");
            } else {
                h.append("<td>").append(Html.escape(ra.get(i)[1])).append("</td><td>").append(Html.escape(rb.get(i)[1])).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</tbody></table></div>\n").toString();
    }

    private String spanTable(Table spans, int from, int to) {
        Table t = Table.create("span_differences", StringColumn.create(Columns.SPAN), StringColumn.create(nameA + " (ms)"),
                StringColumn.create(nameB + " (ms)"), StringColumn.create("shift (ms)"), StringColumn.create("95 % interval (ms)"),
                StringColumn.create("change"), StringColumn.create("resolved"));
        for (int r = from; r < to; r++) {
            double shift = spans.doubleColumn("shift_ms").getDouble(r);
            t.stringColumn(0).append(spans.getString(r, Columns.SPAN));
            t.stringColumn(1).append(Quantities.ms(spans.doubleColumn("median_ms_a").getDouble(r)));
            t.stringColumn(2).append(Quantities.ms(spans.doubleColumn("median_ms_b").getDouble(r)));
            t.stringColumn(3).append(Double.isNaN(shift) ? "n/a" : signed(shift, Quantities::ms));
            double lo = spans.doubleColumn("low_ms").getDouble(r);
            t.stringColumn(4).append(Double.isNaN(lo) ? "n/a" : "[" + signed(lo, Quantities::ms) + ", "
                    + signed(spans.doubleColumn("high_ms").getDouble(r), Quantities::ms) + "]");
            double change = spans.doubleColumn("change").getDouble(r);
            t.stringColumn(5).append(Double.isNaN(change) ? "n/a" : signedPercent(change));
            t.stringColumn(6).append(spans.getString(r, "resolved"));
        }
        Set<String> numbers = new LinkedHashSet<>(t.columnNames());
        numbers.remove(Columns.SPAN);
        numbers.remove("resolved");
        return TableHtml.html(t, numbers);
    }

    private List<String> operationNames() {
        Set<String> names = new LinkedHashSet<>();
        for (ProfileJson.Export e : List.of(a, b)) {
            Table ops = e.tables().get("operations");
            for (int r = 0; ops != null && r < Math.min(10, ops.rowCount()); r++) {
                names.add(ops.getString(r, Columns.OPERATION));
            }
        }
        return new ArrayList<>(names);
    }

    private static double[] operationSelf(ProfileJson.Export e, List<String> names, int steps) {
        double[] out = new double[names.size()];
        Table ops = e.tables().get("operations");
        for (int r = 0; ops != null && r < ops.rowCount(); r++) {
            int i = names.indexOf(ops.getString(r, Columns.OPERATION));
            if (i >= 0) {
                out[i] = ((NumericColumn<?>) ops.column(Columns.SELF_MS)).getDouble(r) / Math.max(1, steps);
            }
        }
        return out;
    }

    private static Map<String, double[]> samples(Table spanSteps) {
        Map<String, List<Double>> lists = new LinkedHashMap<>();
        if (spanSteps != null) {
            NumericColumn<?> ms = (NumericColumn<?>) spanSteps.column(Columns.TOTAL_MS);
            for (int r = 0; r < spanSteps.rowCount(); r++) {
                lists.computeIfAbsent(spanSteps.getString(r, Columns.SPAN), k -> new ArrayList<>()).add(ms.getDouble(r));
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        lists.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }
}
