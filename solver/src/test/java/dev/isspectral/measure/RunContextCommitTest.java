package dev.isspectral.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit a run records is that of the checkout its code was built in, wherever it is started from. */
class RunContextCommitTest {

    @TempDir
    Path dir;

    private static String run(Path folder, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out.trim();
    }

    /** A fresh git repository with one commit, in {@code folder}; its abbreviated commit. */
    private static String repository(Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        run(folder, "git", "init", "-q");
        Files.writeString(folder.resolve("f.txt"), "x");
        run(folder, "git", "add", "f.txt");
        run(folder, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "other project");
        return run(folder, "git", "rev-parse", "--short=12", "HEAD");
    }

    @Test
    void aFolderInsideACheckoutGivesItsCommitAndAnyOtherFolderUnknown() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "git is needed");
        String commit = repository(dir.resolve("repo"));
        Files.createDirectories(dir.resolve("repo/sub"));
        assertArrayEquals(new String[] {commit, "clean"}, RunContext.gitIn(dir.resolve("repo/sub")));
        Files.writeString(dir.resolve("repo/f.txt"), "changed");
        assertArrayEquals(new String[] {commit, "dirty"}, RunContext.gitIn(dir.resolve("repo")));
        Files.createDirectories(dir.resolve("plain"));
        assertArrayEquals(new String[] {"unknown", "clean"}, RunContext.gitIn(dir.resolve("plain")));
    }

    @Test
    void aRunStartedInAnotherRepositoryRecordsTheSolversCommitNotThatRepositorys() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "git is needed");
        Path code = RunContext.codeFolder();
        Assumptions.assumeTrue(code != null, "no code folder");
        String solver = RunContext.gitIn(code)[0];
        Assumptions.assumeTrue(!solver.equals("unknown"), "these classes were not built in a git checkout");
        Path other = dir.resolve("analysis");
        String theirs = repository(other);
        assertNotEquals(solver, theirs);
        // a child JVM whose working directory is the other repository, with this test's class path
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName());
        ProcessBuilder b = new ProcessBuilder(command).directory(other.toFile()).redirectErrorStream(true);
        b.environment().remove("IS_SPECTRAL_COMMIT");
        Process p = b.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(solver, out, "recorded " + out + "; the other repository is at " + theirs);
    }

    /** Prints the commit {@link RunContext#start()} records. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println(RunContext.start().commit());
        }
    }
}
