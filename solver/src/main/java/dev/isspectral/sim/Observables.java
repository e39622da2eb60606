package dev.isspectral.sim;

import dev.isspectral.grid.Grid;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Primitives;
import dev.isspectral.state.Field;

/**
 * Observables of a solver's current state: totals, extremes, mode amplitudes, slices and the
 * kinetic-energy spectrum. Totals are integrals over the box, Σ_x f(x) ΔV.
 */
public final class Observables {

    /** The evolved fields' labels, as messages list them. */
    private static final String FIELD_LABELS = "(" + Field.labels() + ")";

    /** What {@link #values} accepts, as its messages list it. */
    private static final String QUANTITIES = "eps, vx, vy, vz, pressure or an evolved field " + FIELD_LABELS;

    private Observables() {
    }

    /** E = ∫ T^00 dV. */
    public static Observable totalEnergy() {
        return Observable.of("total_energy", s -> integral(s, Field.T00));
    }

    /** M^axis = ∫ T^{0,axis} dV. */
    public static Observable momentum(int axis) {
        Field f = switch (axis) {
            case 0 -> Field.T0X;
            case 1 -> Field.T0Y;
            case 2 -> Field.T0Z;
            default -> throw new IllegalArgumentException("axis = " + axis + "; must be 0, 1 or 2");
        };
        return Observable.of("momentum_" + "xyz".charAt(axis), s -> integral(s, f));
    }

    /** max |v| over the grid. */
    public static Observable maxSpeed() {
        return Observable.of("max_speed", Observables::maxSpeed);
    }

    /** min ε over the grid. */
    public static Observable minEnergyDensity() {
        return Observable.of("min_energy_density", s -> min(s.primitives().energyDensity));
    }

    /** max ε over the grid. */
    public static Observable maxEnergyDensity() {
        return Observable.of("max_energy_density", s -> max(s.primitives().energyDensity));
    }

    /**
     * The cosine amplitude (2/N) Σ_x f(x) cos(k·x) of evolved field {@code field} at mode numbers
     * (nx, ny, nz) (physics.md §7.2 e(t) uses it on δε). A mode the grid cannot resolve is rejected at
     * the first measurement (see {@link #projection}).
     */
    public static Observable cosineAmplitude(Field field, int nx, int ny, int nz) {
        if (field == null) {
            throw new IllegalArgumentException("field = null; must be an evolved field " + FIELD_LABELS);
        }
        return Observable.of(field.label() + "_cos_" + nx + "_" + ny + "_" + nz,
                s -> projection(s.grid(), s.state().get(field), nx, ny, nz, true));
    }

    /** (2/N) Σ_x ε(x) cos(k·x), the sound-mode amplitude e(t) of physics.md (7.4); the mode is checked as in {@link #projection}. */
    public static Observable energyDensityMode(int nx, int ny, int nz) {
        return Observable.of("eps_cos_" + nx + "_" + ny + "_" + nz,
                s -> projection(s.grid(), s.primitives().energyDensity, nx, ny, nz, true));
    }

    /**
     * (2/N) Σ_x v^axis(x) sin(k·x), the shear-mode amplitude of physics.md (7.6); axis 0, 1 or 2 (x, y, z),
     * checked at once, the mode as in {@link #projection}.
     */
    public static Observable velocitySineMode(int axis, int nx, int ny, int nz) {
        if (axis < 0 || axis > 2) {
            throw new IllegalArgumentException("axis = " + axis + "; must be 0, 1 or 2");
        }
        return Observable.of("v" + "xyz".charAt(axis) + "_sin_" + nx + "_" + ny + "_" + nz, s -> {
            Primitives p = s.primitives();
            double[] v = axis == 0 ? p.vx : axis == 1 ? p.vy : p.vz;
            return projection(s.grid(), v, nx, ny, nz, false);
        });
    }

