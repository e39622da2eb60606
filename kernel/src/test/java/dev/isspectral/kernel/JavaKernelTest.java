package dev.isspectral.kernel;

import dev.isspectral.kernel.CellException.MagicException;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaKernelTest {

    private static JavaKernel kernel;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        kernel = new JavaKernel(KernelConfig.fromEnvironment(Map.of()));
        kernel.awaitReady();
    }

    @AfterAll
    static void stop() {
        kernel.close();
    }

    /** Compiles one class into a fresh directory and packs it as a jar; returns {classes dir, jar}. */
    static Path[] library(String pkg, String className, String body) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + className).resolve(pkg.replace('.', '/')));
        Path classes = Files.createDirectories(dir.resolve("classes-" + className));
        Path file = src.resolve(className + ".java");
        Files.writeString(file, "package " + pkg + "; public class " + className + " { " + body + " }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), file.toString()));
        Path jar = dir.resolve("jars-" + className).resolve(className.toLowerCase() + ".jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            String entry = pkg.replace('.', '/') + "/" + className + ".class";
            jarOut.putNextEntry(new JarEntry(entry));
            jarOut.write(Files.readAllBytes(classes.resolve(entry)));
            jarOut.closeEntry();
        }
        return new Path[] {classes, jar};
    }

    private static Object text(DisplayData data) {
        return data.getData(MIMEType.TEXT_PLAIN);
    }

    @Test
    void jarsMagicWithAGlobAddsTheJarForTheRestOfTheCell() throws Exception {
        Path[] lib = library("demo.jars", "Greeter", "public String hello() { return \"hello\"; }");
        DisplayData out = kernel.evalCell("%jars " + lib[1].getParent() + "/*.jar\nnew demo.jars.Greeter().hello()", "In[1]");
        assertEquals("hello", text(out));
    }

    @Test
    void jarsMagicValueIsTheListOfAddedPaths() throws Exception {
        Path[] lib = library("demo.value", "Value", "");
        DisplayData out = kernel.evalCell("List<String> added = %jars " + lib[1] + "\nadded", "In[2]");
        assertEquals("[" + lib[1] + "]", text(out));
    }

    @Test
    void classpathMagicAddsADirectoryOfClasses() throws Exception {
        Path[] lib = library("demo.cp", "Answer", "public static int get() { return 42; }");
        assertEquals("42", text(kernel.evalCell("%classpath " + lib[0] + "\ndemo.cp.Answer.get()", "In[3]")));
    }

    @Test
    void jarsMagicThatMatchesNothingNamesThePath() {
        MagicException e = assertThrows(MagicException.class, () -> kernel.evalCell("%jars /no/such/dir/*.jar", "In[4]"));
        assertEquals("jars: path = '/no/such/dir/*.jar' matches no file or directory", e.getMessage());
    }

    @Test
    void badMagicArgumentsGetOneLineErrors() {
        assertEquals("jars: no paths given; expected one or more paths or simple globs",
                assertThrows(MagicException.class, () -> kernel.evalCell("%jars", "In[5]")).getMessage());
        assertEquals("mavenRepo: 1 arguments given; expected 2: <repository id> <url>",
                assertThrows(MagicException.class, () -> kernel.evalCell("%mavenRepo only-id", "In[5]")).getMessage());
        assertEquals("mavenRepo: url = 'ftp://x'; must be an http, https or file URL",
                assertThrows(MagicException.class, () -> kernel.evalCell("%mavenRepo x ftp://x", "In[5]")).getMessage());
        assertEquals("maven: coordinate = 'gson'; expected groupId:artifactId[:packaging[:classifier]]:version",
                assertThrows(MagicException.class, () -> kernel.evalCell("%maven gson", "In[5]")).getMessage());
        assertEquals("maven: option = '-x'; allowed: --from <repository id or URL>",
                assertThrows(MagicException.class, () -> kernel.evalCell("%maven -x a:b:1", "In[5]")).getMessage());
        assertTrue(assertThrows(MagicException.class, () -> kernel.evalCell("%maven --from nowhere a:b:1", "In[5]"))
                .getMessage().startsWith("maven: --from = 'nowhere'; must be a repository id added with %mavenRepo (central"));
        assertTrue(assertThrows(MagicException.class, () -> kernel.evalCell("%nosuch 1", "In[5]"))
                .getMessage().startsWith("unknown line magic '%nosuch'"));
    }

    @Test
    void magicFailureLeavesTheKernelUsable() throws Exception {
        assertThrows(MagicException.class, () -> kernel.evalCell("%load /no/such/file.jsh", "In[6]"));
        assertEquals("2", text(kernel.evalCell("1 + 1", "In[7]")));
    }

    @Test
    void loadRunsAFileOfSnippets() throws Exception {
        Path script = dir.resolve("helpers.jsh");
        Files.writeString(script, "int tripled(int n) { return 3 * n; }\n");
        assertNull(kernel.evalCell("%load " + script, "In[8]"));
        assertEquals("9", text(kernel.evalCell("tripled(3)", "In[9]")));
    }

    @Test
    void mavenMagicResolvesFromTheLocalRepositoryAndCentral() throws Exception {
        // gson 2.13.2 is a dependency of this module, so it is in the local repository of any build
        DisplayData out = kernel.evalCell("%maven com.google.code.gson:gson:2.13.2\n"
                + "List<String> jars = %maven --from central com.google.code.gson:gson:2.13.2\n"
                + "jars.stream().anyMatch(j -> j.endsWith(\"gson-2.13.2.jar\"))", "In[10]");
        assertEquals("true", text(out));
    }

    @Test
    void loadFromPomCellCollectsLooseDependencyFragments() throws Exception {
        assertNull(kernel.evalCell("""
                %%loadFromPOM
                <properties><gson.version>2.13.2</gson.version></properties>
                <dependency>
                  <groupId>com.google.code.gson</groupId>
                  <artifactId>gson</artifactId>
                  <version>${gson.version}</version>
                </dependency>
                <dependency>
                  <groupId>org.junit.jupiter</groupId>
                  <artifactId>junit-jupiter-api</artifactId>
                  <version>5.14.4</version>
                  <scope>test</scope>
                </dependency>
                """, "In[11]"));
    }

    @Test
    void pomFragmentsBecomeAPomWithTheirDependenciesAndRepositories() {
        String pom = MavenResolver.pomFromFragments("<repository><id>r</id><url>file:///tmp/r</url></repository>\n"
                + "<dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies>");
        assertTrue(pom.contains("<dependencies><dependency><groupId>g</groupId>"), pom);
        assertTrue(pom.contains("<repositories><repository><id>r</id>"), pom);
        assertEquals("<project>x</project>", MavenResolver.pomFromFragments("  <project>x</project>\n"));
    }

    @Test
    void loadFromPomFileTakesOnlyTheRequestedScopes() throws Exception {
        Path pom = dir.resolve("pom.xml");
        Files.writeString(pom, MavenResolver.pomFromFragments("""
                <dependency><groupId>com.google.code.gson</groupId><artifactId>gson</artifactId><version>2.13.2</version>
                <scope>test</scope></dependency>"""));
        DisplayData none = kernel.evalCell("List<String> r = %loadFromPOM " + pom + "\nr", "In[12]");
        assertEquals("[]", text(none), "test scope is not among the defaults");
        DisplayData test = kernel.evalCell("List<String> t = %loadFromPOM " + pom + " test\n"
                + "t.stream().anyMatch(j -> j.endsWith(\"gson-2.13.2.jar\"))", "In[13]");
        assertEquals("true", text(test));
    }

    @Test
    void tablesRenderAsHtmlThroughTheSolversProvider() throws Exception {
        DisplayData out = kernel.evalCell("""
                tech.tablesaw.api.Table.create("runs",
                    tech.tablesaw.api.IntColumn.create("step", new int[] {1, 2}))
                """, "In[14]");
        String html = (String) out.getData(MIMEType.TEXT_HTML);
        assertNotNull(html, "HTML from the discovered provider");
        assertTrue(html.matches("(?s).*<th[^>]*>step</th>.*"), html);   // numeric headers carry class="num"
        assertTrue(String.valueOf(text(out)).contains("step"));
    }

    @Test
    void chartsRenderAsPng() throws Exception {
        DisplayData out = kernel.evalCell("""
                var chart = new org.knowm.xchart.XYChartBuilder().width(200).height(120).title("c").build();
                chart.addSeries("s", new double[] {0, 1}, new double[] {1, 2});
                chart
                """, "In[15]");
        assertTrue(((String) out.getData(MIMEType.IMAGE_PNG)).startsWith("iVBOR"), "base64 of a PNG signature");
    }

    @Test
    void otherObjectsRenderAsText() throws Exception {
        assertEquals("[1, 2]", text(kernel.evalCell("List.of(1, 2)", "In[16]")));
        assertEquals("null", text(kernel.evalCell("(Object) null", "In[17]")));
    }

    @Test
    void renderAsRequestedTypes() throws Exception {
        DisplayData out = kernel.evalCell("render(\"*hi*\", \"text/markdown\")", "In[18]");
        assertEquals("*hi*", out.getData(MIMEType.TEXT_MARKDOWN));
    }

    @Test
    void errorsAreFormattedAsTheirReportLines() {
        CellException e = assertThrows(CellException.class, () -> kernel.evalCell("int z = \"s\";", "In[19]"));
        List<String> lines = kernel.formatError(e);
        assertEquals(e.report().size(), lines.size());
        assertTrue(lines.get(0).contains("incompatible types"), lines.get(0));
    }

    @Test
    void isCompleteAnswersForConsoles() {
        assertEquals("complete", kernel.isComplete("int a = 1;"));
        assertEquals("    ", kernel.isComplete("if (true) {"));
        assertEquals("complete", kernel.isComplete("%maven a:b:1"));
    }

    @Test
    void startupScriptsAndClasspathComeFromTheEnvironment() throws Exception {
        Path[] lib = library("demo.env", "FromEnv", "public static String where() { return \"env\"; }");
        Path script = dir.resolve("startup.jshell");
        Files.writeString(script, "String greeting() { return \"from script\"; }");
        JavaKernel configured = new JavaKernel(KernelConfig.fromEnvironment(Map.of(
                "IJAVA_CLASSPATH", lib[1].getParent() + "/*.jar",
                "IJAVA_STARTUP_SCRIPTS_PATH", script.toString(),
                "IJAVA_STARTUP_SCRIPT", "int startupValue = 5;")));
        try {
            assertEquals("from script env 5", text(configured.evalCell(
                    "greeting() + \" \" + demo.env.FromEnv.where() + \" \" + startupValue", "In[1]")));
        } finally {
            configured.close();
            dev.isspectral.kernel.runtime.Display.attach(kernel);
            dev.isspectral.kernel.runtime.Kernel.attach(kernel);
        }
    }

    @Test
    void evalRunsCodeInTheNotebookScopeAndReturnsTheLiveValue() throws Exception {
        assertEquals("6", text(kernel.evalCell("(int) eval(\"1 + 2\") + 3", "In[e1]")));
        kernel.evalCell("StringBuilder built = (StringBuilder) eval(\"var sb = new StringBuilder(\\\"x\\\"); sb\");", "In[e2]");
        assertEquals("true", text(kernel.evalCell("built == sb", "In[e3]")), "the same object, defined in the notebook scope");
        assertEquals("null", text(kernel.evalCell("String.valueOf(eval(\"int unused = 1;\"))", "In[e4]")),
                "a statement has no value");
    }

    @Test
    void evalOfFailingCodeThrowsWithTheErrorReport() {
        CellException e = assertThrows(CellException.class,
                () -> kernel.evalCell("eval(\"Integer.parseInt(\\\"x\\\")\")", "In[e5]"));
        String report = String.join("\n", e.report());
        assertTrue(report.contains("java.lang.IllegalStateException: java.lang.NumberFormatException: For input string: \"x\""), report);
    }

    @Test
    void kernelAccessorsAreTheRunningKernelUnderBothNames() throws Exception {
        assertEquals("true", text(kernel.evalCell("getKernelInstance() == kernel()", "In[k1]")));
        assertEquals("IS-Spectral", text(kernel.evalCell(
                "getKernelInstance().getBanner().contains(\"IS-Spectral\") ? \"IS-Spectral\" : \"other\"", "In[k2]")));
    }

    @Test
    void lineMagicAndAddToClasspathWorkAsFunctions() throws Exception {
        Path[] viaMagic = library("demo.fn", "ViaMagic", "public static int seven() { return 7; }");
        assertEquals("[" + viaMagic[1] + "]", text(kernel.evalCell(
                "List<String> added = lineMagic(\"jars\", List.of(\"" + viaMagic[1] + "\"));\nadded", "In[m1]")));
        assertEquals("7", text(kernel.evalCell("demo.fn.ViaMagic.seven()", "In[m2]")));
        Path[] viaKernel = library("demo.fn2", "ViaKernel", "public static int eight() { return 8; }");
        kernel.evalCell("getKernelInstance().addToClasspath(\"" + viaKernel[0] + "\");", "In[m3]");
        assertEquals("8", text(kernel.evalCell("demo.fn2.ViaKernel.eight()", "In[m4]")));
        CellException e = assertThrows(CellException.class, () -> kernel.evalCell("lineMagic(\"nope\", List.of())", "In[m5]"));
        assertTrue(String.join("\n", e.report()).contains("unknown line magic '%nope'"), e.report().toString());
    }
}
