package dev.isspectral.fft;

import java.util.function.Supplier;

/**
 * The deliberately naive baseline: every {@link #forward} and {@link #inverse} builds a fresh engine
 * (new FFT objects, new temporaries) from the supplier, uses it once and drops it.
 */
final class NewPlanPerCallEngine implements FftEngine {

    private final Supplier<FftEngine> factory;
    private final FftEngine shape;
    private final FftSettings settings;

    NewPlanPerCallEngine(Supplier<FftEngine> factory, FftSettings settings) {
        this.factory = factory;
        this.settings = settings;
        try (FftEngine probe = factory.get()) {
            this.shape = probe;
        }
    }

    @Override
    public String backend() {
        return shape.backend();
    }

    @Override
    public int nx() {
        return shape.nx();
    }

    @Override
    public int ny() {
        return shape.ny();
    }

    @Override
    public int nz() {
        return shape.nz();
    }

    @Override
    public int threads() {
        return shape.threads();
    }

    @Override
    public boolean realToComplex() {
        return shape.realToComplex();
    }

    @Override
    public boolean singlePrecision() {
        return shape.singlePrecision();
    }

    @Override
    public void forward(double[] real, double[] spectrum) {
        try (FftEngine engine = factory.get()) {
            engine.forward(real, spectrum);
        }
    }

    @Override
    public void inverse(double[] spectrum, double[] real) {
        try (FftEngine engine = factory.get()) {
            engine.inverse(spectrum, real);
        }
    }

    @Override
    public String toString() {
        return "NewPlanPerCallEngine[" + nx() + "x" + ny() + "x" + nz() + ", " + settings.label() + "]";
    }
}
