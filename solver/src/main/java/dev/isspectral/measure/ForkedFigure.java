package dev.isspectral.measure;

import java.util.List;
import java.util.Locale;

/**
 * One figure (a time or a paired ratio) measured over forks ({@link ForkedMeasurement#figure}): the combined estimate
 * (median over all rounds of all forks, 95% interval from the {@linkplain Stats#hierarchicalBootstrap hierarchical
 * bootstrap}) and how the forks differed. Immutable.
 *
 * @param estimate      the combined estimate
 * @param roundsPerFork rounds measured in each fork
 * @param forkMedians   each fork's own median, in the estimate's unit
 * @param betweenSpread (largest − smallest fork median) / |combined median|; 0 with one fork
 * @param withinWidth   the median over forks of each fork's own 95% interval width relative to its median (order
 *                      statistics over its rounds)
 */
public record ForkedFigure(Estimate estimate, List<Integer> roundsPerFork, List<Double> forkMedians, double betweenSpread,
                           double withinWidth) {

    public ForkedFigure {
        roundsPerFork = List.copyOf(roundsPerFork);
        forkMedians = List.copyOf(forkMedians);
        if (roundsPerFork.size() != forkMedians.size() || roundsPerFork.isEmpty()) {
            throw new IllegalArgumentException("roundsPerFork has " + roundsPerFork.size() + " entries, forkMedians "
                    + forkMedians.size() + "; must be equal and >= 1");
        }
    }

    /** Number of forks. */
    public int forks() {
        return roundsPerFork.size();
    }

    /**
     * Whether the forks' medians differ by more than a fork's own interval is wide: the variation between JVMs is then
     * larger than the variation between rounds, and with F forks the interval covers it at most
     * {@link Stats#forkCoverage}(F) of the time.
     */
    public boolean betweenForksDominate() {
        return forks() > 1 && betweenSpread > withinWidth;
    }

    /** The same figure with every value times {@code factor} (> 0), in {@code unit}; relative spreads unchanged. */
    public ForkedFigure scaled(double factor, String unit) {
        return new ForkedFigure(estimate.scaled(factor, unit), roundsPerFork,
                forkMedians.stream().map(m -> m * factor).toList(), betweenSpread, withinWidth);
    }

    /** "8" for one fork, "3×8" for three forks of 8 rounds, "3×7–9" where they differ. */
    public String roundsText() {
        return roundsText(roundsPerFork);
    }

    static String roundsText(List<Integer> roundsPerFork) {
        int min = roundsPerFork.stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = roundsPerFork.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (roundsPerFork.size() == 1) {
            return Integer.toString(min);
        }
        return roundsPerFork.size() + "×" + (min == max ? Integer.toString(min) : min + "–" + max);
    }

    /**
     * What the intervals of a report measured over {@code forks} forks cover, in one paragraph (the one home of this
     * text: {@code bench targets}' published tables, {@code bench levers}): over fresh JVMs with the hierarchical
     * bootstrap, what "forks×rounds" and its "*" mean; or, for one fork, that they are within one JVM.
     */
    public static String legend(int forks) {
        return forks > 1 ? "Each timed figure was measured in " + forks + " fresh JVMs (forks) one after another; its "
                + "interval is a hierarchical bootstrap over forks, then rounds, so the variation between JVMs is inside it "
                + "(\"forks×rounds\"; \"*\": the forks' medians differ by more than a fork's own interval, and with " + forks
                + " forks the interval then covers the JVM-to-JVM variation at most "
                + Math.round(100 * Stats.forkCoverage(forks)) + "% of the time)."
                : "Every interval of this run is over rounds inside one JVM: the variation between JVMs is not in it "
                + "(BENCHMARKS.md, \"Limits of the method\").";
    }

    /** {@link #roundsText()} with "*" where {@link #betweenForksDominate()}, as the tables show it beside {@link #legend}. */
    public String roundsFlagged() {
        return roundsText() + (betweenForksDominate() ? "*" : "");
    }

    /**
     * "fork medians 1.23, 1.25, 1.31; between-fork spread 6.4% of the median, a fork's own 95% interval 3.0% wide" and,
     * where it holds, that the spread between forks dominates; "" for one fork.
     */
    public String text() {
        if (forks() == 1) {
            return "";
        }
        StringBuilder sb = new StringBuilder("fork medians ");
        for (int k = 0; k < forkMedians.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(Estimate.number(forkMedians.get(k)));
        }
        sb.append(String.format(Locale.ROOT, "; between-fork spread %.1f%% of the median, a fork's own 95%% interval "
                + "%.1f%% wide (median over forks); interval: hierarchical bootstrap over forks, then rounds",
                100 * betweenSpread, 100 * withinWidth));
        if (betweenForksDominate()) {
            sb.append(String.format(Locale.ROOT, "; **BETWEEN-FORK SPREAD DOMINATES**: JVM-to-JVM variation exceeds the "
                    + "rounds' within a JVM, and with %d forks the interval covers it at most %.0f%% of the time "
                    + "(more forks narrow that gap)", forks(), 100 * Stats.forkCoverage(forks())));
        }
        return sb.toString();
    }
}
