package dev.isspectral.fftw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.fft.FftEngine;
import dev.isspectral.fft.FftEngines;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.Lanes;
import dev.isspectral.grid.Grid;
import dev.isspectral.parallel.Workers;
import dev.isspectral.spectral.SpectralOperators;
import dev.isspectral.trace.Tracer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The spectral derivatives with the lanes filling the inverse transforms' input (FFTW: i k f̂ written block by block
 * into the native spectrum; java and JTransforms: gathered run by run by the first pass) give the bits of the route through a derivative spectrum in a Java array, and the exact
 * derivatives of a trigonometric polynomial.
 */
class FilledDerivativesTest {

    /**
     * The same engine (everything delegated, the same lanes), with the filled inverse switched off ({@code fills}
     * false) or on and counting the transforms its lanes ran with filled inputs.
     */
    private static FftEngine delegating(FftEngine engine, boolean fills, int[] filledTransforms) {
        return new FftEngine() {
            @Override public String backend() { return engine.backend(); }
            @Override public int nx() { return engine.nx(); }
            @Override public int ny() { return engine.ny(); }
            @Override public int nz() { return engine.nz(); }
            @Override public int threads() { return engine.threads(); }
            @Override public boolean realToComplex() { return engine.realToComplex(); }
            @Override public boolean singlePrecision() { return engine.singlePrecision(); }
            @Override public Lanes lanes() { return engine.lanes(); }
            @Override public void forward(double[] real, double[] spectrum) { engine.forward(real, spectrum); }
            @Override public void inverse(double[] spectrum, double[] real) { engine.inverse(spectrum, real); }
            @Override public boolean fillsInverseInput() { return fills && engine.fillsInverseInput(); }
            @Override
            public int inverseEachFrom(dev.isspectral.fft.SpectrumSource source, double[][] reals, int count, Workers team,
                                       double[][] scratch) {
                int done = fills ? engine.inverseEachFrom(source, reals, count, team, scratch) : 0;
                filledTransforms[0] += done;
                return done;
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {FftSettings.FFTW, FftSettings.JAVA, FftSettings.JTRANSFORMS})
    void filledDerivativesGiveTheBitsOfTheArrayRouteAndTheExactDerivatives(String backend) {
        Grid grid = Grid.of(32, 32, 32);   // 32768 points: a one-thread engine's transforms are batched on the team
        Workers team = Workers.shared(2);
        FftSettings settings = FftSettings.optimized().withBackend(backend).withRigour(FftSettings.Rigour.ESTIMATE)
                .withThreads(1);
        try (FftEngine engine = FftEngines.create(settings, 32, 32, 32)) {
            assertTrue(engine.fillsInverseInput(), backend + "'s lanes fill their inputs");
            FftEngine plain = delegating(engine, false, new int[1]);
            assertFalse(plain.fillsInverseInput());
            int[] filledTransforms = {0};
            SpectralOperators filled = new SpectralOperators(grid, delegating(engine, true, filledTransforms), Tracer.OFF, true,
                    true, team, true);
            SpectralOperators array = new SpectralOperators(grid, plain, Tracer.OFF, true, true, team, true);
            assertTrue(filled.batchedTransforms() && array.batchedTransforms());
            int n = grid.size();
            double[][] fields = new double[4][n];
            double[][][] exact = new double[4][3][n];
            for (int p = 0; p < n; p++) {
                int[] ijk = grid.ijk(p);
                double x = grid.coordinate(0, ijk[0]);
                double y = grid.coordinate(1, ijk[1]);
                double z = grid.coordinate(2, ijk[2]);
                for (int f = 0; f < 4; f++) {
                    int a = f + 1;
                    fields[f][p] = Math.sin(a * x + 2 * y) + Math.cos(3 * z - f * y) + 0.5 * Math.sin(2 * x) * Math.cos(z);
                    exact[f][0][p] = a * Math.cos(a * x + 2 * y) + Math.cos(2 * x) * Math.cos(z);
                    exact[f][1][p] = 2 * Math.cos(a * x + 2 * y) + f * Math.sin(3 * z - f * y);
                    exact[f][2][p] = -3 * Math.sin(3 * z - f * y) - 0.5 * Math.sin(2 * x) * Math.sin(z);
                }
            }
            for (int count = 1; count <= 4; count++) {
                double[][][] a = new double[4][3][n];
                double[][][] b = new double[4][3][n];
                long before = filled.inverseTransforms();
                int filledBefore = filledTransforms[0];
                filled.gradients(count, fields, a);
                array.gradients(count, fields, b);
                assertEquals(3 * count / 2 * 2, filledTransforms[0] - filledBefore,
                        "the derivatives the two lanes take in pairs are filled, " + count + " fields");
                assertEquals(3L * count, filled.inverseTransforms() - before, "inverse transforms counted, " + count);
                for (int f = 0; f < count; f++) {
                    for (int axis = 0; axis < 3; axis++) {
                        for (int p = 0; p < n; p++) {
                            assertEquals(Double.doubleToLongBits(b[f][axis][p]), Double.doubleToLongBits(a[f][axis][p]),
                                    count + " fields: field " + f + ", axis " + axis + ", point " + p);
                            assertEquals(exact[f][axis][p], a[f][axis][p], 1e-12, "exact derivative, field " + f
                                    + ", axis " + axis + ", point " + p);
                        }
                    }
                }
            }
            double[][] one = new double[3][n];
            double[][] two = new double[3][n];
            filled.gradient(fields[2], one[0], one[1], one[2]);
            array.gradient(fields[2], two[0], two[1], two[2]);
            for (int axis = 0; axis < 3; axis++) {
                for (int p = 0; p < n; p++) {
                    assertEquals(Double.doubleToLongBits(two[axis][p]), Double.doubleToLongBits(one[axis][p]));
                    assertEquals(exact[2][axis][p], one[axis][p], 1e-12);
                }
            }
        }
    }
}
