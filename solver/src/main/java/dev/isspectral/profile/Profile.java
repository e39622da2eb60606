package dev.isspectral.profile;

import dev.isspectral.sim.Solver;
import dev.isspectral.sim.StepStatistics;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The result of a profiled run: immutable tables with the columns of {@link Columns}.
 * Only measured steps count (warm-up steps are excluded).
 */
public final class Profile {

    private final String label;
    private final long points;
    private final List<SpanRecorder.Node> nodes;
    private final List<SpanRecorder.StepRecord> steps;
    private final List<StepStatistics> statistics;
    private final List<FftRecorder.Kind> ffts;
    private final Map<String, Long> redundantBySpan;
    private final List<Solver.MemoryUse> memory;
    private final List<Solver.CacheStatistics> caches;

    Profile(String label, long points, List<SpanRecorder.Node> nodes, List<SpanRecorder.StepRecord> steps,
            List<StepStatistics> statistics, List<FftRecorder.Kind> ffts, Map<String, Long> redundantBySpan,
            List<Solver.MemoryUse> memory, List<Solver.CacheStatistics> caches) {
        this.label = label;
        this.points = points;
        this.nodes = List.copyOf(nodes);
        this.steps = List.copyOf(steps);
        this.statistics = List.copyOf(statistics);
        this.ffts = List.copyOf(ffts);
        this.redundantBySpan = Map.copyOf(redundantBySpan);
        this.memory = List.copyOf(memory);
        this.caches = List.copyOf(caches);
    }

    /** Measured steps. */
    public int stepCount() {
        return steps.size();
    }

    /** Summed wall time of the measured steps, in nanoseconds. */
    public long stepNanos() {
        long sum = 0;
        for (SpanRecorder.StepRecord s : steps) {
            sum += s.wallNanos();
        }
        return sum;
    }

    /** Mean bytes allocated per measured step by all threads (the steady-state allocation). */
    public double bytesPerStep() {
        long sum = 0;
        for (SpanRecorder.StepRecord s : steps) {
            sum += s.bytesAllThreads();
        }
        return steps.isEmpty() ? 0 : (double) sum / steps.size();
    }

    /** The full span hierarchy: SPAN, DEPTH, CALLS, CALLS_PER_STEP, TOTAL_MS, SELF_MS, MEAN_MS, MIN_MS, MAX_MS, SHARE_OF_STEP, BYTES, BYTES_PER_STEP. */
    public Table hierarchy() {
        return spanTable("hierarchy", nodes);
    }

    /** The major operations: spans of depth at most 3 (e.g. {@code step/stage/rhs}), same columns as {@link #hierarchy()}. */
    public Table breakdown() {
        return spanTable("breakdown", nodes.stream().filter(n -> n.depth() <= 3).toList());
    }

    private Table spanTable(String name, List<SpanRecorder.Node> rows) {
        double stepMs = stepNanos() / 1e6;
        int n = Math.max(1, steps.size());
        StringColumn span = StringColumn.create(Columns.SPAN);
        IntColumn depth = IntColumn.create(Columns.DEPTH);
        LongColumn calls = LongColumn.create(Columns.CALLS);
        DoubleColumn perStep = DoubleColumn.create(Columns.CALLS_PER_STEP);
        DoubleColumn total = DoubleColumn.create(Columns.TOTAL_MS);
        DoubleColumn self = DoubleColumn.create(Columns.SELF_MS);
        DoubleColumn mean = DoubleColumn.create(Columns.MEAN_MS);
        DoubleColumn min = DoubleColumn.create(Columns.MIN_MS);
        DoubleColumn max = DoubleColumn.create(Columns.MAX_MS);
        DoubleColumn share = DoubleColumn.create(Columns.SHARE_OF_STEP);
        LongColumn bytes = LongColumn.create(Columns.BYTES);
        DoubleColumn bytesPerStep = DoubleColumn.create(Columns.BYTES_PER_STEP);
        for (SpanRecorder.Node node : rows) {
            span.append(node.path());
            depth.append(node.depth());
            calls.append(node.calls());
            perStep.append((double) node.calls() / n);
            total.append(node.totalNanos() / 1e6);
            self.append(node.selfNanos() / 1e6);
            mean.append(node.calls() == 0 ? 0 : node.totalNanos() / 1e6 / node.calls());
            min.append(node.minNanos() / 1e6);
            max.append(node.maxNanos() / 1e6);
            share.append(stepMs == 0 ? 0 : node.totalNanos() / 1e6 / stepMs);
            bytes.append(node.bytes());
            bytesPerStep.append((double) node.bytes() / n);
        }
        return Table.create(name, span, depth, calls, perStep, total, self, mean, min, max, share, bytes, bytesPerStep);
    }

