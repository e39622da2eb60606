package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.isspectral.grid.Grid;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.state.Field;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import dev.isspectral.testsupport.Generated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Property-based tests of every numeric setter of the fluent builders (issue 14): each generated value, including
 * NaN, the infinities, ±0, subnormals, ±MAX_VALUE and the values just outside each range, is either accepted (and
 * then lies in the documented range: nothing outside it is silently kept or replaced) or refused with one
 * {@link IllegalArgumentException} whose message names the parameter, the value and what is allowed ("must").
 * Each property prints the number of generated cases it passed (seed included) to the test report.
 */
class BuilderPropertiesTest {

    private static final java.util.concurrent.atomic.AtomicLong SETTER_CALLS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong BUILDS = new java.util.concurrent.atomic.AtomicLong();

    /** One numeric setter: the parameter name its messages use, the call, and its documented range. */
    record Setter(String label, String parameter, DoubleFunction<Object> call, DoublePredicate allowed) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static boolean finite(double v) {
        return Double.isFinite(v);
    }

    static final List<Setter> SETTERS = List.of(
            new Setter("Transport.etaOverS", "etaOverS", Transport::etaOverS, v -> finite(v) && v >= 0),
            new Setter("Transport.zetaOverS", "zetaOverS", v -> Transport.etaOverS(0.08).zetaOverS(v), v -> finite(v) && v >= 0),
            new Setter("Transport.bPi", "bPi", v -> Transport.etaOverS(0.08).bPi(v), v -> finite(v) && v > 0),
            new Setter("Transport.bulkRelaxationRatio", "bBulk", v -> Transport.etaOverS(0.08).bulkRelaxationRatio(v), v -> finite(v) && v > 0),
            new Setter("Eos.constantSoundSpeed", "soundSpeedSquared", v -> Eos.constantSoundSpeed(v), v -> v > 0 && v <= 1.0 / 3.0),
            new Setter("Eos.constantSoundSpeed(cs2, a)", "a", v -> Eos.constantSoundSpeed(0.2, v), v -> finite(v) && v > 0),
            new Setter("Builder.box", "Lx", v -> Simulation.builder().box(v), v -> finite(v) && v > 0),
            new Setter("Builder.timeStep", "timeStep", v -> Simulation.builder().timeStep(v), v -> finite(v) && v > 0),
            new Setter("Builder.courant", "courant", v -> Simulation.builder().courant(v), v -> v > 0 && v <= 1),
            new Setter("Builder.relaxationCourant", "relaxationCourant", v -> Simulation.builder().relaxationCourant(v), v -> v > 0 && v <= 2.5),
            new Setter("Builder.exponentialFilter strength", "filterStrength", v -> Simulation.builder().exponentialFilter(v, 36), v -> finite(v) && v > 0),
            new Setter("Builder.exponentialFilter order", "filterOrder", v -> Simulation.builder().exponentialFilter(36, v), v -> finite(v) && v >= 2),
            new Setter("soundWave.amplitude", "amplitude", v -> Initial.soundWave().amplitude(v), v -> Math.abs(v) < 1),
            new Setter("soundWave.background", "background", v -> Initial.soundWave().background(v), v -> finite(v) && v > 0),
            new Setter("shearWave.amplitude", "amplitude", v -> Initial.shearWave().amplitude(v), v -> Math.abs(v) < 1),
            new Setter("shearWave.background", "background", v -> Initial.shearWave().background(v), v -> finite(v) && v > 0),
            new Setter("gaussianPulse.amplitude", "amplitude", v -> Initial.gaussianPulse().amplitude(v), v -> finite(v) && v > -1),
            new Setter("gaussianPulse.width", "width", v -> Initial.gaussianPulse().width(v), v -> finite(v) && v > 0),
            new Setter("gaussianPulse.background", "background", v -> Initial.gaussianPulse().background(v), v -> finite(v) && v > 0),
            new Setter("randomField.densityRms", "densityRms", v -> Initial.randomField().densityRms(v), v -> v >= 0 && v < 1),
            new Setter("randomField.velocityRms", "velocityRms", v -> Initial.randomField().velocityRms(v), v -> v >= 0 && v < 1),
            new Setter("randomField.spectrumWidth", "k0", v -> Initial.randomField().spectrumWidth(v), v -> finite(v) && v > 0),
            new Setter("shearLayer.velocity", "velocity", v -> Initial.shearLayer().velocity(v),
                    v -> Math.abs(v) * Math.sqrt(1 + 0.01 * 0.01) < 1),   // default perturbation 0.01
            new Setter("shearLayer.sharpness", "sharpness", v -> Initial.shearLayer().sharpness(v), v -> finite(v) && v > 0),
            new Setter("shearLayer.perturbation", "perturbation", v -> Initial.shearLayer().velocity(0.5).perturbation(v),
                    v -> finite(v) && 0.5 * Math.sqrt(1 + v * v) < 1),
            new Setter("taylorGreen.velocity", "velocity", v -> Initial.taylorGreen().velocity(v), v -> Math.abs(v) < 1),
            new Setter("staticEquilibrium.energyDensity", "energyDensity", v -> Initial.staticEquilibrium().energyDensity(v), v -> finite(v) && v > 0),
            new Setter("staticEquilibrium.bulk", "bulk", v -> Initial.staticEquilibrium().bulk(v), Double::isFinite),
            new Setter("staticEquilibrium.shear xx", "shear component 0", v -> Initial.staticEquilibrium().shear(v, 0, 0, 0, 0), Double::isFinite));

    record SetterCase(Setter setter, double value) {
        @Override
        public String toString() {
            return setter + "(" + value + ")";
        }
    }

