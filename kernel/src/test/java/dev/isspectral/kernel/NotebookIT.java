package dev.isspectral.kernel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: Debian's Jupyter ({@code /usr/bin/jupyter}) runs a notebook on the built kernelspec
 * (found through {@code JUPYTER_PATH}, not installed), with the solver on {@code IJAVA_CLASSPATH};
 * the executed notebook and its HTML export are checked output by output. A second test drives the
 * kernel over the protocol (start, cells, interrupt) with {@code jupyter_client}.
 */
class NotebookIT {

    private static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** The cells, in order; each test below looks at one of them. */
    private static final List<String> CELLS = List.of(
            /* 0 magic + isolation */ """
            %maven com.google.code.gson:gson:2.13.2
            new com.google.gson.Gson().toJson(Map.of("a", 1)) + " from " + com.google.gson.Gson.class.getClassLoader().getName()""",
            /* 1 streams */ """
            System.out.println("hello from java");
            System.err.println("a warning on stderr");""",
            /* 2 raise */ """
            int deliberate(int n) {
                throw new IllegalStateException("deliberate failure " + n);
            }
            deliberate(7)""",
            /* 3 recover */ """
            int recovered = 41 + 1;
            recovered""",
            /* 4 table */ """
            import tech.tablesaw.api.*;
            Table energies = Table.create("history",
                IntColumn.create("step", new int[] {0, 10, 20}),
                DoubleColumn.create("total_energy", new double[] {1.0, 0.999, 0.998}));
            energies""",
            /* 5 chart */ """
            import org.knowm.xchart.*;
            XYChart chart = new XYChartBuilder().width(400).height(250).title("energy").build();
            chart.addSeries("E", new double[] {0, 10, 20}, new double[] {1.0, 0.999, 0.998});
            chart""",
            /* 6 display + update */ """
            String id = display("<b>first</b>", "text/html");
            updateDisplay(id, "<b>second</b>", "text/html");""",
            /* 7 Notebook.init on our own kernel */ """
            dev.isspectral.display.Notebook.init()""",
            /* 8 a simulation renders as its settings tree */ """
            import dev.isspectral.sim.*;
            Simulation sim = Simulation.builder().grid("4x8x8x8").build();
            sim""",
            /* 9 IJava-style renderer registration through getKernelInstance(), IJava's display types */ """
            import io.github.spencerpark.jupyter.kernel.display.DisplayData;
            import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
            record Celsius(double degrees) {}
            getKernelInstance().getRenderer().createRegistration(Celsius.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((c, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> "<i>" + c.degrees() + " C</i>"));
            DisplayData shown = render(new Celsius(21.5));
            shown""");

    private static JsonArray cells;
    private static String html;

    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    static void executeNotebook() throws Exception {
        assertTrue(Files.isExecutable(JUPYTER), "Jupyter not found at " + JUPYTER
                + "; install it with: apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client (test.sh does)");
        Path dir = Files.createTempDirectory("notebook-it");
        Path notebook = dir.resolve("kernel-e2e.ipynb");
        Files.writeString(notebook, notebookJson(CELLS));
        long start = System.nanoTime();
        run(dir, List.of(JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                "--ExecutePreprocessor.kernel_name=java", "--ExecutePreprocessor.timeout=120",
                "--output", "executed.ipynb", notebook.toString()));
        System.out.printf("notebook run (nbconvert --execute, %d cells, kernel start to shutdown): %.2f s%n",
                CELLS.size(), (System.nanoTime() - start) / 1e9);
        run(dir, List.of(JUPYTER.toString(), "nbconvert", "--to", "html", dir.resolve("executed.ipynb").toString()));
        cells = JsonParser.parseString(Files.readString(dir.resolve("executed.ipynb"))).getAsJsonObject().getAsJsonArray("cells");
        html = Files.readString(dir.resolve("executed.html"));
    }

