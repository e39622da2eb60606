package dev.isspectral.bench;

import dev.isspectral.grid.Grid;
import dev.isspectral.profile.AllocationCounter;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Peak live heap of one case, measured in a fresh child JVM so nothing else the harness holds counts.
 *
 * <p>Method. Live heap = {@code MemoryMXBean} heap used immediately after {@link System#gc()}. With
 * {@link #EXACT} ({@code -XX:+UseSerialGC}) that is a full compacting collection, so the figure is the live
 * bytes exactly; with {@link #G1} (the JVM's default collector) it is what G1 keeps in use, which
 * rounds every humongous array (one of half a region or more) up to whole regions. It is read before the
 * simulation is built, after setup (build + start) and after every step. The peak inside an interval is
 * bounded by the live heap at its start plus the bytes allocated during it by all threads
 * ({@code ThreadMXBean} allocation counters): nothing else can be live then. The probe reports the largest
 * such bound over the setup and over each measured step ({@link Result#peakBound()}), which is an upper
 * bound of the true peak live heap; a JVM needs at least that heap to run the case.
 */
public final class HeapProbe {

    /**
     * What the child measured, bytes unless named otherwise.
     *
     * @param liveBefore     live heap before the simulation was built (the JVM's own objects)
     * @param liveAfterSetup live heap after build + start
     * @param maxLiveAtStep  largest live heap after a measured step
     * @param setupBound     live before setup + bytes allocated during setup
     * @param stepBound      largest (live before a step + bytes allocated during that step)
     * @param maxStepBytes   largest bytes allocated by all threads during one measured step
     * @param nsPerPoint     median step wall time (GC probes excluded) per grid point, ns
     * @param solverBytes    {@link Solver#bytesHeld()}
     * @param engineBytes    the FFT engine's working buffers ({@code FftEngine.bytesHeld()}, heap or native)
     * @param threads        threads of the tuning
     */
    public record Result(long liveBefore, long liveAfterSetup, long maxLiveAtStep, long setupBound, long stepBound,
                         long maxStepBytes, double nsPerPoint, long solverBytes, long engineBytes, int threads) {

        /** The upper bound of the peak live heap over setup and steps. */
        public long peakBound() {
            return Math.max(setupBound, Math.max(stepBound, maxLiveAtStep));
        }
    }

    /** Child JVM flags for exact live bytes: the serial collector compacts the whole heap on {@code System.gc()}. */
    public static final List<String> EXACT = List.of("-XX:+UseSerialGC");
    /** Child JVM flags for the default collector, G1 with its default region size. */
    public static final List<String> G1 = List.of("-XX:+UseG1GC");

    private HeapProbe() {
    }

    /** Child entry: {@code HeapProbe <grid> <backend> <warmup> <steps>}; prints one line {@code heap-probe key=value ...}. */
    public static void main(String[] args) {
        Result r = measure(Grid.parse(args[0]), args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        System.out.printf(Locale.ROOT, "heap-probe liveBefore=%d liveAfterSetup=%d maxLiveAtStep=%d setupBound=%d stepBound=%d"
                        + " maxStepBytes=%d nsPerPoint=%.6f solverBytes=%d engineBytes=%d threads=%d%n",
                r.liveBefore(), r.liveAfterSetup(), r.maxLiveAtStep(), r.setupBound(), r.stepBound(), r.maxStepBytes(),
                r.nsPerPoint(), r.solverBytes(), r.engineBytes(), r.threads());
        System.out.flush();
        System.exit(0);   // FFT and worker pools may hold non-daemon threads
    }

    /** Runs the case in this JVM (the child calls it). */
    static Result measure(Grid grid, String backend, int warmup, int steps) {
        AllocationCounter counter = AllocationCounter.jvm();
        long liveBefore = liveHeap();
        long a0 = counter.allThreads();
        Simulation sim = Workload.simulation(grid, backend);
        Solver solver = sim.start();
        long setupBytes = counter.allThreads() - a0;
        long liveAfterSetup = liveHeap();
        solver.advance(warmup);
        long live = liveHeap();
        long stepBound = 0;
        long maxLive = 0;
        long maxStepBytes = 0;
        long[] nanos = new long[steps];
        for (int s = 0; s < steps; s++) {
            long a = counter.allThreads();
            long t = System.nanoTime();
            solver.step();
            nanos[s] = System.nanoTime() - t;
            long bytes = counter.allThreads() - a;
            maxStepBytes = Math.max(maxStepBytes, bytes);
            stepBound = Math.max(stepBound, live + bytes);
            live = liveHeap();
            maxLive = Math.max(maxLive, live);
        }
        java.util.Arrays.sort(nanos);
        double median = nanos.length == 0 ? Double.NaN : nanos[nanos.length / 2];
        return new Result(liveBefore, liveAfterSetup, maxLive, liveBefore + setupBytes, stepBound, maxStepBytes,
                median / grid.size(), solver.bytesHeld(), solver.fftEngine().bytesHeld(), sim.fftSettings().threads());
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The heap in use after three full collections ({@link System#gc()}), in bytes: the live heap of
     * this JVM as closely as it can be read in-process (garbage that survives the collections, and
     * with G1 the rounding of humongous arrays to whole regions, included). For a clean figure of
     * one case use {@link #inChildJvm}.
     *
     * @return bytes in use on the heap
     */
    public static long liveHeapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return liveHeap();
    }

    /**
     * Runs {@link #main} in a fresh JVM with {@code jvmFlags} ({@link #EXACT} or {@link #G1}) on this JVM's class path ({@code java.class.path}, whose jars'
     * manifest class paths the child follows too) and returns what it measured.
     *
     * @throws IllegalStateException if the child fails, with its exit status and last output lines
     */
    public static Result inChildJvm(Grid grid, String backend, int warmup, int steps, List<String> jvmFlags) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmFlags);
        command.addAll(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                HeapProbe.class.getName(), grid.notation(), backend, Integer.toString(warmup), Integer.toString(steps)));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuilder tail = new StringBuilder();
            Map<String, String> values = new HashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("heap-probe ")) {
                        for (String kv : line.substring("heap-probe ".length()).split(" ")) {
                            int eq = kv.indexOf('=');
                            values.put(kv.substring(0, eq), kv.substring(eq + 1));
                        }
                    } else {
                        tail.append(line).append('\n');
                        if (tail.length() > 4000) {
                            tail.delete(0, tail.length() - 4000);
                        }
                    }
                }
            }
            int status = p.waitFor();
            if (status != 0 || values.isEmpty()) {
                throw new IllegalStateException("heap probe of " + grid.notation() + " (" + backend + ") exited with status "
                        + status + ": " + tail);
            }
            return new Result(Long.parseLong(values.get("liveBefore")), Long.parseLong(values.get("liveAfterSetup")),
                    Long.parseLong(values.get("maxLiveAtStep")), Long.parseLong(values.get("setupBound")),
                    Long.parseLong(values.get("stepBound")), Long.parseLong(values.get("maxStepBytes")),
                    Double.parseDouble(values.get("nsPerPoint")), Long.parseLong(values.get("solverBytes")),
                    Long.parseLong(values.get("engineBytes")), Integer.parseInt(values.get("threads")));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the heap probe JVM " + java, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the heap probe", e);
        }
    }
}
