package dev.isspectral.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel items of issue 14: exit in a cell, bounded output, compiler options, warnings. */
class KernelHardeningTest {

    private static JavaEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new JavaEvaluator(List.of("-Xlint:all"), -1);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @Test
    void systemExitInACellFailsTheCellAndTheKernelLivesOn() throws Exception {
        for (String code : new String[] {"System.exit(3);", "Runtime.getRuntime().exit(4);", "Runtime.getRuntime().halt(5);",
            "void quit() { System.exit(6); }\nquit();", "class Q { static void go() { System.exit(7); } }\nQ.go();",
            "Runnable r = () -> System.exit(8);\nr.run();"}) {
            CellException e = assertThrows(CellException.class, () -> evaluator.eval(code, "In[1]"));
            String report = String.join("\n", e.report());
            assertTrue(report.contains("ExitInCellException") && report.contains("was called in a cell")
                    && report.contains("kernel, which keeps running"), code + " ->\n" + report);
        }
        assertEquals(42, evaluator.eval("6 * 7", "In[2]").value());
    }

    @Test
    void theExitGuardLeavesClassesWithoutExitCallsUntouched() throws Exception {
        byte[] plain;
        try (var in = KernelHardeningTest.class.getResourceAsStream("KernelHardeningTest.class")) {
            plain = in.readAllBytes();
        }
        assertTrue(ExitGuard.rewrite(plain) == plain);
    }

    @Test
    void compilerWarningsAreShownWithCellLineAndColumn() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            evaluator.eval("int unusedCast = (int) 3;", "In[5]");
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("warning at In[5] line 1, column") && text.contains("redundant cast"), text);
    }

    @Test
    void aBogusCompilerOptionIsOneClearStartUpError() {
        KernelConfig c = KernelConfig.fromEnvironment(Map.of("IJAVA_COMPILER_OPTS", "--bogus-flag"));
        String problem = c.compilerOptionsProblem().orElseThrow();
        assertTrue(problem.startsWith("IJAVA_COMPILER_OPTS/JJAVA_COMPILER_OPTS = '--bogus-flag': the Java compiler refuses it: ")
                && problem.contains("--bogus-flag") && problem.contains("must be options javac accepts"), problem);
        assertEquals(1, problem.lines().count());
        assertTrue(KernelConfig.fromEnvironment(Map.of("IJAVA_COMPILER_OPTS", "-Xlint:all")).compilerOptionsProblem().isEmpty());
        assertTrue(KernelConfig.fromEnvironment(Map.of()).compilerOptionsProblem().isEmpty());
    }

    @Test
    void previewCompilationAddsEnablePreviewToTheKernelsJvm() {
        KernelConfig c = KernelConfig.fromEnvironment(Map.of("IJAVA_COMPILER_OPTS",
                "--enable-preview --release " + Runtime.version().feature()));
        assertTrue(c.compilerOptionsProblem().isEmpty(), c.compilerOptionsProblem().toString());
        assertEquals(List.of("--enable-preview"), c.jvmOptionsNeeded(List.of("-Xmx1g")));
        assertEquals(List.of(), c.jvmOptionsNeeded(List.of("--enable-preview")));
        assertEquals(List.of(), KernelConfig.fromEnvironment(Map.of()).jvmOptionsNeeded(List.of()));
    }

    @Test
    void previewCodeIsNotCompiledForAJvmThatCannotRunIt() {
        // this test JVM runs without --enable-preview: a pattern switch used to come back as a silent null
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new JavaEvaluator(List.of("--enable-preview", "--release", "" + Runtime.version().feature()), -1));
        assertTrue(e.getMessage().contains("needs a JVM started with --enable-preview"), e.getMessage());
    }

    @Test
    void withEnablePreviewInTheJvmAPatternSwitchGivesItsValue() throws Exception {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "--enable-preview", "-cp", System.getProperty("java.class.path"),
                PreviewChild.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(out.contains("value=str"), out);
    }

    /** Runs in a JVM with --enable-preview: the kernel's evaluator with preview compilation. */
    public static final class PreviewChild {
        public static void main(String[] args) throws Exception {
            try (JavaEvaluator j = new JavaEvaluator(List.of("--enable-preview", "--release", "" + Runtime.version().feature()), -1)) {
                j.eval("Object o = \"x\";", "In[1]");
                System.out.println(j.eval("switch (o) { case String s -> \"str\"; default -> \"other\"; }", "In[2]"));
            }
        }
    }

    /** A sink that records each flushed message, as basekernel's stream sends one Jupyter message per flush. */
    static final class Messages extends OutputStream {
        final List<String> sent = new ArrayList<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            buffer.write(b);
        }

        @Override
        public synchronized void flush() {
            if (buffer.size() > 0) {
                sent.add(buffer.toString(StandardCharsets.UTF_8));
                buffer.reset();
            }
        }

        synchronized String all() {
            return String.join("", sent);
        }
    }

    @Test
    void twoHundredThousandLinesAreCoalescedBoundedAndTheDropIsSaid() {
        Messages sink = new Messages();
        CellOutput out = new CellOutput(sink, "stdout", CellOutput.DEFAULT_LIMIT);
        PrintStream cell = new PrintStream(out, true, StandardCharsets.UTF_8);
        out.startCell();
        long bytes = 0;
        for (int i = 0; i < 200_000; i++) {
            String line = "line " + i;
            cell.println(line);
            bytes += line.length() + 1;
        }
        out.endCell();
        String all = sink.all();
        assertTrue(sink.sent.size() < 100, "messages sent: " + sink.sent.size());
        assertTrue(all.startsWith("line 0\nline 1\n"), all.substring(0, 20));
        long kept = CellOutput.DEFAULT_LIMIT;
        String note = all.substring((int) kept);
        assertTrue(note.contains("[stdout truncated: ") && note.contains(String.format(Locale.ROOT, "(%,d bytes)", bytes - kept))
                && note.contains("after the first 1 MiB of this cell"), note);
        // the next cell has its own budget
        cell.println("next cell");
        out.endCell();
        assertTrue(sink.sent.get(sink.sent.size() - 1).equals("next cell\n"), sink.sent.get(sink.sent.size() - 1));
    }

    @Test
    void smallOutputIsSentWhole() throws Exception {
        Messages sink = new Messages();
        CellOutput out = new CellOutput(sink, "stderr", 100);
        PrintStream cell = new PrintStream(out, true, StandardCharsets.UTF_8);
        cell.println("a");
        Thread.sleep(3 * CellOutput.FLUSH_MILLIS);   // sent by the timer, without waiting for the cell to end
        assertEquals("a\n", sink.all());
        cell.println("b");
        out.endCell();
        assertEquals("a\nb\n", sink.all());
    }
}
