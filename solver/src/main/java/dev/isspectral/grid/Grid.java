package dev.isspectral.grid;

import java.util.Locale;

/**
 * A periodic box of {@code Lx × Ly × Lz} sampled by {@code NX × NY × NZ} points, and the number of
 * time steps {@code NT} a problem runs for: the {@code NT×NX×NY×NZ} notation of design.md.
 *
 * <p>Point {@code (i, j, k)} sits at {@code (i Lx/NX, j Ly/NY, k Lz/NZ)} and is stored at
 * {@link #index(int, int, int)} {@code = (i·NY + j)·NZ + k} (z fastest). Wave numbers are
 * {@code k_d = 2π n_d / L_d} with mode numbers {@code n_d} in {@code (−N_d/2, N_d/2]} (physics.md §0).
 *
 * <p>Immutable; every {@code with…} returns a new grid. Invalid values fail at once with a message
 * naming the parameter, the value and what is allowed.
 */
public final class Grid {

    /** Default box length along every axis, 2π, so that mode number 1 has wave number 1. */
    public static final double DEFAULT_LENGTH = 2 * Math.PI;

    /** Largest number of grid points accepted: the spectrum of a field must fit in one array. */
    public static final long MAX_POINTS = 1L << 28;

    private final int steps;
    private final int nx;
    private final int ny;
    private final int nz;
    private final double lx;
    private final double ly;
    private final double lz;

    private Grid(int steps, int nx, int ny, int nz, double lx, double ly, double lz) {
        this.steps = requireNonNegative("steps (NT)", steps);
        this.nx = requirePoints("NX", nx);
        this.ny = requirePoints("NY", ny);
        this.nz = requirePoints("NZ", nz);
        this.lx = requireLength("Lx", lx);
        this.ly = requireLength("Ly", ly);
        this.lz = requireLength("Lz", lz);
        long points = (long) nx * ny * nz;
        if (points > MAX_POINTS) {
            throw new IllegalArgumentException("grid " + nx + "x" + ny + "x" + nz + " has " + points
                    + " points; must be <= " + MAX_POINTS);
        }
    }

    /** A box of {@code nx × ny × nz} points with sides 2π and no step count. */
    public static Grid of(int nx, int ny, int nz) {
        return new Grid(0, nx, ny, nz, DEFAULT_LENGTH, DEFAULT_LENGTH, DEFAULT_LENGTH);
    }

