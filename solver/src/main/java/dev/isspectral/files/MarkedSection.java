package dev.isspectral.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated section of a Markdown file: the text between {@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->}.
 * {@link #replace} swaps it for new content and leaves everything else byte for byte; {@link #place} does that to a
 * file through a temporary sibling and a move ({@link AtomicFiles}), so a reader never sees half a file. A missing,
 * repeated or misordered marker is an {@link IllegalArgumentException} naming the file and the marker, and the file
 * is left as it was.
 */
public final class MarkedSection {

    private MarkedSection() {
    }

    /** {@code <!-- NAME:begin -->}. */
    public static String begin(String name) {
        return "<!-- " + checkName(name) + ":begin -->";
    }

    /** {@code <!-- NAME:end -->}. */
    public static String end(String name) {
        return "<!-- " + checkName(name) + ":end -->";
    }

    /**
     * {@code text} with the section {@code name} replaced by {@code content} (stripped, on its own lines between the
     * markers); {@code where} names the text in errors.
     */
    public static String replace(String text, String where, String name, String content) {
        String b = begin(name);
        String e = end(name);
        int a = text.indexOf(b);
        int z = text.indexOf(e);
        if (a < 0 || z < 0) {
            throw new IllegalArgumentException(where + " has no " + (a < 0 ? b : e) + " marker; the section must be "
                    + "enclosed in " + b + " … " + e);
        }
        if (text.indexOf(b, a + b.length()) >= 0 || text.indexOf(e, z + e.length()) >= 0) {
            throw new IllegalArgumentException(where + " has the marker " + (text.indexOf(b, a + b.length()) >= 0 ? b : e)
                    + " more than once; it must enclose exactly one section");
        }
        if (z < a) {
            throw new IllegalArgumentException(where + ": " + e + " comes before " + b + "; it must follow it");
        }
        if (content.contains(b) || content.contains(e)) {
            throw new IllegalArgumentException("the new content of section " + name + " contains its own markers");
        }
        return text.substring(0, a + b.length()) + "\n" + content.strip() + "\n" + text.substring(z);
    }

    /** Replaces section {@code name} of the file {@code file} by {@code content}, atomically. */
    public static void place(Path file, String name, String content) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file = \"" + file + "\"; no such file");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        AtomicFiles.write(file, replace(text, file.toString(), name, content));
    }

    /**
     * Checks, before any work, that {@link #place} could put section {@code name} into {@code file}: the file exists
     * and holds the section's markers once each, in order. {@code option} names the file in the error for a missing
     * one (e.g. {@code --publish}); the markers' errors are {@link #replace}'s.
     */
    public static void requirePlaceable(Path file, String option, String name) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " = \"" + file + "\"; no such file");
        }
        replace(Files.readString(file, StandardCharsets.UTF_8), file.toString(), name, "");
    }

    private static String checkName(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("section name = \"" + name + "\"; must be lower-case letters, digits and -");
        }
        return name;
    }
}
