package dev.isspectral.report;

import dev.isspectral.display.Quantities;
import dev.isspectral.files.AtomicFiles;
import dev.isspectral.plot.ProfilePlots;
import dev.isspectral.plot.ReportPlots;
import dev.isspectral.profile.Headline;
import dev.isspectral.profile.Profile;
import dev.isspectral.profile.ProfileContext;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Profile} as a standalone HTML report, each table as CSV and the whole profile as
 * JSON ({@link Profile#toJson()}). The report reads top-down: what was run and the headline figures
 * with their 95% intervals and the findings in words ({@link Headline}), then the key charts
 * (breakdown, icicle, step times, allocation), then the tables formatted for reading (long ones folded),
 * with a table of contents. Everything is inline (charts as base64 PNG, no script, nothing fetched).
 * The files are written as one set through {@link AtomicFiles}: a reader never sees half a file, and a
 * set whose manifest is present is never a mix of two reports.
 */
public final class ProfileReport {

    /** Tables longer than this are folded into {@code <details>}. */
    static final int FOLD_ABOVE = 15;

    /** The tables the HTML shows, in order, each with the line that says what it is. */
    private static final List<String[]> SHOWN = List.of(
            new String[] {"priorities", "The five spans with the most self time and the five that allocate most by themselves, per step."},
            new String[] {"summary", "Totals over the measured steps (ms and bytes per step are means here; the headline gives medians with intervals)."},
            new String[] {"breakdown", "Spans down to depth 3 (step / stage / pass): calls, time (total includes children, self does not), share of the step, bytes."},
            new String[] {"avoidable_transforms", "Forward transforms that could have been skipped: repeats of identical input, and transforms of fields that are zero or constant, by span and field."},
            new String[] {"fft", "Each kind of transform: calls, time, nominal GFLOP/s (5 N log2 N per complex transform, half for real), share of the step."},
            new String[] {"hierarchy", "Every span path, depth first."},
            new String[] {"operations", "Each operation summed over every path it is called from, by self time."},
            new String[] {"calls", "Caller → callee counts; calls per caller call above the expected count show a repeated call."},
            new String[] {"large_allocations", "Allocations at or above the threshold inside measured steps (Flight Recorder), by site."},
            new String[] {"steps", "Every measured step: time, time inside FFTs, bytes allocated, heap, Δt, CFL, recovery iterations, max |v|."},
            new String[] {"memory", "What the solver holds by its own accounting."},
            new String[] {"caches", "Caches and pools: hits, misses, bytes held."});

    private ProfileReport() {
    }

    /**
     * The charts of the report, by id, key charts first: breakdown (self time by operation), hierarchy
     * (icicle), steps (time per step with its median band), allocations (by span, own code); then memory
     * per step, large allocations (only when there were any) and FFT throughput.
     */
    public static Map<String, Chart<?, ?>> charts(Profile profile) {
        Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
        charts.put("breakdown", ReportPlots.operations(profile.operations(), profile.stepCount(), profile.stepNanos() / 1e6
                / Math.max(1, profile.stepCount())));
        charts.put("hierarchy", ProfilePlots.hierarchy(profile));
        charts.put("steps", ReportPlots.stepTimes(profile.headline()));
        charts.put("allocations", ReportPlots.selfAllocations(profile.hierarchy(), profile.stepCount()));
        charts.put("memory", ProfilePlots.steps(profile));
        if (!profile.largeAllocations().isEmpty()) {
            charts.put("large_allocations", ProfilePlots.largeAllocations(profile));
        }
        charts.put("fft", ProfilePlots.fftThroughput(profile));
        return charts;
    }

    private static final Map<String, String[]> CHART_TEXT = Map.of(
            "breakdown", new String[] {"Breakdown", "Self time per step of each operation, summed over every place it is "
                    + "called from, with its share of the step (the span table by path is under Tables)."},
            "hierarchy", new String[] {"Span hierarchy (icicle)", "Each box as wide as its time per step, inside its parent; "
                    + "the unlabelled rest of a box is its self time."},
            "steps", new String[] {"Time per step", "Every measured step, the part of it inside FFTs, and the median step "
                    + "time with its 95 % interval (band)."},
            "allocations", new String[] {"Allocation", "Bytes allocated per step by each span's own code, on the thread "
                    + "that opened it (the step's total over all threads is in the headline)."},
            "memory", new String[] {"Memory per step", "Bytes allocated by all threads, peak heap and heap in use after each step."},
            "large_allocations", new String[] {"Large allocations", "Bytes per step allocated in blocks at or above the "
                    + "threshold, by allocating method."},
            "fft", new String[] {"FFT throughput", "Nominal GFLOP/s of each kind of transform."});

    /** The report as one HTML document. */
    public static String html(Profile profile) {
        Headline headline = profile.headline();
        ProfileContext c = profile.context();
        ReportPage page = new ReportPage(title(profile), c.date() + " · commit " + c.commit() + " · "
                + profile.stepCount() + " measured steps · " + c.backend() + ", " + c.threads() + " thread"
                + (c.threads() == 1 ? "" : "s"));
        page.section("headline", "Finding", headline.toHtml());
        Map<String, Chart<?, ?>> charts = charts(profile);
        page.section("charts", "Charts", "");
        for (Map.Entry<String, Chart<?, ?>> e : charts.entrySet()) {
            String[] text = CHART_TEXT.get(e.getKey());
            page.subsection("chart-" + e.getKey(), text[0], ReportPage.figure(e.getKey(), e.getValue(), text[1]));
        }
        page.section("tables", "Tables", "<p class=\"note\">Numbers rounded for reading; every digit is in the CSV "
                + "files and the JSON beside this report (also the per-step time of every span, span_steps, and "
                + "the repeats by span, redundancy).</p>\n");
        Map<String, Table> tables = profile.tablesByName();
        for (String[] shown : SHOWN) {
            Table t = tables.get(shown[0]);
            String note = shown[1];
            if (shown[0].equals("large_allocations")) {
                note = profile.largeAllocationThreshold() <= 0 ? "Large allocations were not recorded (threshold 0)."
                        : "Allocations of at least " + Quantities.bytes(profile.largeAllocationThreshold())
                                + " inside measured steps (Flight Recorder), by site.";
            }
            page.subsection("table-" + shown[0], shown[0], ReportPage.table(t, note, FOLD_ABOVE));
        }
        return page.html();
    }

    private static String title(Profile profile) {
        ProfileContext c = profile.context();
        return "Profile: " + c.grid() + " (" + profile.stepCount() + " steps of a "
                + c.grid().substring(c.grid().indexOf('x') + 1) + " box), " + c.tuning() + " tuning";
    }

    /**
     * Writes {@code report.html}, one {@code <table>.csv} per table and {@code profile.json} into
     * {@code directory} (created if absent). Returns the files written, the HTML first.
     */
    public static List<Path> write(Profile profile, Path directory) {
        Map<String, byte[]> files = AtomicFiles.files();
        files.put("report.html", utf8(html(profile)));
        for (Table t : profile.tables()) {
            files.put(t.name() + ".csv", utf8(csv(t)));
        }
        files.put("profile.json", utf8(profile.toJson()));
        try {
            return withoutManifest(AtomicFiles.writeSet(directory, "report", files));
        } catch (IOException e) {
            throw new UncheckedIOException("writing profile report to " + directory, e);
        }
    }

    /**
     * Writes the HTML report to {@code htmlFile} (which must end in {@code .html}) and, beside it,
     * {@code <stem>-<table>.csv} per table and {@code <stem>.json}; parent directories are created.
     * The files are written as one set ({@link AtomicFiles#writeSet}): {@code <stem>.manifest}, written last,
     * lists them with their sizes and SHA-256. Returns the report's files, the HTML first and the JSON last
     * (the manifest is not in the list).
     */
    public static List<Path> writeHtml(Profile profile, Path htmlFile) {
        String file = htmlFile.getFileName() == null ? "" : htmlFile.getFileName().toString();
        if (!file.endsWith(".html") || file.length() == ".html".length()) {
            throw new IllegalArgumentException("out = \"" + htmlFile + "\"; must be a file name ending in .html, e.g. profile.html");
        }
        String stem = file.substring(0, file.length() - ".html".length());
        Path directory = htmlFile.toAbsolutePath().getParent();
        Map<String, byte[]> files = AtomicFiles.files();
        files.put(file, utf8(html(profile)));
        for (Table t : profile.tables()) {
            files.put(stem + "-" + t.name() + ".csv", utf8(csv(t)));
        }
        files.put(stem + ".json", utf8(profile.toJson()));
        try {
            return withoutManifest(AtomicFiles.writeSet(directory, stem, files));
        } catch (IOException e) {
            throw new UncheckedIOException("writing profile report to " + htmlFile, e);
        }
    }

    /** The files written, without the manifest AtomicFiles adds last (callers list the report's own files). */
    private static List<Path> withoutManifest(List<Path> written) {
        return List.copyOf(written.subList(0, written.size() - 1));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The table as RFC 4180 CSV with a header row. */
    public static String csv(Table table) {
        StringBuilder out = new StringBuilder(String.join(",", table.columnNames())).append('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < table.columnCount(); c++) {
                if (c > 0) {
                    out.append(',');
                }
                String v = table.column(c).getString(r);
                out.append(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Writes {@code text} to a temporary sibling of {@code target} (creating its folder if needed), then moves it
     * into place, atomically where the file system can.
     */
    public static Path writeAtomically(Path target, String text) throws IOException {
        return AtomicFiles.write(target, text);
    }

}