    static Map<String, String> kernelEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JUPYTER_PATH", Path.of(System.getProperty("kernelspec.dir")).getParent().getParent().toString());
        env.put("IJAVA_CLASSPATH", System.getProperty("notebook.classpath.dir") + "/*.jar");
        return env;
    }

    static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(kernelEnvironment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(4, TimeUnit.MINUTES), "finished: " + command);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + output);
        return output;
    }

    private static String notebookJson(List<String> sources) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String source : sources) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("cell_type", "code");
            cell.put("execution_count", null);
            cell.put("metadata", Map.of());
            cell.put("outputs", List.of());
            cell.put("source", source);
            list.add(cell);
        }
        Map<String, Object> nb = new LinkedHashMap<>();
        nb.put("cells", list);
        nb.put("metadata", Map.of("kernelspec", Map.of("name", "java", "display_name", "Java (IS-Spectral)", "language", "java")));
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        Gson gson = new GsonBuilder().serializeNulls().setPrettyPrinting().create();
        return gson.toJson(nb);
    }

    private static JsonArray outputs(int cell) {
        return cells.get(cell).getAsJsonObject().getAsJsonArray("outputs");
    }

    private static JsonObject only(int cell, String outputType) {
        List<JsonObject> found = new ArrayList<>();
        for (JsonElement o : outputs(cell)) {
            if (o.getAsJsonObject().get("output_type").getAsString().equals(outputType)) {
                found.add(o.getAsJsonObject());
            }
        }
        assertEquals(1, found.size(), "one " + outputType + " in cell " + cell + ": " + outputs(cell));
        return found.get(0);
    }

    private static String joined(JsonElement textOrLines) {
        if (textOrLines.isJsonArray()) {
            StringBuilder s = new StringBuilder();
            textOrLines.getAsJsonArray().forEach(e -> s.append(e.getAsString()));
            return s.toString();
        }
        return textOrLines.getAsString();
    }

    private static String data(int cell, String outputType, String mime) {
        JsonObject d = only(cell, outputType).getAsJsonObject("data");
        assertTrue(d.has(mime), mime + " in cell " + cell + ": " + d.keySet());
        return joined(d.get(mime));
    }

    @Test
    void mavenMagicLoadsAGsonThatIsTheUsersNotTheKernels() {
        assertEquals("{\"a\":1} from notebook", data(0, "execute_result", "text/plain"));
        assertTrue(html.contains("<pre>{&#34;a&#34;:1} from notebook</pre>"), "in HTML");
    }

    @Test
    void stdoutAndStderrStreamAsTheirOwnStreams() {
        Map<String, String> streams = new LinkedHashMap<>();
        for (JsonElement o : outputs(1)) {
            JsonObject out = o.getAsJsonObject();
            assertEquals("stream", out.get("output_type").getAsString());
            streams.merge(out.get("name").getAsString(), joined(out.get("text")), String::concat);
        }
        assertEquals("hello from java\n", streams.get("stdout"));
        assertEquals("a warning on stderr\n", streams.get("stderr"));
        assertTrue(html.contains("hello from java"));
    }

    @Test
    void aRuntimeErrorShowsItsTypeMessageAndCellLines() {
        JsonObject error = only(2, "error");
        assertEquals("EvaluationException", error.get("ename").getAsString());
        assertEquals("java.lang.IllegalStateException: deliberate failure 7", error.get("evalue").getAsString());
        String traceback = joined(error.get("traceback"));
        assertTrue(traceback.contains("at deliberate (In[3] line 2)"), traceback);
        assertTrue(traceback.contains("at In[3] line 4"), traceback);
        assertTrue(html.contains("deliberate failure 7"));
    }

    @Test
    void theKernelRecoversAfterTheError() {
        assertEquals("42", data(3, "execute_result", "text/plain"));
    }

    @Test
    void aTablesawTableIsAnHtmlTableWithATextFallback() {
        String tableHtml = data(4, "execute_result", "text/html");
        assertTrue(tableHtml.matches("(?s).*<th[^>]*>total_energy</th>.*"), tableHtml);   // numeric headers carry class="num"
        assertTrue(data(4, "execute_result", "text/plain").contains("total_energy"));
        assertTrue(html.matches("(?s).*<th[^>]*>total_energy</th>.*"), "table in exported HTML");
    }

    @Test
    void anXChartChartIsAPng() {
        assertTrue(data(5, "execute_result", "image/png").startsWith("iVBORw0KGgo"), "PNG signature in base64");
        assertTrue(html.contains("data:image/png;base64,iVBORw0KGgo"), "image in exported HTML");
    }

    @Test
    void updateDisplayReplacesTheEarlierDisplay() {
        assertEquals("<b>second</b>", data(6, "display_data", "text/html"));
        assertTrue(html.contains("<b>second</b>"));
        assertFalse(html.contains("<b>first</b>"));
    }

    @Test
    void notebookInitIsANoOpOnThisKernel() {
        assertTrue(data(7, "execute_result", "text/plain").contains("nothing to do"));
    }

    @Test
    void aSimulationShowsItsSettingsTreeAsHtmlAndText() {
        String summary = data(8, "execute_result", "text/html");
        assertTrue(summary.startsWith("<div class=\"is-spectral-simulation\">"), summary);
        assertTrue(summary.contains("4x8x8x8 (4 steps of a 8x8x8 box"), summary);
        assertTrue(summary.contains(">memory</th>"), summary);
        String text = data(8, "execute_result", "text/plain");
        assertTrue(text.startsWith("Simulation\n├── grid:        4x8x8x8"), text);
        assertTrue(text.contains("└── memory:"), text);
        assertTrue(html.contains("<b>Simulation 4x8x8x8</b>"), "summary in exported HTML");
        assertTrue(html.contains(">integrator</th>"), "summary rows in exported HTML");
    }

    @Test
    void aRendererRegisteredTheIJavaWayIsUsed() {
        assertEquals("<i>21.5 C</i>", data(9, "execute_result", "text/html"));
        assertTrue(html.contains("<i>21.5 C</i>"), "in exported HTML");
    }

    @Test
    void noProtocolLoggingOrLoggerWarningsReachTheNotebook() {
        for (int i = 0; i < cells.size(); i++) {
            for (JsonElement o : outputs(i)) {
                String text = o.toString();
                assertFalse(text.contains("SLF4J"), "cell " + i + ": " + text);
                assertFalse(text.contains("INFO:"), "cell " + i + ": " + text);
            }
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void overTheProtocolTheKernelStartsFastAndAnInterruptStopsAPureJavaLoop() throws Exception {
        assertTrue(Files.isExecutable(PYTHON), "Debian's python3 at " + PYTHON);
        String output = run(Files.createTempDirectory("kernel-session"),
                List.of(PYTHON.toString(), System.getProperty("kernel.session.script")));
        String json = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no result line in:\n" + output));
        JsonObject result = JsonParser.parseString(json).getAsJsonObject();
        System.out.println("kernel session timings: " + result);
        assertTrue(result.get("first_cell_ok").getAsBoolean(), json);
        assertEquals("error", result.get("interrupt_status").getAsString(), "interrupted cell ends with an error reply");
        assertTrue(result.get("after_interrupt_ok").getAsBoolean(), json);
        boolean threadStopThrows = Runtime.Version.parse(result.get("java").getAsString()).feature() >= 20;
        assertEquals(threadStopThrows, result.get("interrupt_note").getAsBoolean(),
                "the error explains a loop left running exactly where Thread.stop is unsupported: " + json);
        assertFalse(output.contains("INFO:"), "kernel stderr is quiet:\n" + output);
        // issue 14: exit in a cell, and a flood of output
        assertEquals("error", result.get("exit_status").getAsString(), json);
        assertTrue(result.get("exit_explained").getAsBoolean(), json);
        assertTrue(result.get("after_exit_ok").getAsBoolean(), json);
        assertEquals("ok", result.get("flood_status").getAsString(), json);
        assertTrue(result.get("flood_first_line_ok").getAsBoolean() && result.get("flood_note").getAsBoolean(), json);
        assertTrue(result.get("flood_messages").getAsInt() < 200, "coalesced into few messages: " + json);
        assertTrue(result.get("flood_bytes").getAsInt() < CellOutput.DEFAULT_LIMIT + 1000, "bounded: " + json);
    }
}
