package dev.isspectral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench place}: reports go verbatim into the marked section, everything else stays; bad input names itself. */
class PlaceCommandTest {

    @TempDir
    Path dir;

    private static int run(String... args) {
        return Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void reportsReplaceTheSectionInOrder() throws IOException {
        Path doc = dir.resolve("B.md");
        Files.writeString(doc, "# top\n<!-- levers:begin -->\nold\n<!-- levers:end -->\ntail\n");
        Path a = Files.writeString(dir.resolve("a.md"), "| a | 1 |\n");
        Path b = Files.writeString(dir.resolve("b.md"), "| b | 2 |\n");
        assertEquals(0, run("bench", "place", "levers", "--into", doc.toString(), a.toString(), b.toString()));
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        assertEquals("# top\n<!-- levers:begin -->\nFrom `a.md`:\n\n| a | 1 |\n\nFrom `b.md`:\n\n| b | 2 |\n"
                + "<!-- levers:end -->\ntail\n", text);
    }

    @Test
    void badInputIsAnErrorAndLeavesTheDocument() throws IOException {
        Path doc = dir.resolve("B.md");
        String original = "<!-- x:begin -->\nold\n<!-- x:end -->\n";
        Files.writeString(doc, original);
        Path a = Files.writeString(dir.resolve("a.md"), "new\n");
        assertEquals(2, run("bench", "place", "x", "--into", doc.toString(), dir.resolve("missing.md").toString()));
        assertEquals(2, run("bench", "place", "Bad Name", "--into", doc.toString(), a.toString()));
        assertEquals(2, run("bench", "place", "y", "--into", doc.toString(), a.toString()), "no such section");
        assertEquals(2, run("bench", "place", "x", doc.toString()));
        Path json = Files.writeString(dir.resolve("levers.json"), "{}\n");
        assertEquals(2, run("bench", "place", "x", "--into", doc.toString(), a.toString(), json.toString()),
                "a JSON report beside the Markdown is not placed");
        assertEquals(original, Files.readString(doc, StandardCharsets.UTF_8));
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary file left");
    }
}
