package dev.isspectral.io;

import dev.isspectral.grid.Grid;
import dev.isspectral.sim.Schedule;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.StepObserver;
import dev.isspectral.sim.StepStatistics;
import dev.isspectral.state.Field;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * All a run needs to continue, in one HDF5 file: every field of the state, the arrays the next step
 * reads besides them ({@link Solver#carriedState()}), the step count, the time and the last Δt, with
 * the physics, settings and origin as attributes and a CRC-32 on every dataset.
 *
 * <pre>{@code
 * Checkpoint.save(solver, Path.of("run.h5"));                // atomically: a temporary file, then a rename
 * Solver resumed = Checkpoint.resume(sim, Path.of("run.h5")); // in a new JVM: same fields, clock and step
 * resumed.advance(100);                                      // bit for bit what the first solver would compute
 * }</pre>
 *
 * <p>Layout (format version {@value Provenance#VERSION}): root attributes {@code format} =
 * {@code "is-spectral checkpoint"}, {@code format_version}, {@code step}, {@code time}, {@code dt} (of
 * the last step) and those of {@link Provenance}; {@code /fields/<label>} for the ten evolved fields
 * ({@code T00 … pi_yz}) and {@code /carried/<name>} for the carried arrays, each a flat dataset of the
 * nx·ny·nz doubles in grid order (z fastest; {@code numpy.reshape(nx, ny, nz)} gives [i][j][k]) with its
 * {@code crc32} and {@code grid_shape} attributes. Flat, unlike a snapshot's [nx][ny][nz] datasets: jHDF writes a
 * flat dataset in one call (a 3-D one row by row, which snapshots avoid with {@link GridDatasets}); format version 1
 * keeps the flat layout that existing checkpoints have.
 *
 * <p>Loading checks, and refuses with one {@link HdfFileException} naming the file and everything that
 * does not match: that the file is a readable HDF5 file and an IS-Spectral checkpoint of this format
 * version; that its grid and physics equal the simulation's exactly; that every dataset is there, of
 * the grid's shape, and matches its checksum. A different tuning, FFT engine or recovery iteration is
 * allowed (the same physics) and reported in {@link #notes()}: the continuation then agrees to
 * round-off, not bit for bit.
 */
public final class Checkpoint {

    /** Attribute of each checkpoint dataset: the [nx, ny, nz] its flat values reshape to (C order). */
    static final String GRID_SHAPE = "grid_shape";

    private final Path file;
    private final long step;
    private final double time;
    private final double lastDt;
    private final Grid grid;
    private final double[][] fields;
    private final Map<String, double[]> carried;
    private final List<String> notes;
    private final Map<String, String> physics;

    private Checkpoint(Path file, long step, double time, double lastDt, Grid grid, double[][] fields,
                       Map<String, double[]> carried, List<String> notes, Map<String, String> physics) {
        this.physics = physics;
        this.file = file;
        this.step = step;
        this.time = time;
        this.lastDt = lastDt;
        this.grid = grid;
        this.fields = fields;
        this.carried = carried;
        this.notes = List.copyOf(notes);
    }

    /** Writes {@code solver}'s state to {@code file} (created with its folders; replaced atomically if it exists). */
    public static Path save(Solver solver, Path file) {
        if (solver == null) {
            throw new IllegalArgumentException("solver = null; must be a started solver, e.g. sim.start()");
        }
        if (file == null) {
            throw new IllegalArgumentException("file = null; must be a path such as Path.of(\"run.h5\")");
        }
        Grid grid = solver.grid();
        return AtomicWrite.write(file, tmp -> {
            try (WritableHdfFile out = HdfFile.write(tmp)) {
                Provenance.putHeader(out, Provenance.CHECKPOINT_FORMAT, solver);
                WritableGroup fieldGroup = out.putGroup("fields");
                for (Field f : Field.values()) {
                    putChecked(fieldGroup, f.label(), solver.state().get(f), grid);
                }
                WritableGroup carriedGroup = out.putGroup("carried");
                for (Map.Entry<String, double[]> e : solver.carriedState().entrySet()) {
                    putChecked(carriedGroup, e.getKey(), e.getValue(), grid);
                }
            }
        }, true);
    }

    /**
     * One grid array as a flat dataset, written by jHDF in a single call straight from {@code values} (no copy, no
     * row-by-row writes); {@code grid_shape} says how to reshape it.
     */
    private static void putChecked(WritableGroup group, String name, double[] values, Grid grid) {
        WritableDataset d = group.putDataset(name, values);
        d.putAttribute(Provenance.CHECKSUM, GridData.crc32(values));
        d.putAttribute(GRID_SHAPE, new int[] {grid.nx(), grid.ny(), grid.nz()});
    }

    /**
     * A fresh solver of {@code sim} in the state saved in {@code file}: the file is checked against {@code sim}
     * ({@link #read}) and its datasets are read straight into the new solver's own arrays, each verified against its
     * checksum as it is read, with no second copy of the state. On any error the new solver is dropped and nothing
     * runs.
     *
     * @throws HdfFileException naming the file and what does not match
     */
    public static Solver resume(Simulation sim, Path file) {
        return resumed(sim, file).solver();
    }

    /** A resumed solver and the checkpoint it was read from (step, time, notes). */
    record Resumed(Solver solver, Checkpoint checkpoint) {
    }

    /** {@link #resume}, also returning the checkpoint's header, for the command line's messages. */
    static Resumed resumed(Simulation sim, Path file) {
        requireFile(file);
        Solver solver = sim.start();
        double[][] fields = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            fields[f.ordinal()] = solver.state().get(f);
        }
        Map<String, double[]> carried = solver.carriedState();
        Checkpoint c = readInto(file, sim, fields, carried);
        solver.restore(fields, carried, c.step, c.time, c.lastDt);
        return new Resumed(solver, c);
    }

    /**
     * Reads and checks {@code file} for {@code sim}: format, version, grid and physics (exactly), every
     * dataset's presence, shape and checksum; the checkpoint holds the values in new arrays (for a later
     * {@link #start}; {@link #resume} reads into the solver's arrays instead).
     *
     * @throws HdfFileException naming the file and what does not match
     */
    public static Checkpoint read(Path file, Simulation sim) {
        requireFile(file);
        int n = sim.grid().size();
        double[][] fields = new double[Field.COUNT][n];
        return readInto(file, sim, fields, null);
    }

    /**
     * Reads and checks {@code file} for {@code sim} into arrays the caller has (each of the grid's size): the evolved
     * fields into {@code fields[f.ordinal()]}, the carried arrays into {@code carried}'s arrays, which must have the
     * names the file has ({@code null}: new arrays with the file's names). Checks as {@link #read}; each dataset's
     * bytes are read once, into its target array, with the checksum computed as they are read ({@code DatasetReader}).
     * On an error the targets hold partly read, unchecked values: read into arrays that are discarded then.
     *
     * @return the checkpoint (step, time, Δt, notes), holding {@code fields} and the carried arrays
     * @throws HdfFileException naming the file and what does not match
     */
    public static Checkpoint readInto(Path file, Simulation sim, double[][] fields, Map<String, double[]> carried) {
        requireFile(file);
        Grid grid = sim.grid();
        if (fields == null || fields.length != Field.COUNT) {
            throw new IllegalArgumentException("fields: " + (fields == null ? "null" : fields.length + " arrays")
                    + "; must be " + Field.COUNT + " arrays of " + grid.size() + " values");
        }
        for (Field f : Field.values()) {
            requireSize(f.label(), fields[f.ordinal()], grid);
        }
        if (carried != null) {
            carried.forEach((name, a) -> requireSize(name, a, grid));
        }
        try (HdfFile in = open(file); DatasetReader reader = new DatasetReader(file, in)) {
            requireFormat(file, in, Provenance.CHECKPOINT_FORMAT);
            List<String> mismatches = Provenance.differences(in, Provenance.physics(sim), "in the simulation");
            if (!mismatches.isEmpty()) {
                throw new HdfFileException(file, "written by another simulation than the one it is loaded into: "
                        + String.join("; ", mismatches));
            }
            List<String> notes = new ArrayList<>();
            for (String d : Provenance.differences(in, Provenance.settings(sim), "here")) {
                notes.add(d + " (same physics; the continuation agrees to round-off, not bit for bit)");
            }
            long step = number(file, in, Provenance.STEP).longValue();
            double time = number(file, in, Provenance.TIME).doubleValue();
            double dt = number(file, in, Provenance.DT).doubleValue();
            Node group = in.getChild("carried");
            List<String> inFile = group == null || !group.isGroup() ? List.of()
                    : List.copyOf(((io.jhdf.api.Group) group).getChildren().keySet());
            if (carried != null && !new java.util.HashSet<>(inFile).equals(carried.keySet())) {
                throw new HdfFileException(file, "carries " + new java.util.TreeSet<>(inFile) + " but this solver needs "
                        + new java.util.TreeSet<>(carried.keySet())
                        + " (written by another version of the solver?)");
            }
            for (Field f : Field.values()) {
                reader.read("/fields/" + f.label(), grid, false, fields[f.ordinal()]);
            }
            Map<String, double[]> carriedOut = new LinkedHashMap<>();
            for (String name : inFile) {
                double[] into = carried == null ? new double[grid.size()] : carried.get(name);
                reader.read("/carried/" + name, grid, false, into);
                carriedOut.put(name, into);
            }
            return new Checkpoint(file, step, time, dt, grid, fields, carriedOut, notes, rendered(Provenance.physics(sim)));
        } catch (HdfFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HdfFileException(file, "not a readable checkpoint (truncated or corrupt?): " + e, e);
        }
    }

    private static void requireFile(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file = null; must be a checkpoint such as Path.of(\"run.h5\")");
        }
        if (!Files.isRegularFile(file)) {
            throw new HdfFileException(file, "no such checkpoint file");
        }
    }

    private static void requireSize(String name, double[] a, Grid grid) {
        if (a == null || a.length != grid.size()) {
            throw new IllegalArgumentException(name + ": " + (a == null ? "missing" : a.length + " values")
                    + "; must have " + grid.size() + " (the grid " + grid.boxNotation() + ")");
        }
    }

    /** A fresh solver of {@code sim} put into this checkpoint's state; {@code sim} must have the physics it was read for. */
    public Solver start(Simulation sim) {
        Map<String, String> physics = rendered(Provenance.physics(sim));
        if (!physics.equals(this.physics)) {
            List<String> differences = new ArrayList<>();
            physics.forEach((name, value) -> {
                if (!value.equals(this.physics.get(name))) {
                    differences.add(name + ": " + this.physics.get(name) + " in the file, " + value + " in the simulation");
                }
            });
            throw new HdfFileException(file, "written by another simulation than the one it is loaded into: "
                    + String.join("; ", differences));
        }
        Solver solver = sim.start();
        if (!solver.carriedState().keySet().equals(carried.keySet())) {
            throw new HdfFileException(file, "carries " + carried.keySet() + " but this solver needs "
                    + solver.carriedState().keySet() + " (written by another version of the solver?)");
        }
        solver.restore(fields, carried, step, time, lastDt);
        return solver;
    }

    /** The checkpoint's file. */
    public Path file() {
        return file;
    }

    /** Steps taken when it was written. */
    public long step() {
        return step;
    }

    /** Simulated time when it was written. */
    public double time() {
        return time;
    }

    /** Differences in how the run is computed (tuning, FFT, recovery) between the file and the simulation; empty when none. */
    public List<String> notes() {
        return notes;
    }

    /**
     * An observer that saves a checkpoint of the run to {@code file} every {@code steps} steps,
     * replacing the previous one atomically (a crash or kill while writing leaves the previous one).
     */
    public static StepObserver every(int steps, Path file) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + "; must be >= 1 (a checkpoint every that many steps)");
        }
        Schedule schedule = Schedule.every(steps);
        if (file == null) {
            throw new IllegalArgumentException("file = null; must be a path such as Path.of(\"run.h5\")");
        }
        return new StepObserver() {
            @Override
            public void afterStep(Solver solver, StepStatistics statistics) {
                if (schedule.includes(solver.stepCount())) {
                    save(solver, file);
                }
            }

            @Override
            public String toString() {
                return "checkpoint to " + file + " " + schedule;
            }
        };
    }

    private static Map<String, String> rendered(Map<String, Object> attributes) {
        Map<String, String> out = new LinkedHashMap<>();
        attributes.forEach((name, value) -> out.put(name, Provenance.render(value)));
        return out;
    }

    static HdfFile open(Path file) {
        try {
            return new HdfFile(file);
        } catch (RuntimeException e) {
            throw new HdfFileException(file, "not a readable HDF5 file (truncated or corrupt?): " + e.getMessage(), e);
        }
    }

    /** Refuses a file that is not an IS-Spectral file of {@code format} and this format version. */
    static void requireFormat(Path file, HdfFile in, String format) {
        Attribute f = in.getAttribute(Provenance.FORMAT);
        String found = f == null ? null : String.valueOf(f.getData());
        if (found == null || !found.startsWith("is-spectral ")) {
            throw new HdfFileException(file, "not an IS-Spectral file (its root has no attribute format = \""
                    + format + "\"" + (found == null ? "" : "; it says \"" + found + "\"") + ")");
        }
        if (!found.equals(format)) {
            throw new HdfFileException(file, "is an " + found + ", not an " + format
                    + (format.equals(Provenance.CHECKPOINT_FORMAT) ? " (snapshots hold no carried state to restart from)" : ""));
        }
        Attribute v = in.getAttribute(Provenance.FORMAT_VERSION);
        int version = v == null ? -1 : ((Number) v.getData()).intValue();
        if (version != Provenance.VERSION) {
            throw new HdfFileException(file, "format version " + version + "; this library reads version " + Provenance.VERSION);
        }
    }

    static Number number(Path file, Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a == null || !(a.getData() instanceof Number n)) {
            throw new HdfFileException(file, "attribute " + name + " is missing or not a number");
        }
        return n;
    }

    /**
     * Dataset {@code path}: present, of the grid's shape ([nx][ny][nz] when {@code threeD}, else flat of nx·ny·nz),
     * and equal to its checksum; returned flat, in grid order, in a new array.
     */
    static double[] dataset(Path file, HdfFile in, String path, Grid grid, boolean threeD) {
        double[] values = new double[grid.size()];
        try (DatasetReader reader = new DatasetReader(file, in)) {
            reader.read(path, grid, threeD, values);
        }
        return values;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Checkpoint[%s: step %d, t = %.6g, %s%s]", file, step, time, grid.boxNotation(),
                notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    }
}
