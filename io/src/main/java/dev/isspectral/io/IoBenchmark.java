package dev.isspectral.io;

import dev.isspectral.grid.Grid;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The HDF5 numbers of BENCHMARKS.md (issue 15), measured with {@link Measure} (warm-up until steady,
 * interleaved rounds, medians with 95% intervals):
 * <ol>
 *   <li>writing a checkpoint of a 128×128×64 box (jHDF, CRC-32 per dataset, temporary file, force, rename)
 *       against writing the same arrays' bytes raw with a {@link FileChannel} (write, force) in the same
 *       folder; target: within 2×;</li>
 *   <li>reading it back ({@link Checkpoint#read}: every dataset, checksums verified) against reading the raw
 *       bytes into the same arrays; (the file was just written, so both mostly read the page cache);</li>
 *   <li>the file size per grid point, against the raw doubles;</li>
 *   <li>the cost of a snapshot every 10 steps as a share of the run at 128×64×64: 10 steps with one snapshot
 *       against 10 steps without, each candidate stepping its own solver (the ratio minus one); target: below 5%.</li>
 * </ol>
 * Command: {@code java -cp "io/target/is-spectral-io.jar:io/target/lib/*" dev.isspectral.io.IoBenchmark
 * [--dir DIR] [--budget SECONDS] [--out FILE.md] [--quick]} after {@code mvn -B -ntp -pl io -am package -DskipTests}.
 */
public final class IoBenchmark {

    private IoBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        Duration budget = Duration.ofSeconds(120);
        String checkpointGrid = "128x128x64";
        String runGrid = "128x64x64";
        int every = 10;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> {
                    checkpointGrid = "32x32x16";
                    runGrid = "16x16x16";
                    budget = Duration.ofSeconds(4);
                }
                case "--dir" -> dir = Path.of(value(args, ++i, a));
                case "--budget" -> budget = Duration.ofMillis((long) (1000 * positive(a, value(args, ++i, a))));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--checkpoint-grid" -> checkpointGrid = value(args, ++i, a);
                case "--run-grid" -> runGrid = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option " + a
                        + "; allowed: --dir DIR, --budget SECONDS, --out FILE.md, --quick, --checkpoint-grid NXxNYxNZ, --run-grid NXxNYxNZ");
            }
        }
        String report = run(dir, budget, checkpointGrid, runGrid, every, System.out);
        if (out != null) {
            String text = report;
            AtomicWrite.write(out, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8), false);
            System.out.println("written: " + out.toAbsolutePath());
        }
    }

    /** Runs the three measurements, printing as it goes; returns the Markdown report. */
    static String run(Path parent, Duration budget, String checkpointGrid, String runGrid, int every, PrintStream log) throws IOException {
        RunContext context = RunContext.start();
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, "is-spectral-io-bench-");
        StringBuilder md = new StringBuilder();
        try {
            md.append("HDF5 I/O benchmark (issue 15), files in ").append(dir.getParent()).append('\n');
            md.append(checkpoints(dir, budget, checkpointGrid, log));
            md.append(snapshotShare(dir, budget, runGrid, every, log));
            context = context.finish();
            md.append("\nrun: ").append(context).append('\n');
            log.println("run: " + context);
            return md.toString();
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Simulation simulation(String points, int steps) {
        return Simulation.builder().grid(steps + "x" + points).eos(Eos.conformal()).transport(Transport.etaOverS(0.08))
                .initial(Initial.gaussianPulse()).build();
    }

    private static String checkpoints(Path dir, Duration budget, String points, PrintStream log) throws IOException {
        Simulation sim = simulation(points, 1);
        Solver solver = sim.start();
        solver.step();
        List<double[]> arrays = new ArrayList<>();
        for (var f : dev.isspectral.state.Field.values()) {
            arrays.add(solver.state().get(f));
        }
        for (Map.Entry<String, double[]> e : solver.carriedState().entrySet()) {
            arrays.add(e.getValue());
        }
        Grid g = sim.grid();
        long rawBytes = 8L * g.size() * arrays.size();
        Path checkpoint = dir.resolve("checkpoint.h5");
        Path raw = dir.resolve("raw.bin");
        ByteBuffer buffer = ByteBuffer.allocateDirect(8 * g.size()).order(ByteOrder.LITTLE_ENDIAN);
        double[][] readInto = new double[arrays.size()][g.size()];

        // one measurement, so all four share the rounds (and the machine's drift); ratios are to the raw write,
        // the issue's yardstick for both directions; the read is also compared with a raw read
        Measurement m = Measure.of(
                        Candidate.of("raw FileChannel write + force", () -> writeRaw(raw, arrays, buffer)),
                        Candidate.of("checkpoint write (jHDF, CRC-32, temp + force + rename)", () -> Checkpoint.save(solver, checkpoint)),
                        Candidate.of("raw FileChannel read", () -> readRaw(raw, readInto, buffer)),
                        Candidate.of("Checkpoint.read (checksums verified)", () -> Checkpoint.read(checkpoint, sim)))
                .named("checkpoint " + g.boxNotation()).budget(budget).run();
        log.println(m);
        long fileBytes = Files.size(checkpoint);
        Estimate writeRatio = m.ratio(1, 0);
        Estimate readRatio = m.ratio(3, 0);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%n| checkpoint of %s (%d arrays of doubles, %.1f MiB) | median [95%% CI] | ratio to the raw write | target |%n",
                g.boxNotation(), arrays.size(), rawBytes / 1048576.0));
        md.append("|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| raw FileChannel write + force | %s s | 1 | |%n", m.time(0).formatShort()));
        md.append(String.format(Locale.ROOT, "| checkpoint write | %s s | %s | ≤ 2: %s |%n", m.time(1).formatShort(),
                writeRatio.formatShort(), verdict(writeRatio, 2.0)));
        md.append(String.format(Locale.ROOT, "| raw FileChannel read (page cache) | %s s | %s | |%n", m.time(2).formatShort(),
                m.ratio(2, 0).formatShort()));
        md.append(String.format(Locale.ROOT, "| checkpoint read, checksums verified | %s s | %s (%s × the raw read) | ≤ 2: %s |%n",
                m.time(3).formatShort(), readRatio.formatShort(), m.ratio(3, 2).formatShort(), verdict(readRatio, 2.0)));
        md.append(String.format(Locale.ROOT, "| file size | %.2f bytes per point (%d bytes) | %.4f × the raw %d bytes per point | |%n",
                (double) fileBytes / g.size(), fileBytes, (double) fileBytes / rawBytes, 8 * arrays.size()));
        log.print(md);
        return md.toString();
    }

    private static String snapshotShare(Path dir, Duration budget, String points, int every, PrintStream log) {
        Simulation sim = simulation(points, every);
        Solver plain = sim.start();
        Solver observed = sim.start();
        Solver observedWithPrimitives = sim.start();
        SnapshotWriter writer = SnapshotWriter.to(dir.resolve("snapshots"));
        SnapshotWriter withPrimitives = SnapshotWriter.to(dir.resolve("snapshots-primitives")).withPrimitives();
        Measurement m = Measure.of(
                        Candidate.of(every + " steps", () -> plain.advance(every)),
                        Candidate.of(every + " steps + 1 snapshot", () -> {
                            observed.advance(every);
                            writer.write(observed);
                        }).around(() -> { }, () -> clear(writer.folder())),
                        Candidate.of(every + " steps + 1 snapshot with primitives", () -> {
                            observedWithPrimitives.advance(every);
                            withPrimitives.write(observedWithPrimitives);
                        }).around(() -> { }, () -> clear(withPrimitives.folder())))
                .named("snapshots every " + every + " steps, " + sim.grid().boxNotation()).budget(budget).run();
        log.println(m);
        Estimate share = m.ratio(1, 0).scaled(100, "%");
        Estimate shareWithPrimitives = m.ratio(2, 0).scaled(100, "%");
        String md = String.format(Locale.ROOT, "%n| snapshots every %d steps, %s | share of the run (ratio − 1) [95%% CI] | target |%n"
                        + "|---|---|---|%n| evolved fields | %s %% | < 5 %% : %s |%n| fields and primitives | %s %% | |%n",
                every, sim.grid().boxNotation(), shifted(share), verdict(share.scaled(0.01, "x"), 1.05), shifted(shareWithPrimitives));
        log.print(md);
        return md;
    }

    /** (ratio − 1) in percent, as "median [low, high]". */
    private static String shifted(Estimate percent) {
        return Estimate.number(percent.median() - 100) + " [" + Estimate.number(percent.low() - 100) + ", "
                + Estimate.number(percent.high() - 100) + "]";
    }

    /** PASS when the whole interval is at or below the target, MISS when all of it is above, else UNCLEAR. */
    private static String verdict(Estimate ratio, double target) {
        return ratio.high() <= target ? "PASS" : ratio.low() > target ? "MISS" : "UNCLEAR (interval straddles the target)";
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
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[i];
    }

    private static double positive(String option, String value) {
        try {
            double v = Double.parseDouble(value);
            if (v > 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " = \"" + value + "\"; must be a number > 0");
    }
}
