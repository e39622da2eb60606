package dev.isspectral.kernel;

import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Maven artifacts with their runtime dependencies, in process (Maven Resolver, no
 * {@code mvn}), from Maven Central, repositories added with {@code %mavenRepo} and the local
 * repository ({@code ~/.m2/repository}, or {@code -Dmaven.repo.local}).
 */
final class MavenResolver {

    /** Maven Central. */
    static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

    /** Scopes {@code %loadFromPOM} takes when none are given, as IJava. */
    static final List<String> DEFAULT_POM_SCOPES = List.of("compile", "runtime", "system", "import");

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Path localRepository;
    private final Map<String, RemoteRepository> repositories = new LinkedHashMap<>();
    private RepositorySystem system;

    /** @param localRepository the local repository directory */
    MavenResolver(Path localRepository) {
        this.localRepository = localRepository;
        repositories.put(CENTRAL.getId(), CENTRAL);
    }

    /** @return the local repository a user's Maven uses */
    static Path defaultLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank()
                ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * Adds a remote repository for later {@link #resolve} calls.
     *
     * @param id  a name for it
     * @param url its http(s) or file URL
     * @throws IllegalArgumentException if the URL is not one
     */
    void addRepository(String id, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mavenRepo: url = '" + url + "'; must be an http, https or file URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!Set.of("http", "https", "file").contains(scheme)) {
            throw new IllegalArgumentException("mavenRepo: url = '" + url + "'; must be an http, https or file URL");
        }
        repositories.put(id, new RemoteRepository.Builder(id, "default", url).build());
    }

    /**
     * Parses IJava's coordinate form {@code groupId:artifactId[:packaging[:classifier]]:version}.
     *
     * @throws IllegalArgumentException naming the coordinate and the allowed form
     */
    static DefaultArtifact artifact(String coordinates) {
        String[] parts = coordinates.split(":", -1);
        boolean blankPart = false;
        for (String part : parts) {
            blankPart |= part.isBlank();
        }
        if (parts.length < 3 || parts.length > 5 || blankPart) {
            throw new IllegalArgumentException("maven: coordinate = '" + coordinates
                    + "'; expected groupId:artifactId[:packaging[:classifier]]:version");
        }
        return new DefaultArtifact(coordinates);
    }

    /**
     * Resolves artifacts and their runtime dependencies.
     *
     * @param coordinates IJava-form coordinates
     * @param from        null for all known repositories; else an id added with
     *                    {@link #addRepository} or a URL, the only remote repository used
     * @return the jar files, in resolution order
     */
    List<Path> resolve(List<String> coordinates, String from) throws DependencyResolutionException {
        List<Dependency> dependencies = new ArrayList<>();
        for (String c : coordinates) {
            dependencies.add(new Dependency(artifact(c), "runtime"));
        }
        List<RemoteRepository> repos;
        if (from == null) {
            repos = List.copyOf(repositories.values());
        } else if (repositories.containsKey(from)) {
            repos = List.of(repositories.get(from));
        } else if (from.contains("://")) {
            repos = List.of(new RemoteRepository.Builder("from", "default", from).build());
        } else {
            throw new IllegalArgumentException("maven: --from = '" + from
                    + "'; must be a repository id added with %mavenRepo (" + String.join(", ", repositories.keySet())
                    + ") or a URL");
        }
        return resolveDependencies(dependencies, repos, List.of("runtime"));
    }

