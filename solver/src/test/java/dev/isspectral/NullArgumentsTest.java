package dev.isspectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isspectral.ensemble.Axis;
import dev.isspectral.ensemble.Mode;
import dev.isspectral.fft.FftSettings;
import dev.isspectral.fft.FftTuner;
import dev.isspectral.profile.Compare;
import dev.isspectral.sim.Simulation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A null where the public API takes a list or varargs is refused with the parameter's name and what is allowed, not
 * a bare NullPointerException from {@code List.of} or from a method called on the null (each of these once was).
 */
class NullArgumentsTest {

    private static String rejection(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void aNullInsideAnAxisIsNamedAsItsParameter() {
        assertEquals("mode = null; must be a Mode such as Mode.alongX(2)",
                rejection(() -> Axis.modes(Mode.alongX(1), null)));
        assertEquals("grid = null; must be a grid such as \"32x32x16x16\"", rejection(() -> Axis.grids("4x16x8x8", null)));
    }

    @Test
    void aNullSimulationToCompareIsNamedByItsPlace() {
        Simulation sim = Simulation.builder().grid("2x8x8x8").build();
        assertEquals("simulations[1] = null; must be a built simulation", rejection(() -> Compare.of(sim, null)));
        assertEquals("simulations = null; must be >= 2 to compare", rejection(() -> Compare.of((Simulation[]) null)));
    }

    @Test
    void nullFftCandidatesAreNamed() {
        FftTuner tuner = FftTuner.forGrid(8, 8, 8);
        assertEquals("candidates = null; must name at least one configuration", rejection(() -> tuner.withCandidates(null)));
        List<FftSettings> withNull = Arrays.asList(FftSettings.optimized(), null);
        assertEquals("candidates[1] = null; must be FFT settings such as FftSettings.optimized()",
                rejection(() -> tuner.withCandidates(withNull)));
    }
}
