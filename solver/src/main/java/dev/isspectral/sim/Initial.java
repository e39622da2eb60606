package dev.isspectral.sim;

import dev.isspectral.grid.Grid;
import java.util.Locale;
import java.util.Random;

/**
 * Initial conditions (physics.md §7.0). Each factory returns an immutable value whose fluent
 * methods return new values and reject bad input at once; conditions that depend on the grid
 * (a pulse narrower than the box, say) are checked when the simulation is built.
 */
public interface Initial {

    /** Fills {@code out} with primitive data on its grid. */
    void fill(InitialData out);

    /** Checks the grid-dependent conditions; throws IllegalArgumentException naming the parameter. */
    default void validate(Grid grid) {
    }

    /** One line for summaries. */
    String describe();

    /** Static equilibrium ε = ε0 = 1, v = 0, Π = π = 0. */
    static Uniform staticEquilibrium() {
        return new Uniform(1.0, 0.0, new double[5]);
    }

    /** ε = ε0[1 + A cos(k·x)], v = 0; default mode (1, 0, 0), A = 1e-3, ε0 = 1. */
    static SoundWave soundWave() {
        return new SoundWave(1.0, 1e-3, new int[] {1, 0, 0});
    }

    /**
     * v = V ê sin(k·x), ε = ε0; default k along x (mode 1), ê = ŷ, V = 1e-3. Until {@link ShearWave#direction(int)}
     * sets ê, a mode sets it to ŷ, or to the first axis perpendicular to k when ŷ is not.
     */
    static ShearWave shearWave() {
        return new ShearWave(1.0, 1e-3, new int[] {1, 0, 0}, 1, false);
    }

    /** ε = ε0[1 + A Σ_images exp(−|x − x_c − mL|²/(2w²))], v = 0; default A = 0.5, w = L_min/8, centre of the box. */
    static GaussianPulse gaussianPulse() {
        return new GaussianPulse(1.0, 0.5, Double.NaN);
    }

    /** Smooth random field: seeded phases, amplitude ∝ exp(−|k|²/k0²); default rms δε/ε0 = 0.05, rms |v| = 0.05, k0 = 2, seed 1. */
    static RandomField randomField() {
        return new RandomField(1.0, 0.05, 0.05, 2.0, 1L);
    }

    /** Periodic shear layer v_x = V tanh(β cos(2πy/L_y))/tanh β, v_y = δV sin(2πx/L_x) sin(2πy/L_y); default V = 0.2, β = 5, δ = 0.01. */
    static ShearLayer shearLayer() {
        return new ShearLayer(1.0, 0.2, 5.0, 0.01);
    }

    /** Taylor–Green vortex v_x = V sin kx cos ky, v_y = −V cos kx sin ky, k = 2π/L; default V = 1e-2. */
    static TaylorGreen taylorGreen() {
        return new TaylorGreen(1.0, 1e-2);
    }

    /** Arbitrary primitive data from a function of position; {@code description}, not blank, is its summary line. */
    static Initial custom(String description, PrimitiveProfile profile) {
        return new Custom(description, profile);
    }

    /** Primitive data at one point: fills {@code out} = (ε, v^x, v^y, v^z, Π, π^xx, π^yy, π^xy, π^xz, π^yz), all 0 on entry. */
    @FunctionalInterface
    interface PrimitiveProfile {
        void at(double x, double y, double z, double[] out);
    }

    // ------------------------------------------------------------------------------------------

    /** Uniform ε0 at rest with optional uniform Π0 and π0 (the homogeneous relaxation test, §7.1). */
    final class Uniform implements Initial {
        private final double energyDensity;
        private final double bulk;
        private final double[] shear;

        Uniform(double energyDensity, double bulk, double[] shear) {
            this.energyDensity = requirePositive("energyDensity", energyDensity);
            this.bulk = bulk;
            this.shear = shear;
        }

        public Uniform energyDensity(double eps0) {
            return new Uniform(eps0, bulk, shear);
        }

        /** Uniform Π0; must keep ε0 + P + Π0 > 0 (checked at build). */
        public Uniform bulk(double bulk0) {
            requireFinite("bulk", bulk0);
            return new Uniform(energyDensity, bulk0, shear);
        }

