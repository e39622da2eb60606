package dev.isspectral.fftw.bench;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftEngines;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.FftTuner;
import dev.isspectral.fftw.FftwEngine;
import java.util.Random;

/**
 * The FFT benchmark of BENCHMARKS.md (not a test): for each grid, every default tuner candidate, forward+inverse
 * pair, the tuner's median of interleaved rounds with its 95% interval; ratios to the JTransforms r2c 1-thread engine measured in the same run; FFTW's copy time
 * between Java arrays and native buffers; and the float32 accuracy (derivative and round trip).
 *
 * <p>Arguments: grids such as {@code 32x16x16 64x32x32}; default the three of the issue.
 */
public final class FftBenchmarks {

    private FftBenchmarks() {
    }

    public static void main(String[] args) {
        String[] grids = args.length > 0 ? args : new String[] {"32x16x16", "64x32x32", "128x64x64"};
        System.out.println("machine: " + dev.isspectral.fft.TuningFile.machineKey());
        for (String g : grids) {
            String[] p = g.split("x");
            int nx = Integer.parseInt(p[0]);
            int ny = Integer.parseInt(p[1]);
            int nz = Integer.parseInt(p[2]);
            int pairs = Math.max(2, (int) (2_000_000L / ((long) nx * ny * nz)));
            FftTuner.Result r = FftTuner.forGrid(nx, ny, nz).withRepeats(pairs, 6, pairs).run();
            double reference = r.table().doubleColumn(FftTuner.MS_PER_PAIR).get(0);  // jtransforms r2c t1
            System.out.println("== " + g + "  (" + pairs + " pairs per sample; median of interleaved rounds [95% interval]; "
                    + r.measurement().load().busyText() + ")");
            for (int row = 0; row < r.table().rowCount(); row++) {
                double ms = r.table().doubleColumn(FftTuner.MS_PER_PAIR).get(row);
                System.out.printf("%-45s %8.3f ms [%.3f, %.3f]  %6.2f GFLOP/s  plan %8.1f ms  x%.2f vs jt-r2c-t1%s%n",
                        r.table().stringColumn(FftTuner.CONFIGURATION).get(row), ms,
                        r.table().doubleColumn(FftTuner.MS_CI_LOW).get(row), r.table().doubleColumn(FftTuner.MS_CI_HIGH).get(row),
                        r.table().doubleColumn(FftTuner.GFLOPS).get(row),
                        r.table().doubleColumn(FftTuner.PLANNING_MS).get(row), reference / ms,
                        r.table().booleanColumn(FftTuner.CHOSEN).get(row) ? "  <- chosen" : "");
            }
            copyTime(nx, ny, nz, pairs);
            floatAccuracy(nx, ny, nz);
        }
    }

    private static void copyTime(int nx, int ny, int nz, int pairs) {
        FftSettings s = FftSettings.optimized().withBackend(FftSettings.FFTW).withThreads(1).withRigour(FftSettings.Rigour.MEASURE);
        try (FftEngine e = FftEngines.create(s, nx, ny, nz)) {
            if (!(e instanceof FftwEngine fftw)) {
                System.out.println("FFTW not loaded: no copy time");
                return;
            }
            double[] f = new Random(1).doubles(e.realLength()).toArray();
            double[] spec = new double[e.spectrumLength()];
            long c0 = fftw.copyNanos();
            long[] count = {0};
            dev.isspectral.measure.Measurement m = dev.isspectral.measure.Measure.of(dev.isspectral.measure.Candidate.of(
                    "pair", () -> {
                        e.forward(f, spec);
                        e.inverse(spec, f);
                        count[0]++;
                    })).budget(java.time.Duration.ofSeconds(5)).run();
            dev.isspectral.measure.Estimate pair = m.time(0).scaled(1e3, "ms");
            double copy = (fftw.copyNanos() - c0) / 1e6 / count[0];   // mean over every pair run, warm-up included
            System.out.printf("fftw t1 measure: pair %s ms (median [95%% interval]); Java<->native copies %.3f ms per pair "
                    + "on average (%.0f%% of the median)%n", pair.formatShort(), copy, 100 * copy / pair.median());
        }
    }

    /** Relative max errors of float32 against double: d/dz of a smooth field, and inverse(forward(f)). */
    private static void floatAccuracy(int nx, int ny, int nz) {
        FftSettings single = FftSettings.optimized().withThreads(1).withPrecision(FftSettings.Precision.FLOAT);
        try (FftEngine e = FftEngines.create(single, nx, ny, nz)) {
            double[] f = new double[e.realLength()];
            double[] exact = new double[f.length];
            for (int i = 0; i < nx; i++) {
                for (int j = 0; j < ny; j++) {
                    for (int k = 0; k < nz; k++) {
                        double x = 2 * Math.PI * i / nx;
                        double y = 2 * Math.PI * j / ny;
                        double z = 2 * Math.PI * k / nz;
                        f[(i * ny + j) * nz + k] = Math.sin(3 * z + x) * (1 + 0.5 * Math.cos(y));
                        exact[(i * ny + j) * nz + k] = 3 * Math.cos(3 * z + x) * (1 + 0.5 * Math.cos(y));
                    }
                }
            }
            double[] spec = new double[e.spectrumLength()];
            e.forward(f, spec);
            int nzh = nz / 2 + 1;
            for (int line = 0; line < nx * ny; line++) {
                for (int m = 0; m < nzh; m++) {
                    int q = 2 * (line * nzh + m);
                    double kz = (m == nz / 2 && nz % 2 == 0) ? 0 : m;  // Nyquist derivative set to zero
                    double re = spec[q];
                    spec[q] = -kz * spec[q + 1];
                    spec[q + 1] = kz * re;
                }
            }
            double[] d = new double[f.length];
            e.inverse(spec, d);
            double[] back = new double[f.length];
            e.forward(f, spec);
            e.inverse(spec, back);
            System.out.printf("float32: derivative rel. max error %.2e, round trip rel. max error %.2e%n",
                    relMax(d, exact), relMax(back, f));
        }
    }

    private static double relMax(double[] a, double[] b) {
        double err = 0;
        double scale = 0;
        for (int p = 0; p < a.length; p++) {
            err = Math.max(err, Math.abs(a[p] - b[p]));
            scale = Math.max(scale, Math.abs(b[p]));
        }
        return err / scale;
    }
}
