package dev.isspectral.state;

import dev.isspectral.grid.Grid;

/**
 * The evolved state U on a grid: one {@code double[]} per {@link Field} (structure of arrays),
 * each of {@code grid.size()} points in the grid's index order. Mutable; owned by one solver.
 */
public final class State {

    private final Grid grid;
    private final double[][] fields;

    /** Doubles per grid point a state holds: one per field, every field stored (evolved or not). */
    public static int storagePerPoint() {
        return Field.COUNT;
    }

    /** A zeroed state on {@code grid}. */
    public State(Grid grid) {
        this.grid = grid;
        this.fields = new double[storagePerPoint()][grid.size()];
    }

    /**
     * A state whose field arrays are {@code fields} themselves (indexed by {@link Field#ordinal()}, each of
     * {@code grid.size()} points), not copies: for data built in arrays of its own and handed over (the initial
     * data converted in place), so no second copy is ever allocated.
     */
    public static State adopting(Grid grid, double[][] fields) {
        if (fields == null || fields.length != Field.COUNT) {
            throw new IllegalArgumentException("fields = " + (fields == null ? "null" : fields.length + " arrays")
                    + "; must be " + Field.COUNT + " arrays, one per Field");
        }
        for (int f = 0; f < Field.COUNT; f++) {
            if (fields[f] == null || fields[f].length != grid.size()) {
                throw new IllegalArgumentException("fields[" + f + "] (" + Field.values()[f].label() + ") length = "
                        + (fields[f] == null ? "null" : fields[f].length) + "; must be " + grid.size()
                        + " for " + grid.boxNotation());
            }
        }
        return new State(grid, fields.clone());
    }

    private State(Grid grid, double[][] fields) {
        this.grid = grid;
        this.fields = fields;
    }

    public Grid grid() {
        return grid;
    }

    /** The live array of {@code field} (not a copy); a solver's step may replace it by another (read it again after a step). */
    public double[] get(Field field) {
        return fields[field.ordinal()];
    }

    /** All live arrays, indexed by {@link Field#ordinal()}. */
    public double[][] arrays() {
        return fields;
    }

    /** Copies every field of {@code other} (same grid) into this state. */
    public void copyFrom(State other) {
        for (int f = 0; f < Field.COUNT; f++) {
            System.arraycopy(other.fields[f], 0, fields[f], 0, fields[f].length);
        }
    }

    /** A deep copy. */
    public State copy() {
        State s = new State(grid);
        s.copyFrom(this);
        return s;
    }

    /** Bytes held by the field arrays. */
    public long bytesHeld() {
        return 8L * storagePerPoint() * grid.size();
    }
}
