package dev.isspectral.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Without the HDF5 module on the class path (the solver's own tests), its options are refused with one line
 * that says which module they need and how to run with it, and the help lists none of them.
 */
class RunExtensionsTest {

    @Test
    void hdfOptionsWithoutTheModuleSayWhatToRunInstead() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"run", "sound-wave", "--grid", "2x8x8x8", "--snapshots", "out"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals("error: option --snapshots needs the HDF5 module (is-spectral-io) on the class path; "
                + "run java -jar io/target/is-spectral-io.jar run ... instead", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void anUnknownOptionIsStillUnknown() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"run", "sound-wave", "--snapshot", "out"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals("error: unknown option --snapshot; see --help", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void withoutExtensionsTheHelpHasNoModuleSection() {
        assertEquals("", RunExtensions.usage());
    }
}
