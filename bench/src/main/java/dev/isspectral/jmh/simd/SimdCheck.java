package dev.isspectral.jmh.simd;

import dev.isspectral.bench.Workload;
import dev.isspectral.files.AtomicFiles;
import dev.isspectral.files.MarkedSection;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.ForkedFigure;
import dev.isspectral.measure.ForkedMeasurement;
import dev.isspectral.measure.Forks;
import dev.isspectral.measure.RunContext;
import dev.isspectral.profile.Columns;
import dev.isspectral.profile.Profile;
import dev.isspectral.profile.Profiler;
import tech.tablesaw.api.Row;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 13's SIMD lever, decided by measurement: (1) the share of an optimized 128×64×64 step (2 threads, the
 * sound-wave-plus-noise workload) that each loop family takes, from the profiler's span self times, on JTransforms
 * and FFTW; (2) the step's three largest simple loop families ({@link ScalarLoops}) against their Vector API
 * versions ({@link VectorLoops}), interleaved in forked JVMs with the project's method, at the arrays of a 128×64×64
 * step and at a cache-resident size, once with C2's auto-vectorizer (SuperWord) on and once with
 * {@code -XX:-UseSuperWord} (whether C2 already vectorizes the scalar loop); (3) the most the step could gain:
 * share × (1 − 1/speed-up). Writes Markdown; {@code --into FILE.md} puts it into FILE.md's section {@code simd}.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp … dev.isspectral.jmh.simd.SimdCheck [--forks 2] [--budget 8]
 *      [--steps 4] [--out target/simd.md] [--into BENCHMARKS.md] [--note "text put first, in bold"]
 * </pre>
 */
public final class SimdCheck {

    /** The profile's loop families, in report order. */
    static final List<String> PROFILE_FAMILIES = List.of("transforms", "pointwise kernel", "primitive recovery",
            "k-space multiply", "advection products", "stage combination, relaxation, finite check", "other");

    private SimdCheck() {
    }

