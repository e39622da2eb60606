package dev.isspectral.measure;

import java.util.List;
import java.util.Map;

/**
 * What a fork (a fresh JVM started by {@link Forks}) measures: a public class with a public no-argument constructor,
 * named to the fork by its class name, that builds the {@link Measure} (candidates and settings; the budget is set by
 * {@link Forks}) from string arguments. Every fork builds its own candidates from scratch, so each JVM compiles,
 * lays out and plans them itself: that is the variation between JVMs the forks are there to catch.
 */
public interface ForkSetup {

    /** The measurement to run in this JVM, built from {@code args} (as given to {@link Forks#of}). */
    Measure measure(List<String> args);

    /**
     * The measurement of fork {@code fork} (0-based; 0 when {@link Forks} runs the setup in this JVM). A setup that
     * alternates between forks what it builds first and which candidate leads the rotation (so that neither side of
     * a comparison always starts first) overrides this; {@link Forks} puts every fork's candidates back into the
     * first fork's order before combining them. By default the same as {@link #measure(List)}.
     */
    default Measure measure(List<String> args, int fork) {
        return measure(args);
    }

    /**
     * Figures other than times that the parent needs from this fork (counts, bytes held, a plan's label), read after
     * the measurement ran; keys and values are free text. None by default.
     */
    default Map<String, String> extras() {
        return Map.of();
    }

    /** Releases what {@link #measure} built (native FFT plans, say); called after {@link #extras()}. Nothing by default. */
    default void close() {
    }
}
