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

    public Grid grid() {
        return grid;
    }

    /** The live array of {@code field} (not a copy). */
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
        return 8L * Field.COUNT * grid.size();
    }
}