        /** Uniform traceless π0 (π^zz = −π^xx − π^yy at rest). */
        public Uniform shear(double xx, double yy, double xy, double xz, double yz) {
            double[] s = {xx, yy, xy, xz, yz};
            for (int c = 0; c < 5; c++) {
                requireFinite("shear component " + c, s[c]);
            }
            return new Uniform(energyDensity, bulk, s);
        }

        /** ε0. */
        public double energyDensity() {
            return energyDensity;
        }

        /** Π0. */
        public double bulk() {
            return bulk;
        }

        /** π0 = (π^xx, π^yy, π^xy, π^xz, π^yz); a copy. */
        public double[] shear() {
            return shear.clone();
        }

        @Override
        public void fill(InitialData out) {
            java.util.Arrays.fill(out.energyDensity, energyDensity);
            java.util.Arrays.fill(out.bulk, bulk);
            for (int c = 0; c < 5; c++) {
                java.util.Arrays.fill(out.shear[c], shear[c]);
            }
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "uniform eps0 = %.6g, Pi0 = %.6g, pi0 = (%.3g, %.3g, %.3g, %.3g, %.3g)",
                    energyDensity, bulk, shear[0], shear[1], shear[2], shear[3], shear[4]);
        }
    }

    /** ε = ε0[1 + A cos(k·x)], v = 0 (§7.0). */
    final class SoundWave implements Initial {
        private final double background;
        private final double amplitude;
        private final int[] mode;

        SoundWave(double background, double amplitude, int[] mode) {
            this.background = requirePositive("background", background);
            if (!(Math.abs(amplitude) < 1)) {
                throw new IllegalArgumentException("amplitude = " + amplitude + "; must satisfy |A| < 1 so that eps > 0");
            }
            this.amplitude = amplitude;
            this.mode = mode;
        }

        /** Mode numbers (n_x, n_y, n_z); k_d = 2π n_d/L_d. Not all zero. */
        public SoundWave mode(int nx, int ny, int nz) {
            if (nx == 0 && ny == 0 && nz == 0) {
                throw new IllegalArgumentException("mode = (0, 0, 0); at least one mode number must be non-zero");
            }
            return new SoundWave(background, amplitude, new int[] {nx, ny, nz});
        }

        /** Relative amplitude A, |A| < 1. */
        public SoundWave amplitude(double a) {
            return new SoundWave(background, a, mode);
        }

        /** Background ε0 > 0. */
        public SoundWave background(double eps0) {
            return new SoundWave(eps0, amplitude, mode);
        }

        public int[] mode() {
            return mode.clone();
        }

        public double amplitude() {
            return amplitude;
        }

        /** Background ε0. */
        public double background() {
            return background;
        }

        @Override
        public void validate(Grid grid) {
            Observables.requireResolved(grid, mode, "mode");
        }

        @Override
        public void fill(InitialData out) {
            Grid g = out.grid;
            double[] k = waveVector(g, mode);
            forEachPoint(g, (p, x, y, z) -> out.energyDensity[p] = background * (1 + amplitude * Math.cos(k[0] * x + k[1] * y + k[2] * z)));
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "sound wave, mode (%d, %d, %d), A = %.3g, eps0 = %.6g",
                    mode[0], mode[1], mode[2], amplitude, background);
        }
    }

    /** v = V ê sin(k·x), ê ⊥ k a coordinate axis (§7.0). */
    final class ShearWave implements Initial {
        /** The velocity direction while the user has not chosen one. */
        private static final int DEFAULT_DIRECTION = 1;

        private final double background;
        private final double amplitude;
        private final int[] mode;
        private final int direction;
        private final boolean directionChosen;

        ShearWave(double background, double amplitude, int[] mode, int direction, boolean directionChosen) {
            this.background = requirePositive("background", background);
            if (!(Math.abs(amplitude) < 1)) {
                throw new IllegalArgumentException("amplitude = " + amplitude + "; must satisfy |V| < 1");
            }
            this.amplitude = amplitude;
            this.mode = mode;
            this.direction = direction;
            this.directionChosen = directionChosen;
        }

        /**
         * Mode numbers; k must be perpendicular to the velocity direction. While the direction is the
         * default (not set by {@link #direction(int)}), it becomes y, or the first axis perpendicular to
         * k when y is not; a direction the user set is kept, and a mode along it is rejected.
         */
        public ShearWave mode(int nx, int ny, int nz) {
            if (nx == 0 && ny == 0 && nz == 0) {
                throw new IllegalArgumentException("mode = (0, 0, 0); at least one mode number must be non-zero");
            }
            int[] m = {nx, ny, nz};
            if (nx != 0 && ny != 0 && nz != 0) {
                throw new IllegalArgumentException("mode = (" + nx + ", " + ny + ", " + nz
                        + "); a shear wave needs k perpendicular to a coordinate axis (one mode number 0)");
            }
            if (!directionChosen) {
                int d = m[DEFAULT_DIRECTION] == 0 ? DEFAULT_DIRECTION : m[0] == 0 ? 0 : 2;
                return new ShearWave(background, amplitude, m, d, false);
            }
            if (m[direction] != 0) {
                throw new IllegalArgumentException("mode = (" + nx + ", " + ny + ", " + nz + ") with direction = "
                        + "xyz".charAt(direction) + "; the velocity must be perpendicular to k: choose direction "
                        + perpendicularAxes(m));
            }
            return new ShearWave(background, amplitude, m, direction, true);
        }

        /** Velocity amplitude V, |V| < 1. */
        public ShearWave amplitude(double v) {
            return new ShearWave(background, v, mode, direction, directionChosen);
        }

        /** Velocity direction: 0 = x, 1 = y, 2 = z; must be perpendicular to k. Later modes keep it. */
        public ShearWave direction(int axis) {
            if (axis < 0 || axis > 2) {
                throw new IllegalArgumentException("direction = " + axis + "; must be 0 (x), 1 (y) or 2 (z)");
            }
            if (mode[axis] != 0) {
                throw new IllegalArgumentException("direction = " + "xyz".charAt(axis) + " with mode (" + mode[0] + ", "
                        + mode[1] + ", " + mode[2] + "); the velocity must be perpendicular to k: choose direction "
                        + perpendicularAxes(mode));
            }
            return new ShearWave(background, amplitude, mode, axis, true);
        }

        public ShearWave background(double eps0) {
            return new ShearWave(eps0, amplitude, mode, direction, directionChosen);
        }

        /** The axes with mode number 0, as "x or y". */
        private static String perpendicularAxes(int[] m) {
            StringBuilder sb = new StringBuilder();
            for (int d = 0; d < 3; d++) {
                if (m[d] == 0) {
                    sb.append(sb.length() == 0 ? "" : " or ").append("xyz".charAt(d));
                }
            }
            return sb.toString();
        }

        /** Mode numbers (n_x, n_y, n_z). */
        public int[] mode() {
            return mode.clone();
        }

        /** Velocity amplitude V. */
        public double amplitude() {
            return amplitude;
        }

        /** Velocity direction: 0 = x, 1 = y, 2 = z. */
        public int direction() {
            return direction;
        }

        /**
         * Whether {@link #direction(int)} set the direction (then a later mode must be perpendicular to it)
         * rather than the default rule of {@link Initial#shearWave()}; a copy of this value (a recipe) sets
         * the direction only when this is true.
         */
        public boolean directionChosen() {
            return directionChosen;
        }

        /** Background ε0. */
        public double background() {
            return background;
        }

        @Override
        public void validate(Grid grid) {
            Observables.requireResolved(grid, mode, "mode");
        }

        @Override
        public void fill(InitialData out) {
            Grid g = out.grid;
            double[] k = waveVector(g, mode);
            double[] v = direction == 0 ? out.vx : direction == 1 ? out.vy : out.vz;
            java.util.Arrays.fill(out.energyDensity, background);
            forEachPoint(g, (p, x, y, z) -> v[p] = amplitude * Math.sin(k[0] * x + k[1] * y + k[2] * z));
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "shear wave, mode (%d, %d, %d), v along %c, V = %.3g, eps0 = %.6g",
                    mode[0], mode[1], mode[2], "xyz".charAt(direction), amplitude, background);
        }
    }

    /** Periodic Gaussian energy pulse at rest (§7.0). */
    final class GaussianPulse implements Initial {
        private final double background;
        private final double amplitude;
        private final double width;

        GaussianPulse(double background, double amplitude, double width) {
            this.background = requirePositive("background", background);
            if (!(amplitude > -1) || Double.isInfinite(amplitude)) {
                throw new IllegalArgumentException("amplitude = " + amplitude + "; must be finite and > -1 so that eps > 0");
            }
            if (!Double.isNaN(width) && !(width > 0)) {
                throw new IllegalArgumentException("width = " + width + "; must be > 0");
            }
            this.amplitude = amplitude;
            this.width = width;
        }

        public GaussianPulse amplitude(double a) {
            return new GaussianPulse(background, a, width);
        }

        /** Width w > 0; must be ≤ L_min/6 (checked at build). */
        public GaussianPulse width(double w) {
            // NaN stands for "the default L_min/8" inside; a NaN given here is an error, not a request for the default
            return new GaussianPulse(background, amplitude, requirePositive("width", w));
        }

        public GaussianPulse background(double eps0) {
            return new GaussianPulse(eps0, amplitude, width);
        }

        private double widthOn(Grid g) {
            return Double.isNaN(width) ? minLength(g) / 8 : width;
        }

        @Override
        public void validate(Grid grid) {
            double w = widthOn(grid);
            if (w > minLength(grid) / 6 * (1 + 1e-12)) {
                throw new IllegalArgumentException("width = " + w + "; must be <= L_min/6 = " + minLength(grid) / 6);
            }
        }

        @Override
        public void fill(InitialData out) {
            Grid g = out.grid;
            double w = widthOn(g);
            double cx = g.lx() / 2;
            double cy = g.ly() / 2;
            double cz = g.lz() / 2;
            forEachPoint(g, (p, x, y, z) -> {
                double sum = 0;
                for (int a = -1; a <= 1; a++) {
                    for (int b = -1; b <= 1; b++) {
                        for (int c = -1; c <= 1; c++) {
                            double dx = x - cx - a * g.lx();
                            double dy = y - cy - b * g.ly();
                            double dz = z - cz - c * g.lz();
                            sum += Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * w * w));
                        }
                    }
                }
                out.energyDensity[p] = background * (1 + amplitude * sum);
            });
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "Gaussian pulse, A = %.3g, w = %s, eps0 = %.6g", amplitude,
                    Double.isNaN(width) ? "L_min/8" : String.format(Locale.ROOT, "%.4g", width), background);
        }
    }

    /** Smooth random field with seeded phases and a Gaussian spectrum (§7.0). */
    final class RandomField implements Initial {
        private final double background;
        private final double densityRms;
        private final double velocityRms;
        private final double k0;
        private final long seed;

        RandomField(double background, double densityRms, double velocityRms, double k0, long seed) {
            this.background = requirePositive("background", background);
            if (!(densityRms >= 0) || densityRms >= 1) {
                throw new IllegalArgumentException("densityRms = " + densityRms + "; must be in [0, 1)");
            }
            if (!(velocityRms >= 0) || velocityRms >= 1) {
                throw new IllegalArgumentException("velocityRms = " + velocityRms + "; must be in [0, 1)");
            }
            this.densityRms = densityRms;
            this.velocityRms = velocityRms;
            this.k0 = requirePositive("k0", k0);
            this.seed = seed;
        }

        /** rms of δε/ε0. */
        public RandomField densityRms(double rms) {
            return new RandomField(background, rms, velocityRms, k0, seed);
        }

        /** rms of |v|. */
        public RandomField velocityRms(double rms) {
            return new RandomField(background, densityRms, rms, k0, seed);
        }

        /** Spectral width k0 > 0: amplitude ∝ exp(−|k|²/k0²). */
        public RandomField spectrumWidth(double k) {
            return new RandomField(background, densityRms, velocityRms, k, seed);
        }

        public RandomField seed(long s) {
            return new RandomField(background, densityRms, velocityRms, k0, s);
        }

        /** Background ε0 > 0. */
        public RandomField background(double eps0) {
            return new RandomField(eps0, densityRms, velocityRms, k0, seed);
        }

        /** Background ε0. */
        public double background() {
            return background;
        }

        /** rms of δε/ε0. */
        public double densityRms() {
            return densityRms;
        }

        /** rms of |v|. */
        public double velocityRms() {
            return velocityRms;
        }

        /** Spectral width k0. */
        public double spectrumWidth() {
            return k0;
        }

        /** Seed of the random phases. */
        public long seed() {
            return seed;
        }

        @Override
        public void fill(InitialData out) {
            Grid g = out.grid;
            Random random = new Random(seed);
            double[] density = randomSmooth(g, random);
            double[][] velocity = {randomSmooth(g, random), randomSmooth(g, random), randomSmooth(g, random)};
            double densityScale = densityRms / Math.max(rms(density), Double.MIN_NORMAL);
            double speedRms = Math.sqrt(sq(rms(velocity[0])) + sq(rms(velocity[1])) + sq(rms(velocity[2])));
            double velocityScale = velocityRms / Math.max(speedRms, Double.MIN_NORMAL);
            for (int p = 0; p < g.size(); p++) {
                out.energyDensity[p] = background * (1 + densityScale * density[p]);
                out.vx[p] = velocityScale * velocity[0][p];
                out.vy[p] = velocityScale * velocity[1][p];
                out.vz[p] = velocityScale * velocity[2][p];
            }
        }

        /** Σ_k exp(−|k|²/k0²) cos(k·x + φ_k) over k ≠ 0 with random phases: zero mean, smooth. */
        private double[] randomSmooth(Grid g, Random random) {
            int n = g.size();
            double[] f = new double[n];
            double[] kx = g.waveNumbers(0);
            double[] ky = g.waveNumbers(1);
            double[] kz = g.waveNumbers(2);
            double cutoff = 6 * k0 * k0;
            for (int a = 0; a < g.nx(); a++) {
                for (int b = 0; b < g.ny(); b++) {
                    for (int c = 0; c <= g.nz() / 2; c++) {
                        double k2 = kx[a] * kx[a] + ky[b] * ky[b] + kz[c] * kz[c];
                        double phase = 2 * Math.PI * random.nextDouble();
                        if (k2 == 0 || k2 > cutoff) {
                            continue;
                        }
                        double amplitude = Math.exp(-k2 / (k0 * k0));
                        for (int i = 0; i < g.nx(); i++) {
                            for (int j = 0; j < g.ny(); j++) {
                                for (int k = 0; k < g.nz(); k++) {
                                    double arg = kx[a] * g.coordinate(0, i) + ky[b] * g.coordinate(1, j)
                                            + kz[c] * g.coordinate(2, k) + phase;
                                    f[g.index(i, j, k)] += amplitude * Math.cos(arg);
                                }
                            }
                        }
                    }
                }
            }
            double mean = 0;
            for (double v : f) {
                mean += v;
            }
            mean /= n;
            for (int p = 0; p < n; p++) {
                f[p] -= mean;
            }
            return f;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "random field, rms deps/eps0 = %.3g, rms |v| = %.3g, k0 = %.3g, seed %d",
                    densityRms, velocityRms, k0, seed);
        }
    }

    /** Periodic Kelvin–Helmholtz-like shear layer (§7.0). */
    final class ShearLayer implements Initial {
        private final double background;
        private final double velocity;
        private final double sharpness;
        private final double perturbation;

        ShearLayer(double background, double velocity, double sharpness, double perturbation) {
            this.background = requirePositive("background", background);
            if (!(Math.abs(velocity) * Math.sqrt(1 + perturbation * perturbation) < 1)) {
                throw new IllegalArgumentException("velocity = " + velocity + " with perturbation = " + perturbation
                        + "; must keep |v| < 1 (|V| sqrt(1 + delta^2) < 1)");
            }
            this.velocity = velocity;
            this.sharpness = requirePositive("sharpness", sharpness);
            this.perturbation = perturbation;
        }

        /** Shear velocity V. */
        public ShearLayer velocity(double v) {
            return new ShearLayer(background, v, sharpness, perturbation);
        }

        /** Sharpness β > 0 of tanh(β cos(2πy/L_y)). */
        public ShearLayer sharpness(double beta) {
            return new ShearLayer(background, velocity, beta, perturbation);
        }

        /** Relative transverse perturbation δ. */
        public ShearLayer perturbation(double delta) {
            requireFinite("perturbation", delta);
            return new ShearLayer(background, velocity, sharpness, delta);
        }

        @Override
        public void fill(InitialData out) {
            Grid g = out.grid;
            double norm = Math.tanh(sharpness);
            java.util.Arrays.fill(out.energyDensity, background);
            forEachPoint(g, (p, x, y, z) -> {
                double ay = 2 * Math.PI * y / g.ly();
                out.vx[p] = velocity * Math.tanh(sharpness * Math.cos(ay)) / norm;
                out.vy[p] = perturbation * velocity * Math.sin(2 * Math.PI * x / g.lx()) * Math.sin(ay);
            });
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "shear layer, V = %.3g, beta = %.3g, delta = %.3g", velocity, sharpness, perturbation);
        }
    }

    /** Taylor–Green vortex (§7.0). */
    final class TaylorGreen implements Initial {
        private final double background;
        private final double velocity;

        TaylorGreen(double background, double velocity) {
            this.background = requirePositive("background", background);
            if (!(Math.abs(velocity) < 1)) {
                throw new IllegalArgumentException("velocity = " + velocity + "; must satisfy |V| < 1");
            }
            this.velocity = velocity;
        }

        public TaylorGreen velocity(double v) {
            return new TaylorGreen(background, v);
        }

        /** Background ε0 > 0. */
        public TaylorGreen background(double eps0) {
            return new TaylorGreen(eps0, velocity);
        }

        /** Velocity amplitude V. */
        public double velocity() {
            return velocity;
        }

        /** Background ε0. */
        public double background() {
            return background;
        }

        @Override
        public void fill(InitialData out) {
            Grid g = out.grid;
            double kx = 2 * Math.PI / g.lx();
            double ky = 2 * Math.PI / g.ly();
            java.util.Arrays.fill(out.energyDensity, background);
            forEachPoint(g, (p, x, y, z) -> {
                out.vx[p] = velocity * Math.sin(kx * x) * Math.cos(ky * y);
                out.vy[p] = -velocity * Math.cos(kx * x) * Math.sin(ky * y);
            });
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "Taylor-Green vortex, V = %.3g", velocity);
        }
    }

    /** Data from a user function. */
    final class Custom implements Initial {
        private final String description;
        private final PrimitiveProfile profile;

        Custom(String description, PrimitiveProfile profile) {
            if (description == null || description.isBlank()) {
                throw new IllegalArgumentException("description = " + (description == null ? "null" : "\"" + description + "\"")
                        + "; must be a non-blank name of the data (its summary line)");
            }
            if (profile == null) {
                throw new IllegalArgumentException("profile = null; must be a function of position");
            }
            this.description = description;
            this.profile = profile;
        }

        @Override
        public void fill(InitialData out) {
            double[] values = new double[10];
            forEachPoint(out.grid, (p, x, y, z) -> {
                java.util.Arrays.fill(values, 0.0);
                profile.at(x, y, z, values);
                out.energyDensity[p] = values[0];
                out.vx[p] = values[1];
                out.vy[p] = values[2];
                out.vz[p] = values[3];
                out.bulk[p] = values[4];
                for (int c = 0; c < 5; c++) {
                    out.shear[c][p] = values[5 + c];
                }
            });
        }

        @Override
        public String describe() {
            return description;
        }
    }

    // ------------------------------------------------------------------------------------------

    /** Visitor of grid points with coordinates. */
    @FunctionalInterface
    interface PointVisitor {
        void visit(int p, double x, double y, double z);
    }

    private static void forEachPoint(Grid g, PointVisitor visitor) {
        for (int i = 0; i < g.nx(); i++) {
            double x = g.coordinate(0, i);
            for (int j = 0; j < g.ny(); j++) {
                double y = g.coordinate(1, j);
                for (int k = 0; k < g.nz(); k++) {
                    visitor.visit(g.index(i, j, k), x, y, g.coordinate(2, k));
                }
            }
        }
    }

    private static double[] waveVector(Grid g, int[] mode) {
        return new double[] {2 * Math.PI * mode[0] / g.lx(), 2 * Math.PI * mode[1] / g.ly(), 2 * Math.PI * mode[2] / g.lz()};
    }

    private static double minLength(Grid g) {
        double min = Double.POSITIVE_INFINITY;
        for (int d = 0; d < 3; d++) {
            if (g.points(d) > 1) {
                min = Math.min(min, g.length(d));
            }
        }
        return Double.isInfinite(min) ? g.lx() : min;
    }

    private static double rms(double[] f) {
        double s = 0;
        for (double v : f) {
            s += v * v;
        }
        return Math.sqrt(s / f.length);
    }

    private static double sq(double x) {
        return x * x;
    }

    private static double requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + "; must be a finite number > 0");
        }
        return value;
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + "; must be finite");
        }
    }
}
