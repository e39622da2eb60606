package dev.isspectral.profile;

import dev.isspectral.display.Displayable;
import dev.isspectral.display.Html;
import dev.isspectral.display.Quantities;
import dev.isspectral.display.TableRendering;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a profiled run: immutable tables with the columns of {@link Columns}.
 * Only measured steps count (warm-up steps are excluded). In a notebook it shows its headline first
 * (findings, figures with intervals, what was run: {@link #headline()}), then the priority matrix
 * ({@link #toHtml()}); {@link #toJson()} exports everything and
 * {@link #diff(String, String)} compares two exports.
 */
public final class Profile implements Displayable {

    private final String label;
    private final long points;
    private final List<SpanRecorder.Node> nodes;
    private final List<SpanRecorder.StepRecord> steps;
    private final List<StepStatistics> statistics;
    private final List<FftRecorder.Kind> ffts;
    private final Map<String, Long> redundantBySpan;
    private final List<Solver.MemoryUse> memory;
    private final List<Solver.CacheStatistics> caches;
    private final double[] maxSpeeds;
    private final boolean redundancyDetected;
    private final List<LargeAllocationRecorder.Site> largeAllocations;
    private final long largeThreshold;
    private final String largeNote;
    private final List<long[]> stepTotals;
    private final Map<FftRecorder.Avoidable, Long> avoidable;
    private final int minimumTransforms;
    private final ProfileContext context;

    /** Everything a profiled run measured, handed from the {@link Profiler}. */
    record Measurements(String label, long points, List<SpanRecorder.Node> nodes, List<SpanRecorder.StepRecord> steps,
                        List<StepStatistics> statistics, double[] maxSpeeds, List<FftRecorder.Kind> ffts,
                        boolean redundancyDetected, Map<String, Long> redundantBySpan, List<Solver.MemoryUse> memory,
                        List<Solver.CacheStatistics> caches, List<LargeAllocationRecorder.Site> largeAllocations,
                        long largeThreshold, String largeNote, List<long[]> stepTotals,
                        Map<FftRecorder.Avoidable, Long> avoidable, int minimumTransforms, ProfileContext context) {
    }

    Profile(Measurements m) {
        this(m.label(), m.points(), m.nodes(), m.steps(), m.statistics(), m.maxSpeeds(), m.ffts(), m.redundancyDetected(),
                m.redundantBySpan(), m.memory(), m.caches(), m.largeAllocations(), m.largeThreshold(), m.largeNote(),
                m.stepTotals(), m.avoidable(), m.minimumTransforms(), m.context());
    }

    private Profile(String label, long points, List<SpanRecorder.Node> nodes, List<SpanRecorder.StepRecord> steps,
            List<StepStatistics> statistics, double[] maxSpeeds, List<FftRecorder.Kind> ffts, boolean redundancyDetected,
            Map<String, Long> redundantBySpan, List<Solver.MemoryUse> memory, List<Solver.CacheStatistics> caches,
            List<LargeAllocationRecorder.Site> largeAllocations, long largeThreshold, String largeNote,
            List<long[]> stepTotals, Map<FftRecorder.Avoidable, Long> avoidable, int minimumTransforms, ProfileContext context) {
        this.stepTotals = List.copyOf(stepTotals);
        this.avoidable = new LinkedHashMap<>(avoidable);
        this.minimumTransforms = minimumTransforms;
        this.context = context == null ? ProfileContext.UNKNOWN : context;
        this.maxSpeeds = maxSpeeds.clone();
        this.redundancyDetected = redundancyDetected;
        this.largeAllocations = List.copyOf(largeAllocations);
        this.largeThreshold = largeThreshold;
        this.largeNote = largeNote;
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

    /**
     * Redundant forward transforms by the span that requested them: SPAN, REDUNDANT (over all measured steps),
     * REDUNDANT_PER_STEP (that divided by the measured steps: the figure the headline's "per step" counts add up to).
     */
    public Table redundancy() {
        StringColumn span = StringColumn.create(Columns.SPAN);
        LongColumn count = LongColumn.create(Columns.REDUNDANT);
        DoubleColumn perStep = DoubleColumn.create(Columns.REDUNDANT_PER_STEP);
        int n = Math.max(1, steps.size());
        redundantBySpan.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            span.append(e.getKey());
            count.append(e.getValue());
            perStep.append((double) e.getValue() / n);
        });
        return Table.create("redundancy", span, count, perStep);
    }

    /**
     * Per measured step: STEP, WALL_MS, FFT_MS, BYTES_ALL_THREADS, HEAP_USED_BYTES, PEAK_HEAP_BYTES, DT, CFL,
     * MEAN_RECOVERY_ITERATIONS, MAX_RECOVERY_ITERATIONS, MAX_SPEED. FFT_MS is the time inside the
     * {@code fft.forward} / {@code fft.inverse} spans of the step. Peak heap: see {@link HeapPeak}
     * (an upper bound; -1 where the JVM gives none). MAX_SPEED is max |v| of the state after the step.
     */
    public Table steps() {
        double[] fftMs = fftMsPerStep();
        Table t = Table.create("steps", LongColumn.create(Columns.STEP), DoubleColumn.create(Columns.WALL_MS),
                DoubleColumn.create(Columns.FFT_MS),
                LongColumn.create(Columns.BYTES_ALL_THREADS), LongColumn.create(Columns.HEAP_USED_BYTES),
                LongColumn.create(Columns.PEAK_HEAP_BYTES),
                DoubleColumn.create(Columns.DT), DoubleColumn.create(Columns.CFL),
                DoubleColumn.create(Columns.MEAN_RECOVERY_ITERATIONS), IntColumn.create(Columns.MAX_RECOVERY_ITERATIONS),
                DoubleColumn.create(Columns.MAX_SPEED));
        for (int i = 0; i < steps.size(); i++) {
            SpanRecorder.StepRecord s = steps.get(i);
            StepStatistics st = i < statistics.size() ? statistics.get(i) : null;
            t.longColumn(0).append(s.step());
            t.doubleColumn(1).append(s.wallNanos() / 1e6);
            t.doubleColumn(2).append(fftMs[i]);
            t.longColumn(3).append(s.bytesAllThreads());
            t.longColumn(4).append(s.heapUsedBytes());
            t.longColumn(5).append(s.peakHeapBytes());
            t.doubleColumn(6).append(st == null ? Double.NaN : st.dt());
            t.doubleColumn(7).append(st == null ? Double.NaN : st.cfl());
            t.doubleColumn(8).append(st == null ? Double.NaN : st.meanRecoveryIterations());
            t.intColumn(9).append(st == null ? 0 : st.maxRecoveryIterations());
            t.doubleColumn(10).append(i < maxSpeeds.length ? maxSpeeds[i] : Double.NaN);
        }
        return t;
    }

    /** Milliseconds inside FFT spans, per measured step (NaN where the per-step span totals are missing). */
    private double[] fftMsPerStep() {
        double[] ms = new double[steps.size()];
        for (int i = 0; i < ms.length; i++) {
            if (i >= stepTotals.size()) {
                ms[i] = Double.NaN;
                continue;
            }
            long[] totals = stepTotals.get(i);
            long nanos = 0;
            for (SpanRecorder.Node node : nodes) {
                if ((node.name().equals("fft.forward") || node.name().equals("fft.inverse")) && node.id() < totals.length) {
                    nanos += totals[node.id()];
                }
            }
            ms[i] = nanos / 1e6;
        }
        return ms;
    }

    /**
     * The time of every span path in every measured step: SPAN, STEP, TOTAL_MS (ms inside the span
     * during that step). The per-step samples behind the intervals of {@link #headline()} and of a
     * comparison of two profiles.
     */
    public Table spanSteps() {
        StringColumn span = StringColumn.create(Columns.SPAN);
        LongColumn step = LongColumn.create(Columns.STEP);
        DoubleColumn total = DoubleColumn.create(Columns.TOTAL_MS);
        for (SpanRecorder.Node node : nodes) {
            for (int i = 0; i < steps.size() && i < stepTotals.size(); i++) {
                long[] totals = stepTotals.get(i);
                span.append(node.path());
                step.append(steps.get(i).step());
                total.append(node.id() < totals.length ? totals[node.id()] / 1e6 : 0.0);
            }
        }
        return Table.create("span_steps", span, step, total);
    }

    /**
     * The forward transforms the solver could have skipped, by span, field and kind: SPAN, FIELD (the
     * field the solver named, "" if none), KIND ({@link FftRecorder#REPEAT}: identical non-constant
     * input transformed again; {@link FftRecorder#ZERO} / {@link FftRecorder#CONSTANT}: an input whose
     * values are all 0 / all one constant), COUNT, CALLS_PER_STEP. Repeats first, then by count.
     * Empty when detection was off.
     */
    public Table avoidable() {
        int n = Math.max(1, steps.size());
        StringColumn span = StringColumn.create(Columns.SPAN);
        StringColumn field = StringColumn.create(Columns.FIELD);
        StringColumn kind = StringColumn.create(Columns.KIND);
        LongColumn count = LongColumn.create(Columns.COUNT);
        DoubleColumn perStep = DoubleColumn.create(Columns.CALLS_PER_STEP);
        List<Map.Entry<FftRecorder.Avoidable, Long>> rows = new ArrayList<>(avoidable.entrySet());
        rows.sort(Comparator.comparing((Map.Entry<FftRecorder.Avoidable, Long> e) -> !e.getKey().kind().equals(FftRecorder.REPEAT))
                .thenComparing(e -> -e.getValue()).thenComparing(e -> e.getKey().span()).thenComparing(e -> e.getKey().field()));
        for (Map.Entry<FftRecorder.Avoidable, Long> e : rows) {
            span.append(e.getKey().span());
            field.append(e.getKey().field());
            kind.append(e.getKey().kind());
            count.append(e.getValue());
            perStep.append((double) e.getValue() / n);
        }
        return Table.create("avoidable_transforms", span, field, kind, count, perStep);
    }

    /** What was run, where and when (grid, tuning, backend, threads, commit, machine, load). */
    public ProfileContext context() {
        return context;
    }

    /** The fewest transforms a step of this simulation needs ({@link TransformBudget}); -1 where not derived. */
    public int minimumTransformsPerStep() {
        return minimumTransforms;
    }

    /** The headline figures with their 95% intervals, and the ranked findings in words. */
    public Headline headline() {
        return Headline.of(tablesByName(), context);
    }

    /** {@link #tables()} by name. */
    public Map<String, Table> tablesByName() {
        Map<String, Table> out = new LinkedHashMap<>();
        for (Table t : tables()) {
            out.put(t.name(), t);
        }
        return out;
    }

    /** Largest peak heap of any measured step, bytes; -1 if unknown. */
    public long peakHeapBytes() {
        long max = -1;
        for (SpanRecorder.StepRecord s : steps) {
            max = Math.max(max, s.peakHeapBytes());
        }
        return max;
    }

    /** Bytes the solver holds by its own accounting (state, stages, workspaces, caches). */
    public long solverBytes() {
        long sum = 0;
        for (Solver.MemoryUse m : memory) {
            sum += m.bytes();
        }
        return sum;
    }

    /** N = NX·NY·NZ, the grid points of the box. */
    public long points() {
        return points;
    }

    /** The grid in NT×NX×NY×NZ notation (NT = the profiled grid's step count). */
    public String label() {
        return label;
    }

    /**
     * The solver's own memory accounting (Solver.memory(), taken after warm-up): COMPONENT, BYTES,
     * BYTES_PER_POINT; one row per component (the total is {@link #solverBytes()}, and a row of
     * {@link #summary()}).
     */
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

    /**
     * Caller → callee counts from span nesting: CALLER (span path), CALLEE (span name), CALLS,
     * CALLS_PER_STEP, CALLS_PER_CALLER_CALL (callee calls / caller calls, so a repeated call shows
     * as a number above its expected count). Top-level spans have caller "". Sorted by
     * CALLS_PER_STEP, largest first.
     */
    public Table calls() {
        int n = Math.max(1, steps.size());
        Map<String, Long> callsByPath = new LinkedHashMap<>();
        for (SpanRecorder.Node node : nodes) {
            callsByPath.put(node.path(), node.calls());
        }
        List<SpanRecorder.Node> rows = new ArrayList<>(nodes);
        rows.sort(Comparator.comparingLong(SpanRecorder.Node::calls).reversed());
        StringColumn caller = StringColumn.create(Columns.CALLER);
        StringColumn callee = StringColumn.create(Columns.CALLEE);
        LongColumn calls = LongColumn.create(Columns.CALLS);
        DoubleColumn perStep = DoubleColumn.create(Columns.CALLS_PER_STEP);
        DoubleColumn perCall = DoubleColumn.create(Columns.CALLS_PER_CALLER_CALL);
        for (SpanRecorder.Node node : rows) {
            caller.append(node.parentPath());
            callee.append(node.name());
            calls.append(node.calls());
            perStep.append((double) node.calls() / n);
            long parentCalls = node.depth() == 1 ? n : callsByPath.getOrDefault(node.parentPath(), 0L);
            perCall.append(parentCalls == 0 ? Double.NaN : (double) node.calls() / parentCalls);
        }
        return Table.create("calls", caller, callee, calls, perStep, perCall);
    }

    /**
     * Calls per step of each operation, summed over every path it appears on: OPERATION (span
     * name), PATHS (distinct paths), CALLS, CALLS_PER_STEP, TOTAL_MS, SELF_MS. Sorted by SELF_MS.
     */
    public Table operations() {
        int n = Math.max(1, steps.size());
        Map<String, long[]> byName = new LinkedHashMap<>();
        for (SpanRecorder.Node node : nodes) {
            long[] a = byName.computeIfAbsent(node.name(), k -> new long[4]);
            a[0]++;
            a[1] += node.calls();
            a[2] += node.totalNanos();
            a[3] += node.selfNanos();
        }
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(byName.entrySet());
        rows.sort((x, y) -> Long.compare(y.getValue()[3], x.getValue()[3]));
        Table t = Table.create("operations", StringColumn.create(Columns.OPERATION), IntColumn.create(Columns.PATHS),
                LongColumn.create(Columns.CALLS), DoubleColumn.create(Columns.CALLS_PER_STEP),
                DoubleColumn.create(Columns.TOTAL_MS), DoubleColumn.create(Columns.SELF_MS));
        for (Map.Entry<String, long[]> e : rows) {
            long[] a = e.getValue();
            t.stringColumn(0).append(e.getKey());
            t.intColumn(1).append((int) a[0]);
            t.longColumn(2).append(a[1]);
            t.doubleColumn(3).append((double) a[1] / n);
            t.doubleColumn(4).append(a[2] / 1e6);
            t.doubleColumn(5).append(a[3] / 1e6);
        }
        return t;
    }

    /**
     * Allocations of at least the threshold during the measured steps (Flight Recorder; see
     * {@link LargeAllocationRecorder}): SITE (top stack frames, innermost first, joined by " < "),
     * TOP_FRAME (the allocating method), OBJECT_CLASS, COUNT, BYTES (total), MAX_BYTES; largest
     * total first. Empty when nothing that large was allocated or recording was off. Exact from
     * {@link LargeAllocationRecorder#completeAbove()} bytes up, a lower bound below.
     */
    public Table largeAllocations() {
        Table t = Table.create("large_allocations", StringColumn.create(Columns.SITE), StringColumn.create(Columns.TOP_FRAME),
                StringColumn.create(Columns.OBJECT_CLASS), LongColumn.create(Columns.COUNT), LongColumn.create(Columns.BYTES),
                LongColumn.create(Columns.MAX_BYTES));
        for (LargeAllocationRecorder.Site site : largeAllocations) {
            t.stringColumn(0).append(site.site());
            t.stringColumn(1).append(site.topFrame());
            t.stringColumn(2).append(site.objectClass());
            t.longColumn(3).append(site.count());
            t.longColumn(4).append(site.bytes());
            t.longColumn(5).append(site.maxBytes());
        }
        return t;
    }

    /** The large-allocation threshold in bytes, or 0 if large allocations were not recorded. */
    public long largeAllocationThreshold() {
        return largeThreshold;
    }

    /**
     * The totals: METRIC, VALUE. Metrics: steps, points, ms_per_step (mean), bytes_per_step
     * (all threads, mean), peak_heap_bytes, solver_bytes, solver_bytes_per_point, fft_calls_per_step,
     * minimum_transforms_per_step ({@link TransformBudget}; NaN where not derived),
     * redundant_transforms_per_step (repeats of identical non-constant input) and
     * constant_input_transforms_per_step (transforms of zero or constant fields; both NaN when
     * detection was off), large_allocations (count). The medians with their intervals are in
     * {@link #headline()}.
     */
    public Table summary() {
        int n = Math.max(1, steps.size());
        StringColumn metric = StringColumn.create(Columns.METRIC);
        DoubleColumn value = DoubleColumn.create(Columns.VALUE);
        long fftCalls = 0;
        long redundant = 0;
        for (FftRecorder.Kind k : ffts) {
            fftCalls += k.calls();
            redundant += k.redundant();
        }
        long constant = 0;
        for (FftRecorder.Kind k : ffts) {
            constant += k.constantInputs();
        }
        long largeCount = 0;
        for (LargeAllocationRecorder.Site site : largeAllocations) {
            largeCount += site.count();
        }
        Object[][] rows = {
            {"steps", (double) steps.size()},
            {"points", (double) points},
            {"ms_per_step", steps.isEmpty() ? Double.NaN : stepNanos() / 1e6 / steps.size()},
            {"bytes_per_step", bytesPerStep()},
            {"peak_heap_bytes", (double) peakHeapBytes()},
            {"solver_bytes", (double) solverBytes()},
            {"solver_bytes_per_point", points == 0 ? Double.NaN : (double) solverBytes() / points},
            {"fft_calls_per_step", (double) fftCalls / n},
            {"minimum_transforms_per_step", minimumTransforms < 0 ? Double.NaN : (double) minimumTransforms},
            {"redundant_transforms_per_step", redundancyDetected ? (double) redundant / n : Double.NaN},
            {"constant_input_transforms_per_step", redundancyDetected ? (double) constant / n : Double.NaN},
            {"large_allocations", (double) largeCount},
        };
        for (Object[] row : rows) {
            metric.append((String) row[0]);
            value.append((Double) row[1]);
        }
        return Table.create("summary", metric, value);
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
     * The priority matrix, read first: the top 5 spans by self time and the top 5 by self bytes
     * (allocated by the span's own code, children excluded; spans allocating nothing are left out):
     * RANK, BY ("self time" in ms per step / "bytes" per step), SPAN, VALUE, SHARE (of the step's
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
        // by self bytes: a parent's inclusive bytes would only repeat its children's
        byBytes.removeIf(node -> node.selfBytes() <= 0);
        byBytes.sort(Comparator.comparingLong(SpanRecorder.Node::selfBytes).reversed());
        double stepBytes = bytesPerStep();
        for (int i = 0; i < Math.min(5, byBytes.size()); i++) {
            SpanRecorder.Node node = byBytes.get(i);
            rank.append(i + 1);
            by.append("bytes");
            span.append(node.path());
            value.append((double) node.selfBytes() / n);
            share.append(stepBytes == 0 ? 0 : node.selfBytes() / n / stepBytes);
        }
        return Table.create("priorities", rank, by, span, value, share);
    }

    /** Every table, in report order: the priority matrix first, the per-step span times last. */
    public List<Table> tables() {
        return List.of(priorities(), summary(), breakdown(), hierarchy(), calls(), operations(), fft(), redundancy(),
                avoidable(), largeAllocations(), steps(), memory(), caches(), spanSteps());
    }

    /** The whole profile as JSON (every table, with column types); see {@link ProfileJson}. */
    public String toJson() {
        return ProfileJson.write(this);
    }

    /**
     * The differences between two profiles exported with {@link #toJson()}: see {@link ProfileJson#diff}.
     *
     * @param before the JSON of the first run
     * @param after  the JSON of the second run
     * @return TABLE, KEY, COLUMN, BEFORE, AFTER, DIFFERENCE, RATIO
     */
    public static Table diff(String before, String after) {
        return ProfileJson.diff(before, after);
    }

    /**
     * In a notebook, in the report's order: the headline (findings, figures with their 95% intervals,
     * what was run), then the priority matrix and the breakdown, formatted for reading; the rest of the
     * tables and the charts are a call away.
     */
    @Override
    public String toHtml() {
        TableRendering tables = TableRendering.standard();
        StringBuilder html = new StringBuilder("<div class=\"is-spectral-profile\">\n<p><b>")
                .append(Html.escape(toString())).append("</b></p>\n").append(headline().toHtml());
        if (largeNote != null) {
            html.append("<p>").append(Html.escape(largeNote)).append("</p>\n");
        }
        html.append("<p>Priority matrix: top spans by self time and by bytes allocated per step</p>\n")
                .append(tables.html(priorities()))
                .append(tables.html(breakdown()))
                .append("<p>More: summary(), hierarchy(), calls(), operations(), fft(), avoidable(), largeAllocations(), steps(),"
                        + " memory(), caches(), spanSteps(); ProfilePlots and ReportPlots for charts; ProfileReport for the HTML"
                        + " file.</p>\n</div>");
        return html.toString();
    }

    /** The summary line, the headline, then the priority matrix, as text. */
    @Override
    public String toText() {
        return toString() + "\n" + headline().toText() + "\n" + priorities().print();
    }

    @Override
    public String toString() {
        // the median, as in the headline's "time per step"; the mean beside it (a slow first step pulls it up)
        double[] ms = new double[steps.size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = steps.get(i).wallNanos() / 1e6;
        }
        // bytes likewise: the median step's, then the mean, which one large step can pull far up
        double[] bytes = new double[steps.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = steps.get(i).bytesAllThreads();
        }
        return String.format(Locale.ROOT, "Profile %s: %d steps, median %.3f ms/step (mean %.3f), allocates %s/step (mean %s),"
                        + " peak heap %s, solver holds %s (%.0f bytes/point), %d span paths, %d FFT kinds",
                label, steps.size(), steps.isEmpty() ? 0 : Intervals.median(ms).estimate(),
                steps.isEmpty() ? 0 : stepNanos() / 1e6 / steps.size(),
                Quantities.bytes(steps.isEmpty() ? 0 : Intervals.median(bytes).estimate()), Quantities.bytes(bytesPerStep()),
                Quantities.bytes(peakHeapBytes()), Quantities.bytes(solverBytes()),
                points == 0 ? 0 : (double) solverBytes() / points, nodes.size(), ffts.size());
    }
}