    @Test
    void everySetterAcceptsItsRangeAndRefusesTheRestByName() {
        int tries = Generated.check("numeric setters", 12_000,
                g -> new SetterCase(g.oneOf(SETTERS), g.anyDouble()), c -> checkSetter(c.setter(), c.value()));
        SETTER_CALLS.addAndGet(tries);
        // and every special value on every setter, not left to chance
        for (Setter s : SETTERS) {
            for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
                Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -1.0, 1.0}) {
                checkSetter(s, v);
                SETTER_CALLS.incrementAndGet();
            }
        }
    }

    private static void checkSetter(Setter setter, double v) {
        boolean allowed = setter.allowed().test(v);
        try {
            Object result = setter.call().apply(v);
            assertTrue(allowed, setter + " accepted " + v + ", outside its documented range (silent acceptance)");
            assertTrue(result != null, setter + " returned null");
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            assertFalse(allowed, setter + " refused " + v + ", inside its documented range: " + m);
            assertTrue(m.contains(setter.parameter() + " = " + v), setter + ": message does not name parameter and value: " + m);
            assertTrue(m.contains("must"), setter + ": message does not say what is allowed: " + m);
            assertEquals(1, m.lines().count(), setter + ": message is not one line: " + m);
        } catch (RuntimeException e) {
            fail(setter + "(" + v + ") threw " + e + " instead of one IllegalArgumentException");
        }
    }

    private static Initial initial(Generated g) {
        double v = g.anyDouble();
        return switch (g.random().nextInt(8)) {
            case 0 -> safe(() -> Initial.soundWave().amplitude(v));
            case 1 -> safe(() -> Initial.gaussianPulse().width(Math.abs(v)));
            case 2 -> safe(() -> Initial.gaussianPulse().amplitude(v));
            case 3 -> safe(() -> Initial.randomField().velocityRms(Math.abs(v) % 1).densityRms(Math.abs(v) % 1));
            case 4 -> safe(() -> Initial.staticEquilibrium().bulk(v));
            case 5 -> safe(() -> Initial.staticEquilibrium().shear(v, -v, v / 2, 0, 0));
            case 6 -> safe(() -> Initial.taylorGreen().velocity(v));
            default -> Initial.custom("custom pi^xx = " + v, (x, y, z, out) -> {
                out[0] = 1;
                out[5] = v;
            });
        };
    }

    private static Initial safe(java.util.function.Supplier<Initial> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            return Initial.soundWave();   // the setter refused the value (checked above); build the default instead
        }
    }

    record BuildCase(Initial initial, double eta, double zeta, double dt) {
        @Override
        public String toString() {
            return initial.describe() + ", eta " + eta + ", zeta " + zeta + ", dt " + dt;
        }
    }

    /**
     * Builds on a tiny grid from generated initial data, transport and Δt: either a simulation whose initial state is
     * finite everywhere, or one IllegalArgumentException with "must" in its message; never another exception.
     */
    @Test
    void buildEitherSucceedsWithFiniteStateOrFailsClearly() {
        BUILDS.addAndGet(Generated.check("builds on a 32-point grid", 800,
                g -> new BuildCase(initial(g), g.anyDouble(), g.anyDouble(), g.anyDouble()), c -> {
                    try {
                        Simulation.Builder b = Simulation.builder().grid("1x4x4x2").initial(c.initial());
                        b = b.transport(Transport.etaOverS(Math.abs(c.eta()) % 1).zetaOverS(Math.abs(c.zeta()) % 1)
                                .bulkRelaxationRatio(5)).eos(Eos.constantSoundSpeed(0.2));
                        if (Double.isFinite(c.dt()) && c.dt() > 0) {
                            b = b.timeStep(Math.min(c.dt(), 1e-3));
                        }
                        Simulation sim = b.build();
                        for (Field f : Field.values()) {
                            for (double x : sim.initialField(f)) {
                                assertTrue(Double.isFinite(x), "built with a non-finite " + f);
                            }
                        }
                    } catch (IllegalArgumentException e) {
                        assertTrue(e.getMessage().contains("must"), "unclear refusal: " + e.getMessage());
                        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
                    } catch (RuntimeException e) {
                        fail("build threw " + e + " instead of one IllegalArgumentException");
                    }
                }));
    }

    @Test
    void gridNotationIsParsedOrRefusedByName() {
        SETTER_CALLS.addAndGet(Generated.check("grid notation", 3000, BuilderPropertiesTest::gridText, text -> {
            try {
                Grid g = Grid.parse(text);
                assertTrue(g.steps() >= 0 && g.nx() >= 1 && g.ny() >= 1 && g.nz() >= 1, text);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("grid"), e.getMessage());
                assertTrue(e.getMessage().contains("must") || e.getMessage().contains("form NTxNXxNYxNZ"), e.getMessage());
            }
        }));
    }

    static String gridText(Generated g) {
        int parts = g.random().nextInt(7);
        List<String> list = new java.util.ArrayList<>();
        for (int i = 0; i < parts; i++) {
            list.add(g.random().nextInt(4) == 0 ? g.numberText() : Integer.toString(g.random().nextInt(74) - 3));
        }
        return switch (g.random().nextInt(4)) {
            case 0 -> g.garbage(g.random().nextInt(12));
            case 1 -> g.oneOf("8x2048x2048x64", "1x65536x65536x1", "1x1x1x1", "8x1x1x1", "0x8x8x8", "8x8x8", "");
            default -> String.join(g.oneOf("x", "X", "×", "*", " x "), list);
        };
    }

    @AfterAll
    static void report() {
        System.out.println("BuilderPropertiesTest: " + SETTER_CALLS.get() + " setter/parse calls and " + BUILDS.get()
                + " builds tried, over " + SETTERS.size() + " numeric setters");
    }
}
