package dev.isspectral.sim;

import dev.isspectral.grid.Grid;

/**
 * Primitive initial data on a grid, filled by an {@link Initial}: ε, v, Π and the five evolved
 * π components, one array each. Converted to the evolved state by (1.2)–(1.5).
 */
public final class InitialData {

    final Grid grid;
    /** ε. */
    public final double[] energyDensity;
    /** v^x, v^y, v^z. */
    public final double[] vx;
    public final double[] vy;
    public final double[] vz;
    /** Π. */
    public final double[] bulk;
    /** π^xx, π^yy, π^xy, π^xz, π^yz. */
    public final double[][] shear;

    InitialData(Grid grid) {
        this.grid = grid;
        int n = grid.size();
        energyDensity = new double[n];
        vx = new double[n];
        vy = new double[n];
        vz = new double[n];
        bulk = new double[n];
        shear = new double[5][n];
    }

    public Grid grid() {
        return grid;
    }
}