    /**
     * (2/N) Σ_x f(x) cos(k·x) (or sin), k_d = 2π n_d/L_d, with one value of {@code f} per point of {@code g}.
     *
     * @throws IllegalArgumentException if {@code f} does not have {@code g.size()} values, or a mode number is
     *                                  not resolved: |n_d| &lt; N_d/2 along every axis, as {@link Initial} requires
     *                                  (a higher one would alias to a lower mode)
     */
    public static double projection(Grid g, double[] f, int nx, int ny, int nz, boolean cosine) {
        if (g == null) {
            throw new IllegalArgumentException("g = null; must be the grid of f");
        }
        if (f == null || f.length != g.size()) {
            throw new IllegalArgumentException((f == null ? "f = null; must have " + g.size() + " values"
                    : "f: " + f.length + " values; must have " + g.size()) + " (the grid " + g.boxNotation() + ")");
        }
        requireResolved(g, new int[] {nx, ny, nz}, "mode");
        double kx = 2 * Math.PI * nx / g.lx();
        double ky = 2 * Math.PI * ny / g.ly();
        double kz = 2 * Math.PI * nz / g.lz();
        double sum = 0;
        for (int i = 0; i < g.nx(); i++) {
            double x = g.coordinate(0, i);
            for (int j = 0; j < g.ny(); j++) {
                double y = g.coordinate(1, j);
                for (int k = 0; k < g.nz(); k++) {
                    double phase = kx * x + ky * y + kz * g.coordinate(2, k);
                    sum += f[g.index(i, j, k)] * (cosine ? Math.cos(phase) : Math.sin(phase));
                }
            }
        }
        return 2 * sum / g.size();
    }

    /**
     * Rejects a mode the grid cannot resolve: along each axis of N points, n = 0 or |n| &lt; N/2 (the rule of
     * {@link Initial}'s waves and of {@link #projection}); {@code name} is the parameter named in the message.
     */
    static void requireResolved(Grid g, int[] mode, String name) {
        for (int d = 0; d < 3; d++) {
            int n = g.points(d);
            // in long: 2|n| of Integer.MIN_VALUE overflows an int
            if (mode[d] != 0 && 2 * Math.abs((long) mode[d]) >= n) {
                throw new IllegalArgumentException(name + " = (" + mode[0] + ", " + mode[1] + ", " + mode[2] + "); mode number "
                        + mode[d] + " along " + "xyz".charAt(d) + " is not resolved by " + n + " points (must have |n| < N/2)");
            }
        }
    }

    /** ∫ field dV. */
    public static double integral(Solver s, Field field) {
        double[] a = s.state().get(field);
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        return sum * s.grid().cellVolume();
    }

    public static double maxSpeed(Solver s) {
        Primitives p = s.primitives();
        double max = 0;
        for (int q = 0; q < p.points(); q++) {
            max = Math.max(max, p.vx[q] * p.vx[q] + p.vy[q] * p.vy[q] + p.vz[q] * p.vz[q]);
        }
        return Math.sqrt(max);
    }

    /**
     * A 2-D slice of a quantity at grid index {@code index} along {@code axis}: {@code [a][b]} over
     * the two other axes in order (for axis z: [i][j]). Quantities: the evolved field labels
     * ({@code T00}, {@code pi_xy} …) and {@code eps}, {@code vx}, {@code vy}, {@code vz}, {@code pressure}.
     */
    public static double[][] slice(Solver s, String quantity, int axis, int index) {
        Grid g = s.grid();
        if (axis < 0 || axis > 2) {
            throw new IllegalArgumentException("axis = " + axis + "; must be 0, 1 or 2");
        }
        if (index < 0 || index >= g.points(axis)) {
            throw new IllegalArgumentException("index = " + index + "; must be in [0, " + g.points(axis) + ") along " + "xyz".charAt(axis));
        }
        double[] f = values(s, quantity);
        int a = axis == 0 ? 1 : 0;
        int b = axis == 2 ? 1 : 2;
        double[][] out = new double[g.points(a)][g.points(b)];
        int[] ijk = new int[3];
        ijk[axis] = index;
        for (int p = 0; p < g.points(a); p++) {
            for (int q = 0; q < g.points(b); q++) {
                ijk[a] = p;
                ijk[b] = q;
                out[p][q] = f[g.index(ijk[0], ijk[1], ijk[2])];
            }
        }
        return out;
    }

