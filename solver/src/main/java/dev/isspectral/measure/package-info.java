/**
 * One measurement method for every timing in IS-Spectral, in the spirit of JMH: warm up until steady,
 * run the candidates interleaved in rounds with the order rotated, summarise every time and every paired
 * ratio by its median and a 95% confidence interval, grow the rounds until the interval is narrow enough
 * or a time budget runs out, and record the machine's load and the allocation of the measured window. Like JMH, a
 * figure can be measured over forks ({@link dev.isspectral.measure.Forks}: fresh JVMs one after another, combined by
 * a hierarchical bootstrap over forks and rounds, {@link dev.isspectral.measure.ForkedMeasurement}), so that the
 * variation between JVMs is inside its interval.
 *
 * <p>Entry point: {@link dev.isspectral.measure.Measure}. This package is the lowest layer of the
 * measuring code: it imports nothing else of the project, so {@code fft}, {@code profile}, {@code bench}
 * and the notebooks can all use it. Results are immutable values, convert to Tablesaw tables and render
 * themselves as HTML ({@link dev.isspectral.measure.Presentable}).
 */
package dev.isspectral.measure;
