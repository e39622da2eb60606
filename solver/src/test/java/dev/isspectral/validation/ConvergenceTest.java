package dev.isspectral.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.testsupport.StdErr;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.state.Field;
import dev.isspectral.time.Integrators;
import dev.isspectral.time.Tableau;
import dev.isspectral.validate.Convergence;
import dev.isspectral.validate.ReferenceRuns;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * physics.md §7.5: spectral convergence in space (geometric: err(16) < 1e-3·err(8), err(32) < 1e-10)
 * and the order in time (fitted slope ≥ 1.9 for every evolved field with ARS(2,2,2) and its
 * predictor–corrector stages, ≥ 2.8 with SSP-RK3).
 */
@Tag("validation")
class ConvergenceTest {

    /** The §7.5 case, built with its warnings checked: exactly the CFL warning where dt is above the limit. */
    private static Simulation built(int n, Tableau integrator, double dt, double endTime) {
        try {
            return checkedBuild(n, integrator, dt, endTime);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Solver run(int n, Tableau integrator, double dt, double endTime) {
        return Convergence.finalState(built(n, integrator, dt, endTime));
    }

    private static Simulation checkedBuild(int n, Tableau integrator, double dt, double endTime) throws Exception {
        StdErr.Captured<Simulation> built = StdErr.capture(() -> ReferenceRuns.smoothPlane(n, integrator, dt, endTime));
        // physics.md §7.5's largest step, Δt = 0.04 on 16², is above the ARS CFL limit (0.0221): the builder
        // warns about exactly that, once on stderr, and the test keeps the specified steps
        Simulation sim = built.value();
        assertEquals(dt > sim.cflTimeStep(), sim.warnings().stream().anyMatch(w -> w.contains("exceeds the spectral CFL limit")),
                sim.warnings().toString());
        StringBuilder printed = new StringBuilder();
        sim.warnings().forEach(w -> printed.append("warning: ").append(w).append(System.lineSeparator()));
        assertEquals(printed.toString(), built.text());
        return sim;
    }

    /** The Fourier coefficients of T^00 with |n_x|, |n_y| ≤ 3 (the other half are their conjugates). */
    private static double[] lowModes(Solver s) {
        return Convergence.lowModes(s, Field.T00, 3);
    }

    private static double difference(double[] a, double[] b) {
        return Convergence.coefficientError(a, b);
    }

    @Test
    void spatialErrorFallsGeometrically() throws Exception {
        double[] reference = lowModes(run(48, Integrators.imexArs222(), 0.005, 0.5));
        double err8 = difference(lowModes(run(8, Integrators.imexArs222(), 0.005, 0.5)), reference);
        double err16 = difference(lowModes(run(16, Integrators.imexArs222(), 0.005, 0.5)), reference);
        double err32 = difference(lowModes(run(32, Integrators.imexArs222(), 0.005, 0.5)), reference);
        assertTrue(err8 > 1e-6, "N = 8 must be visibly under-resolved, err = " + err8);
        assertTrue(err16 < 1e-3 * err8, "err(16) = " + err16 + " must be < 1e-3 err(8) = " + err8);
        assertTrue(err32 < 1e-10, "err(32) = " + err32 + " must be < 1e-10");
    }

    private static double[] slopes(Tableau integrator, double[] steps, double referenceStep) {
        List<Field> fields = List.of(Field.T00, Field.T0X, Field.T0Y, Field.PI_XX, Field.PI_YY, Field.PI_XY);
        double[][] errors = Convergence.timeErrors(dt -> built(16, integrator, dt, 0.4), referenceStep, steps, fields);
        double[] out = new double[fields.size()];
        for (int f = 0; f < fields.size(); f++) {
            out[f] = fittedSlope(steps, errors[f]);
        }
        return out;
    }

    /** Least-squares slope of log(error) against log(dt), written out here as an oracle for Stats.logLogSlope. */
    private static double fittedSlope(double[] dt, double[] error) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int n = dt.length;
        for (int i = 0; i < n; i++) {
            double x = Math.log(dt[i]);
            double y = Math.log(error[i]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        assertEquals(slope, dev.isspectral.measure.Stats.logLogSlope(dt, error), 1e-12, "the notebook's slope");
        return slope;
    }

    @Test
    void arsWithPredictorCorrectorIsSecondOrderInTimeForEveryField() throws Exception {
        double[] slopes = slopes(Integrators.imexArs222(), new double[] {0.04, 0.02, 0.01}, 0.0025);
        for (double slope : slopes) {
            assertTrue(slope >= 1.9 && slope < 2.6, "fitted slopes " + java.util.Arrays.toString(slopes));
        }
    }

    @Test
    void sspRk3IsThirdOrderInTimeForEveryField() throws Exception {
        double[] slopes = slopes(Integrators.sspRk3(), new double[] {0.04, 0.02, 0.01}, 0.0025);
        for (double slope : slopes) {
            assertTrue(slope >= 2.8 && slope < 3.6, "fitted slopes " + java.util.Arrays.toString(slopes));
        }
    }
}
