package dev.isspectral.kernel;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
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
 * README's example is real: the first {@code java} block under "## One cell" is taken from README.md as
 * printed, checked to be one cell that jshell can paste (its snippets as jshell splits them: no line starts
 * with a dot, only the last one is a bare expression), then executed as a one-cell notebook on the built
 * kernel by Debian's Jupyter. It must run without an error or a line on stderr, and its value, the solver's
 * energy density, must display as an array summary, not as {@code [D@…}.
 */
class ReadmeExampleIT {

    private static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    private static final String HEADING = "## One cell";

    static Path readme() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("kernel")))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "README.md of the repository not found above " + Path.of("").toAbsolutePath());
        return dir.resolve("README.md");
    }

    /** The first ```java block after the line that starts with {@link #HEADING}. */
    static String example(String readme) {
        int heading = readme.indexOf("\n" + HEADING);
        assertTrue(heading >= 0, "README.md has no heading '" + HEADING + "'");
        int open = readme.indexOf("```java\n", heading);
        int next = readme.indexOf("\n## ", heading + 1);
        assertTrue(open >= 0 && (next < 0 || open < next), "no ```java block under '" + HEADING + "'");
        int close = readme.indexOf("\n```", open + 8);
        assertTrue(close > open, "the ```java block under '" + HEADING + "' is not closed");
        return readme.substring(open + "```java\n".length(), close + 1);
    }

    /** What stops {@code code} from being one notebook cell that jshell can paste as it is; empty if nothing. */
    static List<String> cellProblems(String code) {
        List<String> problems = new ArrayList<>();
        for (String line : code.split("\n")) {
            if (line.strip().startsWith(".")) {
                problems.add("a line starts with a dot (jshell ends the statement before it): " + line.strip());
            }
        }
        // split the code into snippets as jshell does when it is pasted: line by line, a snippet ends at the
        // first line where the input so far is complete
        List<String> sources = new ArrayList<>();
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            String pending = "";
            for (String line : code.split("\n", -1)) {
                pending = pending + line + "\n";
                while (!pending.isBlank()) {
                    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(pending);
                    SourceCodeAnalysis.Completeness c = info.completeness();
                    if (c == SourceCodeAnalysis.Completeness.EMPTY) {
                        pending = "";
                    } else if (c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                            || c == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
                        break;
                    } else {
                        String source = withoutComments(info.source());
                        if (c == SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI && source.endsWith(";")) {
                            source = source.substring(0, source.length() - 1);   // jshell's own addition
                        }
                        sources.add(source);
                        pending = info.remaining();
                    }
                }
            }
            if (!pending.isBlank()) {
                problems.add("incomplete at the end: " + pending.strip());
            }
        }
        sources.removeIf(String::isEmpty);
        if (sources.isEmpty()) {
            problems.add("no code");
            return problems;
        }
        // a snippet that does not end with ';' or '}' is a bare expression: in a cell only the last may be one
        for (int i = 0; i < sources.size() - 1; i++) {
            if (!(sources.get(i).endsWith(";") || sources.get(i).endsWith("}"))) {
                problems.add("a bare expression before the end of the cell: " + sources.get(i));
            }
        }
        String last = sources.get(sources.size() - 1);
        if (last.endsWith(";") || last.endsWith("}")) {
            problems.add("the cell does not end with the expression it displays: " + last);
        }
        if (!sources.get(0).startsWith("import ")) {
            problems.add("the cell does not start with its imports: " + sources.get(0));
        }
        return problems;
    }

    /** The code without end-of-line comments and surrounding blanks (the example has no "//" inside strings). */
    private static String withoutComments(String source) {
        return source.replaceAll("(?m)\\s*//[^\\n]*$", "").strip();
    }

    @Test
    void theExampleIsOneCellThatJshellCanPaste() throws IOException {
        String code = example(Files.readString(readme(), StandardCharsets.UTF_8));
        assertEquals(List.of(), cellProblems(code), code);
        assertTrue(code.contains("\nsolver.energyDensity()"), "the cell ends by showing the energy density: " + code);
        java.util.regex.Matcher grid = java.util.regex.Pattern.compile("grid\\(\"(\\d+)x").matcher(code);
        java.util.regex.Matcher until = java.util.regex.Pattern.compile("Until\\.steps\\((\\d+)\\)").matcher(code);
        assertTrue(grid.find() && until.find(), "grid(\"NTx...\") and Until.steps(n) in " + code);
        assertEquals(grid.group(1), until.group(1), "the run's steps are the grid's NT");
        // the checks catch what was wrong with the old example: no imports, a bare expression mid-cell, leading dots
        List<String> old = cellProblems("""
                var sim = Simulation.builder()
                        .grid("32x32x16x16")
                        .build();
                sim
                Run run = sim.run(Until.steps(200));
                run.history()
                """);
        assertTrue(old.stream().anyMatch(p -> p.startsWith("a line starts with a dot")), old.toString());
        assertTrue(old.stream().anyMatch(p -> p.startsWith("a bare expression before the end of the cell: sim")), old.toString());
        assertTrue(old.stream().anyMatch(p -> p.startsWith("the cell does not start with its imports")), old.toString());
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void theExampleRunsOnTheKernelAndItsArrayDisplaysAsASummary() throws Exception {
        assertTrue(Files.isExecutable(JUPYTER), "Jupyter not found at " + JUPYTER
                + "; install it with: apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client (test.sh does)");
        String code = example(Files.readString(readme(), StandardCharsets.UTF_8));
        Path dir = Files.createTempDirectory("readme-example");
        Path notebook = dir.resolve("readme.ipynb");
        Files.writeString(notebook, oneCellNotebook(code));
        NotebookIT.run(dir, List.of(JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=java", "--ExecutePreprocessor.timeout=360",
                "--output", "executed.ipynb", notebook.toString()));
        JsonObject cell = JsonParser.parseString(Files.readString(dir.resolve("executed.ipynb")))
                .getAsJsonObject().getAsJsonArray("cells").get(0).getAsJsonObject();
        List<JsonObject> results = new ArrayList<>();
        for (JsonElement o : cell.getAsJsonArray("outputs")) {
            JsonObject output = o.getAsJsonObject();
            String type = output.get("output_type").getAsString();
            assertFalse(type.equals("error"), "README's example failed on the kernel: " + output);
            if (type.equals("stream")) {
                assertEquals("stdout", output.get("name").getAsString(), "README's example wrote to stderr: " + output);
            }
            if (type.equals("execute_result")) {
                results.add(output);
            }
        }
        assertEquals(1, results.size(), "one displayed value: " + cell.getAsJsonArray("outputs"));
        JsonObject data = results.get(0).getAsJsonObject("data");
        String text = joined(data.get("text/plain"));
        System.out.println("README example displayed:\n" + text);
        assertTrue(text.startsWith("double[8192]  min 0.999"), text);
        assertTrue(text.contains(" max 1.00") && text.contains("(all finite)"), text);
        assertFalse(text.contains("[D@"), text);
        assertTrue(data.has("text/html") && joined(data.get("text/html")).contains("<code>double[8192]</code>"), data.toString());
    }

    private static String joined(JsonElement textOrLines) {
        if (textOrLines.isJsonArray()) {
            StringBuilder s = new StringBuilder();
            textOrLines.getAsJsonArray().forEach(e -> s.append(e.getAsString()));
            return s.toString();
        }
        return textOrLines.getAsString();
    }

    private static String oneCellNotebook(String source) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("cell_type", "code");
        cell.put("execution_count", null);
        cell.put("metadata", Map.of());
        cell.put("outputs", List.of());
        cell.put("source", source);
        Map<String, Object> nb = new LinkedHashMap<>();
        nb.put("cells", List.of(cell));
        nb.put("metadata", Map.of("kernelspec", Map.of("name", "java", "display_name", "Java (IS-Spectral)", "language", "java")));
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(nb);
    }
}
