package dev.isspectral.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.TuningFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    private static Map<String, byte[]> set(String tag, int files, int bytes) {
        Map<String, byte[]> m = AtomicFiles.files();
        for (int i = 0; i < files; i++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < bytes) {
                sb.append(tag).append(' ').append(i).append('\n');
            }
            m.put("r-" + i + ".csv", sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    private static List<String> hidden(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    @Test
    void aSetIsWrittenWithAManifestLastAndNothingTemporaryLeft(@TempDir Path dir) throws IOException {
        List<Path> written = AtomicFiles.writeSet(dir, "r", set("A", 3, 100));
        assertEquals(4, written.size());
        assertEquals(dir.resolve("r.manifest"), written.get(3));
        assertEquals(3, AtomicFiles.verifySet(dir, "r").size());
        assertEquals(List.of(), hidden(dir));
        AtomicFiles.writeSet(dir, "r", set("B", 3, 100));
        assertTrue(Files.readString(dir.resolve("r-2.csv")).startsWith("B 2"));
        assertEquals(3, AtomicFiles.verifySet(dir, "r").size());
    }

    @Test
    void filesGetTheUsersDefaultPermissionsNotOwnerOnly(@TempDir Path dir) throws IOException {
        Path f = AtomicFiles.write(dir.resolve("t.txt"), "x");
        Path probe = Files.createFile(dir.resolve("probe"));   // what the umask gives a plain new file
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(probe);
        assertEquals(expected, Files.getPosixFilePermissions(f));
        AtomicFiles.writeSet(dir, "s", set("A", 1, 10));
        assertEquals(expected, Files.getPosixFilePermissions(dir.resolve("r-0.csv")));
        assertEquals(expected, Files.getPosixFilePermissions(dir.resolve("s.manifest")));
    }

    @Test
    void aMixedSetIsDetectedByItsManifest(@TempDir Path dir) throws IOException {
        AtomicFiles.writeSet(dir, "r", set("A", 2, 50));
        Files.writeString(dir.resolve("r-1.csv"), "tampered");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.verifySet(dir, "r"));
        assertTrue(e.getMessage().contains("lists r-1.csv"), e.getMessage());
    }

    @Test
    void writeErrorsNameTheFinalFileAndKeepTheReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "x");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file.resolve("r.html"), "x"));
        assertTrue(e.getMessage().startsWith("cannot write " + file.resolve("r.html")), e.getMessage());
        assertTrue(e.getMessage().contains("exists and is not a folder") || e.getMessage().contains("not a folder")
                || e.getMessage().contains("Not a directory"), e.getMessage());
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE));
        try {
            if (!Files.isWritable(readOnly)) {   // root can write anyway; the case is then not observable
                IOException p = assertThrows(IOException.class, () -> AtomicFiles.writeSet(readOnly, "r", set("A", 2, 10)));
                assertTrue(p.getMessage().contains("permission denied"), p.getMessage());
            }
        } finally {
            Files.setPosixFilePermissions(readOnly, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
        }
        IOException proc = assertThrows(IOException.class, () -> AtomicFiles.write(Path.of("/proc/x/report.html"), "x"));
        assertTrue(proc.getMessage().startsWith("cannot write /proc/x/report.html: cannot create its folder /proc/x: "), proc.getMessage());
        assertTrue(proc.getMessage().length() > "cannot write /proc/x/report.html: cannot create its folder /proc/x: ".length() + 3,
                proc.getMessage());
    }

    @Test
    void contentALibraryWritesToAPathGoesThroughATemporarySibling(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.h5");
        Files.writeString(file, "old");
        Path[] seen = new Path[1];
        for (boolean forced : new boolean[] {true, false}) {
            AtomicFiles.Content content = tmp -> {
                seen[0] = tmp;
                assertTrue(!Files.exists(tmp), "the writer gets a path that does not exist yet");
                assertEquals("old", Files.readString(file), "the target is untouched while the content is written");
                Files.writeString(tmp, "new " + forced);
            };
            assertEquals(file, forced ? AtomicFiles.write(file, content) : AtomicFiles.writeUnforced(file, content));
            assertEquals("new " + forced, Files.readString(file));
            assertEquals(dir, seen[0].getParent(), "the temporary file is a sibling (same file system: the move is a rename)");
            assertTrue(seen[0].getFileName().toString().matches("\\.run\\.h5\\.\\d+-\\d+\\.tmp"), seen[0].toString());
            Files.writeString(file, "old");
        }
        assertEquals(List.of(), hidden(dir));

        // a failing writer: the error names the target and the reason, the old file stays, nothing temporary is left
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("cannot write " + file + ": disk full (simulated)", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(), hidden(dir));
        IOException none = assertThrows(IOException.class, () -> AtomicFiles.write(file, tmp -> { }));
        assertTrue(none.getMessage().startsWith("cannot write " + file + ": the content writer did not create the temporary file "),
                none.getMessage());
        assertEquals("old", Files.readString(file));
    }

    @Test
    void leftoversOfAKilledWriterAreRemovedAndACommittedSetIsRolledForward(@TempDir Path dir) throws IOException {
        long dead = deadPid();
        Files.writeString(dir.resolve(".r.html." + dead + "-7.tmp"), "partial");
        Path uncommitted = Files.createDirectory(dir.resolve(".q.set-" + dead + "-3.tmp"));
        Files.writeString(uncommitted.resolve("q-0.csv"), "half");
        Path committed = Files.createDirectory(dir.resolve(".r.set-" + dead + "-4.tmp"));
        Files.writeString(committed.resolve("r-0.csv"), "new 0");
        Files.writeString(dir.resolve("r-1.csv"), "new 1");          // moved already before the kill
        Files.writeString(committed.resolve("COMMIT"), "r\nr-0.csv\nr-1.csv\n");
        Files.writeString(dir.resolve(".s.txt.999999999-1.tmp"), "no such pid either");
        AtomicFiles.cleanUp(dir);
        assertEquals(List.of(), hidden(dir));
        assertEquals("new 0", Files.readString(dir.resolve("r-0.csv")));
        assertEquals(2, AtomicFiles.verifySet(dir, "r").size());
        assertTrue(!Files.exists(dir.resolve("q-0.csv")));
    }

    /**
     * A writer killed while its commit marker was being written (an empty marker, or one cut short, as a version that
     * wrote it in place could leave; now it is renamed into place whole) never committed: the clean-up removes its
     * staging folder and keeps the old set, instead of failing or rolling half a list forward.
     */
    @Test
    void aCommitMarkerCutShortIsAnUncommittedSet(@TempDir Path dir) throws IOException {
        long dead = deadPid();
        Map<String, byte[]> old = AtomicFiles.files();
        old.put("r-0.csv", "old 0".getBytes(StandardCharsets.UTF_8));
        old.put("r-1.csv", "old 1".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeSet(dir, "r", old);
        Path empty = Files.createDirectory(dir.resolve(".r.set-" + dead + "-8.tmp"));
        Files.writeString(empty.resolve("r-0.csv"), "new 0");
        Files.writeString(empty.resolve("COMMIT"), "");
        Path cut = Files.createDirectory(dir.resolve(".r.set-" + dead + "-9.tmp"));
        Files.writeString(cut.resolve("r-0.csv"), "new 0");
        Files.writeString(cut.resolve("COMMIT"), "r\n");
        Files.writeString(cut.resolve(".COMMIT.part"), "r\nr-0.csv\n");
        AtomicFiles.cleanUp(dir);
        assertEquals(List.of(), hidden(dir));
        assertEquals("old 0", Files.readString(dir.resolve("r-0.csv")));
        assertEquals(2, AtomicFiles.verifySet(dir, "r").size());
    }

    private static long deadPid() throws IOException {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor(10, TimeUnit.SECONDS);
            return p.pid();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    /**
     * Crash consistency: a child JVM writes report sets (A, B, A, ...) and tuning files in a loop. It is frozen
     * (SIGSTOP) at 40 random moments, which leaves the files exactly as a kill at that moment would, and the files are
     * checked; then it is killed (SIGKILL) for real at 6 more moments, each followed by the next writer's clean-up.
     * Always: no final file is partial; a set with a manifest is whole and unmixed; the tuning file loads cleanly;
     * after the clean-up nothing temporary is left and the set is whole.
     */
    @Test
    void aWriterKilledAtManyPointsNeverLeavesAPartialOrMixedSet(@TempDir Path dir) throws Exception {
        int freezes = 40;
        int kills = 6;
        Random random = new Random(14);
        int[] manifest = new int[2];
        int leftovers = 0;
        for (int k = 0; k < kills; k++) {
            Process child = startWriter(dir);
            try {
                int points = k == 0 ? freezes : 1;
                for (int f = 0; f < points; f++) {
                    Thread.sleep(random.nextInt(60));
                    signal(child, "STOP");
                    try {
                        checkFinalPaths(dir, "freeze " + f + " of writer " + k, manifest);
                    } finally {
                        signal(child, "CONT");
                    }
                }
                Thread.sleep(random.nextInt(60));
            } finally {
                child.destroyForcibly();   // also when a check fails: a writer left running loads the machine for good
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            checkFinalPaths(dir, "kill " + k, manifest);
            leftovers += hidden(dir).size();
            AtomicFiles.cleanUp(dir);   // what the next run does first
            assertEquals(List.of(), hidden(dir), "temporary files left after clean-up, kill " + k);
            if (Files.exists(dir.resolve("r-0.csv"))) {
                assertEquals(CrashWriter.FILES, AtomicFiles.verifySet(dir, "r").size(), "no whole set after clean-up, kill " + k);
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().startsWith("started-")).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println("crash consistency: " + freezes + " frozen and " + kills + " killed writers; set with manifest "
                + manifest[0] + ", set being replaced " + manifest[1] + "; temporary entries left by kills and removed at"
                + " the next run: " + leftovers);
    }

    private static Process startWriter(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(dir.resolve("started-" + child.pid())) && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(5);
        }
        assertTrue(child.isAlive(), "writer died");
        return child;
    }

    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
        if (signal.equals("STOP")) {
            awaitStopped(p.pid());
        }
    }

    /**
     * Waits until every thread of process {@code pid} is stopped: kill(1) returns once the signal is sent, and on a
     * busy machine the writer can still run for a moment (a check that reads the set while it still writes would see a
     * set change under it, a race of the test, not of the writer; it failed CI once as "mixed set").
     */
    private static void awaitStopped(long pid) throws Exception {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean all = true;
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path t : (Iterable<Path>) threads::iterator) {
                    String stat;
                    try {
                        stat = Files.readString(t.resolve("stat"));
                    } catch (java.nio.file.NoSuchFileException e) {
                        continue;   // a thread that just ended
                    }
                    // the state follows the command name in parentheses, which may itself contain spaces
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    all &= state == 'T' || state == 't';
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("process " + pid + " not stopped 30 s after SIGSTOP");
    }

    private static void checkFinalPaths(Path dir, String when, int[] manifest) throws IOException {
        // 1. every final file is whole: each CSV is one complete version
        for (int i = 0; i < CrashWriter.FILES; i++) {
            Path f = dir.resolve("r-" + i + ".csv");
            if (Files.exists(f)) {
                String text = Files.readString(f);
                assertTrue(text.equals(CrashWriter.content("A", i)) || text.equals(CrashWriter.content("B", i)),
                        "partial file " + f + " at " + when + " (" + text.length() + " chars)");
            }
        }
        // 2. a manifest means a whole, unmixed set
        if (Files.exists(dir.resolve("r.manifest"))) {
            List<Path> files;
            try {
                files = AtomicFiles.verifySet(dir, "r");
            } catch (java.nio.file.NoSuchFileException e) {
                files = null;   // the manifest was being replaced between the exists() and the read
            }
            if (files != null) {
                assertEquals(CrashWriter.FILES, files.size());
                String tag = Files.readString(files.get(0)).substring(0, 1);
                for (Path f : files) {
                    assertTrue(Files.readString(f).startsWith(tag), "mixed set at " + when);
                }
                manifest[0]++;
            }
        } else {
            manifest[1]++;
        }
        // 3. the tuning file, if present, loads without a problem
        Path tuning = dir.resolve("fft-tuning.properties");
        if (Files.exists(tuning)) {
            TuningFile t = TuningFile.load(tuning);
            assertEquals("", t.problem(), "tuning file damaged at " + when);
            assertTrue(t.settingsFor(8, 8, 8).isPresent());
        }
    }

    /** The child process of the crash test: writes sets A and B alternately, and tuning files, until killed. */
    public static final class CrashWriter {
        static final int FILES = 6;

        static String content(String tag, int i) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 60_000) {
                sb.append(tag).append(" file ").append(i).append(" line ").append(sb.length()).append('\n');
            }
            return sb.toString();
        }

        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            // the writer never ends by itself: end it with the test JVM, however that ends
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
            Map<String, byte[]> a = AtomicFiles.files();
            Map<String, byte[]> b = AtomicFiles.files();
            for (int i = 0; i < FILES; i++) {
                a.put("r-" + i + ".csv", content("A", i).getBytes(StandardCharsets.UTF_8));
                b.put("r-" + i + ".csv", content("B", i).getBytes(StandardCharsets.UTF_8));
            }
            TuningFile tuning = TuningFile.empty().with(8, 8, 8, FftSettings.optimized().withThreads(1))
                    .withWisdom("w".repeat(50_000));
            boolean announced = false;
            for (long n = 0; ; n++) {
                AtomicFiles.writeSet(dir, "r", n % 2 == 0 ? a : b);
                tuning.save(dir.resolve("fft-tuning.properties"));
                if (!announced) {
                    Files.createFile(dir.resolve("started-" + ProcessHandle.current().pid()));
                    announced = true;
                }
            }
        }
    }

}
