package dev.isspectral.kernel;

import dev.isspectral.kernel.CellException.MagicException;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * IJava's magics: {@code %jars}, {@code %classpath}, {@code %maven} (aliases
 * {@code %addMavenDependency}, {@code %addMavenDependencies}; option {@code --from}),
 * {@code %mavenRepo} (alias {@code %addMavenRepo}), {@code %load}, {@code %loadFromPOM} and
 * {@code %%loadFromPOM}. Each returns the paths it added (for {@code List<String> x = %jars ...}).
 */
final class KernelMagics {

    /** Runs code loaded by {@code %load}. */
    interface CodeRunner {
        void run(String code, String name) throws CellException;
    }

    private final JavaEvaluator evaluator;
    private final MavenResolver maven;
    private final CodeRunner runner;

    KernelMagics(JavaEvaluator evaluator, MavenResolver maven, CodeRunner runner) {
        this.evaluator = evaluator;
        this.maven = maven;
        this.runner = runner;
    }

    /**
     * Runs a line magic.
     *
     * @return the added paths (empty for magics that add none)
     */
    List<String> line(String name, List<String> args) throws CellException {
        try {
            return switch (name) {
                case "jars" -> addPaths(name, args, true);
                case "classpath" -> addPaths(name, args, false);
                case "maven", "addMavenDependency", "addMavenDependencies" -> maven(args);
                case "mavenRepo", "addMavenRepo" -> mavenRepo(args);
                case "load" -> load(args);
                case "loadFromPOM" -> loadFromPomFile(args);
                default -> throw new MagicException("unknown line magic '%" + name + "'; known: %jars, %classpath,"
                        + " %maven (%addMavenDependency, %addMavenDependencies), %mavenRepo (%addMavenRepo),"
                        + " %load, %loadFromPOM");
            };
        } catch (IllegalArgumentException e) {
            throw new MagicException(e.getMessage());
        }
    }

    /**
     * Runs a cell magic.
     *
     * @return the added paths
     */
    List<String> cell(String name, List<String> args, String body) throws CellException {
        if (!name.equals("loadFromPOM")) {
            throw new MagicException("unknown cell magic '%%" + name + "'; known: %%loadFromPOM");
        }
        try {
            return added(maven.resolvePom(MavenResolver.pomFromFragments(body), args));
        } catch (CellException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicException("loadFromPOM: " + oneLine(e));
        }
    }

    private List<String> addPaths(String magic, List<String> globs, boolean jarsOnly) throws CellException {
        if (globs.isEmpty()) {
            throw new MagicException(magic + ": no paths given; expected one or more paths or simple globs");
        }
        Set<Path> found = new LinkedHashSet<>();
        for (String glob : globs) {
            List<Path> matches = matches(glob);
            if (matches.isEmpty()) {
                throw new MagicException(magic + ": path = '" + glob + "' matches no file or directory");
            }
            for (Path match : matches) {
                if (jarsOnly && Files.isDirectory(match)) {
                    try (Stream<Path> files = Files.list(match)) {
                        files.filter(Files::isRegularFile).sorted().forEach(found::add);
                    } catch (IOException e) {
                        throw new MagicException(magic + ": cannot list '" + match + "': " + e.getMessage());
                    }
                } else {
                    found.add(match);
                }
            }
        }
        return added(new ArrayList<>(found));
    }

    /** Paths matching a simple glob (or the path itself if it exists and has no glob characters). */
    static List<Path> matches(String glob) throws CellException {
        List<Path> result = new ArrayList<>();
        Path literal = Path.of(glob);
        if (!glob.contains("*") && !glob.contains("?") && !glob.contains("[") && !glob.contains("{")) {
            if (Files.exists(literal)) {
                result.add(literal.toAbsolutePath().normalize());
            }
            return result;
        }
        try {
            new GlobFinder(glob).computeMatchingPaths().forEach(p -> result.add(p.toAbsolutePath().normalize()));
        } catch (java.nio.file.NoSuchFileException e) {
            return result;
        } catch (IOException | RuntimeException e) {
            throw new MagicException("path = '" + glob + "' is not a usable glob: " + oneLine(e));
        }
        result.sort(null);
        return result;
    }

    private List<String> added(List<Path> paths) {
        evaluator.addToClasspath(paths);
        List<String> names = new ArrayList<>();
        for (Path p : paths) {
            names.add(p.toString());
        }
        return names;
    }

    private List<String> maven(List<String> args) throws CellException {
        String from = null;
        List<String> coordinates = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--from")) {
                if (i + 1 >= args.size()) {
                    throw new MagicException("maven: --from needs a repository id or URL after it");
                }
                from = args.get(++i);
            } else if (arg.startsWith("--from=")) {
                from = arg.substring("--from=".length());
            } else if (arg.startsWith("-")) {
                throw new MagicException("maven: option = '" + arg + "'; allowed: --from <repository id or URL>");
            } else {
                coordinates.add(arg);
            }
        }
        if (coordinates.isEmpty()) {
            throw new MagicException("maven: no coordinates given; expected groupId:artifactId[:packaging[:classifier]]:version ...");
        }
        coordinates.forEach(MavenResolver::artifact);
        try {
            return added(maven.resolve(coordinates, from));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicException("maven: could not resolve " + String.join(" ", coordinates) + ": " + oneLine(e));
        }
    }

    private List<String> mavenRepo(List<String> args) throws CellException {
        if (args.size() != 2) {
            throw new MagicException("mavenRepo: " + args.size() + " arguments given; expected 2: <repository id> <url>");
        }
        maven.addRepository(args.get(0), args.get(1));
        return List.of();
    }

    private List<String> load(List<String> args) throws CellException {
        if (args.size() != 1) {
            throw new MagicException("load: " + args.size() + " arguments given; expected 1: <path to a .jsh/.jshell/.java file>");
        }
        Path file = Path.of(args.get(0));
        String code;
        try {
            code = Files.readString(file);
        } catch (IOException e) {
            throw new MagicException("load: path = '" + args.get(0) + "' cannot be read: " + oneLine(e));
        }
        runner.run(code, file.getFileName().toString());
        return List.of();
    }

    private List<String> loadFromPomFile(List<String> args) throws CellException {
        if (args.isEmpty()) {
            throw new MagicException("loadFromPOM: no POM path given; expected <path to pom.xml> [scope ...]");
        }
        String xml;
        try {
            xml = Files.readString(Path.of(args.get(0)));
        } catch (IOException e) {
            throw new MagicException("loadFromPOM: path = '" + args.get(0) + "' cannot be read: " + oneLine(e));
        }
        try {
            return added(maven.resolvePom(xml, args.subList(1, args.size())));
        } catch (Exception e) {
            throw new MagicException("loadFromPOM: " + oneLine(e));
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }
}