    /** FFT statistics: BACKEND, SHAPE, DIRECTION, REAL_TO_COMPLEX, SINGLE_PRECISION, THREADS, CALLS, CALLS_PER_STEP, TOTAL_MS, MEAN_MS, GFLOPS, SHARE_OF_STEP, REDUNDANT. */
    public Table fft() {
        int n = Math.max(1, steps.size());
        double stepMs = stepNanos() / 1e6;
        Table t = Table.create("fft", StringColumn.create(Columns.BACKEND), StringColumn.create(Columns.SHAPE),
                StringColumn.create(Columns.DIRECTION), BooleanColumn.create(Columns.REAL_TO_COMPLEX),
                BooleanColumn.create(Columns.SINGLE_PRECISION), IntColumn.create(Columns.THREADS),
                LongColumn.create(Columns.CALLS), DoubleColumn.create(Columns.CALLS_PER_STEP),
                DoubleColumn.create(Columns.TOTAL_MS), DoubleColumn.create(Columns.MEAN_MS),
                DoubleColumn.create(Columns.GFLOPS), DoubleColumn.create(Columns.SHARE_OF_STEP),
                LongColumn.create(Columns.REDUNDANT));
        for (FftRecorder.Kind k : ffts) {
            double ms = k.totalNanos() / 1e6;
            t.stringColumn(0).append(k.backend());
            t.stringColumn(1).append(k.shape());
            t.stringColumn(2).append(k.direction());
            t.booleanColumn(3).append(k.realToComplex());
            t.booleanColumn(4).append(k.singlePrecision());
            t.intColumn(5).append(k.threads());
            t.longColumn(6).append(k.calls());
            t.doubleColumn(7).append((double) k.calls() / n);
            t.doubleColumn(8).append(ms);
            t.doubleColumn(9).append(k.calls() == 0 ? 0 : ms / k.calls());
            t.doubleColumn(10).append(k.gflops());
            t.doubleColumn(11).append(stepMs == 0 ? 0 : ms / stepMs);
            t.longColumn(12).append(k.redundant());
        }
        return t;
    }

