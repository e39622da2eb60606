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
        assertEquals(List.of(Columns.SPAN, Columns.REDUNDANT), p.redundancy().columnNames());
        assertEquals(List.of(Columns.STEP, Columns.WALL_MS, Columns.BYTES_ALL_THREADS, Columns.HEAP_USED_BYTES,
                Columns.DT, Columns.CFL, Columns.MEAN_RECOVERY_ITERATIONS, Columns.MAX_RECOVERY_ITERATIONS),
                p.steps().columnNames());
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
    void badSettingsNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profiler.of(soundWave()).steps(0));
        assertEquals("steps = 0; must be >= 1", e.getMessage());
    }
}