    /**
     * Resolves the dependencies a POM declares, with the POM's own repositories and Central
     * (repositories added by {@code %mavenRepo} are ignored, as in IJava).
     *
     * @param pomXml a POM; properties {@code ${...}} defined in it are substituted; parent POMs and
     *               imported BOMs are not read
     * @param scopes the dependency scopes to take; empty for {@link #DEFAULT_POM_SCOPES}
     * @return the jar files
     */
    List<Path> resolvePom(String pomXml, List<String> scopes) throws Exception {
        Model model = new MavenXpp3Reader().read(new StringReader(pomXml), false);
        Properties properties = new Properties();
        properties.putAll(model.getProperties());
        if (model.getVersion() != null) {
            properties.put("project.version", model.getVersion());
        }
        if (model.getGroupId() != null) {
            properties.put("project.groupId", model.getGroupId());
        }
        List<String> wanted = scopes.isEmpty() ? DEFAULT_POM_SCOPES : scopes;
        List<Dependency> dependencies = new ArrayList<>();
        for (org.apache.maven.model.Dependency d : model.getDependencies()) {
            String scope = d.getScope() == null || d.getScope().isBlank() ? "compile" : d.getScope();
            if (!wanted.contains(scope)) {
                continue;
            }
            DefaultArtifact artifact = new DefaultArtifact(interpolate(d.getGroupId(), properties),
                    interpolate(d.getArtifactId(), properties), interpolate(d.getClassifier(), properties),
                    d.getType() == null ? "jar" : interpolate(d.getType(), properties),
                    interpolate(d.getVersion(), properties));
            List<Exclusion> exclusions = new ArrayList<>();
            for (org.apache.maven.model.Exclusion e : d.getExclusions()) {
                exclusions.add(new Exclusion(e.getGroupId(), e.getArtifactId(), "*", "*"));
            }
            dependencies.add(new Dependency(artifact, scope, d.isOptional(), exclusions));
        }
        List<RemoteRepository> repos = new ArrayList<>();
        repos.add(CENTRAL);
        for (org.apache.maven.model.Repository r : model.getRepositories()) {
            repos.add(new RemoteRepository.Builder(r.getId(), "default", interpolate(r.getUrl(), properties)).build());
        }
        if (dependencies.isEmpty()) {
            return List.of();
        }
        // the classpaths that hold the wanted scopes: compile (with provided, system), runtime, test
        List<String> classpaths = new ArrayList<>();
        for (String scope : wanted) {
            String classpath = switch (scope) {
                case "test" -> "test";
                case "runtime" -> "runtime";
                default -> "compile";
            };
            if (!classpaths.contains(classpath)) {
                classpaths.add(classpath);
            }
        }
        return resolveDependencies(dependencies, repos, classpaths);
    }

    /**
     * Builds a POM from the fragments pasted in a {@code %%loadFromPOM} cell: a whole
     * {@code <project>} is used as is; otherwise every {@code <dependency>} and {@code <repository>}
     * element (loose or inside their list elements) is collected into a minimal POM.
     */
    static String pomFromFragments(String body) {
        String trimmed = body.strip();
        if (trimmed.startsWith("<project") || trimmed.startsWith("<?xml")) {
            return trimmed;
        }
        StringBuilder pom = new StringBuilder("<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>notebook</groupId><artifactId>cell</artifactId><version>0</version>");
        Matcher properties = Pattern.compile("(?s)<properties>.*?</properties>").matcher(trimmed);
        if (properties.find()) {
            pom.append(properties.group());
        }
        pom.append("<dependencies>");
        Matcher dependency = Pattern.compile("(?s)<dependency>.*?</dependency>").matcher(trimmed);
        while (dependency.find()) {
            pom.append(dependency.group());
        }
        pom.append("</dependencies><repositories>");
        Matcher repository = Pattern.compile("(?s)<repository>.*?</repository>").matcher(trimmed);
        while (repository.find()) {
            pom.append(repository.group());
        }
        return pom.append("</repositories></project>").toString();
    }

    private static String interpolate(String value, Properties properties) {
        if (value == null) {
            return "";
        }
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = properties.getProperty(m.group(1), m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private synchronized List<Path> resolveDependencies(List<Dependency> dependencies, List<RemoteRepository> repos,
                                                        List<String> classpaths) throws DependencyResolutionException {
        if (system == null) {
            system = new RepositorySystemSupplier().get();
        }
        Map<String, String> systemProperties = new HashMap<>();
        System.getProperties().forEach((k, v) -> systemProperties.put(String.valueOf(k), String.valueOf(v)));
        // Maven 3's session defaults: test/provided/optional dependencies of dependencies are skipped,
        // version conflicts resolved nearest-wins, dependencyManagement applied
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setSystemProperties(systemProperties)
                .build()) {
            CollectRequest collect = new CollectRequest(dependencies, null, repos);
            DependencyRequest request = new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(classpaths.toArray(String[]::new)));
            List<Path> jars = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                if (result.getArtifact() != null && result.getArtifact().getPath() != null) {
                    jars.add(result.getArtifact().getPath());
                }
            }
            return jars;
        }
    }
}