    /** Redundant forward transforms by the span that requested them: SPAN, REDUNDANT. */
    public Table redundancy() {
        StringColumn span = StringColumn.create(Columns.SPAN);
        LongColumn count = LongColumn.create(Columns.REDUNDANT);
        redundantBySpan.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            span.append(e.getKey());
            count.append(e.getValue());
        });
        return Table.create("redundancy", span, count);
    }

    /** Per measured step: STEP, WALL_MS, BYTES_ALL_THREADS, HEAP_USED_BYTES, DT, CFL, MEAN_RECOVERY_ITERATIONS, MAX_RECOVERY_ITERATIONS. */
    public Table steps() {
        Table t = Table.create("steps", LongColumn.create(Columns.STEP), DoubleColumn.create(Columns.WALL_MS),
                LongColumn.create(Columns.BYTES_ALL_THREADS), LongColumn.create(Columns.HEAP_USED_BYTES),
                DoubleColumn.create(Columns.DT), DoubleColumn.create(Columns.CFL),
                DoubleColumn.create(Columns.MEAN_RECOVERY_ITERATIONS), IntColumn.create(Columns.MAX_RECOVERY_ITERATIONS));
        for (int i = 0; i < steps.size(); i++) {
            SpanRecorder.StepRecord s = steps.get(i);
            StepStatistics st = i < statistics.size() ? statistics.get(i) : null;
            t.longColumn(0).append(s.step());
            t.doubleColumn(1).append(s.wallNanos() / 1e6);
            t.longColumn(2).append(s.bytesAllThreads());
            t.longColumn(3).append(s.heapUsedBytes());
            t.doubleColumn(4).append(st == null ? Double.NaN : st.dt());
            t.doubleColumn(5).append(st == null ? Double.NaN : st.cfl());
            t.doubleColumn(6).append(st == null ? Double.NaN : st.meanRecoveryIterations());
            t.intColumn(7).append(st == null ? 0 : st.maxRecoveryIterations());
        }
        return t;
    }

    /** The solver's own memory accounting: COMPONENT, BYTES, BYTES_PER_POINT. */
    public Table memory() {
        StringColumn c = StringColumn.create(Columns.COMPONENT);
        LongColumn b = LongColumn.create(Columns.BYTES);
        DoubleColumn p = DoubleColumn.create(Columns.BYTES_PER_POINT);
        for (Solver.MemoryUse m : memory) {
            c.append(m.component());
            b.append(m.bytes());
            p.append(points == 0 ? 0 : (double) m.bytes() / points);
        }
        return Table.create("memory", c, b, p);
    }

    /** Caches and pools: NAME, HITS, MISSES, HIT_RATE, BYTES_HELD. */
    public Table caches() {
        StringColumn name = StringColumn.create(Columns.NAME);
        LongColumn hits = LongColumn.create(Columns.HITS);
        LongColumn misses = LongColumn.create(Columns.MISSES);
        DoubleColumn rate = DoubleColumn.create(Columns.HIT_RATE);
        LongColumn held = LongColumn.create(Columns.BYTES_HELD);
        for (Solver.CacheStatistics c : caches) {
            name.append(c.name());
            hits.append(c.hits());
            misses.append(c.misses());
            long uses = c.hits() + c.misses();
            rate.append(uses == 0 ? Double.NaN : (double) c.hits() / uses);
            held.append(c.bytesHeld());
        }
        return Table.create("caches", name, hits, misses, rate, held);
    }

    /**
     * The priority matrix, read first: the top {@code 5} spans by self time and the top 5 by bytes
     * allocated: RANK, BY ("self time" in ms / "bytes" per step), SPAN, VALUE, SHARE (of the step's
     * time, or of the step's bytes over all threads).
     */
    public Table priorities() {
        IntColumn rank = IntColumn.create(Columns.RANK);
        StringColumn by = StringColumn.create(Columns.BY);
        StringColumn span = StringColumn.create(Columns.SPAN);
        DoubleColumn value = DoubleColumn.create(Columns.VALUE);
        DoubleColumn share = DoubleColumn.create(Columns.SHARE);
        int n = Math.max(1, steps.size());
        double stepNanos = stepNanos();
        List<SpanRecorder.Node> bySelf = new ArrayList<>(nodes);
        bySelf.sort(Comparator.comparingLong(SpanRecorder.Node::selfNanos).reversed());
        for (int i = 0; i < Math.min(5, bySelf.size()); i++) {
            SpanRecorder.Node node = bySelf.get(i);
            rank.append(i + 1);
            by.append("self time");
            span.append(node.path());
            value.append(node.selfNanos() / 1e6 / n);
            share.append(stepNanos == 0 ? 0 : node.selfNanos() / stepNanos);
        }
        List<SpanRecorder.Node> byBytes = new ArrayList<>(nodes);
        byBytes.removeIf(node -> node.depth() == 1); // the step itself holds everything
        byBytes.sort(Comparator.comparingLong(SpanRecorder.Node::bytes).reversed());
        double stepBytes = bytesPerStep();
        for (int i = 0; i < Math.min(5, byBytes.size()); i++) {
            SpanRecorder.Node node = byBytes.get(i);
            rank.append(i + 1);
            by.append("bytes");
            span.append(node.path());
            value.append((double) node.bytes() / n);
            share.append(stepBytes == 0 ? 0 : node.bytes() / n / stepBytes);
        }
        return Table.create("priorities", rank, by, span, value, share);
    }

    /** Every table, in report order. */
    public List<Table> tables() {
        return List.of(priorities(), breakdown(), hierarchy(), fft(), redundancy(), steps(), memory(), caches());
    }

    @Override
    public String toString() {
        return String.format("Profile %s: %d steps, %.3f ms/step, %.0f bytes/step, %d span paths, %d FFT kinds",
                label, steps.size(), steps.isEmpty() ? 0 : stepNanos() / 1e6 / steps.size(), bytesPerStep(),
                nodes.size(), ffts.size());
    }
}
