package dev.isspectral.bench;

import dev.isspectral.validate.Float32Storage;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code is-spectral bench float32 [--out FILE.md]}: the accuracy cost of float32 storage of the fields, emulated by
 * rounding every stored array to float between steps ({@link Float32Storage}), on the validation cases, as a Markdown
 * table with a conclusion drawn from its numbers. Accuracy only, deterministic: memory and speed are not measured.
 */
public final class Float32Command {

    /** The options, for the command line's --help. */
    public static final String OPTIONS = """
            options (bench float32): accuracy cost of float32 storage of the fields, emulated by rounding (issue 13)
              --out FILE.md          write the markdown report (atomically)
            """;

    private Float32Command() {
    }

    /** Measures and prints the report; returns 0, or 1 if the file could not be written. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path md = null;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--out")) {
                throw new IllegalArgumentException("bench float32: unknown argument \"" + args[i] + "\"; allowed: [--out]");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option --out needs a value; see --help");
            }
            md = CommandOptions.file("--out", args[++i], ".md");
        }
        return CommandOptions.printAndWrite(Float32Storage.toMarkdown(Float32Storage.measure()), md, out, err);
    }
}
