package dev.isspectral.cli;

import dev.isspectral.sim.Initial;
import java.util.LinkedHashMap;
import java.util.Map;

/** The named cases the command line can run, each an initial condition with its default grid. */
final class Cases {

    record Case(String name, String description, String defaultGrid, Initial initial) {
    }

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        add("sound-wave", "linear sound wave, mode (1,0,0), A = 1e-3 (physics.md §7.2)", "32x32x16x16",
                Initial.soundWave().mode(1, 0, 0).amplitude(1e-3));
        add("shear-wave", "transverse shear wave v_y = V sin x, V = 1e-3 (physics.md §7.3)", "32x32x16x16",
                Initial.shearWave().mode(1, 0, 0).direction(1).amplitude(1e-3));
        add("static", "static equilibrium eps = 1, v = 0", "16x16x8x8", Initial.staticEquilibrium());
        add("gaussian-pulse", "Gaussian energy pulse at the box centre, A = 0.5, w = L/8", "32x32x32x32",
                Initial.gaussianPulse());
        add("random-field", "smooth random field, rms deps/eps = 0.05, rms |v| = 0.05, seed 1", "32x32x32x32",
                Initial.randomField());
        add("shear-layer", "periodic Kelvin-Helmholtz-like shear layer, V = 0.2, beta = 5, delta = 0.01", "64x64x64x1",
                Initial.shearLayer());
        add("taylor-green", "Taylor-Green vortex, V = 0.01 (physics.md §7.7)", "64x16x16x1",
                Initial.taylorGreen());
    }

    private static void add(String name, String description, String grid, Initial initial) {
        CASES.put(name, new Case(name, description, grid, initial));
    }

    static Map<String, Case> all() {
        return CASES;
    }

    static Case get(String name) {
        Case c = CASES.get(name);
        if (c == null) {
            throw new UsageException("case = \"" + name + "\"; must be one of " + String.join(", ", CASES.keySet()));
        }
        return c;
    }

    private Cases() {
    }
}
