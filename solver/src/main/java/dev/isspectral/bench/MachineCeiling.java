package dev.isspectral.bench;

import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.MachineSpeed;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.parallel.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the machine itself gives from more threads, measured beside the solver's thread scaling so the two can be
 * read together: a fixed amount of work split over the step's team ({@link Workers#shared}) of each thread count, for
 * two loops at the ends of the range a solver's work lies in —
 * <ul>
 *   <li><b>arithmetic</b>: eight independent chains of multiply-adds in registers, no memory traffic: it scales with
 *       the cores the threads really get (vCPUs that are hyperthreads of one physical core share its arithmetic
 *       units and give much less than T×);</li>
 *   <li><b>memory streaming</b>: {@link MachineSpeed#triad} over three arrays of 32 MiB (far beyond
 *       any cache): it scales only as far as the memory bandwidth lets.</li>
 * </ul>
 * All thread counts and both loops are stepped interleaved in one {@link Measure} (order rotated), speed-ups paired
 * per round with their 95% intervals, so a solver's speed-up can be set against the ceiling the same cores give.
 */
final class MachineCeiling {

    /** Multiply-add rounds of the arithmetic loop, over all threads together (8 chains each). */
    static final long ARITHMETIC_ROUNDS = 1L << 24;

    private final List<Integer> threads;
    private final Measurement measurement;

    private MachineCeiling(List<Integer> threads, Measurement measurement) {
        this.threads = threads;
        this.measurement = measurement;
    }

    /** Measures both loops on each thread count (the first is the reference of the speed-ups) within {@code budget}. */
    static MachineCeiling measure(List<Integer> threads, Duration budget) {
        double[][] abc = MachineSpeed.streamArrays();
        double[] sink = new double[256];
        List<Candidate> candidates = new ArrayList<>();
        for (int t : threads) {
            Workers team = Workers.shared(t);
            candidates.add(Candidate.of("arithmetic, " + t, () -> team.forEachItem(t, (chunk, from, to) -> {
                for (int item = from; item < to; item++) {
                    sink[item % sink.length] += MachineSpeed.chains(ARITHMETIC_ROUNDS / t, item);
                }
            })));
        }
        for (int t : threads) {
            Workers team = Workers.shared(t);
            candidates.add(Candidate.of("streaming, " + t, () -> team.forEachChunk(MachineSpeed.STREAM_DOUBLES,
                    Workers.STREAMING_GRAIN, (chunk, from, to) -> MachineSpeed.triad(abc[0], abc[1], abc[2], from, to))));
        }
        Measurement m = Measure.of(candidates).named("machine ceiling").budget(budget).minSample(Duration.ZERO).run();
        if (sink[0] == 42.0 && abc[0][1] == 42.0) {
            System.out.print("");     // keep the results alive
        }
        return new MachineCeiling(List.copyOf(threads), m);
    }

    /** Speed-up of thread count {@code k} over the first: arithmetic ({@code stream} false) or streaming. */
    Estimate speedup(int k, boolean stream) {
        int base = stream ? threads.size() : 0;
        return measurement.speedup(base + k, base);
    }

    /** The measurement (candidates: arithmetic on each thread count, then streaming on each). */
    Measurement measurement() {
        return measurement;
    }

    /** A markdown table: per thread count, the two loops' speed-ups over the first thread count. */
    String toMarkdown() {
        StringBuilder sb = new StringBuilder("\nWhat the machine gives from more threads (the same team, a fixed amount of "
                + "work split over it, both loops and all thread counts interleaved in one run, speed-ups paired per "
                + "round: " + measurement.rounds() + " rounds, " + measurement.load().otherCpuText()
                + " other CPU): arithmetic = eight multiply-add chains in registers (scales with the cores the threads "
                + "really get); memory streaming = a[i] = b[i] + s·c[i] over three arrays of 32 MiB (scales with memory "
                + "bandwidth). A solver's speed-up above is bounded by these.\n\n| threads | arithmetic: speed-up "
                + "[95% CI] | memory streaming: speed-up [95% CI] |\n|---|---|---|\n");
        for (int k = 0; k < threads.size(); k++) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s |%n", threads.get(k), speedup(k, false).formatShort(),
                    speedup(k, true).formatShort()));
        }
        return sb.toString();
    }
}
