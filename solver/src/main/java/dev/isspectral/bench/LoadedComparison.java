package dev.isspectral.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Issue 11's "done when", checked on two {@code bench targets --json} runs of the same targets, one quiet and one under
 * load ({@code bash bench.sh --hog}):
 * <ol>
 *   <li>every ratio row at a fixed thread count ({@code kind} RATIO: candidates interleaved on the same threads, so
 *       load falls on both sides) has overlapping 95% intervals in the two runs;</li>
 *   <li>every absolute-time row (ABSOLUTE) of the loaded run is flagged as measured on a busy machine, with the other
 *       processes' share of the CPU;</li>
 *   <li>no verdict flips between PASS and MISS unless one side is INCONCLUSIVE or flagged.</li>
 * </ol>
 * Thread-scaling rows (THREAD_SCALING) and ratios whose candidates each use every core (ALL_CORES) are load-sensitive by nature: they are shown and must be flagged when busy,
 * but are not part of the overlap requirement; counts (COUNT) are not timed. Works on the parsed JSON
 * ({@link Publish#read}), so a test can feed it synthetic runs.
 */
final class LoadedComparison {

    /** One target present in both runs. */
    record Pair(Map<String, Object> quiet, Map<String, Object> loaded) {
        String target() {
            return (String) quiet.get("target");
        }

        String kind() {
            return String.valueOf(quiet.getOrDefault("kind", "UNKNOWN"));
        }
    }

    private final List<Pair> pairs = new ArrayList<>();
    private final List<String> onlyOne = new ArrayList<>();

    LoadedComparison(List<Map<String, Object>> quiet, List<Map<String, Object>> loaded) {
        Map<String, Map<String, Object>> byTarget = new LinkedHashMap<>();
        for (Map<String, Object> r : loaded) {
            byTarget.put((String) r.get("target"), r);
        }
        for (Map<String, Object> r : quiet) {
            Map<String, Object> h = byTarget.remove((String) r.get("target"));
            if (h == null) {
                onlyOne.add(r.get("target") + " (quiet run only)");
            } else {
                pairs.add(new Pair(r, h));
            }
        }
        for (String t : byTarget.keySet()) {
            onlyOne.add(t + " (loaded run only)");
        }
    }

    /** The most forks any row of the quiet (or loaded) run was measured over; 1 for JSON without forks. */
    long forks(boolean quiet) {
        long n = 1;
        for (Pair p : pairs) {
            Object f = (quiet ? p.quiet() : p.loaded()).get("forks");
            n = Math.max(n, f == null ? 1 : (long) Publish.num(f));
        }
        return n;
    }

    List<Pair> pairs() {
        return pairs;
    }

    /** Ratio rows at a fixed thread count whose intervals do not overlap (or cannot be compared). */
    List<String> ratiosApart() {
        return failing("RATIO", p -> !"yes".equals(overlap(p)));
    }

    long ratioRows() {
        return count("RATIO");
    }

    /** Absolute-time rows of the loaded run that are not flagged busy. */
    List<String> absoluteUnflagged() {
        return failing("ABSOLUTE", p -> !flagged(p.loaded()));
    }

    long absoluteRows() {
        return count("ABSOLUTE");
    }

    /** The targets of the rows of {@code kind} for which {@code fails} holds. */
    private List<String> failing(String kind, Predicate<Pair> fails) {
        return pairs.stream().filter(p -> p.kind().equals(kind) && fails.test(p)).map(Pair::target).toList();
    }

    private long count(String kind) {
        return pairs.stream().filter(p -> p.kind().equals(kind)).count();
    }

    /** Rows whose verdict is PASS on one side and MISS on the other with neither side flagged. */
    List<String> unexplainedFlips() {
        List<String> out = new ArrayList<>();
        for (Pair p : pairs) {
            String a = (String) p.quiet().get("verdict");
            String b = (String) p.loaded().get("verdict");
            boolean flip = ("PASS".equals(a) && "MISS".equals(b)) || ("MISS".equals(a) && "PASS".equals(b));
            if (flip && !flagged(p.quiet()) && !flagged(p.loaded())) {
                out.add(p.target() + " (" + a + " → " + b + ")");
            }
        }
        return out;
    }

    /** Whether all three conditions hold (and every target is in both runs). */
    boolean met() {
        return ratiosApart().isEmpty() && absoluteUnflagged().isEmpty() && unexplainedFlips().isEmpty() && onlyOne.isEmpty();
    }

    /** "yes", "**no**", "n/a" for a timed row; a dash with the reason for the kinds not compared. */
    static String overlap(Pair p) {
        Map<String, Object> a = p.quiet();
        Map<String, Object> b = p.loaded();
        if (Boolean.TRUE.equals(a.get("exact")) || Boolean.TRUE.equals(b.get("exact"))) {
            return "— (exact figures, not timed)";
        }
        double al = num(a.get("ci_low"));
        double ah = num(a.get("ci_high"));
        double bl = num(b.get("ci_low"));
        double bh = num(b.get("ci_high"));
        if (!Double.isFinite(al) || !Double.isFinite(bl) || !Double.isFinite(ah) || !Double.isFinite(bh)) {
            return "n/a";
        }
        return al <= bh && bl <= ah ? "yes" : "**no**";
    }

    /** The overlap column: required for ratio rows, shown for information for the other timed rows. */
    static String overlapColumn(Pair p) {
        String o = overlap(p);
        return switch (p.kind()) {
            case "RATIO" -> o;
            case "COUNT" -> o.startsWith("—") ? o : "—";
            default -> o.startsWith("—") ? o : o + " (not required)";
        };
    }

    /** What the row is and what the check asks of it. */
    static String role(Pair p) {
        return switch (p.kind()) {
            case "RATIO" -> "ratio at a fixed thread count: intervals must overlap";
            case "THREAD_SCALING" -> "thread scaling: load-sensitive, flagged instead (not compared)";
            case "ALL_CORES" -> "ratio on every core: load-sensitive (barriers), flagged instead (not compared)";
            case "ABSOLUTE" -> "absolute time: flagged under load";
            case "COUNT" -> "count, not timed";
            default -> "kind " + p.kind() + ": not compared";
        };
    }

    /** The loaded run's flag of a row: "busy machine: other processes 48% of the CPU", or why not. */
    static String flagText(Map<String, Object> r) {
        String share = share(r.get("other_cpu_share"));
        if (flagged(r)) {
            double steal = num(r.get("cpu_steal"));
            return "busy machine: other processes " + share + " of the CPU"
                    + (Double.isFinite(steal) && steal > 0.005 ? ", steal " + share(steal) : "");
        }
        String kind = String.valueOf(r.getOrDefault("kind", ""));
        if (kind.equals("ABSOLUTE") || kind.equals("THREAD_SCALING") || kind.equals("ALL_CORES")) {
            return share.equals("n/a") ? "**not flagged** (other processes' share of the CPU n/a: window too short or "
                    + "no /proc/stat)" : "**not flagged** (other processes " + share + " of the CPU)";
        }
        return share.equals("n/a") ? "—" : "other processes " + share + " of the CPU (not load-sensitive)";
    }

    /** The table, one row per target in both runs, and the check's lines. */
    String markdown() {
        StringBuilder sb = new StringBuilder("| target | kind: what is checked | quiet | under load | loaded run | "
                + "intervals overlap | verdicts |\n|---|---|---|---|---|---|---|\n");
        for (Pair p : pairs) {
            sb.append("| ").append(p.target()).append(" | ").append(role(p)).append(" | ").append(Publish.measured(p.quiet()))
                    .append(" | ").append(Publish.measured(p.loaded())).append(" | ").append(flagText(p.loaded()))
                    .append(" | ").append(overlapColumn(p))
                    .append(" | ").append(Publish.verdict(p.quiet())).append(" → ").append(Publish.verdict(p.loaded()))
                    .append(" |\n");
        }
        sb.append("\n**Done-when check (issue 11)**, computed by `Publish` from the two JSON files:\n\n");
        sb.append("- forks per timed figure: ").append(forks(true)).append(" in the quiet run, ").append(forks(false))
                .append(" under load (1: intervals within one JVM; more: over JVMs, hierarchical bootstrap)\n");
        List<String> apart = ratiosApart();
        sb.append(String.format(Locale.ROOT, "- ratio rows at a fixed thread count with overlapping intervals: %d of %d%s%n",
                ratioRows() - apart.size(), ratioRows(), apart.isEmpty() ? "" : "; apart: " + String.join("; ", apart)));
        List<String> unflagged = absoluteUnflagged();
        sb.append(String.format(Locale.ROOT, "- absolute-time rows of the loaded run flagged \"busy machine\": %d of %d%s%n",
                absoluteRows() - unflagged.size(), absoluteRows(), unflagged.isEmpty() ? ""
                        : "; **not flagged**: " + String.join("; ", unflagged)));
        List<String> flips = unexplainedFlips();
        sb.append("- verdicts flipped between PASS and MISS with neither side INCONCLUSIVE or flagged: ")
                .append(flips.isEmpty() ? "none" : "**" + flips.size() + "**: " + String.join("; ", flips)).append('\n');
        if (!onlyOne.isEmpty()) {
            sb.append("- **targets in one run only**: ").append(String.join("; ", onlyOne)).append('\n');
        }
        sb.append("- thread-scaling rows: load-sensitive by nature (other processes take the cores the extra thread "
                + "needs), flagged on a busy machine, not part of the overlap requirement\n");
        sb.append("- result: ").append(met() ? "**met**" : "**not met**").append('\n');
        return sb.toString();
    }

    static boolean flagged(Map<String, Object> r) {
        return Boolean.TRUE.equals(r.get("flagged"));
    }

    private static String share(Object v) {
        return Publish.share(v);
    }

    private static double num(Object v) {
        return Publish.num(v);
    }
}
