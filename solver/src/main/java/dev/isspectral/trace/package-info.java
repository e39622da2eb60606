/**
 * The bottom layer: the observation hook ({@link dev.isspectral.trace.Tracer}) that every other
 * package may call and that the {@code profile} package implements. Depends on nothing.
 */
package dev.isspectral.trace;
