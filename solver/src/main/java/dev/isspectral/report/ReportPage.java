package dev.isspectral.report;

import dev.isspectral.display.Html;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One standalone HTML page of a report, written top-down: a title, a table of contents, then
 * sections in the order they were added. Everything is inline (styles, charts as base64 PNG), nothing
 * is fetched, there is no script; tables scroll inside their own box and images shrink to the page,
 * so the page is never wider than the window (checked at 1400 px).
 */
final class ReportPage {

    /** The page's style sheet. */
    static final String CSS = """
            body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;color:#1a1a1a;max-width:1240px;margin:0 auto;
              padding:8px 20px 40px;line-height:1.45;font-size:15px}
            h1{font-size:1.55em;margin:.6em 0 .1em} h2{font-size:1.25em;margin:1.6em 0 .5em;border-bottom:1px solid #ccc}
            h3{font-size:1.05em;margin:1.3em 0 .3em}
            .subtitle{color:#555;margin:0 0 .8em}
            nav.toc{background:#f5f5f5;border:1px solid #ddd;padding:.4em .9em;margin:.6em 0 1em;font-size:.93em}
            nav.toc ol{margin:.2em 0;padding-left:1.4em} nav.toc li{margin:.1em 0}
            nav.toc ol ol{display:flex;flex-wrap:wrap;gap:0 1.2em;list-style:none;padding-left:0}
            .findings{font-size:1.08em;background:#fffbe6;border-left:4px solid #e0b000;padding:.5em .8em;margin:.4em 0 1em}
            table{border-collapse:collapse;margin:.3em 0 1em}
            th,td{padding:3px 9px;border-bottom:1px solid #e2e2e2;vertical-align:top;text-align:left}
            thead th{border-bottom:2px solid #999;background:#fafafa;white-space:nowrap}
            .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            table.figures th[scope=row],table.context th[scope=row]{font-weight:600;white-space:nowrap}
            table.context td{color:#333;font-size:.93em}
            .resolved{font-weight:600}
            .scroll{overflow-x:auto;max-width:100%}
            td.text{white-space:nowrap} td.wrap{min-width:28em;overflow-wrap:anywhere}
            img{max-width:100%;height:auto;display:block;margin:.2em 0 .2em}
            figure{margin:0 0 1.4em} figcaption{color:#444;font-size:.93em;max-width:70em}
            details{margin:.2em 0 1em} details>summary{cursor:pointer;color:#0645ad}
            .note{color:#444;font-size:.93em;max-width:75em}
            """;

    private record Section(String id, String title, int level, String body) {
    }

    private final String title;
    private final String subtitle;
    private final List<Section> sections = new ArrayList<>();

    ReportPage(String title, String subtitle) {
        this.title = title;
        this.subtitle = subtitle;
    }

    /** A top-level section ({@code <h2>}, listed in the contents). */
    ReportPage section(String id, String title, String bodyHtml) {
        sections.add(new Section(id, title, 2, bodyHtml));
        return this;
    }

    /** A subsection ({@code <h3>}, listed under its section in the contents). */
    ReportPage subsection(String id, String title, String bodyHtml) {
        sections.add(new Section(id, title, 3, bodyHtml));
        return this;
    }

    /** The whole document. */
    String html() {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>").append(CSS)
                .append("</style></head>\n<body>\n<h1 id=\"top\">").append(Html.escape(title)).append("</h1>\n")
                .append("<p class=\"subtitle\">").append(Html.escape(subtitle)).append("</p>\n");
        h.append("<nav class=\"toc\" id=\"contents\"><b>Contents</b>\n<ol>\n");
        boolean open = false;
        for (Section s : sections) {
            if (s.level == 2) {
                if (open) {
                    h.append("</ol></li>\n");
                    open = false;
                }
                h.append("<li><a href=\"#").append(s.id).append("\">").append(Html.escape(s.title)).append("</a>");
                int next = sections.indexOf(s) + 1;
                if (next < sections.size() && sections.get(next).level == 3) {
                    h.append("<ol>\n");
                    open = true;
                } else {
                    h.append("</li>\n");
                }
            } else {
                h.append("<li><a href=\"#").append(s.id).append("\">").append(Html.escape(s.title)).append("</a></li>\n");
            }
        }
        if (open) {
            h.append("</ol></li>\n");
        }
        h.append("</ol></nav>\n");
        for (Section s : sections) {
            h.append("<section id=\"").append(s.id).append("\">\n<h").append(s.level).append(">")
                    .append(Html.escape(s.title)).append("</h").append(s.level).append(">\n").append(s.body).append("</section>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    /** A chart as an inline PNG with a caption. */
    static String figure(String name, Chart<?, ?> chart, String caption) {
        return "<figure><img alt=\"" + Html.escape(name) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png(chart)) + "\">\n<figcaption>" + Html.escape(caption)
                + "</figcaption></figure>\n";
    }

    /** A table, folded into {@code <details>} when longer than {@code foldAbove} rows. */
    static String table(tech.tablesaw.api.Table t, String note, int foldAbove) {
        String intro = note.isEmpty() ? "" : "<p class=\"note\">" + Html.escape(note) + "</p>\n";
        if (t.rowCount() == 0) {
            return intro + "<p class=\"note\"><i>None.</i></p>\n";
        }
        String body = TableHtml.html(t);
        if (t.rowCount() > foldAbove) {
            return intro + "<details><summary>" + t.rowCount() + " rows × " + t.columnCount() + " columns: show</summary>\n"
                    + body + "</details>\n";
        }
        return intro + body;
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