    /** The profile family of a span path (its last segment), by self time. */
    static String family(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.startsWith("fft.")) {
            return "transforms";
        }
        return switch (last) {
            case "pointwise", "sources", "flux-values" -> "pointwise kernel";
            case "primitives" -> "primitive recovery";
            case "gradient", "divergence", "laplacian", "derivative", "filter" -> "k-space multiply";
            case "advection" -> "advection products";
            case "relax", "combine", "check", "step" -> "stage combination, relaxation, finite check";
            default -> last.startsWith("stage") ? "stage combination, relaxation, finite check" : "other";
        };
    }

    /** Shares of the step by family: the span self times per step over the step time per step. */
    static Map<String, Double> shares(Map<String, Double> selfMsByPath, double stepMs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String f : PROFILE_FAMILIES) {
            out.put(f, 0.0);
        }
        for (Map.Entry<String, Double> e : selfMsByPath.entrySet()) {
            out.merge(family(e.getKey()), e.getValue() / stepMs, Double::sum);
        }
        return out;
    }

    /** The most a step could gain from a loop family of {@code share} made {@code speedup} times faster. */
    static double bound(double share, double speedup) {
        if (!(speedup > 0)) {
            throw new IllegalArgumentException("speedup = " + speedup + "; must be > 0");
        }
        return share * (1.0 - 1.0 / speedup);
    }

    record Shares(String backend, String description, double stepMs, Map<String, Double> shares) {
    }

    static Shares profile(String backend, int steps) {
        var sim = Workload.simulation(Grid.parse("4x128x64x64"), Workload.optimized(backend));
        // 3 steps, then until the JIT is quiet (at most 30 s): a profile of code still being compiled is not the step's
        Profile p = Profiler.of(sim).warmup(3).warmupUntilSteady(java.time.Duration.ofSeconds(30)).steps(steps)
                .redundancy(false).run();
        int n = p.stepCount();
        double stepMs = p.stepNanos() / 1e6 / n;
        Map<String, Double> self = new LinkedHashMap<>();
        for (Row r : p.hierarchy()) {
            self.put(r.getString(Columns.SPAN), r.getDouble(Columns.SELF_MS) / n);
        }
        return new Shares(backend, sim.fftDescription(), stepMs, shares(self, stepMs));
    }

    /** The prefix of the lines a profile child prints for its parent. */
    static final String CHILD_PREFIX = "simd-profile ";

    /** Runs {@link #profile} in a fresh JVM with {@code jvmOptions}; null where the child failed. */
    static Shares profileInChild(String backend, int steps, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SimdCheck.class.getName(),
                "--profile-child", backend, "--steps", Integer.toString(steps)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                System.err.println("simd: profile child " + command + " failed");
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the profile child", e);
        }
        return parseChild(backend, output);
    }

    /** The child's report: "simd-profile step MS DESCRIPTION" and "simd-profile share FAMILY=SHARE" lines. */
    static Shares parseChild(String backend, String output) {
        double stepMs = Double.NaN;
        String description = "";
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (!line.startsWith(CHILD_PREFIX)) {
                continue;
            }
            String rest = line.substring(CHILD_PREFIX.length());
            if (rest.startsWith("step ")) {
                String[] parts = rest.substring(5).split(" ", 2);
                stepMs = Double.parseDouble(parts[0]);
                description = parts.length > 1 ? parts[1] : "";
            } else if (rest.startsWith("share ")) {
                String kv = rest.substring(6);
                int eq = kv.lastIndexOf('=');
                shares.put(kv.substring(0, eq), Double.parseDouble(kv.substring(eq + 1)));
            }
        }
        if (Double.isNaN(stepMs) || !shares.keySet().containsAll(PROFILE_FAMILIES)) {
            throw new IllegalArgumentException("profile child output lacks the step time or a family: " + output);
        }
        return new Shares(backend, description, stepMs, shares);
    }

    /** Above this gain of the whole step a loop family's Vector API path would be worth building. */
    static final double PAYS = 0.03;

    /** The computed conclusion: what SuperWord already does, the most the step could gain, built or not. */
    static String verdict(double[] total, Map<String, Double> fullSpeedup, String superWord, List<Shares> on,
                          List<Shares> off) {
        StringBuilder v = new StringBuilder("**Verdict (computed from the tables above).** ");
        v.append("C2's SuperWord speeds the scalar loops up by (scalar without SuperWord / scalar with it, the Vector "
                + "API loop as the common reference): ").append(superWord).append(". ");
        v.append("The Vector API loop against the auto-vectorized scalar loop at 128×64×64: ");
        int i = 0;
        for (Map.Entry<String, Double> e : fullSpeedup.entrySet()) {
            v.append(i++ == 0 ? "" : ", ").append(e.getKey()).append(String.format(Locale.ROOT, " %.2f×", e.getValue()));
        }
        double worst = 0;
        for (double t : total) {
            worst = Math.max(worst, t);
        }
        v.append(String.format(Locale.ROOT, ". Weighted by their shares of the step, the three families together could "
                + "save at most %s of a step (the larger backend figure), ", pct(worst)));
        v.append(worst > PAYS ? "above the " + pct(PAYS) + " threshold: a Vector API path pays."
                : "below the " + pct(PAYS) + " threshold: no Vector API path is built.");
        for (int k = 0; k < on.size(); k++) {
            Shares a = on.get(k);
            Shares b = off.get(k);
            double kernelOn = (a.shares().get("pointwise kernel") + a.shares().get("primitive recovery")) * a.stepMs();
            double kernelOff = (b.shares().get("pointwise kernel") + b.shares().get("primitive recovery")) * b.stepMs();
            v.append(String.format(Locale.ROOT, " %s: the pointwise kernel and the recovery take %.1f ms per step with "
                    + "SuperWord and %.1f ms without (one profile each, not interleaved).", a.backend(), kernelOn, kernelOff));
        }
        return v.toString();
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String est(Estimate e, String format) {
        return String.format(Locale.ROOT, format + " [" + format + ", " + format + "]", e.median(), e.low(), e.high());
    }

    public static void main(String[] argv) throws IOException {
        if (argv.length >= 2 && argv[0].equals("--profile-child")) {
            int steps = argv.length >= 4 ? Integer.parseInt(argv[3]) : 4;
            Shares s = profile(argv[1], steps);
            System.out.println(CHILD_PREFIX + "step " + s.stepMs() + " " + s.description());
            s.shares().forEach((f, v) -> System.out.println(CHILD_PREFIX + "share " + f + "=" + v));
            return;
        }
        int forks = 2;
        int budget = 8;
        int steps = 4;
        Path out = null;
        Path into = null;
        String note = null;
        for (int i = 0; i < argv.length; i += 2) {
            if (i + 1 >= argv.length) {
                throw new IllegalArgumentException("option " + argv[i] + " needs a value");
            }
            String v = argv[i + 1];
            switch (argv[i]) {
                case "--forks" -> forks = Integer.parseInt(v);
                case "--budget" -> budget = Integer.parseInt(v);
                case "--steps" -> steps = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                case "--into" -> into = Path.of(v);
                case "--note" -> note = v;
                default -> throw new IllegalArgumentException("option = \"" + argv[i]
                        + "\"; must be --forks N, --budget SECONDS (per loop and JVM setting), --steps N, --out FILE.md, --into FILE.md or --note TEXT");
            }
        }
        if (budget < 1 || steps < 1) {
            throw new IllegalArgumentException("--budget = " + budget + ", --steps = " + steps + "; must be >= 1");
        }
        RunContext context = RunContext.start();
        StringBuilder md = new StringBuilder();
        if (note != null) {
            md.append("**").append(note.strip()).append("**\n\n");
        }
        md.append("Regenerate: `bash bench.sh --simd --into BENCHMARKS.md` (SimdCheck: --forks ").append(forks)
                .append(" --budget ").append(budget).append(" --steps ").append(steps).append("). Vector species: ")
                .append(VectorLoops.lanes()).append(" doubles per vector.\n\n");

        // 1. profile shares, each backend profiled in a fresh JVM with C2's SuperWord on, then one with it off
        List<String> base = List.of("--add-modules", "jdk.incubator.vector", "-Xss4m");
        List<String> noSuperWord = new ArrayList<>(base);
        noSuperWord.add("-XX:-UseSuperWord");
        List<Shares> profiles = new ArrayList<>();
        List<Shares> profilesOff = new ArrayList<>();
        for (String backend : List.of("jtransforms", "fftw")) {
            String resolved = Workload.resolveBackend(backend);
            if (!resolved.equals(backend)) {
                md.append("(").append(backend).append(" not available: ").append(resolved).append(")\n\n");
                continue;
            }
            Shares on = profileInChild(backend, steps, base);
            Shares off = profileInChild(backend, steps, noSuperWord);
            if (on != null && off != null) {
                profiles.add(on);
                profilesOff.add(off);
            }
            System.err.println("simd: profile " + backend + " done");
        }
        StringBuilder fft = new StringBuilder();
        md.append("Share of an optimized 128×64×64 step (2 threads, sound wave + noise, IMEX ARS(2,2,2); profiler span "
                + "self times per step over ").append(steps).append(" steps after 3 warm-up steps and a warm-up until steady"
                + " (Profiler.warmupUntilSteady, at most 30 s), one fresh JVM per "
                + "column; the -XX:-UseSuperWord columns are the same profile with C2's auto-vectorizer off, ms per step):\n\n"
                + "| loop family |");
        for (Shares s : profiles) {
            md.append(" ").append(s.backend()).append(String.format(Locale.ROOT, " share (%.0f ms/step) |", s.stepMs()))
                    .append(" ").append(s.backend()).append(" ms | same, -XX:-UseSuperWord |");
            fft.append("; ").append(s.backend()).append(": ").append(s.description());
        }
        md.append("\n|---|").append("---|---|---|".repeat(profiles.size())).append("\n");
        for (String f : PROFILE_FAMILIES) {
            md.append("| ").append(f).append(" |");
            for (int i = 0; i < profiles.size(); i++) {
                Shares on = profiles.get(i);
                Shares off = profilesOff.get(i);
                md.append(" ").append(pct(on.shares().get(f))).append(" |")
                        .append(String.format(Locale.ROOT, " %.1f | %.1f |", on.shares().get(f) * on.stepMs(),
                                off.shares().get(f) * off.stepMs()));
            }
            md.append("\n");
        }
        md.append("| whole step | ");
        for (int i = 0; i < profiles.size(); i++) {
            md.append(String.format(Locale.ROOT, "100%% | %.1f | %.1f |", profiles.get(i).stepMs(), profilesOff.get(i).stepMs()));
        }
        md.append("\n\nFFT engines").append(fft).append("\n");

        // 2. loops, scalar against vector, SuperWord on and off
        md.append("\nLoops, one thread, per sweep of 524,288 points (ms, median [95% interval]); speed-up = scalar / "
                + "vector, paired within rounds; ").append(forks).append(" forks per cell:\n\n")
                .append("| loop | size | scalar | Vector API | speed-up | scalar, -XX:-UseSuperWord | Vector API, same JVMs "
                        + "| speed-up without SuperWord |\n|---|---|---|---|---|---|---|---|\n");
        Map<String, Double> fullSpeedup = new LinkedHashMap<>();
        StringBuilder superWord = new StringBuilder();
        for (String family : LoopSetup.FAMILIES) {
            for (String size : LoopSetup.SIZES) {
                ForkedMeasurement on = Forks.of(LoopSetup.class, family, size).forks(forks)
                        .budget(Duration.ofSeconds(budget)).jvmOptions(base).run();
                ForkedMeasurement off = Forks.of(LoopSetup.class, family, size).forks(forks)
                        .budget(Duration.ofSeconds(budget)).jvmOptions(noSuperWord).run();
                ForkedFigure speedOn = on.speedup(1, 0);
                ForkedFigure speedOff = off.speedup(1, 0);
                if (size.equals("full")) {
                    fullSpeedup.put(family, speedOn.estimate().median());
                }
                // the Vector API loop does not use SuperWord: with it as the common reference, the scalar loop's
                // gain from SuperWord is (scalar off / vector off) / (scalar on / vector on)
                superWord.append(superWord.length() == 0 ? "" : ", ").append(family).append(" ")
                        .append(size.equals("full") ? "128×64×64" : "tile").append(String.format(Locale.ROOT, " %.2f×",
                                speedOff.estimate().median() / speedOn.estimate().median()));
                md.append("| ").append(family).append(" | ").append(size.equals("full") ? "128×64×64" : "4096 × 128")
                        .append(" | ").append(est(on.time(0).scaled(1e3, "ms").estimate(), "%.3f"))
                        .append(" | ").append(est(on.time(1).scaled(1e3, "ms").estimate(), "%.3f"))
                        .append(" | ").append(est(speedOn.estimate(), "%.2f"))
                        .append(" | ").append(est(off.time(0).scaled(1e3, "ms").estimate(), "%.3f"))
                        .append(" | ").append(est(off.time(1).scaled(1e3, "ms").estimate(), "%.3f"))
                        .append(" | ").append(est(speedOff.estimate(), "%.2f")).append(" |\n");
                System.err.println("simd: " + family + " " + size + " done");
            }
        }

        // 3. the most the step could gain
        md.append("\nThe most a step could gain (share × (1 − 1/speed-up at 128×64×64); advection products, "
                + "similar streaming loops, taken at the best of the three speed-ups):\n\n| loop family | speed-up |");
        for (Shares s : profiles) {
            md.append(" ").append(s.backend()).append(" |");
        }
        md.append("\n|---|---|").append("---|".repeat(profiles.size())).append("\n");
        double best = fullSpeedup.values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
        Map<String, Double> used = new LinkedHashMap<>();
        used.put("k-space multiply", fullSpeedup.get("derivative"));
        used.put("stage combination, relaxation, finite check",
                Math.max(fullSpeedup.get("combine"), fullSpeedup.get("relax")));
        used.put("advection products", best);
        double[] total = new double[profiles.size()];
        for (Map.Entry<String, Double> e : used.entrySet()) {
            md.append("| ").append(e.getKey()).append(String.format(Locale.ROOT, " | %.2f |", e.getValue()));
            for (int i = 0; i < profiles.size(); i++) {
                double b = bound(profiles.get(i).shares().get(e.getKey()), Math.max(1.0, e.getValue()));
                total[i] += b;
                md.append(" ").append(pct(b)).append(" |");
            }
            md.append("\n");
        }
        md.append("| all three | |");
        for (double t : total) {
            md.append(" **").append(pct(t)).append("** |");
        }
        md.append("\n\n").append(verdict(total, fullSpeedup, superWord.toString(), profiles, profilesOff));
        context = context.finish();
        md.append("\n\n").append(context).append("\n");
        String text = md.toString();
        System.out.println(text);
        if (out != null) {
            AtomicFiles.write(out, text);
        }
        if (into != null) {
            MarkedSection.place(into, "simd", text);
            System.err.println("placed into " + into + ", section simd");
        }
    }
}
