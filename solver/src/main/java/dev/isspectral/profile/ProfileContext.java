package dev.isspectral.profile;

import dev.isspectral.measure.MachineLoad;
import dev.isspectral.measure.RunContext;
import dev.isspectral.sim.Simulation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What was run, where and when: the facts a profile report opens with, so a reader can tell
 * whether two reports are comparable. Captured by the {@link Profiler} with the project's measurement
 * method ({@link RunContext} for the commit and machine, {@link MachineLoad} over the measured steps for
 * the load) and kept in the JSON export ({@link ProfileJson}).
 *
 * @param date        UTC date and time of the run, {@code yyyy-MM-dd HH:mm UTC}
 * @param grid        NT×NX×NY×NZ of the simulation
 * @param box         box lengths, e.g. {@code L = 6.283 x 6.283 x 6.283}
 * @param warmupSteps steps run before measuring
 * @param steps       measured steps
 * @param physics     initial condition, EOS, transport, integrator in one line
 * @param integrator  the integrator's name, e.g. {@code ARS(2,2,2)}
 * @param tuning      the tuning's name
 * @param tuningDetail every knob of the tuning ({@code Tuning.describe()})
 * @param fft         the effective FFT configuration ({@code Simulation.fftDescription()})
 * @param backend     the FFT backend used
 * @param threads     the solver's worker threads
 * @param commit      the source commit, "+dirty" with uncommitted changes ({@link RunContext#commitText()}),
 *                    "unknown" outside a git checkout
 * @param machine     cores, CPU model, JVM, OS and maximum heap
 * @param loadStart   1-minute load average when measuring began (NaN where the OS gives none)
 * @param loadEnd     1-minute load average when measuring ended
 * @param otherShare  share of all CPU time other processes used while measuring ({@link MachineLoad}; NaN off Linux)
 * @param stealShare  share of all CPU time the hypervisor stole while measuring (NaN off Linux)
 * @param gcCount     garbage collections while measuring (-1 if unknown)
 * @param jitMillis   time the JIT compiler worked while measuring, ms (NaN where the JVM does not say)
 * @param classesLoaded classes the JVM loaded while measuring (-1 if unknown): code met for the first time there, which
 *                    the JIT compiles in the window and for which it may deoptimize code compiled before
 * @param warmup      how the warm-up went, e.g. "4 steps" or "4 + 57 steps, until steady (...)"
 */
public record ProfileContext(String date, String grid, String box, int warmupSteps, int steps, String physics,
                             String integrator, String tuning, String tuningDetail, String fft, String backend, int threads,
                             String commit, String machine, double loadStart, double loadEnd, double otherShare,
                             double stealShare, long gcCount, double jitMillis, long classesLoaded,
                             String warmup) {

    /** For a profile without context (e.g. one read from an export that predates it): every text "unknown". */
    public static final ProfileContext UNKNOWN = new ProfileContext("unknown", "unknown", "unknown", -1, -1, "unknown",
            "unknown", "unknown", "unknown", "unknown", "unknown", -1, "unknown", "unknown", Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, -1, Double.NaN, -1, "unknown");

    /** The context of profiling {@code sim}, taken now; the load to be filled in with {@link #withLoad}. */
    static ProfileContext of(Simulation sim, int warmup, int steps) {
        var g = sim.grid();
        String box = String.format(Locale.ROOT, "L = %.4g x %.4g x %.4g", g.lx(), g.ly(), g.lz());
        String physics = sim.initial().describe() + "; " + sim.eos().describe() + "; " + sim.transport().describe();
        RunContext run = RunContext.start();
        String cpu = cpuModel();
        // run.machine(): OS, architecture, cores, max heap
        String machine = (cpu.isEmpty() ? "" : cpu + "; ") + run.machine() + "; " + run.jvm();
        return new ProfileContext(run.date(), g.notation(), box, warmup, steps, physics, sim.integrator().name(),
                sim.tuning().name(), sim.tuning().describe(), sim.fftDescription(), sim.fftSettings().backend(),
                sim.tuning().threads(), run.commitText(), machine, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1,
                Double.NaN, -1, warmup + (warmup == 1 ? " step" : " steps"));
    }

    /** This context with the machine's load over the measured steps, and the classes the JVM loaded meanwhile. */
    ProfileContext withLoad(MachineLoad load, long classes) {
        return new ProfileContext(date, grid, box, warmupSteps, steps, physics, integrator, tuning, tuningDetail, fft, backend,
                threads, commit, machine, load.loadBefore(), load.loadAfter(), load.otherShare(), load.stealShare(),
                load.gcCount(), load.jitMillis(), classes, warmup);
    }

    /** This context with the warm-up as it went: its steps in all and how it ended. */
    ProfileContext withWarmup(int steps, String text) {
        return new ProfileContext(date, grid, box, steps, this.steps, physics, integrator, tuning, tuningDetail, fft, backend,
                threads, commit, machine, loadStart, loadEnd, otherShare, stealShare, gcCount, jitMillis, classesLoaded, text);
    }

    /**
     * Whether other processes (more than {@link MachineLoad#BUSY_OTHER_SHARE} of all CPU time) or the hypervisor
     * (more than {@link MachineLoad#BUSY_STEAL_SHARE}) took enough CPU that the absolute times are suspect.
     */
    public boolean busy() {
        return otherShare > MachineLoad.BUSY_OTHER_SHARE || stealShare > MachineLoad.BUSY_STEAL_SHARE;
    }

    /** The load in words, e.g. "1-min load 2.10 → 2.31; other processes 3.2 % of CPU, steal 0.0 %; 4 GCs". */
    public String loadText() {
        if (Double.isNaN(loadStart) && Double.isNaN(otherShare)) {
            return "n/a";
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "1-min load average %.2f → %.2f", loadStart, loadEnd));
        if (!Double.isNaN(otherShare)) {
            s.append(String.format(Locale.ROOT, "; other processes %.1f %% of all CPU time, steal %.1f %%", 100 * otherShare,
                    100 * stealShare));
        }
        if (gcCount >= 0) {
            s.append("; ").append(gcCount).append(gcCount == 1 ? " GC" : " GCs").append(" while measuring");
        }
        if (Double.isFinite(jitMillis)) {
            s.append(String.format(Locale.ROOT, "; JIT compiling %.0f ms", jitMillis));
        }
        if (classesLoaded > 0) {
            s.append("; ").append(classesLoaded).append(classesLoaded == 1 ? " class" : " classes").append(" loaded");
        }
        if (busy()) {
            s.append(" — BUSY machine: the absolute times are inflated");
        }
        return s.toString();
    }

    /** The fields by their JSON names, in order (numbers as Double, Integer or Long). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", date);
        m.put("grid", grid);
        m.put("box", box);
        m.put("warmup_steps", warmupSteps);
        m.put("steps", steps);
        m.put("physics", physics);
        m.put("integrator", integrator);
        m.put("tuning", tuning);
        m.put("tuning_detail", tuningDetail);
        m.put("fft", fft);
        m.put("backend", backend);
        m.put("threads", threads);
        m.put("commit", commit);
        m.put("machine", machine);
        m.put("load_start", loadStart);
        m.put("load_end", loadEnd);
        m.put("other_cpu_share", otherShare);
        m.put("steal_share", stealShare);
        m.put("gc_count", gcCount);
        m.put("jit_ms", jitMillis);
        m.put("classes_loaded", classesLoaded);
        m.put("warmup", warmup);
        return m;
    }

    /** Reads {@link #toMap()}'s form back; missing entries become "unknown" / -1 / NaN. */
    static ProfileContext fromMap(Map<?, ?> m) {
        if (m == null) {
            return UNKNOWN;
        }
        return new ProfileContext(text(m, "date"), text(m, "grid"), text(m, "box"), whole(m, "warmup_steps"), whole(m, "steps"),
                text(m, "physics"), text(m, "integrator"), text(m, "tuning"), text(m, "tuning_detail"), text(m, "fft"),
                text(m, "backend"), whole(m, "threads"), text(m, "commit"), text(m, "machine"), number(m, "load_start"),
                number(m, "load_end"), number(m, "other_cpu_share"), number(m, "steal_share"), whole(m, "gc_count"),
                number(m, "jit_ms"), wholeLong(m, "classes_loaded"), text(m, "warmup"));
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? "unknown" : v.toString();
    }

    private static int whole(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.intValue() : -1;
    }

    private static long wholeLong(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : -1;
    }

    private static double number(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The CPU model from /proc/cpuinfo (Linux), "" elsewhere. */
    public static String cpuModel() {
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info)) {
                for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " ");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return "";
    }
}
