package dev.isspectral.kernel;

import dev.isspectral.kernel.CellException.MagicException;
import dev.isspectral.kernel.runtime.Display;
import dev.isspectral.kernel.runtime.DisplayHost;
import dev.isspectral.kernel.runtime.Kernel;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.magic.CellMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The Jupyter kernel: basekernel's protocol handling around a {@link JavaEvaluator}, IJava's
 * magics and environment variables, and rendering through discovered display providers.
 *
 * <p>JShell starts on a background thread as soon as the kernel is created, so the kernel
 * answers {@code kernel_info} at once; the first cell waits for JShell if it is not ready yet.
 */
public final class JavaKernel extends BaseKernel implements DisplayHost, AutoCloseable {

    /** Line magics start with {@code %} at a line start or after {@code =}; cell magics with {@code %%}. */
    private static final MagicParser MAGICS = new MagicParser("(?<=(?:^|=))\\s*%", "%%");

    private final CompletableFuture<Session> session;

    private record Session(JavaEvaluator evaluator, KernelMagics magics, Renderers renderers) {
    }

    /**
     * Creates the kernel and starts JShell in the background.
     *
     * @param config settings from the environment
     */
    public JavaKernel(KernelConfig config) {
        this.session = CompletableFuture.supplyAsync(() -> start(config), runnable -> {
            Thread t = new Thread(runnable, "jshell-start");
            t.setDaemon(true);
            t.start();
        });
        Display.attach(this);
        Kernel.attach(this);
    }

    private Session start(KernelConfig config) {
        JavaEvaluator evaluator = new JavaEvaluator(config.compilerOptions(), config.timeoutMillis());
        MavenResolver maven = new MavenResolver(MavenResolver.defaultLocalRepository());
        KernelMagics magics = new KernelMagics(evaluator, maven, (code, name) -> evaluator.eval(code, name));
        Renderers renderers = new Renderers(evaluator::userClassLoader, evaluator::classpathGeneration, renderer);
        List<Path> classpath = new ArrayList<>();
        for (String entry : config.classpath()) {
            try {
                List<Path> found = KernelMagics.matches(entry);
                if (found.isEmpty()) {
                    System.err.println(both(KernelConfig.CLASSPATH) + ": entry '" + entry + "' matches no file; skipped");
                }
                classpath.addAll(found);
            } catch (CellException e) {
                System.err.println(both(KernelConfig.CLASSPATH) + ": " + e.getMessage());
            }
        }
        evaluator.addToClasspath(classpath);
        for (String scripts : config.startupScriptPaths()) {
            try {
                for (Path script : KernelMagics.matches(scripts)) {
                    runStartup(evaluator, Files.readString(script), script.getFileName().toString());
                }
            } catch (CellException | IOException e) {
                System.err.println(both(KernelConfig.STARTUP_SCRIPTS_PATH) + ": '" + scripts + "': " + e.getMessage());
            }
        }
        if (!config.startupScript().isBlank()) {
            runStartup(evaluator, config.startupScript(), KernelConfig.STARTUP_SCRIPT);
        }
        // compile one trivial snippet so the first real cell does not pay for javac's warm-up
        runStartup(evaluator, "0", "warm-up");
        return new Session(evaluator, magics, renderers);
    }

    /** "IJAVA_X/JJAVA_X", for messages about a setting that may come from either. */
    private static String both(String ijavaName) {
        return ijavaName + "/" + KernelConfig.jjavaName(ijavaName);
    }

    private static void runStartup(JavaEvaluator evaluator, String code, String name) {
        try {
            evaluator.eval(code, name);
        } catch (CellException e) {
            System.err.println("startup script " + name + " failed: " + String.join("\n", e.report()));
        }
    }

    private Session session() {
        return session.join();
    }