    /**
     * Parses the {@code NT×NX×NY×NZ} notation: {@code "32x32x16x16"} is 32 steps of a 32×16×16 box.
     * Three numbers ({@code "32x16x16"}) give a box with no step count. {@code x}, {@code X},
     * {@code ×} and {@code *} all separate; an empty part ({@code "32x16x16x"}, {@code "32xx16x16"}) is an error,
     * never dropped. Box lengths are 2π; change them with {@link #withBox}.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Grid parse(String text) {
        return parse("grid", text);
    }

    /**
     * As {@link #parse(String)}, its errors naming {@code name} (a command-line option such as {@code --grid}) and the
     * text as given.
     */
    public static Grid parse(String name, String text) {
        if (text == null) {
            throw new IllegalArgumentException(name + " = null; must be NTxNXxNYxNZ such as 32x32x16x16");
        }
        String trimmed = text.trim();
        String[] parts = trimmed.split("\\s*[xX×*]\\s*", -1);   // -1: keeps a trailing empty part ("32x16x16x")
        for (int d = 0; parts.length > 1 && d < parts.length; d++) {
            if (parts[d].isEmpty()) {
                String where = d == 0 ? "before the first '" + trimmed.charAt(0) + "'"
                        : d == parts.length - 1 ? "after the last '" + trimmed.charAt(trimmed.length() - 1) + "'"
                        : (d + 1) + " of " + parts.length + " (two separators in a row)";
                throw new IllegalArgumentException(name + " = \"" + text + "\"; empty part " + where
                        + "; must be NTxNXxNYxNZ (e.g. 32x32x16x16) or NXxNYxNZ");
            }
        }
        if (parts.length != 3 && parts.length != 4) {
            throw new IllegalArgumentException(name + " = \"" + text
                    + "\"; must be NTxNXxNYxNZ (steps and box, e.g. 32x32x16x16) or NXxNYxNZ (e.g. 32x16x16)");
        }
        int[] n = new int[parts.length];
        for (int d = 0; d < parts.length; d++) {
            try {
                n[d] = Integer.parseInt(parts[d]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " = \"" + text + "\"; \"" + parts[d]
                        + "\" is not a whole number; must be NTxNXxNYxNZ (e.g. 32x32x16x16) or NXxNYxNZ");
            }
        }
        try {
            if (n.length == 3) {
                return new Grid(0, n[0], n[1], n[2], DEFAULT_LENGTH, DEFAULT_LENGTH, DEFAULT_LENGTH);
            }
            return new Grid(n[0], n[1], n[2], n[3], DEFAULT_LENGTH, DEFAULT_LENGTH, DEFAULT_LENGTH);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " = \"" + text + "\": " + e.getMessage(), e);
        }
    }

    /** This grid with box sides {@code lx × ly × lz}. */
    public Grid withBox(double lx, double ly, double lz) {
        return new Grid(steps, nx, ny, nz, lx, ly, lz);
    }

    /** This grid in a cubic box of side {@code length}. */
    public Grid withBox(double length) {
        return withBox(length, length, length);
    }

    /** This grid with step count {@code steps} (the NT of NT×NX×NY×NZ). */
    public Grid withSteps(int steps) {
        return new Grid(steps, nx, ny, nz, lx, ly, lz);
    }

    /** The same box with {@code nx × ny × nz} points (step count and lengths kept). */
    public Grid withPoints(int nx, int ny, int nz) {
        return new Grid(steps, nx, ny, nz, lx, ly, lz);
    }

    /** NT: the number of time steps of the problem (0 when not given). */
    public int steps() {
        return steps;
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    /** Points along {@code axis} (0 = x, 1 = y, 2 = z). */
    public int points(int axis) {
        return switch (axis) {
            case 0 -> nx;
            case 1 -> ny;
            case 2 -> nz;
            default -> throw new IllegalArgumentException("axis = " + axis + "; must be 0, 1 or 2");
        };
    }

    /** Box length along {@code axis} (0 = x, 1 = y, 2 = z). */
    public double length(int axis) {
        return switch (axis) {
            case 0 -> lx;
            case 1 -> ly;
            case 2 -> lz;
            default -> throw new IllegalArgumentException("axis = " + axis + "; must be 0, 1 or 2");
        };
    }

    public double lx() {
        return lx;
    }

    public double ly() {
        return ly;
    }

    public double lz() {
        return lz;
    }

    /** Total number of points NX·NY·NZ. */
    public int size() {
        return nx * ny * nz;
    }

    /** Number of complex coefficients along z kept by a real-to-complex transform: NZ/2 + 1. */
    public int nzHalf() {
        return nz / 2 + 1;
    }

    /** Number of complex coefficients of a real field's half spectrum: NX·NY·(NZ/2 + 1). */
    public int spectrumSize() {
        return nx * ny * nzHalf();
    }

    /** Cell volume (Lx/NX)(Ly/NY)(Lz/NZ). */
    public double cellVolume() {
        return (lx / nx) * (ly / ny) * (lz / nz);
    }

    /** Flat index of point (i, j, k), z fastest. */
    public int index(int i, int j, int k) {
        return (i * ny + j) * nz + k;
    }

    /**
     * The grid index (i, j, k) of flat point {@code point}, the inverse of {@link #index} (z fastest);
     * for messages and reports (it allocates its answer).
     */
    public int[] ijk(int point) {
        return new int[] {point / (nz * ny), (point / nz) % ny, point % nz};
    }

    /** Coordinate of grid index {@code i} along {@code axis}: i·L/N. */
    public double coordinate(int axis, int i) {
        return i * length(axis) / points(axis);
    }

    /**
     * Signed mode number of storage index {@code i} along an axis of {@code n} points, in
     * (−n/2, n/2]; for even n the Nyquist index n/2 maps to +n/2.
     */
    public static int modeNumber(int i, int n) {
        return i <= n / 2 ? i : i - n;
    }

    /**
     * Wave numbers along {@code axis} in storage order of a full (complex) axis: {@code 2π n/L}.
     * For the z axis of a half spectrum use the first NZ/2+1 entries.
     */
    public double[] waveNumbers(int axis) {
        int n = points(axis);
        double[] k = new double[n];
        double unit = 2 * Math.PI / length(axis);
        for (int i = 0; i < n; i++) {
            k[i] = unit * modeNumber(i, n);
        }
        return k;
    }

    /**
     * Wave numbers for a first derivative: as {@link #waveNumbers} but with the Nyquist entry of an
     * even axis set to zero (physics.md §0), so the derivative of a real field stays real.
     */
    public double[] derivativeWaveNumbers(int axis) {
        double[] k = waveNumbers(axis);
        int n = points(axis);
        if (n % 2 == 0) {
            k[n / 2] = 0.0;
        }
        return k;
    }

    /** Largest resolved wave number along {@code axis}: π N/L (physics.md eq. 6.3). */
    public double maxWaveNumber(int axis) {
        return Math.PI * points(axis) / length(axis);
    }

    /** |k|_max = sqrt(Σ_d (π N_d/L_d)²), the spectral CFL wave number (physics.md eq. 6.3). */
    public double maxWaveNumberMagnitude() {
        double sum = 0;
        for (int d = 0; d < 3; d++) {
            double k = points(d) > 1 ? maxWaveNumber(d) : 0.0;
            sum += k * k;
        }
        return Math.sqrt(sum);
    }

    /** The box as {@code NX×NY×NZ}. */
    public String boxNotation() {
        return nx + "x" + ny + "x" + nz;
    }

    /**
     * Refuses a run of "the grid's steps" on a grid without NT ({@code "32x16x16"}, {@link #of}), which would run
     * none; {@code orElse} says how to give a step count instead, e.g. {@code "run(Until.steps(n))"}.
     */
    public void requireSteps(String orElse) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + " (grid " + boxNotation()
                    + " has no NT); must be >= 1: give NTxNXxNYxNZ or " + orElse);
        }
    }

    /** The problem as {@code NT×NX×NY×NZ}. */
    public String notation() {
        return steps + "x" + boxNotation();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && g.steps == steps && g.nx == nx && g.ny == ny && g.nz == nz
                && g.lx == lx && g.ly == ly && g.lz == lz;
    }

    @Override
    public int hashCode() {
        int h = Integer.hashCode(steps);
        h = 31 * h + nx;
        h = 31 * h + ny;
        h = 31 * h + nz;
        h = 31 * h + Double.hashCode(lx);
        h = 31 * h + Double.hashCode(ly);
        return 31 * h + Double.hashCode(lz);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d steps of a %dx%dx%d box, L = %.6g x %.6g x %.6g",
                steps, nx, ny, nz, lx, ly, lz);
    }

    private static int requirePoints(String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " = " + n + "; must be >= 1");
        }
        return n;
    }

    private static int requireNonNegative(String name, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " = " + n + "; must be >= 0");
        }
        return n;
    }

    private static double requireLength(String name, double l) {
        if (!(l > 0) || Double.isInfinite(l)) {
            throw new IllegalArgumentException(name + " = " + l + "; must be a finite length > 0");
        }
        return l;
    }
}
