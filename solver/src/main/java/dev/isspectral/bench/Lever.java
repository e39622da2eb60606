package dev.isspectral.bench;

import dev.isspectral.fft.FftSettings;
import dev.isspectral.sim.Tuning;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One optimization measured on its own (issue 13, "measure each; keep what pays, say what did not"): a name, what it
 * changes, and the tuning without it and with it, both made from the same base tuning (the optimized one on a backend
 * and thread count), so everything else is held fixed. Immutable.
 *
 * @param name     short label, e.g. {@code "fused kernels"}
 * @param what     one sentence: what the lever changes in the step
 * @param without  the base tuning with the lever off
 * @param with     the base tuning with the lever on
 * @param backends the FFT backends it applies to ({@code "jtransforms"}, {@code "java"}, {@code "fftw"}); empty means all
 */
public record Lever(String name, String what, UnaryOperator<Tuning> without, UnaryOperator<Tuning> with,
                    List<String> backends) {

    public Lever {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name = \"" + name + "\"; must be a non-blank label");
        }
        if (what == null || what.isBlank()) {
            throw new IllegalArgumentException("what = \"" + what + "\" for lever \"" + name + "\"; must say what it changes");
        }
        if (without == null || with == null) {
            throw new IllegalArgumentException("lever \"" + name + "\": without and with must both be given");
        }
        backends = List.copyOf(backends);
        for (String b : backends) {
            if (!FftSettings.BACKENDS.contains(b)) {
                throw new IllegalArgumentException("backends contains \"" + b + "\" for lever \"" + name
                        + "\"; must be one of " + FftSettings.BACKENDS);
            }
        }
    }

    /** A lever that applies to every backend. */
    public static Lever of(String name, String what, UnaryOperator<Tuning> without, UnaryOperator<Tuning> with) {
        return new Lever(name, what, without, with, List.of());
    }

    /** The same lever, restricted to {@code backends}. */
    public Lever onlyFor(String... only) {
        return new Lever(name, what, without, with, List.of(only));
    }

    /** Whether the lever applies on {@code backend}. */
    public boolean appliesTo(String backend) {
        return backends.isEmpty() || backends.contains(backend);
    }
}
