package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.grid.Grid;
import dev.isspectral.physics.Transport;
import dev.isspectral.profile.Profiler;
import dev.isspectral.profile.Scaling;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The library items of issue 14: memory check, thread confinement, interrupts, nulls, NaN defaults, blame. */
class HardeningTest {

    @Test
    void aGridThatCannotFitIsRefusedBeforeAnyLargeAllocation() {
        long max = Runtime.getRuntime().maxMemory();
        // enough points that the state alone exceeds the heap, within Grid.MAX_POINTS
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                () -> Simulation.builder().grid("8x2048x2048x64").build());
        assertTrue(e.getMessage().startsWith("grid = 8x2048x2048x64: "), e.getMessage());
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "-Xmx = %.1f MiB", max / 1048576.0)), e.getMessage());
        assertTrue(e.getMessage().contains("the largest grid of this shape that fits is 8x"), e.getMessage());
        // the suggested grid really is within the limit by the same estimate
        String suggested = e.getMessage().replaceAll(".*fits is (\\S+?),.*", "$1");
        Grid g = Grid.parse(suggested);
        assertTrue(g.size() < Grid.parse("8x2048x2048x64").size(), suggested);
    }

    @Test
    void largestFittingHalvesTheLongestAxisUntilTheEstimateFits() {
        Grid g = Grid.parse("4x64x32x32");
        long bytes = 1000L * g.size();
        assertEquals("the largest grid of this shape that fits is 4x32x32x32", MemoryBudget.largestFitting(g, bytes, bytes / 2));
        assertEquals("the largest grid of this shape that fits is 4x16x16x16", MemoryBudget.largestFitting(g, bytes, bytes / 16));
        assertEquals("not even a 1x1x1 grid fits", MemoryBudget.largestFitting(g, bytes, 10));
    }

    @Test
    void fftwNativeBuffersAreCountedAgainstTheNativeLimit() {
        Grid g = Grid.parse("1x64x64x64");
        assertEquals(0, MemoryBudget.nativeFftBytes(dev.isspectral.fft.FftSettings.optimized(), g));
        var fftw = dev.isspectral.fft.FftSettings.optimized().withBackend(dev.isspectral.fft.FftSettings.FFTW);
        assertEquals(8L * (g.size() + 2L * g.spectrumSize()), MemoryBudget.nativeFftBytes(fftw, g));
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class,
                () -> MemoryBudget.requireNative(Long.MAX_VALUE / 2, g, "fftw"));
        assertTrue(e.getMessage().contains("native memory") && e.getMessage().contains("org.bytedeco.javacpp.maxBytes"), e.getMessage());
    }

    @Test
    void aSecondThreadIsRefusedAtOnceWhileAStepRuns() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Simulation sim = Simulation.builder().grid("4x8x8x8").build();
        Solver solver = sim.start(new Instrumentation(new dev.isspectral.trace.Tracer() {
            @Override
            public dev.isspectral.trace.Span open(String name) {
                return dev.isspectral.trace.Span.NONE;
            }

            @Override
            public void stepStarted(long step) {
                if (step == 1) {
                    inStep.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }, java.util.function.UnaryOperator.identity()));
        AtomicReference<Throwable> stepperFailure = new AtomicReference<>();
        Thread stepper = new Thread(() -> {
            try {
                solver.step();
            } catch (Throwable t) {
                stepperFailure.set(t);
            }
        }, "stepper");
        stepper.start();
        assertTrue(inStep.await(10, TimeUnit.SECONDS));
        for (Runnable second : new Runnable[] {solver::step, () -> solver.advance(1), solver::primitives,
            () -> solver.field(dev.isspectral.state.Field.T00), solver::minRelaxationTime}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, second::run);
            assertTrue(e.getMessage().contains("while thread \"stepper\" is taking step 1")
                    && e.getMessage().contains("confined to one thread at a time"), e.getMessage());
        }
        release.countDown();
        stepper.join(10_000);
        assertEquals(null, stepperFailure.get());
        assertEquals(1, solver.stepCount());
        solver.step();   // handed over between steps: fine
        assertEquals(2, solver.stepCount());
    }

    @Test
    void profilerRunStopsWhenInterrupted() {
        Simulation sim = Simulation.builder().grid("1000x8x8x8").build();
        Thread.currentThread().interrupt();
        try {
            SimulationException e = assertThrows(SimulationException.class,
                    () -> Profiler.of(sim).warmup(0).largeAllocations(0).redundancy(false).run());
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void nullsAreNamedNotRawNullPointerExceptions() {
        Simulation sim = Simulation.builder().grid("2x8x8x8").build();
        assertEquals("until = null; must be e.g. Until.steps(32) or Until.time(1.0)",
                assertThrows(IllegalArgumentException.class, () -> sim.run((Until) null)).getMessage());
        assertEquals("simulation = null; must be a built Simulation",
                assertThrows(IllegalArgumentException.class, () -> Scaling.of(null)).getMessage());
    }

    @Test
    void aNanPulseWidthIsRefusedNotReadAsTheDefault() {
        assertEquals("width = NaN; must be a finite number > 0",
                assertThrows(IllegalArgumentException.class, () -> Initial.gaussianPulse().width(Double.NaN)).getMessage());
    }

    @Test
    void nonFiniteInitialShearIsBlamedOnTheShearComponentNotOnT00() {
        Initial bad = Initial.custom("pi^xx = NaN at the origin", (x, y, z, out) -> {
            out[0] = 1;
            out[5] = x == 0 && y == 0 && z == 0 ? Double.NaN : 0;
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulation.builder().grid("2x4x4x4").transport(Transport.etaOverS(0.1)).initial(bad).build());
        assertTrue(e.getMessage().contains("gives pi^xx = NaN at grid index (0, 0, 0); must be finite"), e.getMessage());
    }
}
