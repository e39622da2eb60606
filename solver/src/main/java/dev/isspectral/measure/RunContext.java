package dev.isspectral.measure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where and on what a run was measured: commit (and whether the tree had uncommitted changes), JVM, cores, OS,
 * date, and the load before and after ({@link #finish()}). Every published number and every HTML report carries
 * one: {@code RunContext ctx = RunContext.start(); …; ctx.finish().toHtml()}. Immutable.
 *
 * @param commit     the git commit (abbreviated to 12 hex digits) of the checkout the running code was built in (the
 *                   folder of its classes or jar), or "unknown" where that is no git checkout; the system property
 *                   {@code isspectral.commit} or the environment variable {@code IS_SPECTRAL_COMMIT} override it
 * @param dirty      whether tracked files had uncommitted changes
 * @param jvm        JVM name and version
 * @param cores      available processors
 * @param machine    OS, architecture, max heap
 * @param date       start, UTC
 * @param opening    the load reading at the start
 * @param load       the window's load, null until {@link #finish()}
 */
public record RunContext(String commit, boolean dirty, String jvm, int cores, String machine, String date,
                         MachineLoad.Sample opening, MachineLoad load) implements Presentable {

    /** The context now, with a load reading to compare against at {@link #finish()}. */
    public static RunContext start() {
        String[] git = git();
        Runtime rt = Runtime.getRuntime();
        return new RunContext(git[0], git[1].equals("dirty"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " ("
                        + System.getProperty("java.vm.vendor") + ")", rt.availableProcessors(),
                String.format(Locale.ROOT, "%s %s, %d cores, max heap %.0f MB", System.getProperty("os.name"),
                        System.getProperty("os.arch"), rt.availableProcessors(), rt.maxMemory() / 1e6),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                MachineLoad.sample(), null);
    }

    /** This context with the load of the window from {@link #start()} to now. */
    public RunContext finish() {
        return new RunContext(commit, dirty, jvm, cores, machine, date, opening, MachineLoad.between(opening, MachineLoad.sample()));
    }

    /** The commit with "+dirty" when the tree had uncommitted changes. */
    public String commitText() {
        return commit + (dirty ? "+dirty" : "");
    }

    @Override
    public String toString() {
        return "commit " + commitText() + "; " + jvm + "; " + machine + "; " + date
                + (load == null ? String.format(Locale.ROOT, "; load %.2f at the start", opening.loadAverage())
                : String.format(Locale.ROOT, "; load %.2f before, %.2f after; %s", load.loadBefore(), load.loadAfter(),
                load.busyText()));
    }

    @Override
    public String toHtml() {
        return "<p class=\"is-spectral-context\" style=\"font-size:smaller;color:#555\">Measured at "
                + Presentable.escape(toString()) + "</p>";
    }

    /**
     * {commit, "dirty"|"clean"} of the checkout this code was built in ({@link #codeFolder}); {"unknown", "clean"}
     * where that is no git checkout. Not the working directory's: a notebook or a command run from another git
     * repository would otherwise record that repository's commit as the solver's.
     */
    private static String[] git() {
        String override = System.getProperty("isspectral.commit", System.getenv("IS_SPECTRAL_COMMIT"));
        if (override != null && !override.isBlank()) {
            String o = override.trim();
            return o.endsWith("+dirty") ? new String[] {o.substring(0, o.length() - 6), "dirty"} : new String[] {o, "clean"};
        }
        Path code = codeFolder();
        return code == null ? new String[] {"unknown", "clean"} : gitIn(code);
    }

    /** {commit, "dirty"|"clean"} of the git checkout that holds {@code folder}; {"unknown", "clean"} if none does. */
    static String[] gitIn(Path folder) {
        String head = run(folder, "git", "rev-parse", "--short=12", "HEAD");
        if (head == null || head.isBlank()) {
            return new String[] {"unknown", "clean"};
        }
        String status = run(folder, "git", "status", "--porcelain", "--untracked-files=no");
        return new String[] {head.trim(), status != null && !status.isBlank() ? "dirty" : "clean"};
    }

    /** The folder this class was loaded from (the classes folder, or the jar's folder); null if unknown. */
    static Path codeFolder() {
        try {
            java.security.CodeSource source = RunContext.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            Path folder = java.nio.file.Files.isDirectory(location) ? location : location.getParent();
            return folder != null && java.nio.file.Files.isDirectory(folder) ? folder : null;
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException
                 | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    private static String run(Path folder, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
