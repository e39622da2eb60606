package dev.isspectral.trace;

/** An open span of a {@link Tracer}; closing it ends the span. Never throws. */
public interface Span extends AutoCloseable {

    /** The span that does nothing; what {@link Tracer#OFF} hands out. */
    Span NONE = () -> { };

    @Override
    void close();
}
