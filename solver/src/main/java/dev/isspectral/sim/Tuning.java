package dev.isspectral.sim;

import java.util.Locale;

/**
 * How the solver does its work, never what it computes: the switchable optimizations, from the
 * naive {@link #baseline()} to the tuned {@link #optimized()} default. Every combination computes
 * the same physics (to round-off in double precision; a stated bound in single precision).
 *
 * <p>Immutable; each {@code with…} returns a new value. Knobs:
 * <ul>
 *   <li>{@code preallocatedWorkspaces}: spectra, derivative, flux and stage arrays allocated once at
 *       setup (true) or afresh on every call (false);</li>
 *   <li>{@code sharedForwardTransforms}: one forward transform of a field feeds all its derivatives
 *       (true) or each derivative transforms the field again (false);</li>
 *   <li>{@code fusedKernels}: fluxes and sources in one pointwise pass (true) or separate passes;</li>
 *   <li>{@code realTransforms}: real-to-complex transforms (true) or complex-to-complex (false);</li>
 *   <li>{@code reusePlans}: FFT objects built once per shape (true) or for every transform;</li>
 *   <li>{@code threads}: threads inside each FFT (≥ 1);</li>
 *   <li>{@code singlePrecision}: FFTs in float32 (false: double);</li>
 *   <li>{@code fftBackend}: {@code "jtransforms"} (pure Java) or {@code "fftw"} (optional module).</li>
 * </ul>
 */
public final class Tuning {

    private final String name;
    private final boolean preallocatedWorkspaces;
    private final boolean sharedForwardTransforms;
    private final boolean fusedKernels;
    private final boolean realTransforms;
    private final boolean reusePlans;
    private final int threads;
    private final boolean singlePrecision;
    private final String fftBackend;

    private Tuning(String name, boolean preallocatedWorkspaces, boolean sharedForwardTransforms, boolean fusedKernels,
                   boolean realTransforms, boolean reusePlans, int threads, boolean singlePrecision, String fftBackend) {
        this.name = name;
        this.preallocatedWorkspaces = preallocatedWorkspaces;
        this.sharedForwardTransforms = sharedForwardTransforms;
        this.fusedKernels = fusedKernels;
        this.realTransforms = realTransforms;
        this.reusePlans = reusePlans;
        this.threads = threads;
        this.singlePrecision = singlePrecision;
        this.fftBackend = fftBackend;
    }

    /**
     * The naive way, kept as a working code path: temporaries allocated per call, complex-to-complex
     * transforms, a new FFT object per transform, each derivative transforms its field again,
     * separate pointwise passes, one thread, double precision.
     */
    public static Tuning baseline() {
        return new Tuning("baseline", false, false, false, false, false, 1, false, "jtransforms");
    }

    /**
     * The default: workspaces allocated once, one forward transform per field, fused kernels,
     * real-to-complex transforms with FFT objects built once, all cores, double precision,
     * JTransforms.
     */
    public static Tuning optimized() {
        return new Tuning("optimized", true, true, true, true, true,
                Runtime.getRuntime().availableProcessors(), false, "jtransforms");
    }

    private Tuning copy(String newName) {
        return new Tuning(newName, preallocatedWorkspaces, sharedForwardTransforms, fusedKernels, realTransforms,
                reusePlans, threads, singlePrecision, fftBackend);
    }

    private String derivedName(String knob, Object value) {
        return name.contains(" + ") || name.contains(" with ") ? name + ", " + knob + "=" + value : name + " with " + knob + "=" + value;
    }

    public Tuning withPreallocatedWorkspaces(boolean on) {
        Tuning t = new Tuning(derivedName("preallocatedWorkspaces", on), on, sharedForwardTransforms, fusedKernels,
                realTransforms, reusePlans, threads, singlePrecision, fftBackend);
        return t;
    }

    public Tuning withSharedForwardTransforms(boolean on) {
        return new Tuning(derivedName("sharedForwardTransforms", on), preallocatedWorkspaces, on, fusedKernels,
                realTransforms, reusePlans, threads, singlePrecision, fftBackend);
    }

