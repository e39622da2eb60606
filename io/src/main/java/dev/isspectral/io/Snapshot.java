package dev.isspectral.io;

import dev.isspectral.grid.Grid;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One snapshot file: its step, time, grid and observables (read when it is opened) and its fields
 * (read, and checked against their checksums, when asked for). Names: the evolved field labels
 * ({@code T00}, {@code T0x}, …, {@code pi_yz}) and, if written, the primitives ({@code energy_density},
 * {@code pressure}, {@code temperature}, {@code velocity_x/y/z}, {@code bulk_pressure},
 * {@code shear_stress_tt} … {@code shear_stress_zz}). Names are unique within a file.
 */
public final class Snapshot {

    private final Path file;
    private final long step;
    private final double time;
    private final double dt;
    private final Grid grid;
    private final Map<String, Double> observables;
    private final List<String> names;
    private final Map<String, String> attributes;

    private Snapshot(Path file, long step, double time, double dt, Grid grid, Map<String, Double> observables,
                     List<String> names, Map<String, String> attributes) {
        this.file = file;
        this.step = step;
        this.time = time;
        this.dt = dt;
        this.grid = grid;
        this.observables = Collections.unmodifiableMap(observables);
        this.names = List.copyOf(names);
        this.attributes = Collections.unmodifiableMap(attributes);
    }

    /** Opens {@code file}, reading its attributes. */
    public static Snapshot open(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file = null; must be a snapshot file such as Path.of(\"snapshot-000010.h5\")");
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new HdfFileException(file, "no such snapshot file");
        }
        try (HdfFile in = Checkpoint.open(file)) {
            Checkpoint.requireFormat(file, in, Provenance.SNAPSHOT_FORMAT);
            int[] points = (int[]) Snapshots.attribute(in, "grid_points");
            double[] box = (double[]) Snapshots.attribute(in, "box_lengths");
            Grid grid = Grid.of(points[0], points[1], points[2]).withBox(box[0], box[1], box[2]);
            Map<String, Double> observed = new LinkedHashMap<>();
            Node obs = Snapshots.child(in, "observables");
            if (obs != null) {
                for (Map.Entry<String, Attribute> e : obs.getAttributes().entrySet()) {
                    observed.put(e.getKey(), ((Number) e.getValue().getData()).doubleValue());
                }
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            for (Map.Entry<String, Attribute> e : in.getAttributes().entrySet()) {
                attrs.put(e.getKey(), Provenance.render(e.getValue().getData()));
            }
            return new Snapshot(file, Checkpoint.number(file, in, Provenance.STEP).longValue(),
                    Checkpoint.number(file, in, Provenance.TIME).doubleValue(),
                    Checkpoint.number(file, in, Provenance.DT).doubleValue(), grid, observed, Snapshots.datasetNames(in), attrs);
        } catch (HdfFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HdfFileException(file, "not a readable snapshot (truncated or corrupt?): " + e, e);
        }
    }

    public Path file() {
        return file;
    }

    public long step() {
        return step;
    }

    public double time() {
        return time;
    }

    /** Δt of the step that led here (0 at step 0). */
    public double dt() {
        return dt;
    }

    public Grid grid() {
        return grid;
    }

    /** The observables recorded with it (total_energy, momentum_x, …), by name. */
    public Map<String, Double> observables() {
        return observables;
    }

    /** The datasets it holds, evolved fields first. */
    public List<String> names() {
        return names;
    }

    /** Every root attribute as text (physics, tuning, library version, commit, …). */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** Quantity {@code name} (see {@link #names()}) as a flat array in grid order (z fastest), checked against its checksum. */
    public double[] field(String name) {
        String group;
        if (name == null || !names.contains(name)) {   // List.copyOf(...).contains(null) throws
            throw new IllegalArgumentException("field = " + (name == null ? "null" : "\"" + name + "\"") + "; "
                    + file.getFileName() + " holds " + names);
        }
        try (HdfFile in = Checkpoint.open(file)) {
            group = Snapshots.child(in, "fields") instanceof io.jhdf.api.Group g && g.getChildren().containsKey(name)
                    ? "fields" : "primitives";
            return Checkpoint.dataset(file, in, "/" + group + "/" + name, grid, true);
        } catch (HdfFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HdfFileException(file, "cannot read " + name + " (truncated or corrupt?): " + e, e);
        }
    }

    /**
     * Quantity {@code name} on the plane {@code axis = index}: [a][b] over the two other axes in order
     * (for axis 2, z: [i][j]).
     */
    public double[][] slice(String name, int axis, int index) {
        if (axis < 0 || axis > 2) {
            throw new IllegalArgumentException("axis = " + axis + "; must be 0, 1 or 2");
        }
        if (index < 0 || index >= grid.points(axis)) {
            throw new IllegalArgumentException("index = " + index + "; must be in [0, " + grid.points(axis) + ") along " + "xyz".charAt(axis));
        }
        double[] f = field(name);
        int a = axis == 0 ? 1 : 0;
        int b = axis == 2 ? 1 : 2;
        double[][] out = new double[grid.points(a)][grid.points(b)];
        int[] ijk = new int[3];
        ijk[axis] = index;
        for (int p = 0; p < out.length; p++) {
            for (int q = 0; q < out[p].length; q++) {
                ijk[a] = p;
                ijk[b] = q;
                out[p][q] = f[grid.index(ijk[0], ijk[1], ijk[2])];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Snapshot[%s: step %d, t = %.6g, %s, %d datasets]", file.getFileName(), step, time,
                grid.boxNotation(), names.size());
    }
}