    /** The values of a named quantity (see {@link #slice}); a copy. */
    public static double[] values(Solver s, String quantity) {
        if (quantity == null) {
            throw new IllegalArgumentException("quantity = null; must be " + QUANTITIES);
        }
        Primitives p = s.primitives();
        Eos eos = s.simulation().eos();
        switch (quantity) {
            case "eps", "energy_density":
                return p.energyDensity.clone();
            case "vx":
                return p.vx.clone();
            case "vy":
                return p.vy.clone();
            case "vz":
                return p.vz.clone();
            case "pressure": {
                double[] out = new double[p.points()];
                for (int q = 0; q < out.length; q++) {
                    out[q] = eos.pressure(p.energyDensity[q]);
                }
                return out;
            }
            default:
                try {
                    return s.field(Field.parse(quantity));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("quantity = \"" + quantity + "\"; must be " + QUANTITIES);
                }
        }
    }

    /**
     * Kinetic-energy spectrum in |k| shells: E(k_n) = ½ Σ_{|k| in shell n} |ŵ_k|²/N² summed over the
     * three components of w = sqrt(ε + P) γ v, so Σ_n E(k_n) = ½ ⟨(ε + P) γ² v²⟩ (the kinetic energy
     * density in the non-relativistic limit, ½ρv²). Shell n holds n Δk − Δk/2 ≤ |k| < n Δk + Δk/2 with
     * Δk = min_d 2π/L_d.
     *
     * @return {@code [2][shells]}: row 0 the shell centres k_n, row 1 E(k_n)
     */
    public static double[][] kineticEnergySpectrum(Solver s) {
        Grid g = s.grid();
        Primitives p = s.primitives();
        Eos eos = s.simulation().eos();
        int n = g.size();
        double[][] w = new double[3][n];
        for (int q = 0; q < n; q++) {
            double e = p.energyDensity[q];
            double v2 = p.vx[q] * p.vx[q] + p.vy[q] * p.vy[q] + p.vz[q] * p.vz[q];
            double factor = Math.sqrt((e + eos.pressure(e)) / (1 - v2));
            w[0][q] = factor * p.vx[q];
            w[1][q] = factor * p.vy[q];
            w[2][q] = factor * p.vz[q];
        }
        double dk = Double.POSITIVE_INFINITY;
        for (int d = 0; d < 3; d++) {
            if (g.points(d) > 1) {
                dk = Math.min(dk, 2 * Math.PI / g.length(d));
            }
        }
        if (Double.isInfinite(dk)) {
            dk = 2 * Math.PI / g.lx();
        }
        int shells = (int) Math.ceil(g.maxWaveNumberMagnitude() / dk) + 1;
        double[] energy = new double[shells];
        var engine = new dev.isspectral.fft.JTransformsEngine(g.nx(), g.ny(), g.nz());
        double[] spectrum = new double[engine.spectrumLength()];
        double[] kx = g.waveNumbers(0);
        double[] ky = g.waveNumbers(1);
        double[] kz = g.waveNumbers(2);
        int nzh = g.nzHalf();
        double norm = 1.0 / ((double) n * n);
        for (int c = 0; c < 3; c++) {
            engine.forward(w[c], spectrum);
            for (int i = 0; i < g.nx(); i++) {
                for (int j = 0; j < g.ny(); j++) {
                    for (int m = 0; m < nzh; m++) {
                        int at = 2 * ((i * g.ny() + j) * nzh + m);
                        double power = spectrum[at] * spectrum[at] + spectrum[at + 1] * spectrum[at + 1];
                        // the half spectrum stores m and −m once: count interior z modes twice
                        boolean selfConjugate = m == 0 || (g.nz() % 2 == 0 && m == g.nz() / 2);
                        double weight = selfConjugate ? 1 : 2;
                        double k = Math.sqrt(kx[i] * kx[i] + ky[j] * ky[j] + kz[m] * kz[m]);
                        int shell = (int) Math.floor(k / dk + 0.5);
                        if (shell < shells) {
                            energy[shell] += 0.5 * weight * power * norm;
                        }
                    }
                }
            }
        }
        double[] centres = new double[shells];
        for (int b = 0; b < shells; b++) {
            centres[b] = b * dk;
        }
        return new double[][] {centres, energy};
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