    /** Waits until JShell is ready; for tests and benchmarks. */
    public void awaitReady() {
        session();
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("java")
                .version(System.getProperty("java.version"))
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    @Override
    public String getBanner() {
        return "Java " + System.getProperty("java.version") + " (IS-Spectral kernel, JShell)";
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        for (CellOutput o : cellOutputs) {
            o.startCell();
        }
        try {
            return evalCell(code, "In[" + (executionCount.get() - 1) + "]");
        } finally {
            for (CellOutput o : cellOutputs) {
                o.endCell();   // everything the cell printed is sent before its result, error and reply
            }
        }
    }

    private volatile List<CellOutput> cellOutputs = List.of();

    /**
     * Makes {@code System.out} and {@code System.err} bounded, coalescing streams ({@link CellOutput}) in front of
     * basekernel's Jupyter streams, for good (basekernel's own per-request replacement is switched off).
     *
     * @param limit bytes each cell may send per stream
     */
    public void boundCellOutput(long limit) {
        // basekernel would put its own unbounded streams back in place at every request; install ours once instead
        setShouldReplaceStdStreams(false);
        CellOutput out = new CellOutput(getIO().out, "stdout", limit);
        CellOutput err = new CellOutput(getIO().err, "stderr", limit);
        System.setIn(getIO().in);
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        cellOutputs = List.of(out, err);
    }

    /**
     * Runs a cell as a notebook would: magics, then Java; renders the last expression's value.
     *
     * @param code     the cell
     * @param cellName how errors name it
     * @return the rendered value, or null if the cell has none
     * @throws CellException if the cell fails
     */
    public DisplayData evalCell(String code, String cellName) throws CellException {
        JavaEvaluator.CellValue value = run(code, cellName);
        if (!value.present()) {
            return null;
        }
        return session().renderers().render(value.value());
    }

    /**
     * Runs code as a cell would and returns the live value of its last expression: what
     * {@code eval(String)} in a cell calls (IJava's and JJava's {@code evalRaw}).
     *
     * @param code Java code, possibly with magics
     * @return the value, or null if the code ends with a statement
     * @throws IllegalStateException if the code fails; the message is the error report
     */
    public Object evalRaw(String code) {
        try {
            return run(code, "eval").value();
        } catch (CellException e) {
            throw new IllegalStateException(String.join("\n", e.report()), e);
        }
    }

    /**
     * Runs a line magic.
     *
     * @param name the magic without {@code %}
     * @param args its arguments
     * @return the paths it added
     * @throws IllegalStateException if it fails or is unknown
     */
    public List<String> lineMagic(String name, List<String> args) {
        try {
            return session().magics().line(name, args);
        } catch (CellException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Runs a cell magic.
     *
     * @param name the magic without {@code %%}
     * @param args its arguments
     * @param body the cell body
     * @return the paths it added
     * @throws IllegalStateException if it fails or is unknown
     */
    public List<String> cellMagic(String name, List<String> args, String body) {
        try {
            return session().magics().cell(name, args, body);
        } catch (CellException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Adds entries to the classpath of the compiler and of the running code (IJava's
     * {@code addToClasspath}).
     *
     * @param path entries separated by the path separator; each must exist
     * @throws IllegalArgumentException naming an entry that does not exist
     */
    public void addToClasspath(String path) {
        List<Path> entries = new ArrayList<>();
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry.strip());
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("classpath entry '" + entry + "' does not exist");
            }
            entries.add(p);
        }
        session().evaluator().addToClasspath(entries);
    }

    private JavaEvaluator.CellValue run(String code, String cellName) throws CellException {
        Session s = session();
        CellMagicParseContext cellMagic = MAGICS.parseCellMagic(code);
        if (cellMagic != null) {
            List<String> added = s.magics().cell(cellMagic.getMagicCall().getName(), cellMagic.getMagicCall().getArgs(),
                    cellMagic.getMagicCall().getBody());
            // not a value to render; evalRaw (eval in a cell) returns the added paths, as a line magic does
            return new JavaEvaluator.CellValue(false, added);
        }
        String java;
        try {
            java = MAGICS.transformLineMagics(code, ctx -> {
                try {
                    List<String> added = s.magics().line(ctx.getMagicCall().getName(), ctx.getMagicCall().getArgs());
                    if (ctx.getLinePrefix().isBlank()) {
                        return "";
                    }
                    return added.stream().map(JavaKernel::javaString)
                            .collect(Collectors.joining(", ", "java.util.List.of(", ");"));
                } catch (CellException e) {
                    throw new MagicFailure(e);
                }
            });
        } catch (MagicFailure failure) {
            throw failure.cause;
        }
        return s.evaluator().eval(java, cellName);
    }

    private static final class MagicFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient CellException cause;

        MagicFailure(CellException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    private static String javaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellException cell) {
            List<String> lines = new ArrayList<>();
            for (String line : cell.report()) {
                lines.add(errorStyler.secondary(line));
            }
            return lines;
        }
        if (e instanceof MagicException magic) {
            return List.of(errorStyler.secondary(magic.getMessage()));
        }
        return super.formatError(e);
    }

    @Override
    public void interrupt() {
        if (session.isDone()) {
            session().evaluator().interrupt();
        }
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        JavaEvaluator.Completions c = session().evaluator().complete(code, at);
        return new ReplacementOptions(c.options(), c.start(), c.end());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = session().evaluator().documentation(code, at);
        return doc.isBlank() ? null : new DisplayData(doc);
    }

    @Override
    public String isComplete(String code) {
        if (code.stripLeading().startsWith("%")) {
            return IS_COMPLETE_YES;
        }
        return switch (session().evaluator().completeness(code)) {
            case "complete" -> IS_COMPLETE_YES;
            case "incomplete" -> "    ";
            default -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        close();
    }

    @Override
    public void close() {
        Display.detach(this);
        Kernel.detach(this);
        if (session.isDone() && !session.isCompletedExceptionally()) {
            session.join().evaluator().close();
        }
    }

    // ---- DisplayHost: the functions cells call ----

    @Override
    public String display(Object o, String[] as) {
        DisplayData data = render(o, as);
        String id = UUID.randomUUID().toString();
        data.setDisplayId(id);
        display(data);
        return id;
    }

    @Override
    public DisplayData render(Object o, String[] as) {
        return new DisplayData(session().renderers().render(o, as));
    }

    @Override
    public void updateDisplay(String id, Object o, String[] as) {
        DisplayData data = render(o, as);
        data.setDisplayId(id);
        getIO().display.updateDisplay(data);
    }
}
