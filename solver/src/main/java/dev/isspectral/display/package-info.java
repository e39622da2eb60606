/**
 * How the solver's results look in a notebook: a {@link dev.isspectral.display.spi.DisplayProvider}
 * for Tablesaw tables (HTML), XChart charts and images (PNG, SVG on request) and any
 * {@link dev.isspectral.display.Displayable}; and {@link dev.isspectral.display.Notebook#init()},
 * which registers the same renderers on a stock IJava or JJava kernel. This package consumes
 * results; the solver never calls it.
 */
package dev.isspectral.display;
