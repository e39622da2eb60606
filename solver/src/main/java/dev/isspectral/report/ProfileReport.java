package dev.isspectral.report;

import dev.isspectral.files.AtomicFiles;
import dev.isspectral.plot.ProfilePlots;
import dev.isspectral.profile.Profile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Profile} as a standalone HTML report (every table, every chart as an inline
 * base64 PNG, no external resources), each table as CSV and the whole profile as JSON
 * ({@link Profile#toJson()}). The files are written as one set through {@link AtomicFiles}: a reader never
 * sees half a file, and a set whose manifest is present is never a mix of two reports.
 */
public final class ProfileReport {

    private ProfileReport() {
    }

    /** The charts of the report, by title. */
    public static Map<String, Chart<?, ?>> charts(Profile profile) {
        Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
        charts.put("breakdown", ProfilePlots.breakdown(profile));
        charts.put("hierarchy", ProfilePlots.hierarchy(profile));
        charts.put("allocations", ProfilePlots.allocations(profile));
        charts.put("large_allocations", ProfilePlots.largeAllocations(profile));
        charts.put("steps", ProfilePlots.steps(profile));
        charts.put("fft", ProfilePlots.fftThroughput(profile));
        return charts;
    }

    /** The report as one HTML document. */
    public static String html(Profile profile) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>IS-Spectral profile</title>")
                .append("<style>body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:1.5em}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}</style></head><body>\n")
                .append("<h1>").append(escape(profile.toString())).append("</h1>\n");
        for (Table t : profile.tables()) {
            html.append("<h2 id=\"table-").append(escape(t.name())).append("\">").append(escape(t.name())).append("</h2>\n");
            appendTable(html, t);
        }
        for (Map.Entry<String, Chart<?, ?>> e : charts(profile).entrySet()) {
            html.append("<h2 id=\"chart-").append(escape(e.getKey())).append("\">").append(escape(e.getKey()))
                    .append("</h2>\n<img alt=\"").append(escape(e.getKey())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png(e.getValue()))).append("\">\n");
        }
        return html.append("</body></html>\n").toString();
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

    private static byte[] png(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendTable(StringBuilder html, Table t) {
        html.append("<table><tr>");
        for (String name : t.columnNames()) {
            html.append("<th>").append(escape(name)).append("</th>");
        }
        html.append("</tr>\n");
        for (int r = 0; r < t.rowCount(); r++) {
            html.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                html.append("<td>").append(escape(t.column(c).getString(r))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