    public Tuning withFusedKernels(boolean on) {
        return new Tuning(derivedName("fusedKernels", on), preallocatedWorkspaces, sharedForwardTransforms, on,
                realTransforms, reusePlans, threads, singlePrecision, fftBackend);
    }

    public Tuning withRealTransforms(boolean on) {
        return new Tuning(derivedName("realTransforms", on), preallocatedWorkspaces, sharedForwardTransforms, fusedKernels,
                on, reusePlans, threads, singlePrecision, fftBackend);
    }

    public Tuning withReusePlans(boolean on) {
        return new Tuning(derivedName("reusePlans", on), preallocatedWorkspaces, sharedForwardTransforms, fusedKernels,
                realTransforms, on, threads, singlePrecision, fftBackend);
    }

    /** Threads inside each FFT, 1 … 256. */
    public Tuning withThreads(int n) {
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("threads = " + n + "; must be in [1, 256]");
        }
        return new Tuning(derivedName("threads", n), preallocatedWorkspaces, sharedForwardTransforms, fusedKernels,
                realTransforms, reusePlans, n, singlePrecision, fftBackend);
    }

    public Tuning withSinglePrecision(boolean on) {
        return new Tuning(derivedName("singlePrecision", on), preallocatedWorkspaces, sharedForwardTransforms, fusedKernels,
                realTransforms, reusePlans, threads, on, fftBackend);
    }

    /** FFT backend: {@code "jtransforms"} or {@code "fftw"}. */
    public Tuning withFftBackend(String backend) {
        String b = backend == null ? "" : backend.toLowerCase(Locale.ROOT);
        if (!b.equals("jtransforms") && !b.equals("fftw")) {
            throw new IllegalArgumentException("fftBackend = \"" + backend + "\"; must be jtransforms or fftw");
        }
        return new Tuning(derivedName("fftBackend", b), preallocatedWorkspaces, sharedForwardTransforms, fusedKernels,
                realTransforms, reusePlans, threads, singlePrecision, b);
    }

    /** This tuning under another name (for tables and plots). */
    public Tuning named(String newName) {
        if (newName == null || newName.isBlank()) {
            throw new IllegalArgumentException("name = \"" + newName + "\"; must not be blank");
        }
        return copy(newName);
    }

    public String name() {
        return name;
    }

    public boolean preallocatedWorkspaces() {
        return preallocatedWorkspaces;
    }

    public boolean sharedForwardTransforms() {
        return sharedForwardTransforms;
    }

    public boolean fusedKernels() {
        return fusedKernels;
    }

    public boolean realTransforms() {
        return realTransforms;
    }

    public boolean reusePlans() {
        return reusePlans;
    }

    public int threads() {
        return threads;
    }

    public boolean singlePrecision() {
        return singlePrecision;
    }

    public String fftBackend() {
        return fftBackend;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tuning t && t.preallocatedWorkspaces == preallocatedWorkspaces
                && t.sharedForwardTransforms == sharedForwardTransforms && t.fusedKernels == fusedKernels
                && t.realTransforms == realTransforms && t.reusePlans == reusePlans && t.threads == threads
                && t.singlePrecision == singlePrecision && t.fftBackend.equals(fftBackend);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(preallocatedWorkspaces, sharedForwardTransforms, fusedKernels, realTransforms,
                reusePlans, threads, singlePrecision, fftBackend);
    }

    /** One line: the name and every knob. */
    public String describe() {
        return String.format(Locale.ROOT, "%s: workspaces %s, %s, %s kernels, %s transforms, %s, %d thread%s, %s, %s",
                name, preallocatedWorkspaces ? "preallocated" : "per call",
                sharedForwardTransforms ? "one forward FFT per field" : "one forward FFT per derivative",
                fusedKernels ? "fused" : "separate", realTransforms ? "real-to-complex" : "complex-to-complex",
                reusePlans ? "FFT plans reused" : "new FFT plan per transform", threads, threads == 1 ? "" : "s",
                singlePrecision ? "float32 FFTs" : "double", fftBackend);
    }

    @Override
    public String toString() {
        return describe();
    }
}
