package dev.isspectral.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writing files so that a reader, a failure or a kill never leaves a partial file or a mixed set at a final
 * path.
 *
 * <ul>
 *   <li>{@link #write(Path, byte[])}: one file, written to a hidden temporary sibling
 *       {@code .<name>.<pid>-<n>.tmp}, forced to disk, then moved over the target (atomically where the file
 *       system can). The temporary file is created with the user's default permissions (umask), not 0600.
 *       {@link #write(Path, Content)} does the same for content a library writes to a path itself (HDF5);
 *       {@link #writeUnforced} skips the flush to disk, for frequent, cheap-to-lose output.</li>
 *   <li>{@link #writeSet(Path, String, Map)}: several files in one folder as a unit. All of them are written
 *       completely into a hidden staging folder {@code .<set>.set-<pid>-<n>.tmp/}, which is then marked
 *       {@code COMMIT} (the marker written under a hidden name and renamed, so it exists only whole); the old manifest {@code <set>.manifest} is removed, the files are moved into place, and a
 *       new manifest naming every file with its size and SHA-256 is written last. So a set whose manifest is present
 *       is whole and unmixed; while the manifest is absent the set is being replaced.</li>
 *   <li>{@link #cleanUp(Path)}, run by both before they write: temporary files and staging folders left by a
 *       process that no longer runs (killed) are removed, and a staged set that had reached {@code COMMIT} is moved
 *       into place and its manifest written (rolled forward), so the next run repairs what a kill interrupted.</li>
 * </ul>
 * Failures are {@link IOException}s whose message names the final file and the reason (permission denied, no
 * such folder, no space left on device ...); nothing temporary is left behind after a failure.
 */
public final class AtomicFiles {

    /** Suffix of a set's manifest, written last. */
    public static final String MANIFEST_SUFFIX = ".manifest";

    /** First line of every manifest. */
    public static final String MANIFEST_FORMAT = "is-spectral-file-set/1";

    private static final String COMMIT = "COMMIT";
    private static final Pattern TEMP_FILE = Pattern.compile("\\..+\\.(\\d+)-\\d+\\.tmp");
    private static final Pattern STAGING = Pattern.compile("\\..+\\.set-(\\d+)-\\d+\\.tmp");
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    private AtomicFiles() {
    }

    /** {@link #write(Path, byte[])} of {@code text} in UTF-8. */
    public static Path write(Path target, String text) throws IOException {
        return write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code content} to {@code target} through a temporary sibling and a move; creates the folder.
     *
     * @return the target
     * @throws IOException naming {@code target} and the reason; no temporary file is left
     */
    public static Path write(Path target, byte[] content) throws IOException {
        return write(target, tmp -> writeNew(tmp, content), false);   // writeNew has forced it already
    }

    /**
     * Writes a file's content to the path it is given (the temporary sibling, which does not exist yet): for
     * libraries that write to a path themselves, such as an HDF5 writer.
     */
    @FunctionalInterface
    public interface Content {
        /** Creates {@code temporary} and writes the content to it. */
        void writeTo(Path temporary) throws IOException;
    }

    /**
     * Writes {@code target} with {@code content}, which creates and fills the temporary sibling it is given; the
     * temporary file is then forced to disk and moved over the target (atomically where the file system can).
     * A reader, a failure or a kill sees the old file or the new one, never a part of one; forcing adds that a
     * crash of the machine right after the move cannot leave an empty file in its place.
     *
     * @return the target
     * @throws IOException naming {@code target} and the reason; no temporary file is left
     */
    public static Path write(Path target, Content content) throws IOException {
        return write(target, content, true);
    }

    /**
     * {@link #write(Path, Content)} without forcing the temporary file to disk before the move: still never a
     * partial file at the target, but after a crash of the machine (not of the process) the file may be empty.
     * For output that is cheap to lose and written often (snapshots, sidecars), where a disk flush per file costs.
     */
    public static Path writeUnforced(Path target, Content content) throws IOException {
        return write(target, content, false);
    }

    private static Path write(Path target, Content content, boolean force) throws IOException {
        Path parent = parentOf(target);
        createDirectories(parent, target);
        cleanUp(parent);
        Path tmp = parent.resolve("." + target.getFileName() + "." + PID + "-" + COUNTER.incrementAndGet() + ".tmp");
        try {
            content.writeTo(tmp);
            if (!Files.isRegularFile(tmp)) {
                throw new IOException("the content writer did not create the temporary file " + tmp);
            }
            if (force) {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            move(tmp, parent.resolve(target.getFileName()));
            return target;
        } catch (IOException e) {
            throw failure(target, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Writes {@code files} (name → content, in order) into {@code directory} as one set named {@code setName}
     * (see the class comment); creates the folder.
     *
     * @return the final paths, in the order given, then the manifest
     * @throws IOException naming the final file that could not be written and the reason
     */
    public static List<Path> writeSet(Path directory, String setName, Map<String, byte[]> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("files = {}; a set must have at least one file");
        }
        for (String name : files.keySet()) {
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(COMMIT) || name.startsWith(".")) {
                throw new IllegalArgumentException("file name = \"" + name + "\"; must be a plain, non-hidden name in the folder");
            }
        }
        Path dir = directory.toAbsolutePath();
        Path manifest = dir.resolve(setName + MANIFEST_SUFFIX);
        createDirectories(dir, manifest);
        cleanUp(dir);
        Path staging = dir.resolve("." + setName + ".set-" + PID + "-" + COUNTER.incrementAndGet() + ".tmp");
        String current = staging.toString();
        try {
            Files.createDirectory(staging);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                current = dir.resolve(e.getKey()).toString();
                writeNew(staging.resolve(e.getKey()), e.getValue());
            }
            current = staging.resolve(COMMIT).toString();
            // the set is committed when, and only when, the whole marker has its name: written under a hidden name
            // (no file of a set may start with "."), then renamed; a kill while it is written leaves no COMMIT
            Path part = staging.resolve("." + COMMIT + ".part");
            writeNew(part, commitText(setName, files.keySet()).getBytes(StandardCharsets.UTF_8));
            move(part, staging.resolve(COMMIT));
            current = manifest.toString();
            List<Path> written = rollForward(dir, staging);
            deleteTree(staging);
            return written;
        } catch (IOException e) {
            deleteTreeQuietly(staging);
            throw failure(Path.of(current), e);
        }
    }

    /**
     * Removes what killed writers left in {@code directory}: their temporary files, their uncommitted staging
     * folders; a committed staging folder is rolled forward (its files moved into place, its manifest written).
     * Entries of processes still running are left alone. Never throws for a file it cannot remove.
     */
    public static void cleanUp(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, ".*.tmp")) {
            stream.forEach(entries::add);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            Matcher staging = STAGING.matcher(name);
            Matcher temp = TEMP_FILE.matcher(name);
            if (staging.matches() && Files.isDirectory(p) && !alive(staging.group(1))) {
                if (Files.isRegularFile(p.resolve(COMMIT)) && wholeCommit(p)) {
                    try {
                        rollForward(directory.toAbsolutePath(), p);
                    } catch (IOException e) {
                        System.err.println("warning: could not complete the interrupted write of " + p + ": " + reason(e));
                        continue;
                    } catch (RuntimeException e) {
                        System.err.println("warning: could not complete the interrupted write of " + p + ": " + e);
                        continue;
                    }
                }
                deleteTreeQuietly(p);
            } else if (temp.matches() && Files.isRegularFile(p) && !alive(temp.group(1))) {
                deleteQuietly(p);
            }
        }
    }

    /**
     * The files of the set {@code setName} in {@code directory} if its manifest is present and every file matches
     * it (size and SHA-256); empty if the manifest is absent (never written, or being replaced).
     *
     * @throws IOException if the manifest is present but a file is missing or differs (a mixed set)
     */
    public static List<Path> verifySet(Path directory, String setName) throws IOException {
        Path manifest = directory.resolve(setName + MANIFEST_SUFFIX);
        if (!Files.exists(manifest)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith(MANIFEST_FORMAT)) {
            throw new IOException(manifest + ": not a manifest (first line must start with " + MANIFEST_FORMAT + ")");
        }
        List<Path> files = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(" ", 3);
            if (f.length != 3) {
                throw new IOException(manifest + ": malformed line \"" + line + "\"");
            }
            Path file = directory.resolve(f[2]);
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new IOException(manifest + " lists " + f[2] + ", which is missing");
            }
            if (content.length != Long.parseLong(f[1]) || !sha256(content).equals(f[0])) {
                throw new IOException(manifest + " lists " + f[2] + " with " + f[1] + " bytes, SHA-256 " + f[0]
                        + ", but the file has " + content.length + " bytes, SHA-256 " + sha256(content));
            }
            files.add(file);
        }
        return files;
    }

    /** A one-line reason for an I/O failure: what the exception says, and which path, without the stack. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + e.getMessage() + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder (" + e.getMessage() + ")";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder (" + e.getMessage() + ")";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "exists and is not a folder (" + e.getMessage() + ")";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + (fs.getFile() == null ? "" : " (" + fs.getFile() + ")");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    // ------------------------------------------------------------------------------------------

    /**
     * Whether the staging folder's COMMIT marker names a set and at least one file. A marker written by a version before
     * the marker was renamed into place can be empty or cut short by a kill: that set never committed.
     */
    private static boolean wholeCommit(Path staging) {
        try {
            List<String> commit = Files.readAllLines(staging.resolve(COMMIT), StandardCharsets.UTF_8);
            return commit.size() >= 2 && !commit.get(0).isEmpty();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static List<Path> rollForward(Path dir, Path staging) throws IOException {
        List<String> commit = Files.readAllLines(staging.resolve(COMMIT), StandardCharsets.UTF_8);
        if (commit.size() < 2 || commit.get(0).isEmpty()) {
            throw new IOException(staging.resolve(COMMIT) + ": not a whole commit marker (" + commit.size() + " lines)");
        }
        String setName = commit.get(0);
        Path manifest = dir.resolve(setName + MANIFEST_SUFFIX);
        Files.deleteIfExists(manifest);                 // from here until the new manifest the set is "being replaced"
        StringBuilder text = new StringBuilder(MANIFEST_FORMAT).append(' ').append(setName).append('\n');
        List<Path> written = new ArrayList<>();
        for (String name : commit.subList(1, commit.size())) {
            Path staged = staging.resolve(name);
            Path target = dir.resolve(name);
            if (Files.exists(staged)) {
                move(staged, target);                   // an earlier, interrupted roll-forward may have moved it already
            }
            byte[] content = Files.readAllBytes(target);
            text.append(sha256(content)).append(' ').append(content.length).append(' ').append(name).append('\n');
            written.add(target);
        }
        Path tmp = dir.resolve("." + manifest.getFileName() + "." + PID + "-" + COUNTER.incrementAndGet() + ".tmp");
        try {
            writeNew(tmp, text.toString().getBytes(StandardCharsets.UTF_8));
            move(tmp, manifest);
        } finally {
            deleteQuietly(tmp);
        }
        written.add(manifest);
        return written;
    }

    private static String commitText(String setName, Iterable<String> names) {
        StringBuilder sb = new StringBuilder(setName).append('\n');
        for (String n : names) {
            sb.append(n).append('\n');
        }
        return sb.toString();
    }

    /** Creates {@code file} (which must not exist) with default permissions, writes it and forces it to disk. */
    private static void writeNew(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            out.write(content);
            out.flush();
            ch.force(true);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path parentOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || target.getFileName() == null) {
            throw new IllegalArgumentException("file = \"" + target + "\"; must name a file in a folder");
        }
        return parent;
    }

    private static void createDirectories(Path dir, Path target) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": cannot create its folder " + dir + ": " + reason(e), e);
        }
    }

    private static IOException failure(Path target, IOException e) {
        return new IOException("cannot write " + target + ": " + reason(e), e);
    }

    private static boolean alive(String pid) {
        try {
            long p = Long.parseLong(pid);
            return p == PID || ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: cleanUp removes it at the next run
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static void deleteTreeQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // best effort: cleanUp removes it at the next run
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Names to file contents, in order; a convenience for callers building a set. */
    public static Map<String, byte[]> files() {
        return new LinkedHashMap<>();
    }
}
