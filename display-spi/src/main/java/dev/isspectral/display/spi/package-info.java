/**
 * The display service interface shared by the solver and the notebook kernel: a
 * {@link dev.isspectral.display.spi.DisplayProvider} turns an object into MIME-typed text.
 * This package has no dependencies and must never be relocated by a shading build.
 */
package dev.isspectral.display.spi;
