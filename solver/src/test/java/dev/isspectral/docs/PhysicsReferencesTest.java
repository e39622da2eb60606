package dev.isspectral.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every citation of the physics document resolves: each {@code physics.md §x.y} / {@code §x.y} names a
 * section of {@code docs/physics.md} and each {@code eq. x.y} / {@code eqs. x.y, x.z} / {@code (x.y)} an
 * equation tagged there, in every source file (help texts and error messages included), README, BENCHMARKS,
 * the documents under {@code docs/} and the notebooks' cells. A bare {@code physics.md 6.3} is rejected: it
 * does not say whether a section or an equation is meant.
 *
 * <p>The forms, as the scanner reads them:
 * <ul>
 *   <li>{@code §6.5}, {@code §0, §6.5}, {@code §7.2–7.3}, {@code §5–§7}: sections (a range checks both ends).
 *       A chain qualified by another document ({@code issue 4 §5}, {@code design.md §2}) is not ours and is
 *       skipped.</li>
 *   <li>{@code eq. 3.4}, {@code eq. 4.2–4.3}, {@code eqs. 3.2, 3.3a}: equations.</li>
 *   <li>{@code (4.12)}, {@code (1.3)–(1.5)}: equations of chapters 1–7, when the parenthesis does not follow
 *       a name, a dot, a bracket or a number (so {@code etaOverS(0.08)} and a table's {@code 1.17 (1.22)}
 *       are left alone).</li>
 * </ul>
 */
class PhysicsReferencesTest {

    private static final String NUM = "\\d+(?:\\.\\d+)?";
    private static final String ENUM = "\\d+\\.\\d+[a-z]?";
    private static final String RANGE = "\\s*(?:[–-]|to)\\s*§?\\s*" + NUM;

    /** A chain of section references: §a, §b and §c–d. */
    private static final Pattern SECTION_CHAIN = Pattern.compile(
            "(?<![\\w§])§\\s*(" + NUM + ")(?:" + RANGE + ")?(?:\\s*(?:,|and|or|, and)\\s*§\\s*" + NUM + "(?:" + RANGE + ")?)*");
    private static final Pattern SECTION_NUMBER = Pattern.compile("(?<![\\d.])" + NUM);
    /** What, right before a chain, says the sections belong to another document. */
    private static final Pattern OTHER_DOCUMENT = Pattern.compile(
            "(?i)(?:\\b(?:issues?|pr)\\s*#?\\d+|\\b(?!physics\\.md)[\\w-]+\\.md(?:'s)?)\\s*$");
    private static final Pattern EQUATION_SINGLE = Pattern.compile(
            "(?i)(?<![\\w])(?:eq\\.|equation)\\s*\\(?(" + ENUM + ")\\)?(?:\\s*[–-]\\s*\\(?(" + ENUM + ")\\)?)?");
    private static final Pattern EQUATION_LIST = Pattern.compile(
            "(?i)(?<![\\w])(?:eqs\\.|equations)\\s*\\(?" + ENUM + "\\)?(?:\\s*(?:,|and|or|[–-])\\s*\\(?" + ENUM + "\\)?)*");
    private static final Pattern EQUATION_NUMBER = Pattern.compile("(?<![\\d.])" + ENUM);
    private static final Pattern PARENTHESIZED = Pattern.compile("\\(([1-7]\\.\\d{1,2}[a-z]?)\\)");
    private static final Pattern BARE = Pattern.compile("physics\\.md\\s+(\\d+(?:\\.\\d+)?[a-z]?)(?![\\w.])");

    private static final Pattern HEADING = Pattern.compile("(?m)^#{2,3}\\s+(\\d+(?:\\.\\d+)?)\\.?\\s");
    private static final Pattern TAG = Pattern.compile("\\\\tag\\{([^}]+)}");

