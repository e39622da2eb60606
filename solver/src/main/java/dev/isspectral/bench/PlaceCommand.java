package dev.isspectral.bench;

import dev.isspectral.files.MarkedSection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code is-spectral bench place NAME --into FILE.md REPORT.md...}: puts the Markdown reports that benchmark commands
 * wrote (levers, scaling, builds, …) into the section {@code <!-- NAME:begin -->} … {@code <!-- NAME:end -->} of a
 * document such as BENCHMARKS.md, verbatim and in the order given, each with the name of the file it came from; the
 * document is rewritten atomically ({@link MarkedSection#place}). So a published table is the command's own output,
 * never copied by hand.
 */
public final class PlaceCommand {

    /** The options, for the command line's --help. */
    public static final String OPTIONS = """
            options (bench place NAME --into FILE.md REPORT.md...): the reports, verbatim, into FILE.md's section NAME
            """;

    private PlaceCommand() {
    }

    /** Places the reports; returns 0, or 1 if a file could not be read or written. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 4 || !args[1].equals("--into")) {
            throw new IllegalArgumentException("bench place: arguments = " + List.of(args)
                    + "; must be NAME --into FILE.md REPORT.md... (at least one report)");
        }
        String name = args[0];
        MarkedSection.begin(name);   // checks the name
        Path into = Path.of(args[2]);
        List<Path> reports = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            Path p = Path.of(args[i]);
            if (!p.getFileName().toString().endsWith(".md")) {
                throw new IllegalArgumentException("report = \"" + p + "\"; must be a Markdown report (.md), such as "
                        + "bench levers --out wrote (its --json file is not placed)");
            }
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("report = \"" + p + "\"; no such file");
            }
            reports.add(p);
        }
        try {
            StringBuilder content = new StringBuilder();
            for (Path p : reports) {
                content.append("From `").append(p.getFileName()).append("`:\n\n")
                        .append(Files.readString(p, StandardCharsets.UTF_8).strip()).append("\n\n");
            }
            MarkedSection.place(into, name, content.toString());
            out.println("placed " + reports.size() + " report(s) into " + into + ", section " + name);
            return 0;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
