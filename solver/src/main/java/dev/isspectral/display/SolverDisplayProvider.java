package dev.isspectral.display;

import dev.isspectral.display.spi.DisplayProvider;
import dev.isspectral.display.spi.MimeTypes;
import dev.isspectral.measure.Presentable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The solver's renderers, offered to notebook kernels through {@link DisplayProvider}:
 * <ul>
 *   <li>a Tablesaw {@link Table}: {@code text/html} (at most {@link TableRendering#DEFAULT_MAX_ROWS}
 *       rows, head and tail) and {@code text/plain};</li>
 *   <li>an XChart chart: {@code image/png}, and {@code image/svg+xml} when asked for;</li>
 *   <li>a {@link RenderedImage}: {@code image/png};</li>
 *   <li>a {@link Displayable}, or a measurement result ({@link Presentable}): its {@code text/html} and
 *       {@code text/plain} summaries;</li>
 *   <li>a simulation, solver or run: the {@link Summaries} of it, HTML and text;</li>
 *   <li>an array of primitive numbers (e.g. {@code Solver.energyDensity()}): its {@link ArraySummary}
 *       (type and shape, min, max, mean, the first and last values), HTML and text.</li>
 * </ul>
 * Registered in {@code META-INF/services}; also used by {@link Notebook#init()}.
 */
public final class SolverDisplayProvider implements DisplayProvider {

    private static final TableRendering TABLES = TableRendering.standard();

    /** Creates the provider; it holds no state. */
    public SolverDisplayProvider() {
    }

    @Override
    public boolean supports(Object value) {
        return value instanceof Table || value instanceof Chart<?, ?>
                || value instanceof RenderedImage || value instanceof Displayable || value instanceof Presentable
                || Summaries.supports(value) || ArraySummary.supports(value);
    }

    @Override
    public Map<String, String> render(Object value, Set<String> requestedMimes) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Table table) {
            if (wants(requestedMimes, MimeTypes.TEXT_HTML, true)) {
                out.put(MimeTypes.TEXT_HTML, TABLES.html(table));
            }
            out.put(MimeTypes.TEXT_PLAIN, TABLES.text(table));
        } else if (value instanceof Chart<?, ?> chart) {
            if (wants(requestedMimes, MimeTypes.IMAGE_PNG, true)) {
                out.put(MimeTypes.IMAGE_PNG, base64(chartPng(chart)));
            }
            if (wants(requestedMimes, MimeTypes.IMAGE_SVG, false)) {
                out.put(MimeTypes.IMAGE_SVG, chartSvg(chart));
            }
            out.put(MimeTypes.TEXT_PLAIN, chart.getClass().getSimpleName() + " \""
                    + (chart.getTitle() == null ? "" : chart.getTitle()) + "\" "
                    + chart.getWidth() + "x" + chart.getHeight());
        } else if (value instanceof RenderedImage image) {
            if (wants(requestedMimes, MimeTypes.IMAGE_PNG, true)) {
                out.put(MimeTypes.IMAGE_PNG, base64(imagePng(image)));
            }
            out.put(MimeTypes.TEXT_PLAIN, "image " + image.getWidth() + "x" + image.getHeight());
        } else if (value instanceof Displayable displayable) {
            if (wants(requestedMimes, MimeTypes.TEXT_HTML, true)) {
                out.put(MimeTypes.TEXT_HTML, displayable.toHtml());
            }
            out.put(MimeTypes.TEXT_PLAIN, displayable.toText());
        } else if (value instanceof Presentable measured) {   // measurement results (dev.isspectral.measure)
            if (wants(requestedMimes, MimeTypes.TEXT_HTML, true)) {
                out.put(MimeTypes.TEXT_HTML, measured.toHtml());
            }
            out.put(MimeTypes.TEXT_PLAIN, measured.toText());
        } else if (Summaries.supports(value)) {
            if (wants(requestedMimes, MimeTypes.TEXT_HTML, true)) {
                out.put(MimeTypes.TEXT_HTML, Summaries.html(value));
            }
            out.put(MimeTypes.TEXT_PLAIN, Summaries.text(value));
        } else if (ArraySummary.supports(value)) {
            ArraySummary summary = ArraySummary.of(value);
            if (wants(requestedMimes, MimeTypes.TEXT_HTML, true)) {
                out.put(MimeTypes.TEXT_HTML, summary.toHtml());
            }
            out.put(MimeTypes.TEXT_PLAIN, summary.toText());
        } else {
            throw new IllegalArgumentException("value of type " + value.getClass().getName()
                    + " is not supported; supported: Table, XChart chart, RenderedImage, Displayable, Simulation, Solver, Run,"
                    + " arrays of primitive numbers");
        }
        return out;
    }

    /** Solver types take precedence over generic renderers of the same objects. */
    @Override
    public int priority() {
        return 100;
    }

    private static boolean wants(Set<String> requested, String mime, boolean preferred) {
        return requested.isEmpty() ? preferred : requested.contains(mime);
    }

    static byte[] chartPng(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode chart as PNG", e);
        }
    }

    static String chartSvg(Chart<?, ?> chart) {
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode chart as SVG", e);
        }
        return svg.toString(StandardCharsets.UTF_8);
    }

    static byte[] imagePng(RenderedImage image) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", png)) {
                throw new IllegalStateException("no PNG writer for this image");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode image as PNG", e);
        }
        return png.toByteArray();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