    /** Sections and equations of the project's specification; the document keeps all of them. */
    private static final List<String> SPEC_SECTIONS = List.of("0", "1", "2", "3", "4", "4.1", "4.2", "4.3", "4.4", "4.5",
            "4.6", "5", "6", "6.1", "6.2", "6.3", "6.4", "6.5", "7", "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6",
            "7.7", "7.8", "7.9", "7.10", "8");
    private static final List<String> SPEC_EQUATIONS = List.of("1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "3.1", "3.2",
            "3.3a", "3.3b", "3.4", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "4.9", "4.10", "4.11", "4.12",
            "4.13", "4.14", "4.15", "4.16", "5.1", "6.1", "6.2", "6.3", "6.4", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6");

    private static final Set<String> SCANNED_EXTENSIONS = Set.of("java", "py", "sh", "md", "ipynb", "properties",
            "txt", "html", "xml", "yml", "yaml", "json", "css", "js");
    private static final Set<String> SCANNED_NAMES = Set.of("postBuild", "run");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "reports", "node_modules", ".git",
            ".ipynb_checkpoints", ".idea", ".vscode");

    enum Kind { SECTION, EQUATION, AMBIGUOUS }

    record Reference(Kind kind, String number, String text) {
    }

    // ------------------------------------------------------------------ the scanner

    static List<Reference> references(String line) {
        List<Reference> found = new ArrayList<>();
        Matcher chain = SECTION_CHAIN.matcher(line);
        while (chain.find()) {
            String before = line.substring(Math.max(0, chain.start() - 40), chain.start());
            if (OTHER_DOCUMENT.matcher(before).find()) {
                continue;
            }
            Matcher number = SECTION_NUMBER.matcher(chain.group());
            while (number.find()) {
                found.add(new Reference(Kind.SECTION, number.group(), chain.group()));
            }
        }
        Set<Integer> equationSpans = new LinkedHashSet<>();
        for (Pattern p : List.of(EQUATION_SINGLE, EQUATION_LIST)) {
            Matcher m = p.matcher(line);
            while (m.find()) {
                if (!equationSpans.add(m.start())) {
                    continue;
                }
                Matcher number = EQUATION_NUMBER.matcher(m.group());
                while (number.find()) {
                    found.add(new Reference(Kind.EQUATION, number.group(), m.group()));
                }
                for (int i = m.start(); i < m.end(); i++) {
                    equationSpans.add(i);
                }
            }
        }
        Matcher paren = PARENTHESIZED.matcher(line);
        while (paren.find()) {
            if (equationSpans.contains(paren.start()) || !standsAlone(line, paren.start())) {
                continue;
            }
            found.add(new Reference(Kind.EQUATION, paren.group(1), paren.group()));
        }
        Matcher bare = BARE.matcher(line);
        while (bare.find()) {
            found.add(new Reference(Kind.AMBIGUOUS, bare.group(1), bare.group()));
        }
        return found;
    }

    /** A parenthesized number is a citation unless it is a call's argument, an index or a value after a value. */
    private static boolean standsAlone(String line, int open) {
        if (open == 0) {
            return true;
        }
        char right = line.charAt(open - 1);
        if (Character.isLetterOrDigit(right) || "_.)]([".indexOf(right) >= 0) {
            return false;
        }
        int i = open - 1;
        while (i >= 0 && Character.isWhitespace(line.charAt(i))) {
            i--;
        }
        return i < 0 || !Character.isDigit(line.charAt(i));
    }

