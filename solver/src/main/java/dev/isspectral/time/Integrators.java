package dev.isspectral.time;

import java.util.List;

/** The registry of time integrators. Every entry is run by {@link ImexStepper} and swept by the contract test. */
public final class Integrators {

    /** γ_A = 1 − 1/√2 (physics.md §6.2). */
    public static final double ARS_GAMMA = 1.0 - 1.0 / Math.sqrt(2.0);

    /** δ_A = 1 − 1/(2γ_A) = −1/√2 (physics.md §6.2). */
    public static final double ARS_DELTA = 1.0 - 1.0 / (2.0 * ARS_GAMMA);

    private Integrators() {
    }

    /**
     * ARS(2,2,2) of Ascher, Ruuth and Spiteri (1997): second order, L-stable implicit part, stiffly
     * accurate; run with the predictor–corrector stages of physics.md §6.3 (three passes per step).
     * The default.
     */
    public static Tableau imexArs222() {
        double g = ARS_GAMMA;
        double d = ARS_DELTA;
        return new Tableau("ARS(2,2,2)", 2,
                new double[] {0, g, 1},
                new double[][] {{0, 0, 0}, {g, 0, 0}, {d, 1 - d, 0}},
                new double[] {d, 1 - d, 0},
                new double[][] {{0, 0, 0}, {0, g, 0}, {0, 1 - g, g}},
                new double[] {0, 1 - g, g});
    }

    /** SSP-RK3 of Shu and Osher (physics.md §6.4), fully explicit, with the relaxation terms explicit. */
    public static Tableau sspRk3() {
        return new Tableau("SSP-RK3", 3,
                new double[] {0, 1, 0.5},
                new double[][] {{0, 0, 0}, {1, 0, 0}, {0.25, 0.25, 0}},
                new double[] {1.0 / 6.0, 1.0 / 6.0, 2.0 / 3.0},
                null, null);
    }

    /** Every registered integrator. */
    public static List<Tableau> all() {
        return List.of(imexArs222(), sspRk3());
    }

    /** Looks an integrator up by name: {@code ars222} / {@code ARS(2,2,2)} or {@code ssprk3} / {@code SSP-RK3}. */
    public static Tableau byName(String name) {
        String key = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return switch (key) {
            case "ars222", "imexars222" -> imexArs222();
            case "ssprk3" -> sspRk3();
            default -> throw new IllegalArgumentException("integrator = \"" + name + "\"; must be ars222 or ssprk3");
        };
    }
}
