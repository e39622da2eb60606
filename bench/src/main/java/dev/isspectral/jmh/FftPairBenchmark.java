package dev.isspectral.jmh;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftEngines;
import dev.isspectral.fft.FftSettings;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A forward+inverse pair of the FFT engine of {@code FftSettings.optimized()} on each backend, at three sizes: the
 * same quantity {@link SideBySide} measures with the project's method. Average time per pair, ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FftPairBenchmark {

    /** NX×NY×NZ. */
    @Param({"32x16x16", "64x32x32", "128x64x64"})
    public String size;

    /** "jtransforms" or "fftw". */
    @Param({"jtransforms", "fftw"})
    public String backend;

    private FftEngine engine;
    private double[] field;
    private double[] spectrum;
    private double[] back;

    @Setup(Level.Trial)
    public void build() {
        int[] n = Shapes.parse(size);
        engine = FftEngines.create(Shapes.settings(backend), n[0], n[1], n[2]);
        if (!engine.backend().equals(backend)) {
            throw new IllegalStateException("backend " + backend + " could not be loaded (fell back to "
                    + engine.backend() + "): " + FftEngines.unavailableReason(backend).orElse(""));
        }
        field = Shapes.field(n[0] * n[1] * n[2]);
        spectrum = new double[engine.spectrumLength()];
        back = new double[engine.realLength()];
    }

    @TearDown(Level.Trial)
    public void close() {
        engine.close();
    }

    /** One forward and one inverse transform. */
    @Benchmark
    public void pair(Blackhole bh) {
        engine.forward(field, spectrum);
        engine.inverse(spectrum, back);
        bh.consume(back[0]);
    }

    /** The engine settings measured: the optimized FFT settings on {@code backend}. */
    static FftSettings settingsOf(String backend) {
        return Shapes.settings(backend);
    }
}