    // ------------------------------------------------------------------ the document

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("solver")) && Files.isRegularFile(dir.resolve("README.md"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root (with solver/, README.md, pom.xml) not found above "
                + Path.of("").toAbsolutePath());
    }

    private static String physicsDocument() throws IOException {
        Path doc = repositoryRoot().resolve("docs/physics.md");
        assertTrue(Files.isRegularFile(doc), "docs/physics.md is missing");
        return Files.readString(doc, StandardCharsets.UTF_8);
    }

    static Set<String> sections(String doc) {
        Set<String> sections = new TreeSet<>();
        Matcher m = HEADING.matcher(doc);
        while (m.find()) {
            sections.add(m.group(1));
        }
        return sections;
    }

    static List<String> equations(String doc) {
        List<String> tags = new ArrayList<>();
        Matcher m = TAG.matcher(doc);
        while (m.find()) {
            tags.add(m.group(1).trim());
        }
        return tags;
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void theScannerReadsEachFormAndLeavesNumbersThatAreNotCitations() {
        assertEquals(List.of(new Reference(Kind.SECTION, "0", "§0, §6.5"), new Reference(Kind.SECTION, "6.5", "§0, §6.5")),
                references("spectral operators (physics.md §0, §6.5): exact"));
        assertEquals(List.of("7.2", "7.3"), numbers(references("physics.md §7.2–7.3 across wave numbers"), Kind.SECTION));
        assertEquals(List.of("5", "7"), numbers(references("README (eq. 3.4, §5–§7)"), Kind.SECTION));
        assertEquals(List.of("3.4"), numbers(references("README (eq. 3.4, §5–§7)"), Kind.EQUATION));
        assertEquals(List.of("7.2"), numbers(references("physics.md §7.2 (ii): the same mode"), Kind.SECTION));
        assertEquals(List.of("7.9"), numbers(references("(issue 4 §3, physics.md §7.9): flip each knob"), Kind.SECTION));
        assertEquals(List.of(), references("every target of issue 4 §5, and issue 4 §1 and §3; design.md §2"));
        assertEquals(List.of("3.2", "3.3a"), numbers(references("(physics.md eqs. 3.2, 3.3a), with s"), Kind.EQUATION));
        assertEquals(List.of("6.3"), numbers(references("the CFL limit of eq. 6.3, Δt ≤ 0.25/|k|"), Kind.EQUATION));
        assertEquals(List.of("4.2", "4.3"), numbers(references("from eq. 4.2–4.3"), Kind.EQUATION));
        assertEquals(List.of("1.3", "1.5"), numbers(references("π^0ν (1.3)–(1.5), so the"), Kind.EQUATION));
        assertEquals(List.of("7.4"), numbers(references("amplitude e(t) of physics.md (7.4)."), Kind.EQUATION));
        assertEquals(List.of(), references("Transport.etaOverS(0.08).bPi(5.0) and Math.max(a, b)"));
        assertEquals(List.of(), references("| 1, JTransforms | 1.17 (1.22) | 1.00 (0.99) |"));
        assertEquals(List.of(), references("a ratio of (0.5) and an index a[(1.2)]"));
        assertEquals(List.of(new Reference(Kind.AMBIGUOUS, "6.5", "physics.md 6.5")),
                references("fixed time step (default: CFL limit of physics.md 6.5)"));
        assertEquals(List.of(), references("physics.md's tolerance, see physics.md."));
    }

    @Test
    void theDocumentKeepsEverySectionAndEquationOfTheSpecificationAndTagsEachOnce() throws IOException {
        String doc = physicsDocument();
        Set<String> sections = sections(doc);
        List<String> missingSections = new ArrayList<>(SPEC_SECTIONS);
        missingSections.removeAll(sections);
        assertEquals(List.of(), missingSections, "sections of the specification missing from docs/physics.md");
        List<String> tags = equations(doc);
        List<String> missing = new ArrayList<>(SPEC_EQUATIONS);
        missing.removeAll(tags);
        assertEquals(List.of(), missing, "equations of the specification missing from docs/physics.md");
        Set<String> seen = new TreeSet<>();
        List<String> duplicated = tags.stream().filter(t -> !seen.add(t)).toList();
        assertEquals(List.of(), duplicated, "equation numbers tagged twice");
        Matcher index = Pattern.compile("(?m)^\\| (" + ENUM + ") \\| §").matcher(doc);
        Set<String> indexed = new TreeSet<>();
        while (index.find()) {
            indexed.add(index.group(1));
        }
        assertEquals(new TreeSet<>(tags), indexed, "the equation index lists every tagged equation, and only those");
        for (String tag : tags) {
            assertTrue(tag.matches(ENUM), "tag {" + tag + "} is not of the form chapter.number[letter]");
            String chapter = tag.substring(0, tag.indexOf('.'));
            assertTrue(sections.contains(chapter), "tag " + tag + " has no chapter §" + chapter);
        }
    }

    @Test
    void everyCitationInTheRepositoryResolves() throws IOException {
        String doc = physicsDocument();
        Set<String> sections = sections(doc);
        Set<String> equations = new TreeSet<>(equations(doc));
        Path root = repositoryRoot();
        List<String> problems = new ArrayList<>();
        int[] counts = new int[Kind.values().length];
        Set<String> filesWithCitations = new TreeSet<>();
        for (Path file : scannedFiles(root)) {
            String rel = root.relativize(file).toString();
            for (Located line : lines(file)) {
                for (Reference ref : references(line.text())) {
                    counts[ref.kind().ordinal()]++;
                    filesWithCitations.add(rel);
                    String where = rel + ":" + line.where() + ": \"" + ref.text() + "\"";
                    switch (ref.kind()) {
                        case SECTION -> {
                            if (!sections.contains(ref.number())) {
                                problems.add(where + ": no §" + ref.number() + " in docs/physics.md (sections: " + sections + ")");
                            }
                        }
                        case EQUATION -> {
                            if (!equations.contains(ref.number())) {
                                problems.add(where + ": no equation (" + ref.number() + ") in docs/physics.md");
                            }
                        }
                        case AMBIGUOUS -> problems.add(where + ": write physics.md §" + ref.number()
                                + " for a section or physics.md eq. " + ref.number() + " for an equation");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " citations do not resolve:\n" + String.join("\n", problems));
        // the scan really ran over the code, the docs and the notebooks
        assertTrue(counts[Kind.SECTION.ordinal()] > 50 && counts[Kind.EQUATION.ordinal()] > 50,
                "too few citations found; is the scanner blind? sections " + counts[Kind.SECTION.ordinal()]
                        + ", equations " + counts[Kind.EQUATION.ordinal()]);
        for (String expected : List.of("README.md", "docs/physics.md",
                "solver/src/main/java/dev/isspectral/sim/Simulation.java", "notebooks/06-physics-validation.ipynb")) {
            assertTrue(filesWithCitations.contains(expected), "no citation found in " + expected);
        }
    }

    // ------------------------------------------------------------------ files

    record Located(String where, String text) {
    }

    static List<Path> scannedFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            String name = part.toString();
                            if (SKIPPED_DIRECTORIES.contains(name)) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(p -> !p.getFileName().toString().equals("PhysicsReferencesTest.java"))   // its examples
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        int dot = name.lastIndexOf('.');
                        return SCANNED_NAMES.contains(name) || (dot > 0 && SCANNED_EXTENSIONS.contains(name.substring(dot + 1)));
                    })
                    .sorted()
                    .forEach(files::add);
        }
        return files;
    }

    /** The lines of a file; for a notebook, the lines of each cell's source (outputs are not the notebook's text). */
    static List<Located> lines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Located> out = new ArrayList<>();
        if (file.getFileName().toString().endsWith(".ipynb")) {
            JsonArray cells = JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("cells");
            for (int c = 0; c < cells.size(); c++) {
                JsonObject cell = cells.get(c).getAsJsonObject();
                JsonElement source = cell.get("source");
                StringBuilder s = new StringBuilder();
                if (source.isJsonArray()) {
                    source.getAsJsonArray().forEach(e -> s.append(e.getAsString()));
                } else {
                    s.append(source.getAsString());
                }
                String[] cellLines = s.toString().split("\n", -1);
                for (int i = 0; i < cellLines.length; i++) {
                    out.add(new Located("cell " + c + " line " + (i + 1), cellLines[i]));
                }
            }
        } else {
            String[] fileLines = text.split("\n", -1);
            for (int i = 0; i < fileLines.length; i++) {
                out.add(new Located(String.valueOf(i + 1), fileLines[i]));
            }
        }
        return out;
    }

    private static List<String> numbers(List<Reference> refs, Kind kind) {
        return refs.stream().filter(r -> r.kind() == kind).map(Reference::number).toList();
    }
}
