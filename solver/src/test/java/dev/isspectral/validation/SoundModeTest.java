package dev.isspectral.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Simulation;
import dev.isspectral.validate.Complex;
import dev.isspectral.validate.LinearModes;
import dev.isspectral.validate.Prony;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * physics.md §7.2: the linear sound mode, cases A, B, B′ and C. The simulated amplitude
 * e(t) = (2/N) Σ δε cos(k·x) must follow the exact sum over roots (7.4) within 1e-3 for t ≤ 20, and
 * an order-2 Prony fit after the non-hydro transient must give the sound frequency and damping
 * within 1e-3 relative. A factor 2 in η or a sign in (4.16) is off by more than 1e-2.
 */
@Tag("validation")
class SoundModeTest {

    record Case(String name, double cs2, double etaOverS, double zetaOverS, double box,
                double rootRe, double rootIm, double e1, double e5, double e10, double t0, double fitEnd) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("A", 1.0 / 3, 0.2, 0, 2 * Math.PI, -0.1104738032, 0.6447214725,
                        0.8408869172, -0.5219948232, 0.3064953266, 18, 40),
                new Case("B", 1.0 / 3, 0.08, 0, 2 * Math.PI, -0.0526186600, 0.5875481853,
                        0.8402503510, -0.7353687050, 0.5177342308, 6, 30),
                new Case("B'", 1.0 / 3, 0.08, 0, 10, -0.0209577446, 0.3652389135,
                        0.9352926689, -0.1752691522, -0.7308805310, 6, 42),
                new Case("C", 0.25, 0.08, 0.04, 2 * Math.PI, -0.0746193024, 0.5101527292,
                        0.8800070445, -0.5091438310, 0.1095277676, 6, 31)
        ).map(Arguments::of);
    }

    private static LinearModes modes(Case c) {
        Transport t = transport(c);
        return LinearModes.of(c.cs2, c.etaOverS, t.bPi(), c.zetaOverS, t.bulkStiffness(c.cs2));
    }

    private static Transport transport(Case c) {
        Transport t = Transport.etaOverS(c.etaOverS);
        return c.zetaOverS > 0 ? t.zetaOverS(c.zetaOverS) : t;
    }

    private static Simulation simulation(Case c, int steps) {
        return Simulation.builder()
                .grid(steps + "x8x1x1")
                .box(c.box, 2 * Math.PI, 2 * Math.PI)
                .eos(c.cs2 == 1.0 / 3 ? Eos.conformal() : Eos.constantSoundSpeed(c.cs2))
                .transport(transport(c))
                .initial(Initial.soundWave().mode(1, 0, 0).amplitude(1e-6))
                .timeStep(0.02)
                .build();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void exactSolutionReproducesTheTabulatedRootsAndTrajectory(Case c) {
        LinearModes m = modes(c);
        double k = 2 * Math.PI / c.box;
        Complex root = m.soundRoot(k);
        assertEquals(c.rootRe, root.re(), 2e-10, "Re s");
        assertEquals(c.rootIm, root.im(), 2e-10, "Im s");
        assertEquals(c.e1, m.soundTrajectory(k, 1), 2e-10, "e(1)");
        assertEquals(c.e5, m.soundTrajectory(k, 5), 2e-10, "e(5)");
        assertEquals(c.e10, m.soundTrajectory(k, 10), 2e-10, "e(10)");
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void simulatedAmplitudeFollowsTheExactTrajectory(Case c) {
        int steps = 1000;   // t = 20 at dt = 0.02
        Sampled e = Sampled.run(simulation(c, steps), steps,
                s -> Observables.projection(s.grid(), s.primitives().energyDensity, 1, 0, 0, true)).normalised();
        LinearModes m = modes(c);
        double k = 2 * Math.PI / c.box;
        double worst = 0;
        for (int n = 0; n < e.times().length; n++) {
            worst = Math.max(worst, Math.abs(e.values()[n] - m.soundTrajectory(k, e.times()[n])));
        }
        assertTrue(worst <= 1e-3, "max |e_sim - e_exact| = " + worst + " > 1e-3");
        assertTrue(worst > 0, "the comparison must see the simulation");
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void fittedFrequencyAndDampingMatchTheSoundRoot(Case c) {
        int steps = (int) Math.round(c.fitEnd / 0.02);
        Sampled e = Sampled.run(simulation(c, steps), steps,
                s -> Observables.projection(s.grid(), s.primitives().energyDensity, 1, 0, 0, true));
        Complex[] fitted = Prony.rates(e.window(c.t0, c.fitEnd), 0.02, 2);
        double frequency = Math.abs(fitted[0].im());
        double damping = -fitted[0].re();
        assertEquals(c.rootIm, frequency, 1e-3 * c.rootIm, "frequency Omega");
        assertEquals(-c.rootRe, damping, 1e-3 * -c.rootRe, "damping Gamma");
    }
}
