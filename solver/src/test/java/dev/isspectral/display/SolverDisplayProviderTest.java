package dev.isspectral.display;

import dev.isspectral.display.spi.DisplayProvider;
import dev.isspectral.display.spi.MimeTypes;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SolverDisplayProviderTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final SolverDisplayProvider provider = new SolverDisplayProvider();

    static Table energies(int rows) {
        int[] steps = IntStream.range(0, rows).toArray();
        double[] energy = IntStream.range(0, rows).mapToDouble(i -> 1.0 + i * 0.5).toArray();
        return Table.create("history", IntColumn.create("step", steps), DoubleColumn.create("total_energy", energy));
    }

    static XYChart chart() {
        XYChart chart = new XYChartBuilder().width(320).height(200).title("energy").build();
        chart.addSeries("E", new double[] {0, 1, 2}, new double[] {1, 0.5, 0.25});
        return chart;
    }

    private static void assertPng(String base64) {
        byte[] head = new byte[8];
        System.arraycopy(Base64.getDecoder().decode(base64), 0, head, 0, 8);
        assertArrayEquals(PNG_SIGNATURE, head);
    }

    @Test
    void serviceLoaderFindsTheSolverProvider() {
        assertTrue(ServiceLoader.load(DisplayProvider.class).stream()
                .anyMatch(p -> p.type() == SolverDisplayProvider.class));
    }

    @Test
    void shortTableRendersEveryRowAsHtmlWithTextFallback() {
        Map<String, String> out = provider.render(energies(3), Set.of());
        String html = out.get(MimeTypes.TEXT_HTML);
        assertTrue(html.contains("<th class=\"num\">total_energy</th>"), html);
        assertTrue(html.contains("<td class=\"num\">2</td>"), html);
        assertFalse(html.contains("more rows"), html);
        assertTrue(out.get(MimeTypes.TEXT_PLAIN).contains("total_energy"));
        assertTrue(html.contains("3 rows"), html);
    }

    @Test
    void longTableShowsHeadAndTailWithAMarkerRow() {
        String html = provider.render(energies(1000), Set.of()).get(MimeTypes.TEXT_HTML);
        assertTrue(html.contains("<tr><td class=\"num\">0</td>"), "first row shown");
        assertTrue(html.contains("<tr><td class=\"num\">999</td>"), "last row shown");
        assertFalse(html.contains("<tr><td class=\"num\">500</td>"), "middle row left out");
        assertTrue(html.contains("980 more rows"), html);
        assertEquals(TableRendering.DEFAULT_MAX_ROWS + 1, html.split("<tr>", -1).length - 2,
                "header + shown rows + marker");
    }

    @Test
    void tableTextEscapesNothingAndHtmlEscapesMarkup() {
        Table t = Table.create("<b>x</b>", IntColumn.create("a<b", new int[] {1}));
        Map<String, String> out = provider.render(t, Set.of());
        assertTrue(out.get(MimeTypes.TEXT_HTML).contains("<th class=\"num\">a&lt;b</th>"));
        assertTrue(out.get(MimeTypes.TEXT_PLAIN).startsWith("<b>x</b>"));
    }

    @Test
    void rowLimitBelowTwoIsRejectedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TableRendering(1));
        assertEquals("maxRows = 1; must be >= 2", e.getMessage());
    }

    @Test
    void chartIsPngByDefaultAndSvgOnlyWhenAsked() {
        Map<String, String> preferred = provider.render(chart(), Set.of());
        assertPng(preferred.get(MimeTypes.IMAGE_PNG));
        assertFalse(preferred.containsKey(MimeTypes.IMAGE_SVG));
        Map<String, String> svg = provider.render(chart(), Set.of(MimeTypes.IMAGE_SVG));
        assertTrue(svg.get(MimeTypes.IMAGE_SVG).contains("<svg"), "SVG document");
        assertFalse(svg.containsKey(MimeTypes.IMAGE_PNG));
        assertTrue(svg.get(MimeTypes.TEXT_PLAIN).contains("energy"));
    }

    @Test
    void imageIsPng() {
        assertPng(provider.render(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), Set.of()).get(MimeTypes.IMAGE_PNG));
    }

    @Test
    void displayableShowsItsOwnSummaries() {
        Displayable summary = new Displayable() {
            @Override
            public String toHtml() {
                return "<b>grid</b> 32x16x16";
            }

            @Override
            public String toText() {
                return "grid 32x16x16";
            }
        };
        Map<String, String> out = provider.render(summary, Set.of());
        assertEquals("<b>grid</b> 32x16x16", out.get(MimeTypes.TEXT_HTML));
        assertEquals("grid 32x16x16", out.get(MimeTypes.TEXT_PLAIN));
    }

    @Test
    void otherObjectsAreNotSupported() {
        assertFalse(provider.supports("text"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider.render(42, Set.of()));
        assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
    }
}
