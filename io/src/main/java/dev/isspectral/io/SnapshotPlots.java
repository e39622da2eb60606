package dev.isspectral.io;

import dev.isspectral.grid.Grid;
import dev.isspectral.plot.ChartStyle;
import dev.isspectral.plot.HeatMap;

/** Figures of fields read from snapshot files, drawn like the solver's own ({@link HeatMap}). */
public final class SnapshotPlots {

    private static final String AXES = "xyz";

    private SnapshotPlots() {
    }

    /**
     * A heat map of {@code name} on the plane {@code axis = index} of {@code snapshot} ({@link Snapshot#slice}):
     * the project's shared heat map ({@link HeatMap}, as {@code FieldPlots.slice} draws a live solver's field), in the
     * box's coordinates with the plane's true aspect ratio, short tick labels and a colour bar with a few round ticks.
     */
    public static HeatMap slice(Snapshot snapshot, String name, int axis, int index) {
        double[][] values = snapshot.slice(name, axis, index);
        int a = axis == 0 ? 1 : 0;
        int b = axis == 2 ? 1 : 2;
        Grid grid = snapshot.grid();
        String plane = AXES.charAt(axis) + " = " + ChartStyle.label(grid.coordinate(axis, index));
        return HeatMap.of(values, grid.length(a), grid.length(b),
                name + " on the plane " + plane + " at t = " + ChartStyle.label(snapshot.time()) + " ("
                        + snapshot.file().getFileName() + ")",
                AXES.charAt(a) + " (code length units)", AXES.charAt(b) + " (code length units)", name + " (code units)");
    }
}
