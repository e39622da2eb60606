package dev.isspectral.kernel;

import dev.isspectral.display.spi.DisplayProvider;
import dev.isspectral.kernel.CellException.CompilationException;
import dev.isspectral.kernel.CellException.EvaluationException;
import dev.isspectral.kernel.CellException.EvaluationInterruptedException;
import dev.isspectral.kernel.CellException.EvaluationTimeoutException;
import dev.isspectral.kernel.runtime.Display;
import dev.isspectral.kernel.runtime.Kernel;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Evaluates Java cells with JShell in this JVM: splits a cell into snippets, runs them in order,
 * and returns the live value of the last one if it is an expression. Compile errors, exceptions,
 * interrupts and timeouts end the cell with a {@link CellException} whose report points at cell
 * lines; the evaluator stays usable afterwards.
 */
public final class JavaEvaluator implements AutoCloseable {

    /** Imports every cell starts with: the same as the jshell tool's DEFAULT startup. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*",
            "java.util.regex.*", "java.util.stream.*");

    /** What a cell produced: nothing, or the value of its last expression (possibly null). */
    public record CellValue(boolean present, Object value) {
        static final CellValue NONE = new CellValue(false, null);
    }

    private record SnippetPlace(String cellName, int firstLine) {
    }

    private final boolean lint;
    private final UserClassLoader loader;
    private final KernelExecutionControl control;
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final Map<String, SnippetPlace> places = new ConcurrentHashMap<>();

    /**
     * Starts JShell with the default imports, the display functions ({@code display},
     * {@code render}, {@code updateDisplay}) and the kernel functions ({@code eval},
     * {@code getKernelInstance}, ...) in scope.
     *
     * @param compilerOptions options for the compiler, e.g. {@code -Xlint:unchecked}
     * @param timeoutMillis   the longest one top-level statement may run; {@code <= 0} for no limit
     */
    public JavaEvaluator(List<String> compilerOptions, long timeoutMillis) {
        this(compilerOptions, timeoutMillis, KernelExecutionControl.ThreadKiller.THREAD_STOP);
    }

