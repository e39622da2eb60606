package dev.isspectral.profile;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Instrumentation;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.state.Field;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilerTest {

    private static Simulation soundWave() {
        return Simulation.builder().grid("4x8x8x8").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).build();
    }

    @Test
    void profilingNeverChangesResults() {
        Simulation sim = soundWave();
        Solver plain = sim.start();
        SpanRecorder spans = new SpanRecorder();
        Solver profiled = sim.start(new Instrumentation(spans, new FftRecorder(spans).decorator()));
        plain.advance(3);
        profiled.advance(3);
        for (Field f : Field.values()) {
            assertArrayEquals(plain.field(f), profiled.field(f), 0.0, f.toString());
        }
    }

    /** The warm-up until steady runs after the fixed steps and says how it ended; its limit is checked. */
    @Test
    void warmupUntilSteadySaysHowItEnded() {
        Profile p = Profiler.of(soundWave()).warmup(2).warmupUntilSteady(java.time.Duration.ofSeconds(3)).steps(2)
                .largeAllocations(0).run();
        String w = p.context().warmup();
        assertTrue(w.matches("2 \\+ [0-9]+ steps, (until steady in [0-9.]+ s \\(.*\\)|stopped at the 3 s limit \\(.*\\))"), w);
        assertTrue(p.context().warmupSteps() > 2, w);
        assertEquals("2 steps", Profiler.of(soundWave()).warmup(2).steps(1).largeAllocations(0).run().context().warmup());
        for (java.time.Duration bad : new java.time.Duration[] {null, java.time.Duration.ZERO, java.time.Duration.ofSeconds(-1)}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Profiler.of(soundWave()).warmupUntilSteady(bad))
                    .getMessage().startsWith("limit = " + bad + "; must be a positive duration"));
        }
        assertTrue(Profiler.flat(List.of(9.0, 10.0, 10.2, 10.4)), "the last 3 within 5 %");
        assertTrue(!Profiler.flat(List.of(10.0, 10.2, 10.6)) && !Profiler.flat(List.of(10.0, 10.0)), "6 % apart; too few");
    }

    /**
     * The measured steps run no code the warm-up has not run: no class is loaded while they run (code met first there is
     * linked and compiled inside the window, and the step may be deoptimized for it). The warm-up resets the recorders
     * once before its steps, as the window does, so that it also runs the steps after a reset, which add to what was
     * recorded: the FFT recorder's table of avoidable transforms (v_y and v_z are zero in this sound wave) finds its
     * keys by equality only there. Each profile gets a fresh simulation, whose box no other test here uses first.
     */
    @Test
    void theMeasuredStepsLoadNoClass() {
        Profile fixed = Profiler.of(soundWaveOn("3x8x4x4")).warmup(3).steps(3).largeAllocations(0).run();
        assertEquals(0, fixed.context().classesLoaded(), fixed.context().loadText());
        Profile steady = Profiler.of(soundWaveOn("3x4x8x4")).warmup(2).warmupUntilSteady(java.time.Duration.ofSeconds(2))
                .steps(3).largeAllocations(0).run();
        assertEquals(0, steady.context().classesLoaded(), steady.context().loadText());
        assertTrue(steady.context().toMap().containsKey("classes_loaded"), "exported with the profile");
    }

    private static Simulation soundWaveOn(String grid) {
        return Simulation.builder().grid(grid).eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).build();
    }

    @Test
    void tablesHaveTheDocumentedColumns() {
        Profile p = Profiler.of(soundWave()).warmup(1).steps(2).run();
        assertEquals(List.of(Columns.SPAN, Columns.DEPTH, Columns.CALLS, Columns.CALLS_PER_STEP, Columns.TOTAL_MS,
                Columns.SELF_MS, Columns.MEAN_MS, Columns.MIN_MS, Columns.MAX_MS, Columns.SHARE_OF_STEP,
                Columns.BYTES, Columns.BYTES_PER_STEP), p.hierarchy().columnNames());
        assertEquals(p.hierarchy().columnNames(), p.breakdown().columnNames());
        assertEquals(List.of(Columns.BACKEND, Columns.SHAPE, Columns.DIRECTION, Columns.REAL_TO_COMPLEX,
                Columns.SINGLE_PRECISION, Columns.THREADS, Columns.CALLS, Columns.CALLS_PER_STEP, Columns.TOTAL_MS,
                Columns.MEAN_MS, Columns.GFLOPS, Columns.SHARE_OF_STEP, Columns.REDUNDANT), p.fft().columnNames());
        assertEquals(List.of(Columns.SPAN, Columns.REDUNDANT, Columns.REDUNDANT_PER_STEP), p.redundancy().columnNames());
        // the summary line gives bytes in binary units, the median step's first, and says which is the mean
        assertTrue(p.toString().matches(".*, allocates [0-9.]+ (B|KiB|MiB)/step \\(mean [0-9.]+ (B|KiB|MiB)\\), peak heap [0-9.]+ MiB, "
                + "solver holds [0-9.]+ (KiB|MiB) \\([0-9]+ bytes/point\\),.*"), p.toString());
        assertEquals(List.of(Columns.SPAN, Columns.FIELD, Columns.KIND, Columns.COUNT, Columns.CALLS_PER_STEP),
                p.avoidable().columnNames());
        assertEquals(List.of(Columns.SPAN, Columns.STEP, Columns.TOTAL_MS), p.spanSteps().columnNames());
        assertEquals(List.of(Columns.STEP, Columns.WALL_MS, Columns.FFT_MS, Columns.BYTES_ALL_THREADS, Columns.HEAP_USED_BYTES,
                Columns.PEAK_HEAP_BYTES, Columns.DT, Columns.CFL, Columns.MEAN_RECOVERY_ITERATIONS,
                Columns.MAX_RECOVERY_ITERATIONS, Columns.MAX_SPEED), p.steps().columnNames());
        assertEquals(List.of(Columns.CALLER, Columns.CALLEE, Columns.CALLS, Columns.CALLS_PER_STEP,
                Columns.CALLS_PER_CALLER_CALL), p.calls().columnNames());
        assertEquals(List.of(Columns.OPERATION, Columns.PATHS, Columns.CALLS, Columns.CALLS_PER_STEP, Columns.TOTAL_MS,
                Columns.SELF_MS), p.operations().columnNames());
        assertEquals(List.of(Columns.SITE, Columns.TOP_FRAME, Columns.OBJECT_CLASS, Columns.COUNT, Columns.BYTES,
                Columns.MAX_BYTES), p.largeAllocations().columnNames());
        assertEquals(List.of(Columns.METRIC, Columns.VALUE), p.summary().columnNames());
        assertEquals(List.of("priorities", "summary", "breakdown", "hierarchy", "calls", "operations", "fft", "redundancy",
                "avoidable_transforms", "large_allocations", "steps", "memory", "caches", "span_steps"), p.tables().stream().map(Table::name).toList());
        assertEquals(List.of(Columns.COMPONENT, Columns.BYTES, Columns.BYTES_PER_POINT), p.memory().columnNames());
        assertEquals(List.of(Columns.NAME, Columns.HITS, Columns.MISSES, Columns.HIT_RATE, Columns.BYTES_HELD),
                p.caches().columnNames());
        assertEquals(List.of(Columns.RANK, Columns.BY, Columns.SPAN, Columns.VALUE, Columns.SHARE),
                p.priorities().columnNames());
    }

    @Test
    void aProfileMeasuresOnlyTheMeasuredStepsAndSeesTheStepSpans() {
        Profile p = Profiler.of(soundWave()).warmup(2).steps(3).run();
        assertEquals(3, p.stepCount());
        Table h = p.hierarchy();
        assertTrue(h.stringColumn(Columns.SPAN).contains("step"), h.print());
        assertEquals(3L, h.where(h.stringColumn(Columns.SPAN).isEqualTo("step")).longColumn(Columns.CALLS).get(0));
        double forwards = p.fft().where(p.fft().stringColumn(Columns.DIRECTION).isEqualTo("forward"))
                .longColumn(Columns.CALLS).sum();
        assertTrue(forwards > 0, p.fft().print());
        assertTrue(p.toString().contains("3 steps"), p.toString());
    }

    @Test
    void callsTableCountsCalleesPerCallerCall() {
        Profile p = Profiler.of(soundWave()).warmup(1).steps(2).largeAllocations(0).run();
        Table calls = p.calls();
        Table gradientFft = calls.where(calls.stringColumn(Columns.CALLEE).isEqualTo("fft.forward")
                .and(calls.stringColumn(Columns.CALLER).isEqualTo("step/stage1/rhs/kinematics/gradient")));
        assertEquals(1, gradientFft.rowCount(), calls.print());
        // shared forward transforms: one forward transform per gradient
        assertEquals(1.0, gradientFft.doubleColumn(Columns.CALLS_PER_CALLER_CALL).get(0), 0.0);
        Table kinematicsGradient = calls.where(calls.stringColumn(Columns.CALLEE).isEqualTo("gradient")
                .and(calls.stringColumn(Columns.CALLER).isEqualTo("step/stage1/rhs/kinematics")));
        // gradients of eps, vx, vy, vz
        assertEquals(4.0, kinematicsGradient.doubleColumn(Columns.CALLS_PER_CALLER_CALL).get(0), 0.0);
        Table step = calls.where(calls.stringColumn(Columns.CALLEE).isEqualTo("step"));
        assertEquals(1.0, step.doubleColumn(Columns.CALLS_PER_STEP).get(0), 0.0);
        assertEquals("", step.stringColumn(Columns.CALLER).get(0));
        Table ops = p.operations();
        Table inverse = ops.where(ops.stringColumn(Columns.OPERATION).isEqualTo("fft.inverse"));
        double inversePerStep = p.fft().where(p.fft().stringColumn(Columns.DIRECTION).isEqualTo("inverse"))
                .doubleColumn(Columns.CALLS_PER_STEP).sum();
        assertEquals(inversePerStep, inverse.doubleColumn(Columns.CALLS_PER_STEP).get(0), 1e-12);
    }

    @Test
    void summaryAndMemoryStateTheSolversOwnAccounting() {
        Simulation sim = soundWave();
        Profile p = Profiler.of(sim).warmup(1).steps(2).largeAllocations(0).run();
        long held = sim.start().bytesHeld(); // nothing observed yet: same accounting as the profile's
        assertEquals(held, p.solverBytes());
        Table memory = p.memory();
        assertEquals((double) held, memory.longColumn(Columns.BYTES).sum(), 0.0);
        Table summary = p.summary();
        double perPoint = summary.where(summary.stringColumn(Columns.METRIC).isEqualTo("solver_bytes_per_point"))
                .doubleColumn(Columns.VALUE).get(0);
        assertEquals(held / 512.0, perPoint, 1e-9);
        Table steps = p.steps();
        for (int r = 0; r < steps.rowCount(); r++) {
            long peak = steps.longColumn(Columns.PEAK_HEAP_BYTES).get(r);
            assertTrue(peak >= steps.longColumn(Columns.HEAP_USED_BYTES).get(r), steps.print());
            // a standing sound wave starting at rest: |v| <= c_s·A·ε/(ε + P) = A·sqrt(3)/4 for A = 1e-3
            double speed = steps.doubleColumn(Columns.MAX_SPEED).get(r);
            assertTrue(speed > 0 && speed < 1e-3 * Math.sqrt(3) / 4, "max |v| = " + speed);
        }
        // still in the first quarter period: the fluid speeds up
        assertTrue(steps.doubleColumn(Columns.MAX_SPEED).get(1) > steps.doubleColumn(Columns.MAX_SPEED).get(0));
    }

    @Test
    void displaysTheHeadlineFirstThenThePriorityMatrix() {
        Profile p = Profiler.of(soundWave()).warmup(1).steps(2).largeAllocations(0).run();
        String html = p.toHtml();
        int findings = html.indexOf("class=\"findings\"");
        int figures = html.indexOf("class=\"figures\"");
        int priorities = html.indexOf("<caption>priorities");
        assertTrue(findings > 0 && figures > findings && priorities > figures, html);
        assertTrue(html.contains("Most of the time goes to") && html.contains("time per step"), html);
        assertTrue(priorities < html.indexOf("<caption>breakdown"));
        String text = p.toText();
        assertTrue(text.indexOf("Most of the time goes to") < text.indexOf(Columns.RANK), text);
    }

    @Test
    void theBaselinesPerPassWorkspacesShowAsLargeAllocationsWithTheirSite() {
        // 32^3 points: one field is 2^15 doubles = 256 KiB; the baseline allocates its derivative
        // and flux arrays afresh in every right-hand side (IsraelStewartRhs.allocateWorkspaces)
        long threshold = 256 * 1024;
        Simulation sim = Simulation.builder().grid("1x32x32x32").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).tuning(dev.isspectral.sim.Tuning.baseline()).build();
        Profile p = Profiler.of(sim).warmup(0).steps(1).largeAllocations(threshold).run();
        Table large = p.largeAllocations();
        assertTrue(large.rowCount() > 0, p.summary().print());
        assertTrue(large.stringColumn(Columns.TOP_FRAME).asList().stream()
                .anyMatch(f -> f.startsWith("dev.isspectral.physics.IsraelStewartRhs.allocateWorkspaces")), large.print());
        for (int r = 0; r < large.rowCount(); r++) {
            assertTrue(large.longColumn(Columns.MAX_BYTES).get(r) >= threshold);
        }
        assertEquals(threshold, p.largeAllocationThreshold());
    }

    @Test
    void theObservationsOwnFirstAllocationIsMadeBeforeTheMeasuredSteps() {
        // the profiler reads max |v| after every step; its first reading allocates the observed primitives (nine
        // field arrays of 256 KiB here). An optimized step allocates nothing that large, so the table must be empty
        long threshold = 256 * 1024;
        Simulation sim = Simulation.builder().grid("1x32x32x32").eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-3)).tuning(dev.isspectral.sim.Tuning.optimized()
                        .withFftBackend("java").withThreads(1)).build();
        Profile p = Profiler.of(sim).warmup(1).steps(2).largeAllocations(threshold).run();
        Table large = p.largeAllocations();
        assertEquals(0, large.rowCount(), large.print());
        assertTrue(p.headline().findings().stream().noneMatch(f -> f.contains("largest allocation site")),
                p.headline().findings().toString());
    }

    @Test
    void aGridWithoutNtNeedsStepsBeforeRunAndIsRefusedBeforeAnyStep() {
        Simulation boxOnly = Simulation.builder().grid("8x8x4").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Profiler.of(boxOnly).warmup(0).largeAllocations(0).run());
        assertEquals("steps = 0 (grid 8x8x4 has no NT); must be >= 1: give NTxNXxNYxNZ or call .steps(n)", e.getMessage());
        assertEquals(1, Profiler.of(boxOnly).warmup(0).steps(1).largeAllocations(0).run().stepCount());
    }

    @Test
    void badSettingsNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profiler.of(soundWave()).steps(0));
        assertEquals("steps = 0; must be >= 1", e.getMessage());
    }
}
