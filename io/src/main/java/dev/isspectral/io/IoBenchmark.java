package dev.isspectral.io;

import dev.isspectral.files.AtomicFiles;
import dev.isspectral.files.MarkedSection;
import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The HDF5 numbers of BENCHMARKS.md (issue 15), measured with {@link Measure} (warm-up until steady, interleaved
 * rotated rounds, medians with 95% intervals, paired ratios, machine load recorded), reported by
 * {@link IoBenchReport} with a verdict per target from the whole interval:
 * <ol>
 *   <li>writing a checkpoint of a 128×128×64 box ({@link Checkpoint#save}: jHDF, CRC-32 per dataset, temporary
 *       file, force, rename) against writing the same arrays' bytes raw with a {@link FileChannel} (write, force)
 *       in the same folder; target: within 2×;</li>
 *   <li>reading it back the way a restart does ({@link Checkpoint#readInto}: format, grid and physics checked, every
 *       dataset read straight into existing arrays with its checksum verified as read) against reading the raw bytes
 *       into the same arrays with a {@link FileChannel}; target: within 2× (the files were just written, so both
 *       mostly read the page cache); both pairs in one interleaved measurement;</li>
 *   <li>the file size per grid point (exact), against the raw doubles;</li>
 *   <li>the cost of snapshots every 10 steps as a share of the run at 128×64×64: one solver, two candidates
 *       interleaved in every round: the 10 steps of one snapshot interval ({@link Solver#advance}), and the one
 *       snapshot the run writes at the end of it (the {@link SnapshotWriter} observer's {@code afterStep}, called as a
 *       run calls it, at a step its schedule includes: HDF5 file to a temporary name, renamed, sidecar updated; not
 *       forced to disk, the snapshot policy); each round gives share = write / (steps + write), and the median and
 *       95% interval are over the rounds; after each write, untimed, the file is checked to be there and removed;
 *       target: below 5%.</li>
 * </ol>
 * Command (BENCHMARKS.md, "HDF5 I/O"): {@code bash io/io-bench.sh --budget 120 --dir /tmp --out target/io-bench.md
 * --json target/io-bench.json --publish BENCHMARKS.md}; see {@link IoBenchOptions} for every option.
 */
public final class IoBenchmark {

    private IoBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        IoBenchOptions options;
        try {
            options = IoBenchOptions.parse(System.getProperty("isspectral.io.command", IoBenchOptions.PROGRAM), args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            execute(options, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Measures (or, with {@code --from}, reads a saved report), writes the reports and publishes; returns the Markdown. */
    static String execute(IoBenchOptions options, PrintStream log) throws IOException {
        String markdown;
        if (options.from() != null && !Files.isRegularFile(options.from())) {
            throw new IllegalArgumentException("--from = \"" + options.from() + "\"; no such file (write one with --out FILE.md)");
        }
        checkDestinations(options);   // before measuring, not after two budgets of it
        if (options.from() != null) {
            markdown = Files.readString(options.from(), StandardCharsets.UTF_8);
        } else {
            IoBenchReport report = run(options, log);
            markdown = report.toMarkdown();
            log.println();
            log.print(markdown);
            if (options.out() != null) {
                AtomicFiles.write(options.out(), markdown);
                log.println("written: " + options.out());
            }
            if (options.json() != null) {
                AtomicFiles.write(options.json(), report.toJson());
                log.println("written: " + options.json());
            }
        }
        if (options.publish() != null) {
            publish(options.publish(), markdown);
            log.println("published into " + options.publish() + " between " + MarkedSection.begin(IoBenchOptions.SECTION)
                    + " and " + MarkedSection.end(IoBenchOptions.SECTION));
        }
        return markdown;
    }

    /**
     * Refuses, before anything is measured, a {@code --dir} that is a file, an {@code --out} or {@code --json} that
     * cannot be written, and a {@code --publish} file that is missing or lacks its one pair of markers.
     */
    static void checkDestinations(IoBenchOptions options) throws IOException {
        if (options.from() == null) {   // a report read back with --from measures nothing and writes no new files
            if (Files.exists(options.dir()) && !Files.isDirectory(options.dir())) {
                throw new IllegalArgumentException("--dir = \"" + options.dir() + "\"; is a file, must be a folder");
            }
            requireWritableFile("--out", options.out());
            requireWritableFile("--json", options.json());
        }
        if (options.publish() != null) {
            MarkedSection.requirePlaceable(options.publish(), "--publish", IoBenchOptions.SECTION);
        }
    }

    /** A report file must not be a folder, and the first of its folders that exists must be a writable folder. */
    private static void requireWritableFile(String option, Path file) {
        if (file == null) {
            return;
        }
        String problem = null;
        if (Files.isDirectory(file)) {
            problem = "is a folder";
        } else if (Files.exists(file) && !Files.isWritable(file)) {
            problem = "is not writable";
        } else {
            Path folder = file.toAbsolutePath().getParent();
            while (folder != null && !Files.exists(folder)) {
                folder = folder.getParent();
            }
            if (folder != null && !Files.isDirectory(folder)) {
                problem = "is below the file " + folder;
            } else if (folder != null && !Files.isWritable(folder)) {
                problem = "is in the folder " + folder + ", which cannot be written";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException(option + " = \"" + file + "\"; " + problem + "; must be a file that can be written");
        }
    }

    /** Replaces the io section of {@code benchmarks} by {@code markdown}, atomically; the rest stays byte for byte. */
    static void publish(Path benchmarks, String markdown) throws IOException {
        MarkedSection.place(benchmarks, IoBenchOptions.SECTION, markdown);
    }

    /** Runs the two measurements, printing each as it finishes; the files go to a temporary folder, removed after. */
    static IoBenchReport run(IoBenchOptions options, PrintStream log) throws IOException {
        RunContext context = RunContext.start();
        Files.createDirectories(options.dir());
        Path dir = Files.createTempDirectory(options.dir(), "is-spectral-io-bench-");
        try {
            log.println("IoBenchmark: " + options + "; files in " + dir);
            Grid cg = IoBenchOptions.grid("--checkpoint-grid", options.checkpointGrid());
            Simulation csim = simulation(options.checkpointGrid(), 1);
            Solver solver = csim.start();
            solver.step();
            List<double[]> arrays = new ArrayList<>();
            for (var f : dev.isspectral.state.Field.values()) {
                arrays.add(solver.state().get(f));
            }
            arrays.addAll(solver.carriedState().values());
            long rawBytes = 8L * cg.size() * arrays.size();
            Path checkpoint = dir.resolve("checkpoint.h5");
            Path raw = dir.resolve("raw.bin");
            ByteBuffer buffer = ByteBuffer.allocateDirect(8 * cg.size()).order(ByteOrder.LITTLE_ENDIAN);
            double[][] readInto = new double[arrays.size()][cg.size()];
            double[][] fieldsInto = java.util.Arrays.copyOf(readInto, dev.isspectral.state.Field.COUNT);
            java.util.Map<String, double[]> carriedInto = new java.util.LinkedHashMap<>();
            int next = fieldsInto.length;
            for (String name : solver.carriedState().keySet()) {
                carriedInto.put(name, readInto[next++]);
            }
            writeRaw(raw, arrays, buffer);
            Checkpoint.save(solver, checkpoint);
            Measurement checkpoints = Measure.of(
                            Candidate.of(IoBenchReport.RAW_WRITE, () -> writeRaw(raw, arrays, buffer)),
                            Candidate.of(IoBenchReport.CHECKPOINT_WRITE, () -> Checkpoint.save(solver, checkpoint)),
                            Candidate.of(IoBenchReport.RAW_READ, () -> readRaw(raw, readInto, buffer)),
                            Candidate.of(IoBenchReport.CHECKPOINT_READ,
                                    () -> Checkpoint.readInto(checkpoint, csim, fieldsInto, carriedInto)))
                    .named("checkpoint " + cg.boxNotation()).budget(options.budget()).run();
            log.println(checkpoints);
            long fileBytes = Files.size(checkpoint);
            String checkpointCase = String.format(Locale.ROOT, "%s (%d arrays of doubles, %.1f MiB)", cg.boxNotation(),
                    arrays.size(), rawBytes / 1048576.0);

            int every = options.every();
            Simulation rsim = simulation(options.runGrid(), every);
            Solver running = rsim.start();
            running.advance(every);       // at a step the writer's schedule includes, as after every sample of steps
            Path folder = dir.resolve("snapshots");
            SnapshotWriter writer = SnapshotWriter.to(folder).every(every);
            Measurement snapshots = Measure.of(
                            Candidate.of(IoBenchReport.STEPS, () -> running.advance(every)),
                            Candidate.of(IoBenchReport.SNAPSHOT, () -> writer.afterStep(running, running.lastStep()))
                                    .around(() -> { }, () -> removeSnapshot(folder, running.stepCount())))
                    .named("snapshots every " + every + " steps, " + rsim.grid().boxNotation()).budget(options.budget()).run();
            log.println(snapshots);
            String runCase = String.format(Locale.ROOT, "%s, a snapshot (evolved fields) every %d steps",
                    rsim.grid().boxNotation(), every);
            context = context.finish();
            log.println("run: " + context);
            return IoBenchReport.of(options, checkpointCase, checkpoints, fileBytes, cg.size(), rawBytes, runCase,
                    snapshots, context);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * After a timed snapshot, untimed: the observer really wrote the snapshot of step {@code step} (else the measured
     * time is not a write's), then the folder is emptied so the next write starts as the first one of a run does.
     */
    private static void removeSnapshot(Path folder, long step) {
        Path file = folder.resolve(SnapshotWriter.fileName(step));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the snapshot observer wrote no " + file + " at step " + step
                    + ": the measured time would not be a snapshot's");
        }
        clear(folder);
    }

    private static Simulation simulation(String points, int steps) {
        return Simulation.builder().grid(steps + "x" + points).eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.gaussianPulse()).build();
    }

    private static void writeRaw(Path file, List<double[]> arrays, ByteBuffer buffer) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (double[] a : arrays) {
                buffer.clear();
                buffer.asDoubleBuffer().put(a);
                buffer.limit(8 * a.length);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
            }
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readRaw(Path file, double[][] into, ByteBuffer buffer) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (double[] a : into) {
                buffer.clear();
                buffer.limit(8 * a.length);
                while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
                    // fill the buffer
                }
                buffer.flip();
                buffer.asDoubleBuffer().get(a);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void clear(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