    /**
     * As {@link #JavaEvaluator(List, long)}, with the way a thread that ignores its interrupt is
     * ended (tests simulate Java 20+, where {@code Thread.stop} throws).
     */
    JavaEvaluator(List<String> compilerOptions, long timeoutMillis, KernelExecutionControl.ThreadKiller killer) {
        if (compilerOptions.contains("--enable-preview")
                && !java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().contains("--enable-preview")) {
            // classes compiled with preview features do not load in such a JVM: a pattern switch would quietly give null
            throw new IllegalStateException("compiler option --enable-preview needs a JVM started with --enable-preview"
                    + " (the kernel adds it and restarts itself; an embedding program must start its JVM with it)");
        }
        // asking JShell for a valid snippet's diagnostics costs a compile: done only when warnings were asked for
        this.lint = compilerOptions.stream().anyMatch(o -> o.startsWith("-Xlint") || o.equals("-deprecation")
                || o.equals("-Werror"));
        this.loader = new UserClassLoader(JavaEvaluator.class.getClassLoader());
        this.control = new KernelExecutionControl(loader, timeoutMillis, killer);
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override
            public String name() {
                return "is-spectral-local";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
        this.shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions(compilerOptions.toArray(String[]::new))
                .build();
        this.analysis = shell.sourceCodeAnalysis();
        // the runtime display functions and the SPI must be visible to the compiler
        shell.addToClasspath(codeSource(Display.class).toString());
        Path spi = codeSource(DisplayProvider.class);
        if (!spi.equals(codeSource(Display.class))) {
            shell.addToClasspath(spi.toString());
        }
        StringBuilder imports = new StringBuilder();
        for (String pkg : DEFAULT_IMPORTS) {
            imports.append("import ").append(pkg).append(";\n");
        }
        imports.append("import static ").append(Display.class.getName()).append(".*;\n");
        imports.append("import static ").append(Kernel.class.getName()).append(".*;\n");
        try {
            eval(imports.toString(), "startup");
        } catch (CellException e) {
            throw new IllegalStateException("JShell could not run the startup imports: " + e.getMessage(), e);
        }
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type.getName(), e);
        }
    }

    /** @return the loader cells run in (snippets and every added classpath entry) */
    public ClassLoader userClassLoader() {
        return loader;
    }

    /** @return a number that changes whenever the user classpath grows */
    public int classpathGeneration() {
        return loader.generation();
    }

    /**
     * Adds entries (jars or directories) to the classpath of both the compiler and the running
     * code.
     *
     * @param entries existing paths
     */
    public void addToClasspath(List<Path> entries) {
        for (Path entry : entries) {
            shell.addToClasspath(entry.toAbsolutePath().toString());
        }
    }

    /** Stops the running cell, if any (see {@link KernelExecutionControl#stop()}). */
    public void interrupt() {
        control.stop();
    }

    /**
     * Runs a cell.
     *
     * @param code     Java code: declarations, statements, expressions; magics already removed
     * @param cellName how frames and errors name this cell, e.g. {@code "In[3]"}
     * @return the value of the last snippet, if it is an expression
     * @throws CellException on a compile error, an exception, an interrupt or a timeout; the
     *                       snippets before the failing one keep their effect
     */
    public CellValue eval(String code, String cellName) throws CellException {
        control.resetStopState();
        CellValue last = CellValue.NONE;
        String rest = code;
        int offset = 0;
        while (true) {
            int lead = leadingWhitespace(rest);
            offset += lead;
            rest = rest.substring(lead);
            if (rest.isEmpty()) {
                return last;
            }
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == Completeness.EMPTY) {
                return last;
            }
            String source = info.completeness().isComplete() ? info.source() : rest;
            String remaining = info.completeness().isComplete() ? info.remaining() : "";
            last = evalSnippet(source, code, offset, cellName);
            offset += rest.length() - remaining.length();
            rest = remaining;
        }
    }

    private CellValue evalSnippet(String source, String cell, int start, String cellName) throws CellException {
        control.clearLastValue();
        List<SnippetEvent> events = shell.eval(source);
        if (control.lastTimedOut()) {
            String message = "timeout: a statement of " + cellName + " ran longer than IJAVA_TIMEOUT and was stopped";
            throw new EvaluationTimeoutException(message, withNote(message, control.takeStopNote()));
        }
        if (control.lastStopped()) {
            String message = "interrupted: " + cellName + " was stopped";
            throw new EvaluationInterruptedException(message, withNote(message, control.takeStopNote()));
        }
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            places.put(snippet.id(), new SnippetPlace(cellName, lineOf(cell, start)));
            if (event.status() == Snippet.Status.REJECTED) {
                throw compilationError(snippet, source, cell, start, cellName);
            }
            if (lint) {
                reportWarnings(snippet, source, cell, start, cellName);
            }
            if (event.exception() != null) {
                throw runtimeError(event.exception(), cellName);
            }
            boolean expression = snippet.kind() == Snippet.Kind.EXPRESSION
                    || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
            return expression ? new CellValue(true, control.lastValue()) : CellValue.NONE;
        }
        return CellValue.NONE;
    }

    /**
     * Prints the compiler's warnings for an accepted snippet (those {@code -Xlint} asks for, deprecations, unchecked
     * operations) to the cell's stderr, with cell line and column, as javac would; only when the compiler options
     * ask for warnings ({@code -Xlint...}, {@code -deprecation}, {@code -Werror}).
     */
    private void reportWarnings(Snippet snippet, String source, String cell, int start, String cellName) {
        List<Diag> warnings = shell.diagnostics(snippet).filter(d -> !d.isError()).collect(Collectors.toList());
        for (Diag diag : warnings) {
            String message = diag.getMessage(Locale.ROOT);
            int from = start + (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
            from = Math.min(from, Math.max(0, cell.length() - 1));
            int lineStart = cell.lastIndexOf('\n', from - 1) + 1;
            int lineEnd = cell.indexOf('\n', from);
            if (lineEnd < 0) {
                lineEnd = cell.length();
            }
            System.err.println("warning at " + cellName + " line " + lineOf(cell, from) + ", column " + (from - lineStart + 1)
                    + ": " + message.lines().findFirst().orElse(""));
            System.err.println("    " + cell.substring(lineStart, lineEnd));
        }
    }

    private static List<String> withNote(String message, List<String> note) {
        List<String> report = new ArrayList<>();
        report.add(message);
        report.addAll(note);
        return report;
    }

    private CompilationException compilationError(Snippet snippet, String source, String cell, int start, String cellName) {
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        List<String> report = new ArrayList<>();
        String summary = null;
        for (Diag diag : diags) {
            String message = diag.getMessage(Locale.ROOT);
            int from = start + (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
            int to = start + (int) Math.max(0, Math.min(diag.getEndPosition(), source.length()));
            to = Math.min(Math.max(to, from + 1), cell.length());
            from = Math.min(from, Math.max(0, cell.length() - 1));
            int line = lineOf(cell, from);
            int lineStart = cell.lastIndexOf('\n', from - 1) + 1;
            int lineEnd = cell.indexOf('\n', from);
            if (lineEnd < 0) {
                lineEnd = cell.length();
            }
            int column = from - lineStart + 1;
            String where = cellName + " line " + line + ", column " + column;
            if (summary == null) {
                summary = "compile error at " + where + ": " + message.lines().findFirst().orElse("");
            }
            report.add("error at " + where + ": " + message.lines().findFirst().orElse(""));
            message.lines().skip(1).forEach(l -> report.add("  " + l.strip()));
            report.add("    " + cell.substring(lineStart, lineEnd));
            int underlineEnd = Math.min(to, lineEnd);
            report.add("    " + " ".repeat(column - 1) + "^".repeat(Math.max(1, underlineEnd - from)));
        }
        if (summary == null) {
            summary = "compile error in " + cellName + ": " + snippet.source().strip();
            report.add(summary);
        }
        return new CompilationException(summary, report);
    }

    private EvaluationException runtimeError(JShellException exception, String cellName) {
        List<String> report = new ArrayList<>();
        String summary;
        if (exception instanceof UnresolvedReferenceException unresolved) {
            Snippet declaration = unresolved.getSnippet();
            String missing = shell.unresolvedDependencies(unresolved.getSnippet())
                    .collect(Collectors.joining(", "));
            summary = "'" + declaration.source().strip().lines().findFirst().orElse("")
                    + "' cannot run until it is complete: missing " + missing;
            report.add(summary);
            return new EvaluationException(summary, report);
        }
        Throwable current = exception;
        summary = describe(current);
        boolean first = true;
        while (current != null) {
            report.add((first ? "" : "Caused by: ") + describe(current));
            for (StackTraceElement frame : current.getStackTrace()) {
                if (isExecutionMachinery(frame)) {
                    break;
                }
                report.add("    at " + frame(frame, cellName));
            }
            first = false;
            current = current.getCause() == current ? null : current.getCause();
        }
        return new EvaluationException(summary, report);
    }

    private static String describe(Throwable t) {
        String type = t instanceof EvalException eval ? eval.getExceptionClassName() : t.getClass().getName();
        return t.getMessage() == null ? type : type + ": " + t.getMessage();
    }

    private static boolean isExecutionMachinery(StackTraceElement frame) {
        String cls = frame.getClassName();
        return cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.Method")
                || cls.startsWith("jdk.jshell.") || cls.startsWith(KernelExecutionControl.class.getName());
    }

    private String frame(StackTraceElement frame, String cellName) {
        String file = frame.getFileName();
        if (file != null && file.startsWith("#")) {
            SnippetPlace place = places.get(file.substring(1));
            String method = frame.getMethodName();
            boolean topLevel = method.isEmpty() || method.equals("do_it$");
            String where = place == null
                    ? "snippet " + file + " line " + frame.getLineNumber()
                    : place.cellName() + " line " + (place.firstLine() + Math.max(1, frame.getLineNumber()) - 1);
            return topLevel ? where : method + " (" + where + ")";
        }
        return frame.toString();
    }

    /**
     * Completions at a cursor.
     *
     * @param code   the cell
     * @param cursor character offset of the cursor
     * @return the replacement start offset and the candidate texts
     */
    public Completions complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<String> options = analysis.completionSuggestions(code, cursor, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new Completions(anchor[0], cursor, options);
    }

    /** Completion candidates replacing the text from {@code start} to {@code end}. */
    public record Completions(int start, int end, List<String> options) {
    }

    /**
     * Signatures and Javadoc of what is under the cursor.
     *
     * @param code   the cell
     * @param cursor character offset of the cursor
     * @return text to show, empty if nothing is known there
     */
    public String documentation(String code, int cursor) {
        return analysis.documentation(code, cursor, true).stream()
                .map(doc -> doc.javadoc() == null || doc.javadoc().isBlank()
                        ? doc.signature() : doc.signature() + "\n\n" + doc.javadoc())
                .collect(Collectors.joining("\n\n"));
    }

    /**
     * Whether a cell is ready to run, for consoles.
     *
     * @param code the cell
     * @return {@code "complete"}, {@code "incomplete"} or {@code "invalid"}
     */
    public String completeness(String code) {
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> rest = info.remaining();
                case EMPTY -> rest = "";
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return "incomplete";
                }
                default -> {
                    return "invalid";
                }
            }
        }
        return "complete";
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    @Override
    public void close() {
        shell.close();
    }
}
