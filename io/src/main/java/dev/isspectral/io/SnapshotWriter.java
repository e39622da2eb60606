package dev.isspectral.io;

import dev.isspectral.grid.Grid;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Primitives;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Observable;
import dev.isspectral.sim.Observables;
import dev.isspectral.sim.Schedule;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.StepObserver;
import dev.isspectral.sim.Until;
import dev.isspectral.sim.StepStatistics;
import dev.isspectral.state.Field;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes snapshots of a run to a folder: one HDF5 file per snapshot, {@code snapshot-000040.h5} (the
 * step), and the XDMF sidecar {@code snapshots.xdmf} that ParaView and VisIt open as a time series.
 * Immutable; each {@code with…}/{@code every}/{@code atTimes} returns a new writer. Add it to a
 * simulation as an observer, or call {@link #write(Solver)}:
 *
 * <pre>{@code
 * var snapshots = SnapshotWriter.to(Path.of("out")).every(10).withPrimitives();
 * sim.toBuilder().observer(snapshots).build().run(Until.steps(100));   // steps 0, 10, ..., 100
 * Snapshots.in(Path.of("out")).table();                                  // time, step, observables
 * }</pre>
 *
 * <p>A file holds (format version {@value Provenance#VERSION}): root attributes {@code format} =
 * {@code "is-spectral snapshot"}, {@code format_version}, {@code time}, {@code step}, {@code dt}
 * (of the last step; 0 at step 0), the physics, tuning and origin (library version, commit); the
 * group {@code observables} with the run's default observables as attributes; {@code /fields/<label>},
 * the evolved fields; with {@link #withPrimitives()} {@code /primitives/<name>}: ε, P, T, v^i, Π and
 * the ten components of π^{μν} ({@code shear_stress_tt} … {@code shear_stress_zz}). Every dataset is
 * [nx][ny][nz] doubles in grid order (z fastest) with a {@code crc32} and a {@code description} attribute,
 * written in one write call from the solver's own array ({@link GridDatasets}: no nested copy, no row-by-row writes).
 * Each file is written under a temporary name and renamed into place; unlike a {@link Checkpoint} it is
 * not forced to the disk first (a snapshot is output, and forcing would cost a disk flush per snapshot).
 */
public final class SnapshotWriter implements StepObserver {

    /** Name of the XDMF sidecar in the folder. */
    public static final String SIDECAR = "snapshots.xdmf";

    /** The primitives written by {@link #withPrimitives()}, in order. */
    public static final List<String> PRIMITIVES = List.of("energy_density", "pressure", "temperature", "velocity_x",
            "velocity_y", "velocity_z", "bulk_pressure", "shear_stress_tt", "shear_stress_tx", "shear_stress_ty",
            "shear_stress_tz", "shear_stress_xx", "shear_stress_xy", "shear_stress_xz", "shear_stress_yy",
            "shear_stress_yz", "shear_stress_zz");

    /** The observables recorded in every snapshot's {@code observables} group, in order. */
    public static final List<String> OBSERVABLES = List.of("total_energy", "momentum_x", "momentum_y", "momentum_z",
            "max_speed", "min_energy_density", "max_energy_density");

    private static final double TIME_TOLERANCE = 1e-12;

    private final Path folder;
    private final Schedule schedule;     // null when writing at times
    private final double[] times;        // sorted; empty when writing on a step schedule
    private final boolean primitives;

    private SnapshotWriter(Path folder, Schedule schedule, double[] times, boolean primitives) {
        this.folder = folder;
        this.schedule = schedule;
        this.times = times;
        this.primitives = primitives;
    }

    /**
     * A writer to {@code folder} (created when the first snapshot is written), every step, evolved fields only.
     * A folder that is an existing regular file is refused here; one that exists but cannot be written is
     * refused when a run starts, before its first step.
     */
    public static SnapshotWriter to(Path folder) {
        if (folder == null) {
            throw new IllegalArgumentException("folder = null; must be a path such as Path.of(\"snapshots\")");
        }
        requireWritableFolder(folder);
        return new SnapshotWriter(folder, Schedule.everyStep(), new double[0], false);
    }

    /** Snapshots at step 0 (or where a run starts) and every {@code steps} ≥ 1 steps. */
    public SnapshotWriter every(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + "; must be >= 1 (a snapshot every that many steps)");
        }
        return new SnapshotWriter(folder, Schedule.every(steps), new double[0], primitives);
    }

    /**
     * Snapshots at the given simulated times ≥ 0: the state of the first step that reaches each time
     * (its file carries the state's own time, which is the requested one when the run steps onto it,
     * e.g. with {@code Until.time}). When a run starts, each time must lie in [its start time, its end
     * time] (the end only where the run stops at a time): a time outside would never be written.
     */
    public SnapshotWriter atTimes(double... requested) {
        if (requested == null || requested.length == 0) {
            throw new IllegalArgumentException("times = " + (requested == null ? "null" : "[]")
                    + "; must name at least one time >= 0");
        }
        for (double t : requested) {
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("times = " + Arrays.toString(requested) + "; each must be a finite number >= 0");
            }
        }
        double[] sorted = requested.clone();
        Arrays.sort(sorted);
        return new SnapshotWriter(folder, null, sorted, primitives);
    }

    /** Also write the primitives: ε, P, T, v, Π and the full π^{μν}. */
    public SnapshotWriter withPrimitives() {
        return withPrimitives(true);
    }

    /** Write the primitives too ({@code true}) or the evolved fields only. */
    public SnapshotWriter withPrimitives(boolean on) {
        return new SnapshotWriter(folder, schedule, times, on);
    }

    public Path folder() {
        return folder;
    }

    /**
     * Checks, before the first step, that the folder can be written, that it holds no snapshots of another
     * simulation (other grid or physics: {@link Snapshots#in} would mix the two runs) and that every requested
     * time lies within the run; writes the start's snapshot when it is due.
     */
    @Override
    public void runStarted(Solver solver, Until until) {
        requireWritableFolder(folder);
        requireSameRun(solver);
        if (schedule == null) {
            requireTimesWithin(solver.time(), until.byTime() ? until.endTime() : Double.NaN);
        }
        boolean due = schedule != null ? schedule.includes(solver.stepCount()) : reached(solver.time(), solver.time());
        if (due) {
            write(solver);
        }
    }

    @Override
    public void afterStep(Solver solver, StepStatistics statistics) {
        boolean due = schedule != null ? schedule.includes(solver.stepCount())
                : reached(solver.time() - statistics.dt(), solver.time());
        if (due) {
            write(solver);
        }
    }

    private static void requireWritableFolder(Path folder) {
        String problem = Files.isRegularFile(folder) ? "is a file"
                : Files.isDirectory(folder) && !Files.isWritable(folder) ? "is not writable" : null;
        if (problem != null) {
            throw new IllegalArgumentException("folder = \"" + folder + "\"; " + problem
                    + "; must be a folder that can be created or written");
        }
    }

    /** Refuses a folder whose newest snapshot was written by a simulation of another grid or physics. */
    private void requireSameRun(Solver solver) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        Path newest;
        try (Stream<Path> files = Files.list(folder)) {
            newest = files.filter(f -> f.getFileName().toString().matches("snapshot-\\d+\\.h5"))
                    .max(Comparator.comparing(f -> f.getFileName().toString())).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder, e);
        }
        if (newest == null) {
            return;
        }
        List<String> differences;
        try (HdfFile in = new HdfFile(newest)) {
            differences = Provenance.differences(in, Provenance.physics(solver.simulation()), "in this run");
        } catch (RuntimeException e) {
            throw new HdfFileException(newest, "cannot be read to check it belongs to this run: " + e.getMessage(), e);
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("folder = \"" + folder + "\"; holds " + newest.getFileName()
                    + " of another simulation (" + String.join("; ", differences)
                    + "); must be a new folder or one holding this simulation's snapshots");
        }
    }

    /** Refuses requested times before the run's start or after its end (NaN when the run stops after steps). */
    private void requireTimesWithin(double start, double end) {
        double eps = TIME_TOLERANCE * Math.max(1, Math.abs(start));
        List<String> early = new ArrayList<>();
        List<String> late = new ArrayList<>();
        for (double t : times) {
            if (t < start - eps) {
                early.add(Double.toString(t));
            } else if (!Double.isNaN(end) && t > end + TIME_TOLERANCE * Math.max(1, Math.abs(end))) {
                late.add(Double.toString(t));
            }
        }
        if (early.isEmpty() && late.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (!early.isEmpty()) {
            parts.add(String.join(", ", early) + (early.size() == 1 ? " is" : " are") + " before the run's start t = " + start);
        }
        if (!late.isEmpty()) {
            parts.add(String.join(", ", late) + (late.size() == 1 ? " is" : " are") + " after its end t = " + end);
        }
        throw new IllegalArgumentException("times = " + Arrays.toString(times) + "; " + String.join(" and ", parts)
                + "; each must " + (!Double.isNaN(end) ? "lie in [start, end]" : "be >= the run's start"));
    }

    /** Whether a requested time lies in (from, to], or equals {@code to} when from == to (the start). */
    private boolean reached(double from, double to) {
        double eps = TIME_TOLERANCE * Math.max(1, Math.abs(to));
        for (double t : times) {
            if ((from == to && Math.abs(t - to) <= eps) || (t > from + eps && t <= to + eps)) {
                return true;
            }
        }
        return false;
    }

    /** Writes a snapshot of the solver's current state now and updates the sidecar; returns the file. */
    public Path write(Solver solver) {
        Simulation sim = solver.simulation();
        Grid grid = solver.grid();
        Map<String, Double> observed = observables(solver);
        Path file = folder.resolve(fileName(solver.stepCount()));
        List<String> names = new ArrayList<>();
        AtomicWrite.write(file, tmp -> {
            try (WritableHdfFile out = HdfFile.write(tmp)) {
                Provenance.putHeader(out, Provenance.SNAPSHOT_FORMAT, solver);
                WritableGroup obs = out.putGroup("observables");
                observed.forEach(obs::putAttribute);
                WritableGroup fields = out.putGroup("fields");
                Transport t = sim.transport();
                for (Field f : Field.values()) {
                    boolean evolved = f.conserved() || (f == Field.BULK ? t.hasBulk() : t.hasShear());
                    if (evolved) {
                        put(fields, f.label(), solver.state().get(f), FIELD_DESCRIPTIONS[f.ordinal()]);
                        names.add("fields/" + f.label());
                    }
                }
                if (primitives) {
                    WritableGroup group = out.putGroup("primitives");
                    for (Map.Entry<String, Quantity> e : primitiveQuantities(solver).entrySet()) {
                        put(group, e.getKey(), e.getValue().values(), e.getValue().description());
                        names.add("primitives/" + e.getKey());
                    }
                }
            }
            GridDatasets.reshape(tmp, grid, names.stream().map(name -> "/" + name).toList());
        }, false);
        Xdmf.add(folder.resolve(SIDECAR), file.getFileName().toString(), solver.stepCount(), solver.time(), grid, names);
        return file.toAbsolutePath();
    }

    static String fileName(long step) {
        return String.format(Locale.ROOT, "snapshot-%06d.h5", step);
    }

    private static final String[] FIELD_DESCRIPTIONS = {
        "T^00, lab-frame energy density", "T^0x, momentum density", "T^0y, momentum density", "T^0z, momentum density",
        "Pi, bulk viscous pressure", "pi^xx, shear stress", "pi^yy, shear stress", "pi^xy, shear stress",
        "pi^xz, shear stress", "pi^yz, shear stress"};

    private record Quantity(double[] values, String description) {
    }

    /** ε, P, T, v^i, Π and π^{μν} (the evolved five and the five reconstructed from u_μ π^{μν} = 0, π^μ_μ = 0). */
    private static Map<String, Quantity> primitiveQuantities(Solver solver) {
        Primitives p = solver.primitives();
        Eos eos = solver.simulation().eos();
        int n = solver.grid().size();
        double[] pressure = new double[n];
        double[] temperature = new double[n];
        for (int q = 0; q < n; q++) {
            pressure[q] = eos.pressure(p.energyDensity[q]);
            temperature[q] = eos.temperature(p.energyDensity[q]);
        }
        var s = solver.state();
        Map<String, Quantity> m = new LinkedHashMap<>();
        m.put("energy_density", new Quantity(p.energyDensity, "eps, local rest-frame energy density"));
        m.put("pressure", new Quantity(pressure, "P(eps), equilibrium pressure from the EOS"));
        m.put("temperature", new Quantity(temperature, "T(eps) from the EOS"));
        m.put("velocity_x", new Quantity(p.vx, "v^x = u^x/u^0"));
        m.put("velocity_y", new Quantity(p.vy, "v^y = u^y/u^0"));
        m.put("velocity_z", new Quantity(p.vz, "v^z = u^z/u^0"));
        m.put("bulk_pressure", new Quantity(s.get(Field.BULK), "Pi, bulk viscous pressure"));
        m.put("shear_stress_tt", new Quantity(p.pi00, "pi^00 (reconstructed from orthogonality)"));
        m.put("shear_stress_tx", new Quantity(p.pi0x, "pi^0x (reconstructed)"));
        m.put("shear_stress_ty", new Quantity(p.pi0y, "pi^0y (reconstructed)"));
        m.put("shear_stress_tz", new Quantity(p.pi0z, "pi^0z (reconstructed)"));
        m.put("shear_stress_xx", new Quantity(s.get(Field.PI_XX), "pi^xx (evolved)"));
        m.put("shear_stress_xy", new Quantity(s.get(Field.PI_XY), "pi^xy (evolved)"));
        m.put("shear_stress_xz", new Quantity(s.get(Field.PI_XZ), "pi^xz (evolved)"));
        m.put("shear_stress_yy", new Quantity(s.get(Field.PI_YY), "pi^yy (evolved)"));
        m.put("shear_stress_yz", new Quantity(s.get(Field.PI_YZ), "pi^yz (evolved)"));
        m.put("shear_stress_zz", new Quantity(p.pizz, "pi^zz (reconstructed from tracelessness)"));
        return m;
    }

    private static Map<String, Double> observables(Solver solver) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Observable o : List.of(Observables.totalEnergy(), Observables.momentum(0), Observables.momentum(1),
                Observables.momentum(2), Observables.maxSpeed(), Observables.minEnergyDensity(), Observables.maxEnergyDensity())) {
            m.put(o.name(), o.measure(solver));
        }
        return m;
    }

    /** One grid array as an [nx][ny][nz] dataset, written in one call from the array itself ({@link GridDatasets}). */
    private static void put(WritableGroup group, String name, double[] values, String description) {
        WritableDataset d = GridDatasets.put(group, name, values);
        d.putAttribute(Provenance.CHECKSUM, GridData.crc32(values));
        d.putAttribute("description", description);
    }

    @Override
    public String toString() {
        return "snapshots to " + folder + " " + (schedule != null ? schedule.toString() : "at t = " + Arrays.toString(times))
                + (primitives ? ", with primitives" : "");
    }
}
