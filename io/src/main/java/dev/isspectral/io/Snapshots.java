package dev.isspectral.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The snapshots in a folder (written by {@link SnapshotWriter}), in step order:
 *
 * <pre>{@code
 * Snapshots series = Snapshots.in(Path.of("out"));
 * series.table();                                   // file, step, time, dt, total_energy, ..., max_energy_density
 * Snapshot last = series.last();
 * SnapshotPlots.slice(last, "T00", 2, 0);           // a heat map of T^00 on the plane z = 0
 * }</pre>
 *
 * <p>Table columns: {@value #FILE}, {@value #STEP}, {@value #TIME}, {@value #DT}, then the observables
 * each file recorded ({@code total_energy}, {@code momentum_x/y/z}, {@code max_speed},
 * {@code min_energy_density}, {@code max_energy_density}). Reading a folder opens each file for its
 * attributes only; fields are read when asked for.
 */
public final class Snapshots {

    public static final String FILE = "file";
    public static final String STEP = "step";
    public static final String TIME = "time";
    public static final String DT = "dt";

    private final Path folder;
    private final List<Snapshot> snapshots;

    private Snapshots(Path folder, List<Snapshot> snapshots) {
        this.folder = folder;
        this.snapshots = List.copyOf(snapshots);
    }

    /**
     * The snapshots {@code snapshot-*.h5} in {@code folder}; temporary files of unfinished writes are
     * ignored.
     *
     * @throws HdfFileException if a snapshot file cannot be read or is not an IS-Spectral snapshot
     */
    public static Snapshots in(Path folder) {
        if (folder == null) {
            throw new IllegalArgumentException("folder = null; must be a snapshot folder such as Path.of(\"snapshots\")");
        }
        if (!Files.isDirectory(folder)) {
            throw new HdfFileException(folder, "no such snapshot folder");
        }
        List<Snapshot> list = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("snapshot-\\d+\\.h5")).toList()) {
                list.add(Snapshot.open(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + folder, e);
        }
        list.sort(Comparator.comparingLong(Snapshot::step));
        return new Snapshots(folder, list);
    }

    public Path folder() {
        return folder;
    }

    /** The snapshots in step order. */
    public List<Snapshot> list() {
        return snapshots;
    }

    public int size() {
        return snapshots.size();
    }

    /** The snapshot of step {@code step}. */
    public Snapshot atStep(long step) {
        for (Snapshot s : snapshots) {
            if (s.step() == step) {
                return s;
            }
        }
        List<Long> steps = snapshots.stream().map(Snapshot::step).toList();
        throw new IllegalArgumentException("step = " + step + "; the snapshots in " + folder + " are at steps " + steps);
    }

    /** The last snapshot (highest step). */
    public Snapshot last() {
        if (snapshots.isEmpty()) {
            throw new IllegalStateException("no snapshots in " + folder);
        }
        return snapshots.get(snapshots.size() - 1);
    }

    /** One row per snapshot; columns documented on this class. */
    public Table table() {
        StringColumn file = StringColumn.create(FILE);
        IntColumn step = IntColumn.create(STEP);
        DoubleColumn time = DoubleColumn.create(TIME);
        DoubleColumn dt = DoubleColumn.create(DT);
        Set<String> names = new LinkedHashSet<>(SnapshotWriter.OBSERVABLES);
        Set<String> extra = new java.util.TreeSet<>();
        for (Snapshot s : snapshots) {
            extra.addAll(s.observables().keySet());
        }
        names.retainAll(extra);
        names.addAll(extra);
        List<DoubleColumn> observed = new ArrayList<>();
        for (String n : names) {
            observed.add(DoubleColumn.create(n));
        }
        for (Snapshot s : snapshots) {
            file.append(s.file().getFileName().toString());
            step.append((int) s.step());
            time.append(s.time());
            dt.append(s.dt());
            for (DoubleColumn c : observed) {
                Double v = s.observables().get(c.name());
                c.append(v == null ? Double.NaN : v);
            }
        }
        Table t = Table.create("snapshots in " + folder.getFileName());
        t.addColumns(file, step, time, dt);
        observed.forEach(t::addColumns);
        return t;
    }

    static Node child(HdfFile in, String name) {
        return in.getChildren().get(name);
    }

    /** The datasets of a snapshot: evolved fields in storage order, then primitives in the order they are written. */
    static List<String> datasetNames(HdfFile in) {
        List<String> out = new ArrayList<>();
        for (String group : List.of("fields", "primitives")) {
            Node g = child(in, group);
            if (g instanceof Group grp) {
                List<String> names = new ArrayList<>(grp.getChildren().keySet());
                names.sort(Comparator.comparingInt((String n) -> rank(group, n)).thenComparing(n -> n));
                out.addAll(names);
            }
        }
        return out;
    }

    private static int rank(String group, String name) {
        if (group.equals("fields")) {
            for (dev.isspectral.state.Field f : dev.isspectral.state.Field.values()) {
                if (f.label().equals(name)) {
                    return f.ordinal();
                }
            }
            return Integer.MAX_VALUE;
        }
        int i = SnapshotWriter.PRIMITIVES.indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    static Object attribute(Node n, String name) {
        Attribute a = n.getAttribute(name);
        return a == null ? null : a.getData();
    }

    @Override
    public String toString() {
        if (snapshots.isEmpty()) {
            return "Snapshots[" + folder + ": none]";
        }
        return String.format(Locale.ROOT, "Snapshots[%s: %d, steps %d to %d, t = %.6g to %.6g]", folder, snapshots.size(),
                snapshots.get(0).step(), last().step(), snapshots.get(0).time(), last().time());
    }
}
