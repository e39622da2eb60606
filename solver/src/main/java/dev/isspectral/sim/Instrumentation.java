package dev.isspectral.sim;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.trace.Tracer;
import java.util.function.UnaryOperator;

/**
 * How an observer watches a solver: a {@link Tracer} for spans, and a decorator applied to every
 * FFT engine the solver creates (to time and count transforms). Observation never changes results.
 *
 * @param tracer       receives the solver's spans
 * @param fftDecorator wraps each FFT engine; must keep its results unchanged
 */
public record Instrumentation(Tracer tracer, UnaryOperator<FftEngine> fftDecorator) {

    /** No observation: {@link Tracer#OFF} and engines as they are. */
    public static final Instrumentation NONE = new Instrumentation(Tracer.OFF, UnaryOperator.identity());

    public Instrumentation {
        if (tracer == null) {
            throw new IllegalArgumentException("tracer = null; use Tracer.OFF for none");
        }
        if (fftDecorator == null) {
            throw new IllegalArgumentException("fftDecorator = null; use UnaryOperator.identity() for none");
        }
    }
}
