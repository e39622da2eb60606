package dev.isspectral.kernel;

import dev.isspectral.kernel.CellException.CompilationException;
import dev.isspectral.kernel.CellException.EvaluationException;
import dev.isspectral.kernel.CellException.EvaluationInterruptedException;
import dev.isspectral.kernel.CellException.EvaluationTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaEvaluatorTest {

    private static JavaEvaluator java;

    @BeforeAll
    static void start() {
        java = new JavaEvaluator(List.of(), -1);
    }

    @AfterAll
    static void stop() {
        java.close();
    }

    private static Object value(String code) throws CellException {
        JavaEvaluator.CellValue v = java.eval(code, "In[t]");
        assertTrue(v.present(), "cell has a value: " + code);
        return v.value();
    }

    @Test
    void lastExpressionGivesTheLiveObjectNotItsString() throws CellException {
        Object v = value("new StringBuilder(\"ab\").append(1)");
        assertInstanceOf(StringBuilder.class, v);
        assertEquals("ab1", v.toString());
    }

    @Test
    void bareVariableReferenceGivesTheSameInstance() throws CellException {
        java.eval("var shared = new java.util.ArrayList<String>(); shared.add(\"x\");", "In[t]");
        Object first = value("shared");
        Object second = value("shared");
        assertSame(first, second);
        assertEquals(List.of("x"), first);
    }

    @Test
    void statementsAndDeclarationsGiveNoValue() throws CellException {
        assertFalse(java.eval("int unused = 4;", "In[t]").present());
        assertFalse(java.eval("System.out.flush();", "In[t]").present());
        assertFalse(java.eval("void noop() {}", "In[t]").present());
    }

    @Test
    void aCellOfManySnippetsRunsInOrderAndKeepsStateForLaterCells() throws CellException {
        Object v = value("""
                int a = 2;
                int twice(int n) { return 2 * n; }
                record Pair(int l, int r) {}
                a = twice(a);
                new Pair(a, 1).l() + 1
                """);
        assertEquals(5, v);
        assertEquals(4, value("a"));
    }

    @Test
    void aLastExpressionMaySpanLines() throws CellException {
        assertEquals(6, value("int q = 2;\nq *\n    3"));
    }

    @Test
    void compileErrorNamesCellLineColumnAndUnderlinesTheSpan() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> java.eval("int ok = 1;\nint bad = undefinedName + 1;", "In[7]"));
        assertEquals("compile error at In[7] line 2, column 11: cannot find symbol", e.getMessage());
        assertTrue(e.report().contains("    int bad = undefinedName + 1;"), String.join("\n", e.report()));
        assertTrue(e.report().contains("              ^^^^^^^^^^^^^"), String.join("\n", e.report()));
    }

    @Test
    void runtimeErrorReportsCauseChainWithFramesMappedToCellLines() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> java.eval("""
                int explode(int n) {
                    throw new IllegalStateException("outer", new ArithmeticException("inner"));
                }
                int before = 1;
                explode(before);
                """, "In[9]"));
        assertEquals("java.lang.IllegalStateException: outer", e.getMessage());
        List<String> report = e.report();
        assertEquals("java.lang.IllegalStateException: outer", report.get(0));
        assertTrue(report.contains("    at explode (In[9] line 2)"), String.join("\n", report));
        assertTrue(report.contains("    at In[9] line 5"), String.join("\n", report));
        assertTrue(report.contains("Caused by: java.lang.ArithmeticException: inner"), String.join("\n", report));
        assertFalse(String.join("\n", report).contains("jdk.internal.reflect"), "machinery frames cut");
    }

    @Test
    void theEvaluatorKeepsAnsweringAfterErrors() throws CellException {
        assertThrows(CellException.class, () -> java.eval("int x = ;", "In[t]"));
        assertThrows(CellException.class, () -> java.eval("Object o = null; o.hashCode();", "In[t]"));
        assertEquals(3, value("1 + 2"));
    }

    @Test
    void incompleteCodeIsACompileErrorNotAHang() {
        assertThrows(CompilationException.class, () -> java.eval("for (int i = 0; i < 3; i++) {", "In[t]"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void interruptStopsAPureJavaLoopAndTheNextCellRuns() throws Exception {
        System.clearProperty(InterruptWithoutThreadStopTest.RUNNING);
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(() -> {
            try {
                return java.eval("if (true) { System.setProperty(\"" + InterruptWithoutThreadStopTest.RUNNING
                        + "\", \"yes\"); long spins = 0; while (true) { spins++; } }", "In[loop]");
            } catch (CellException e) {
                return e;
            }
        });
        InterruptWithoutThreadStopTest.awaitRunning();
        java.interrupt();
        Object outcome = cell.get(60, TimeUnit.SECONDS);
        assertInstanceOf(EvaluationInterruptedException.class, outcome);
        assertEquals(7, value("3 + 4"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void interruptWakesASleepingCell() throws Exception {
        System.clearProperty(InterruptWithoutThreadStopTest.RUNNING);
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(() -> {
            try {
                return java.eval("if (true) { System.setProperty(\"" + InterruptWithoutThreadStopTest.RUNNING
                        + "\", \"yes\"); Thread.sleep(60_000); }", "In[sleep]");
            } catch (CellException e) {
                return e;
            }
        });
        InterruptWithoutThreadStopTest.awaitRunning();
        long start = System.nanoTime();
        java.interrupt();
        assertInstanceOf(EvaluationInterruptedException.class, cell.get(60, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < KernelExecutionControl.STOP_GRACE_MILLIS * 1_000_000L,
                "cooperative stop needs no kill");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void timeoutStopsAStatementThatRunsTooLong() throws CellException {
        try (JavaEvaluator limited = new JavaEvaluator(List.of(), 300)) {
            EvaluationTimeoutException e = assertThrows(EvaluationTimeoutException.class,
                    () -> limited.eval("while (true) { }", "In[2]"));
            assertTrue(e.getMessage().contains("IJAVA_TIMEOUT"), e.getMessage());
            assertEquals(42, limited.eval("42", "In[3]").value());
        }
    }

    @Test
    void compilerOptionsReachTheCompiler() {
        try (JavaEvaluator strict = new JavaEvaluator(List.of("-Werror", "-Xlint:all"), -1)) {
            assertThrows(CompilationException.class,
                    () -> strict.eval("java.util.List raw = new java.util.ArrayList(); raw.add(1);", "In[1]"));
        }
    }

    @Test
    void completionOffersMethodsOfTheExpressionAtTheCursor() {
        String code = "\"abc\".toUpp";
        JavaEvaluator.Completions c = java.complete(code, code.length());
        assertTrue(c.options().contains("toUpperCase("), c.options().toString());
        assertEquals(code.indexOf("toUpp"), c.start());
    }

    @Test
    void documentationShowsSignatures() {
        String code = "Math.max(";
        assertTrue(java.documentation(code, code.length()).contains("max(int"));
    }

    @Test
    void completenessTellsConsolesWhetherToWaitForMoreLines() {
        assertEquals("complete", java.completeness("int x = 1;\nx + 1"));
        assertEquals("incomplete", java.completeness("for (int i = 0; i < 3; i++) {"));
    }

    @Test
    void defaultImportsAndDisplayFunctionsAreInScope() throws CellException {
        assertEquals(List.of(1, 2), value("new ArrayList<>(List.of(1, 2))"));
        // the display functions compile (they throw outside a running kernel)
        CellException e = assertThrows(EvaluationException.class, () -> java.eval("display(1)", "In[d]"));
        assertTrue(e.getMessage().contains("no notebook kernel"), e.getMessage());
    }
}
