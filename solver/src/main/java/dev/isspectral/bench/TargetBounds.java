package dev.isspectral.bench;

/**
 * The bounds {@link Targets} judges its rows against: issue 13's targets for this 2-core machine (2 threads, double
 * precision, the {@link Workload}, IMEX), and issue 4's where issue 13 sets none. One place, so the harness, the
 * notebooks and the prose quote the same numbers. A row is PASS only when its whole 95% interval is on the good side
 * ({@link dev.isspectral.measure.Verdict}).
 */
public final class TargetBounds {

    /** 64×64×32×32, the whole 64-step run with FFTW (the best backend), s: at most. */
    public static final double RUN_64_BEST_S = 1.8;
    /** 64×64×32×32, the whole 64-step run in pure Java (the java backend), s: at most. */
    public static final double RUN_64_PURE_JAVA_S = 3.5;
    /** 128×128×64×64, seconds per step with FFTW: at most. */
    public static final double STEP_128_BEST_S = 0.25;
    /** 128×128×64×64, seconds per step in pure Java: at most. */
    public static final double STEP_128_PURE_JAVA_S = 0.40;
    /** 128×128×64×64, peak live heap, MB: at most. */
    public static final double PEAK_HEAP_MB = 400;
    /** 2 threads against 1 at 128×64×64, either backend: at least. */
    public static final double TWO_THREADS_SPEEDUP = 1.8;
    /** The box the FFT-bound ratios are set for (the notebooks judge them there only). */
    public static final String FFT_BOUND_BOX = "128x64x64";
    /** FFT-bound ratio at 128×64×64 with FFTW: at most. */
    public static final double FFT_BOUND_FFTW = 1.5;
    /** FFT-bound ratio at 128×64×64 with JTransforms: at most. */
    public static final double FFT_BOUND_JTRANSFORMS = 1.25;
    /** Steady-state allocation of an optimized step from solver code, B/step: exactly. */
    public static final double STEADY_ALLOCATION_B = 0;
    /** Optimized against baseline at 32×32×16×16, both on one thread (issue 4): speed-up at least. */
    public static final double OPTIMIZED_SPEEDUP = 10;
    /** Optimized against baseline at 32×32×16×16 (issue 4): fewer bytes allocated per step, at least. */
    public static final double FEWER_BYTES = 100;
    /** Fitted exponent of step time against N, 32×32×16 … 128×128×128 (issue 4): at most. */
    public static final double SCALING_EXPONENT = 1.15;
    /** The thread count issue 13's many-core targets are set for (a 16-core workstation-class machine). */
    public static final int MANY_CORE_THREADS = 16;
    /** The large box of the many-core targets. */
    public static final String MANY_CORE_LARGE_BOX = "256x128x128";
    /** 16 threads against 1 at 256×128×128: at least. */
    public static final double MANY_CORE_SPEEDUP_LARGE = 10;
    /** 16 threads against 1 at 128×64×64 ({@link #FFT_BOUND_BOX}): at least. */
    public static final double MANY_CORE_SPEEDUP_SMALL = 7;
    /** Nanoseconds per point-step at 256×128×128 on 16 threads: at most. */
    public static final double MANY_CORE_NS_PER_POINT_STEP = 150;

    private TargetBounds() {
    }
}
