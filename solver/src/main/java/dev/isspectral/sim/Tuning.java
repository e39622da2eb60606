package dev.isspectral.sim;

import dev.isspectral.fft.FftSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the solver does its work, never what it computes: the switchable optimizations, from the
 * naive {@link #baseline()} to the tuned {@link #optimized()} default. Every combination computes
 * the same physics (to round-off in double precision; to a stated bound in single precision, see
 * {@link #withSinglePrecision(boolean)}).
 *
 * <p>Immutable; each {@code with…} returns a new value and leaves this one unchanged. Knobs:
 * <ul>
 *   <li>{@code preallocatedWorkspaces}: spectra, derivative, flux and stage arrays allocated once at
 *       setup (true) or afresh on every call (false);</li>
 *   <li>{@code sharedForwardTransforms}: one forward transform of a field feeds all its derivatives
 *       (true) or each derivative transforms the field again (false);</li>
 *   <li>{@code fusedKernels}: fluxes and sources in one pointwise pass (true) or separate passes;</li>
 *   <li>{@code tiledStages}: each implicit stage's combination and predictor solve tile by tile inside
 *       the primitive recovery (true) or as two whole-array passes before it (false),
 *       {@link #withTiledStages(boolean)};</li>
 *   <li>{@code leanStiffPass}: a kernel pass of stiff data alone skips the full π^{μν}, π:σ, π:π and w^i,
 *       which only the explicit sources read (true), or runs every phase (false), {@link #withLeanStiffPass(boolean)};</li>
 *   <li>{@code batchedTransforms}: groups of independent transforms as batches, run side by side as whole
 *       one-thread transforms on a many-threaded engine (true), or one transform at a time split over the
 *       threads (false), see {@link #withBatchedTransforms(boolean)};</li>
 *   <li>the FFT knobs, held as one {@link FftSettings} value ({@link #fftSettings()}), so the solver's
 *       engine is exactly {@code FftEngines.create(tuning.fftSettings(), nx, ny, nz)}:
 *     <ul>
 *       <li>{@code realTransforms}: real-to-complex transforms (true) or complex-to-complex (false);</li>
 *       <li>{@code reusePlans}: FFT objects built once per shape (true) or for every transform;</li>
 *       <li>{@code threads}: threads inside each FFT and in the pointwise kernels (1 … 256);</li>
 *       <li>{@code singlePrecision}: FFTs computed in float32 (fields stay double);</li>
 *       <li>{@code fftBackend}: {@code "java"} (IS-Spectral's own pure-Java transforms: power-of-two boxes,
 *           real-to-complex double), {@code "jtransforms"} (pure Java, any size) or {@code "fftw"} (optional
 *           module; if it is not on the class path or its native library cannot load, the run says so once
 *           and uses JTransforms). Not chosen (the default of {@link #optimized()}): {@code java} where it
 *           applies, else {@code jtransforms}, with a note in the settings tree; chosen
 *           ({@link #withFftBackend}, {@link #withFftSettings}), it is used as asked and refused where it
 *           cannot run;</li>
 *       <li>JTransforms' parallel threshold and FFTW's planner rigour ({@link #withFftSettings}).</li>
 *     </ul></li>
 *   <li>{@code savedFftTuning}: take the FFT settings from the {@link dev.isspectral.fft.FftTuner}'s
 *       saved winner for the simulation's grid, see {@link #withSavedFftTuning()}.</li>
 * </ul>
 *
 * <pre>{@code
 * // once per machine and grid shape: measure the FFT candidates (FFTW too, if its module is on the class path)
 * FftTuner.forGrid(64, 32, 32).runAndSave(Tuning.defaultTuningFile());
 * // then every run on that shape uses the winner (and FFTW's saved wisdom)
 * var sim = Simulation.builder().grid("64x64x32x32").tuning(Tuning.optimized().withSavedFftTuning()).build();
 * sim.fftDescription();   // e.g. "fftw r2c double t2 measure (saved FFT tuning for 64x32x32 from …; FFTW wisdom loaded)"
 * }</pre>
 */
public final class Tuning {

    /** System property naming the FFT tuning file used by {@link #withSavedFftTuning()}. */
    public static final String TUNING_FILE_PROPERTY = "isspectral.fftTuningFile";
    /** Environment variable naming the FFT tuning file (used when the system property is not set). */
    public static final String TUNING_FILE_ENV = "IS_SPECTRAL_FFT_TUNING";

    private final String name;
    private final boolean preallocatedWorkspaces;
    private final boolean sharedForwardTransforms;
    private final boolean fusedKernels;
    private final boolean tiledStages;
    private final boolean leanStiffPass;
    private final int threads;          // the step's team: pointwise kernels, stage arithmetic, k-space passes
    private final FftSettings fft;
    private final Path savedFftTuning;  // null: do not read a tuning file
    private final boolean batchedTransforms;
    private final boolean fftBackendChosen;  // false: java where it applies, else jtransforms (FftEngineFactory)

    private Tuning(String name, boolean preallocatedWorkspaces, boolean sharedForwardTransforms, boolean fusedKernels,
                   boolean tiledStages, boolean leanStiffPass, int threads, FftSettings fft, Path savedFftTuning,
                   boolean batchedTransforms, boolean fftBackendChosen) {
        this.name = name;
        this.fftBackendChosen = fftBackendChosen;
        this.tiledStages = tiledStages;
        this.leanStiffPass = leanStiffPass;
        this.batchedTransforms = batchedTransforms;
        this.threads = threads;
        this.preallocatedWorkspaces = preallocatedWorkspaces;
        this.sharedForwardTransforms = sharedForwardTransforms;
        this.fusedKernels = fusedKernels;
        this.fft = fft;
        this.savedFftTuning = savedFftTuning;
    }

    /**
     * The naive way, kept as a working code path: temporaries allocated per call, complex-to-complex
     * transforms, a new FFT object per transform, each derivative transforms its field again,
     * separate pointwise passes, one transform at a time, one thread, double precision ({@link FftSettings#baseline()}).
     */
    public static Tuning baseline() {
        return new Tuning("baseline", false, false, false, false, false, FftSettings.baseline().threads(), FftSettings.baseline(), null, false, true);
    }

    /**
     * The default: workspaces allocated once, one forward transform per field, fused kernels,
     * real-to-complex transforms with FFT objects built once, batched transforms, all cores, double precision,
     * and the pure-Java backend not chosen: IS-Spectral's own {@code java} transforms where the box allows them
     * (every size a power of two, NZ ≥ 2; real-to-complex double), else JTransforms, said in the simulation's
     * settings tree ({@code fftDescription()}). Add {@link #withSavedFftTuning()} to use the FFT tuner's saved
     * winner for the grid instead, or {@link #withFftBackend} to choose a backend.
     */
    public static Tuning optimized() {
        return new Tuning("optimized", true, true, true, true, true, FftSettings.optimized().threads(),
                FftSettings.optimized().withBackend(FftSettings.JAVA), null, true, false);
    }

    private String derivedName(String knob, Object value) {
        return name.contains(" with ") ? name + ", " + knob + "=" + value : name + " with " + knob + "=" + value;
    }

    /** The knobs of a tuning, mutable, for {@link #copy}: each {@code with…} changes one or two and names the copy. */
    private static final class Knobs {
        String name;
        boolean preallocatedWorkspaces;
        boolean sharedForwardTransforms;
        boolean fusedKernels;
        boolean tiledStages;
        boolean leanStiffPass;
        int threads;
        FftSettings fft;
        Path savedFftTuning;
        boolean batchedTransforms;
        boolean fftBackendChosen;
    }

    /** A copy of this tuning named {@code name}, with the knobs {@code change} sets (it sees this tuning's values). */
    private Tuning copy(String name, java.util.function.Consumer<Knobs> change) {
        Knobs k = new Knobs();
        k.name = name;
        k.preallocatedWorkspaces = preallocatedWorkspaces;
        k.sharedForwardTransforms = sharedForwardTransforms;
        k.fusedKernels = fusedKernels;
        k.tiledStages = tiledStages;
        k.leanStiffPass = leanStiffPass;
        k.threads = threads;
        k.fft = fft;
        k.savedFftTuning = savedFftTuning;
        k.batchedTransforms = batchedTransforms;
        k.fftBackendChosen = fftBackendChosen;
        change.accept(k);
        return new Tuning(k.name, k.preallocatedWorkspaces, k.sharedForwardTransforms, k.fusedKernels, k.tiledStages,
                k.leanStiffPass, k.threads, k.fft, k.savedFftTuning, k.batchedTransforms, k.fftBackendChosen);
    }

    /** A copy with one knob changed, named after it ({@code "optimized with knob=value"}). */
    private Tuning with(String knob, Object value, java.util.function.Consumer<Knobs> change) {
        return copy(derivedName(knob, value), change);
    }

    private Tuning withFft(String knob, Object value, FftSettings settings) {
        return with(knob, value, k -> k.fft = settings);
    }

    /** Workspaces allocated once at setup (true) or on every call (false). */
    public Tuning withPreallocatedWorkspaces(boolean on) {
        return with("preallocatedWorkspaces", on, k -> k.preallocatedWorkspaces = on);
    }

    /** One forward transform per field feeding all its derivatives (true), or one per derivative (false). */
    public Tuning withSharedForwardTransforms(boolean on) {
        return with("sharedForwardTransforms", on, k -> k.sharedForwardTransforms = on);
    }

    /** Fluxes and sources in one fused pointwise pass (true) or separate passes (false). */
    public Tuning withFusedKernels(boolean on) {
        return with("fusedKernels", on, k -> k.fusedKernels = on);
    }

    /**
     * The stage arithmetic in cache-sized tiles (true): each implicit stage's combination
     * Ŷ_i = Uⁿ + h Σ_j (Â_ij E_j + A_ij I_j) and its predictor solve run tile by tile (512 points) inside the
     * primitive recovery of that stage, so the predictor reads Ŷ_i and the recovery reads Y_i⁰ from cache; or
     * as two passes over the whole arrays before the recovery (false). Same bits.
     */
    public Tuning withTiledStages(boolean on) {
        return with("tiledStages", on, k -> k.tiledStages = on);
    }

    /**
     * A pass of stiff data alone (K, X_NS; the last pass of an ARS(2,2,2) step) skips what only the explicit
     * sources read, the full π^{μν} and π:σ, π:π, w^i (true), or runs every phase of the kernel (false).
     * Same bits.
     */
    public Tuning withLeanStiffPass(boolean on) {
        return with("leanStiffPass", on, k -> k.leanStiffPass = on);
    }

    /**
     * Groups of independent transforms as batches (true) or one transform at a time (false). The step has such
     * groups: the four forward and twelve inverse transforms of the gradients of ε, v^x, v^y, v^z, the nine
     * forward and four inverse of the flux divergence (physics.md eq. 4.1), the three inverse of each advection
     * gradient. Batched, they go to the engine in batches of the step team's width ({@link #threads()}), and the
     * engine runs whole one-thread transforms side by side, one per thread of the team, instead of splitting each
     * transform over its own threads (fewer hand-offs, each thread's lines in its own cache). The width is the
     * team's, not the FFT's thread count: a saved FFT tuning that picks one-thread transforms still batches them
     * on a two-thread team. Needs preallocated workspaces, shared forward transforms, double real-to-complex
     * transforms with plans reused, a team of 2 … 12 threads (no group has more than twelve transforms) and either
     * many-threaded transforms or fields of at least 32768 points (smaller one-thread transforms take about what a
     * hand-off to another thread costs; {@code SpectralOperators.MIN_BATCH_POINTS}); otherwise it changes nothing. Results: bit-identical with JTransforms; with FFTW the side-by-side plans are
     * one-thread plans, which FFTW may pick other algorithms for, so fields agree to round-off (tested: 1e-12
     * after 20 nonlinear steps). Memory: max(0, threads − 3) spectra more, and with FFTW one native field and
     * spectrum per thread.
     */
    public Tuning withBatchedTransforms(boolean on) {
        return with("batchedTransforms", on, k -> k.batchedTransforms = on);
    }

    /** Whether groups of independent transforms go to the engine as batches ({@link #withBatchedTransforms}). */
    public boolean batchedTransforms() {
        return batchedTransforms;
    }

    /** Real-to-complex transforms (true) or complex-to-complex transforms of the real fields (false). */
    public Tuning withRealTransforms(boolean on) {
        return withFft("realTransforms", on, fft.withRealTransforms(on));
    }

    /** FFT objects built once per shape and reused (true) or built anew for every transform (false). */
    public Tuning withReusePlans(boolean on) {
        return withFft("reusePlans", on, fft.withReusePlans(on));
    }

    /**
     * Threads of the step, 1 … 256: the pointwise kernels, stage arithmetic and k-space passes, and the
     * threads inside each FFT. Results do not depend on it (each thread owns a fixed contiguous block of
     * lines or points). {@link #withFftSettings} afterwards changes the FFT's threads only.
     */
    public Tuning withThreads(int n) {
        if (n < 1 || n > 256) {
            throw new IllegalArgumentException("threads = " + n + "; must be in [1, 256]");
        }
        return with("threads", n, k -> {
            k.fft = fft.withThreads(n);
            k.threads = n;
        });
    }

    /**
     * FFTs computed in float32 (true) or double (false). Fields, fluxes and time stepping stay in
     * double; only the transforms round to float32, after taking out each field's mean (kept in
     * double), so the rounding is relative to a field's variation, not its background. Measured cost:
     * on the sound-wave validation (physics.md §7.2 case B, 1000 steps) the normalised amplitude moves
     * by at most 6.5e-8 against the double run (tested bound 1e-6; the validation's own tolerance is
     * 1e-3); after 20 steps of the strongly nonlinear run of {@code TuningConsistencyTest} every field
     * is within 2.3e-6 of the double run, relative to its largest value (tested bound 1e-5). With
     * JTransforms float32 runs on the complex path and is not faster than double real-to-complex.
     */
    public Tuning withSinglePrecision(boolean on) {
        return withFft("singlePrecision", on,
                fft.withPrecision(on ? FftSettings.Precision.FLOAT : FftSettings.Precision.DOUBLE));
    }

    /**
     * FFT backend, chosen: {@code "jtransforms"} (pure Java, always there), {@code "java"} (IS-Spectral's own pure-Java
     * transform, faster, power-of-two boxes and real-to-complex double only: anything else is refused when the
     * simulation is built) or {@code "fftw"} (needs the {@code is-spectral-fftw} module on the class path; falls back
     * to JTransforms with one warning line if FFTW cannot load). Without this call the optimized tuning runs
     * {@code java} where it applies and {@code jtransforms} elsewhere ({@link #fftBackendChosen()}).
     */
    public Tuning withFftBackend(String backend) {
        String b = backend == null ? "" : backend.toLowerCase(Locale.ROOT);
        if (!FftSettings.BACKENDS.contains(b)) {
            throw new IllegalArgumentException("fftBackend = \"" + backend + "\"; must be one of " + FftSettings.BACKENDS);
        }
        return with("fftBackend", b, k -> {
            k.fft = fft.withBackend(b);
            k.fftBackendChosen = true;
        });
    }

    /**
     * Whether the FFT backend was chosen ({@link #withFftBackend}, {@link #withFftSettings}, the baseline's
     * JTransforms): then it runs as asked or the simulation is refused. Not chosen (the optimized default), the
     * backend is {@code java} where the box and transforms allow it, else {@code jtransforms}, with a note.
     */
    public boolean fftBackendChosen() {
        return fftBackendChosen;
    }

    /**
     * This tuning with its backend chosen ({@code true}: run as asked, refused where it cannot run) or left to the
     * default rule ({@code false}: {@code java} where it applies, else {@code jtransforms}; only for a tuning whose
     * backend is {@code java}, as the optimized default's). Lets a tuning rebuilt from its knobs (an ensemble's
     * recipe) keep the rule.
     */
    public Tuning withFftBackendChosen(boolean chosen) {
        if (!chosen && !FftSettings.JAVA.equals(fft.backend())) {
            throw new IllegalArgumentException("fftBackendChosen = false with fftBackend = " + fft.backend()
                    + "; only the java backend has a default rule (java where it applies, else jtransforms)");
        }
        return copy(name, k -> k.fftBackendChosen = chosen);
    }

    /**
     * Every FFT knob at once (backend, threads, real or complex, precision, plan reuse, JTransforms'
     * threshold, FFTW rigour), e.g. a winner from {@link dev.isspectral.fft.FftTuner}. Only the transforms
     * take {@code settings.threads()}: the rest of the step keeps this tuning's {@link #threads()} (a tuner
     * that finds one-thread transforms fastest on a small grid must not make the pointwise physics serial).
     */
    public Tuning withFftSettings(FftSettings settings) {
        Objects.requireNonNull(settings, "fftSettings = null; must be an FftSettings value");
        return with("fft", "[" + settings.label() + "]", k -> {
            k.fft = settings;
            k.fftBackendChosen = true;
        });
    }

    /**
     * Use the FFT tuner's saved winner for the simulation's grid ({@link dev.isspectral.fft.FftTuner#runAndSave})
     * from the default tuning file, {@link #defaultTuningFile()}: the system property
     * {@value #TUNING_FILE_PROPERTY} if set, else the environment variable {@value #TUNING_FILE_ENV}, else
     * {@code ~/.is-spectral/fft-tuning.properties}. See {@link #withSavedFftTuning(Path)}.
     */
    public Tuning withSavedFftTuning() {
        return withSavedFftTuning(defaultTuningFile());
    }

    /**
     * Use the FFT tuner's saved winner for the simulation's grid from {@code file}. When the solver is
     * set up, the saved settings for its grid replace this tuning's FFT settings (backend, threads,
     * real/complex, precision, plan reuse, thresholds, rigour), and saved FFTW wisdom is handed to FFTW.
     * A missing file, or one without this grid, means this tuning's own FFT settings. A corrupt or
     * foreign file (other format, core count or JVM) is reported once, by file name and reason, and
     * this tuning's own FFT settings are used: a run never crashes on it and never changes its results
     * silently. The effective choice shows in the simulation's settings tree.
     */
    public Tuning withSavedFftTuning(Path file) {
        Objects.requireNonNull(file, "tuning file = null; must be a path");
        return with("savedFftTuning", file, k -> k.savedFftTuning = file);
    }

    /** This tuning ignoring any saved FFT tuning. */
    public Tuning withoutSavedFftTuning() {
        return with("savedFftTuning", "none", k -> k.savedFftTuning = null);
    }

    /** The default FFT tuning file; see {@link #withSavedFftTuning()}. */
    public static Path defaultTuningFile() {
        String property = System.getProperty(TUNING_FILE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(TUNING_FILE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".is-spectral", "fft-tuning.properties");
    }

    /** This tuning under another name (for tables and plots). */
    public Tuning named(String newName) {
        if (newName == null || newName.isBlank()) {
            throw new IllegalArgumentException("name = \"" + newName + "\"; must not be blank");
        }
        return copy(newName, k -> { });
    }

    /** The name shown in tables and plots, e.g. {@code "optimized with threads=1"}. */
    public String name() {
        return name;
    }

    /** Whether workspaces are allocated once at setup. */
    public boolean preallocatedWorkspaces() {
        return preallocatedWorkspaces;
    }

    /** Whether one forward transform of a field feeds all its derivatives. */
    public boolean sharedForwardTransforms() {
        return sharedForwardTransforms;
    }

    /** Whether fluxes and sources are computed in one fused pointwise pass. */
    public boolean fusedKernels() {
        return fusedKernels;
    }

    /** Whether each implicit stage's combination and predictor solve run tile by tile inside the recovery. */
    public boolean tiledStages() {
        return tiledStages;
    }

    /** Whether a pass of stiff data alone skips the phases only the explicit sources read. */
    public boolean leanStiffPass() {
        return leanStiffPass;
    }

    /** Whether FFTs are real-to-complex (asked for; JTransforms runs float32 on its complex path). */
    public boolean realTransforms() {
        return fft.realToComplex();
    }

    /** Whether FFT objects are built once per shape and reused. */
    public boolean reusePlans() {
        return fft.reusePlans();
    }

    /** Threads of the step's team (pointwise kernels, stage arithmetic, k-space passes); the FFT's own are {@code fftSettings().threads()}. */
    public int threads() {
        return threads;
    }

    /** Whether FFTs compute in float32. */
    public boolean singlePrecision() {
        return fft.precision() == FftSettings.Precision.FLOAT;
    }

    /** The FFT backend asked for: {@code "java"}, {@code "jtransforms"} or {@code "fftw"} (see {@link #fftBackendChosen()}). */
    public String fftBackend() {
        return fft.backend();
    }

    /** The FFT knobs as asked for (before a saved tuning or a backend fallback is applied). */
    public FftSettings fftSettings() {
        return fft;
    }

    /** The tuning file whose saved winner replaces the FFT settings, if {@link #withSavedFftTuning} was asked for. */
    public Optional<Path> savedFftTuning() {
        return Optional.ofNullable(savedFftTuning);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tuning t && t.preallocatedWorkspaces == preallocatedWorkspaces
                && t.sharedForwardTransforms == sharedForwardTransforms && t.fusedKernels == fusedKernels
                && t.tiledStages == tiledStages && t.leanStiffPass == leanStiffPass && t.threads == threads && t.fft.equals(fft) && Objects.equals(t.savedFftTuning, savedFftTuning)
                && t.batchedTransforms == batchedTransforms && t.fftBackendChosen == fftBackendChosen;
    }

    @Override
    public int hashCode() {
        return Objects.hash(preallocatedWorkspaces, sharedForwardTransforms, fusedKernels, tiledStages, leanStiffPass, threads, fft, savedFftTuning,
                batchedTransforms, fftBackendChosen);
    }

    /** One line: the name and every knob (the FFT knobs as asked for; the simulation tree shows the effective engine). */
    public String describe() {
        return String.format(Locale.ROOT, "%s: workspaces %s, %s, %s kernels, %s stages, %s stiff pass, %s transforms%s, %s, %d thread%s, %s, %s%s%s%s",
                name, preallocatedWorkspaces ? "preallocated" : "per call",
                sharedForwardTransforms ? "one forward FFT per field" : "one forward FFT per derivative",
                fusedKernels ? "fused" : "separate", tiledStages ? "tiled" : "whole-array", leanStiffPass ? "lean" : "full",
                realTransforms() ? "real-to-complex" : "complex-to-complex",
                batchedTransforms ? " (batched)" : "",
                reusePlans() ? "FFT plans reused" : "new FFT plan per transform", threads(), threads() == 1 ? ""
                        : "s" + (fft.threads() == threads ? "" : " (FFT " + fft.threads() + ")"),
                singlePrecision() ? "float32 FFTs" : "double",
                fftBackendChosen ? fftBackend() : fftBackend() + " where it applies (else jtransforms)",
                fft.jtransformsThreadsBeginN() > 0 ? ", JTransforms threads from " + fft.jtransformsThreadsBeginN() : "",
                FftSettings.FFTW.equals(fftBackend()) ? ", FFTW rigour " + fft.rigour().name().toLowerCase(Locale.ROOT)
                        + (fft.teamSplit() ? "" : ", FFTW's own threads") : "",
                savedFftTuning == null ? "" : ", saved FFT tuning from " + savedFftTuning);
    }

    @Override
    public String toString() {
        return describe();
    }
}
