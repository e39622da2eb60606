package dev.isspectral.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated sections of BENCHMARKS.md: replaced between their markers, everything else kept byte for byte. */
class MarkedSectionTest {

    private static final String DOC = "# B\n\n<!-- io:begin -->\nold\n<!-- io:end -->\n\n<!-- other:begin -->\nkeep\n"
            + "<!-- other:end -->\ntail";

    @Test
    void onlyTheNamedSectionIsReplacedAndReplacingTwiceChangesNothing() {
        String once = MarkedSection.replace(DOC, "B.md", "io", "\n\nnew | numbers\n\n");
        assertEquals(DOC.replace("\nold\n", "\nnew | numbers\n"), once);
        assertEquals(once, MarkedSection.replace(once, "B.md", "io", "new | numbers"));
        assertEquals("<!-- io:begin -->", MarkedSection.begin("io"));
        assertEquals("<!-- io:end -->", MarkedSection.end("io"));
    }

    @Test
    void aMissingRepeatedOrMisorderedMarkerIsAnErrorNamingTheFileAndTheMarker() {
        assertEquals("B.md has no <!-- io:begin --> marker; the section must be enclosed in <!-- io:begin --> … <!-- io:end -->",
                assertThrows(IllegalArgumentException.class, () -> MarkedSection.replace("x", "B.md", "io", "y")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MarkedSection.replace("<!-- io:begin -->", "B.md", "io", "y"))
                .getMessage().startsWith("B.md has no <!-- io:end --> marker"));
        assertEquals("B.md has the marker <!-- io:begin --> more than once; it must enclose exactly one section",
                assertThrows(IllegalArgumentException.class, () -> MarkedSection.replace(DOC + DOC, "B.md", "io", "y")).getMessage());
        assertEquals("B.md: <!-- io:end --> comes before <!-- io:begin -->; it must follow it",
                assertThrows(IllegalArgumentException.class, () -> MarkedSection.replace("<!-- io:end --><!-- io:begin -->", "B.md",
                        "io", "y")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MarkedSection.replace(DOC, "B.md", "io", "<!-- io:end -->"))
                .getMessage().contains("contains its own markers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MarkedSection.begin("I O")).getMessage()
                .startsWith("section name = \"I O\""));
    }

    @Test
    void placingWritesTheFileAtomicallyAndLeavesItAsItWasOnAnError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("BENCHMARKS.md"), DOC);
        MarkedSection.place(file, "io", "new");
        assertEquals(DOC.replace("\nold\n", "\nnew\n"), Files.readString(file));
        assertThrows(IllegalArgumentException.class, () -> MarkedSection.place(file, "missing", "x"));
        assertEquals(DOC.replace("\nold\n", "\nnew\n"), Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
        assertEquals("file = \"" + dir.resolve("none.md") + "\"; no such file", assertThrows(IllegalArgumentException.class,
                () -> MarkedSection.place(dir.resolve("none.md"), "io", "x")).getMessage());
    }
}
