package dev.isspectral.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.grid.Grid;
import dev.isspectral.testsupport.Generated;
import dev.isspectral.testsupport.StdErr;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Property-based test of the command line (issue 14): thousands of generated argument lists for {@code run} and
 * {@code bench}, with option values that include NaN, the infinities, extremes, empty and malformed text, unknown
 * options, missing values and repeated options. Every one must either run (exit 0, and then every number given lies
 * in its documented range and is the one shown: no silent substitution) or fail with exactly one line naming what
 * is wrong and what is allowed (exit 2, or 1 for a run that became unstable). Never a stack trace, never another
 * exit status. Grids are kept tiny (at most 64 points, 3 steps) so the whole test takes seconds.
 */
class CliPropertiesTest {

    private static final List<String> NUMERIC = List.of("--eta-over-s", "--zeta-over-s", "--b-pi", "--cs2", "--dt", "--box");
    private static final List<String> CASES = List.of("sound-wave", "shear-wave", "static", "gaussian-pulse", "random-field",
            "taylor-green", "shear-layer", "no-such-case", "", "--grid");

    /**
     * What a command printed: on its own streams, and what the library wrote on {@code System.err} meanwhile
     * (the builder's time-step warnings, the FFT fallback note), captured so that it is asserted on, not logged.
     */
    record Outcome(int status, String out, String err, String systemErr) {
    }

    static Outcome main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StdErr.Captured<Integer> run;
        try {
            run = StdErr.capture(() -> Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("Main.run threw for " + java.util.Arrays.toString(args), e);
        }
        for (String line : run.text().lines().toList()) {
            assertTrue(line.startsWith("warning: timeStep = ") || line.startsWith("WARNING: FFT backend '"),
                    "unexpected line on System.err for " + java.util.Arrays.toString(args) + ": " + line);
        }
        return new Outcome(run.value(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), run.text());
    }

    /** A grid text that is either invalid or tiny, so that an accepted run stays cheap. */
    static String tinyOrInvalidGrid(Generated g) {
        String text = g.random().nextInt(3) == 0
                ? g.oneOf("0x8x8x8", "8x8x8", "8x1x1x1", "1x1x1x1", "1x0x4x4", "-1x4x4x4", "", "x", "8x2048x2048x64", "2x4x4x2")
                : (1 + g.random().nextInt(3)) + "x" + (1 + g.random().nextInt(4)) + "x" + (1 + g.random().nextInt(4)) + "x"
                        + (1 + g.random().nextInt(4));
        if (g.random().nextInt(6) == 0) {
            text = g.garbage(g.random().nextInt(9));
        }
        try {
            Grid grid = Grid.parse(text);
            if (grid.size() > 64 || grid.steps() > 3) {
                return "2x4x4x2";
            }
        } catch (IllegalArgumentException e) {
            // invalid: keep it, that is the point
        }
        return text;
    }

    static String[] runArguments(Generated g) {
        List<String> a = new ArrayList<>(List.of("run", g.oneOf(CASES)));
        if (g.random().nextInt(20) != 0) {
            a.add("--grid");
            a.add(tinyOrInvalidGrid(g));
        }
        int options = g.random().nextInt(5);
        for (int i = 0; i < options; i++) {
            switch (g.random().nextInt(13)) {
                case 0, 1, 2, 3, 4 -> {
                    a.add(g.oneOf(NUMERIC));
                    a.add(g.random().nextBoolean() ? g.numberText() : plausible(g));
                }
                case 5 -> {
                    a.add("--variant");
                    a.add(g.oneOf("DNMR", "MIS", "mis", "", "dnmr ", "IS"));
                }
                case 6 -> {
                    a.add("--integrator");
                    a.add(g.oneOf("ars222", "ssprk3", "euler", "", "ARS222"));
                }
                case 7 -> a.add(g.oneOf("--filter", "--dealias"));
                case 8 -> {
                    a.add("--every");
                    a.add(g.oneOf("1", "2", "0", "-3", "", "1.5", "99999999999"));
                }
                case 9 -> a.add(g.oneOf("--bogus", "-x", "stray", "--grids", "--warmup"));  // unknown, stray, bench-only
                case 10 -> {
                    a.add("--box");
                    a.add(g.oneOf("1,2", "1,2,3", "6.28", ",,", "1,NaN,3", "0,1,1", "1,1,1,1"));
                }
                case 11 -> {
                    String option = g.oneOf("--tuning", "--backend", "--threads");
                    a.add(option);
                    a.add(switch (option) {
                        case "--tuning" -> g.oneOf("optimized", "baseline", "Optimized", "", "fast");
                        case "--backend" -> g.oneOf("java", "jtransforms", "JAVA", "", "cufft");
                        default -> g.oneOf("1", "2", "3", "0", "-1", "257", "1.5", "", "x");
                    });
                }
                default -> a.add(g.oneOf(NUMERIC));   // a value is missing, or the next option is taken as one
            }
        }
        return a.toArray(String[]::new);
    }

    /** A value near the documented ranges, so that accepted runs happen often. */
    static String plausible(Generated g) {
        return Double.toString(g.oneOf(0.0, 0.05, 0.08, 0.2, 1.0 / 3.0, 0.34, 1e-3, 5.0, 2.0, -0.1, 1e-12, 3.0));
    }

    static String[] benchArguments(Generated g) {
        List<String> a = new ArrayList<>(List.of("bench"));
        if (g.random().nextInt(4) != 0) {
            a.add("--grids");
            int n = 1 + g.random().nextInt(2);
            List<String> grids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                grids.add(tinyOrInvalidGrid(g));
            }
            a.add(String.join(",", grids));
        } else {
            a.add("--grids");
            a.add(g.oneOf("0x8x8x8", "8x8x8", ",", "", "1x4x4x2,", "1x4x4x2,,1x4x4x2"));
        }
        if (g.random().nextBoolean()) {
            a.add("--warmup");
            a.add(g.oneOf("0", "1", "-5", "", "x", "2147483648"));
        }
        if (g.random().nextInt(4) == 0) {
            a.add(g.oneOf("--grid", "--every", "--eta-over-s"));
            a.add(g.oneOf("1x4x4x2", "1", "NaN"));
        }
        return a.toArray(String[]::new);
    }

    /** The last value given for each option (a repeated option: the last one counts). */
    static Map<String, String> lastValues(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("--") && !args[i].equals("--filter") && !args[i].equals("--dealias") && i + 1 < args.length) {
                values.put(args[i], args[++i]);
            }
        }
        return values;
    }

    static void checkOutcome(String[] args, Outcome o) {
        String all = o.out() + o.err();
        assertFalse(all.contains("\tat ") || all.contains("Exception in thread") || all.contains("\n\tat"),
                "stack trace:\n" + all);
        assertTrue(o.status() == 0 || o.status() == 1 || o.status() == 2, "exit status " + o.status());
        List<String> errLines = o.err().lines().toList();
        if (o.status() == 2) {
            assertEquals(1, errLines.size(), "not one line:\n" + o.err());
            String line = errLines.get(0);
            assertTrue(line.startsWith("error: "), line);
            assertTrue(line.contains("must") || line.contains("see --help") || line.contains("one of"),
                    "does not say what is allowed: " + line);
            assertTrue(line.contains(" = ") || line.contains("option") || line.contains("argument") || line.contains("case name"),
                    "does not name the parameter and value: " + line);
        } else if (o.status() == 1) {
            assertEquals(1, errLines.size(), "not one line:\n" + o.err());
            assertTrue(errLines.get(0).startsWith("simulation stopped: ") || errLines.get(0).startsWith("error: "), errLines.get(0));
        } else if (args[0].equals("run")) {
            assertTrue(o.out().contains("summary:"), o.out());
            Map<String, String> given = lastValues(args);
            for (String option : NUMERIC) {
                if (given.containsKey(option) && !option.equals("--box")) {
                    double v = Double.parseDouble(given.get(option));
                    assertTrue(Double.isFinite(v), option + " = " + v + " accepted");
                    boolean inRange = switch (option) {
                        case "--eta-over-s", "--zeta-over-s" -> v >= 0;
                        case "--cs2" -> v > 0 && v <= 1.0 / 3.0;
                        default -> v > 0;
                    };
                    assertTrue(inRange, option + " = " + v + " accepted outside its range");
                }
            }
            if (given.containsKey("--dt")) {
                String shown = String.format(Locale.ROOT, "fixed dt = %.4g", Double.parseDouble(given.get("--dt")));
                assertTrue(o.out().contains(shown), "dt not the one given: expected '" + shown + "'\n" + o.out());
            }
            if (given.containsKey("--eta-over-s")) {
                String shown = String.format(Locale.ROOT, "eta/s = %.6g", Double.parseDouble(given.get("--eta-over-s")));
                assertTrue(o.out().contains(shown), "eta/s not the one given: expected '" + shown + "'\n" + o.out());
            }
            if (given.containsKey("--zeta-over-s")) {
                String shown = String.format(Locale.ROOT, "zeta/s = %.6g", Double.parseDouble(given.get("--zeta-over-s")));
                assertTrue(o.out().contains(shown), "zeta/s not the one given: expected '" + shown + "'\n" + o.out());
            }
        }
    }

    @Test
    void generatedRunCommandsRunOrFailWithOneClearLine() {
        int[] status = new int[3];
        long[] nanos = new long[3];
        int tries = Generated.check("cli run argument lists", 150, CliPropertiesTest::runArguments, args -> {
            long t0 = System.nanoTime();
            Outcome o = main(args);
            nanos[o.status()] += System.nanoTime() - t0;
            checkOutcome(args, o);
            status[o.status()]++;
        });
        System.out.println("cli run argument lists: " + tries + " tried; exit 0: " + status[0] + ", exit 1: " + status[1]
                + ", exit 2: " + status[2] + "; ms per case by status " + nanos[0] / 1e6 / Math.max(1, status[0]) + ", "
                + nanos[1] / 1e6 / Math.max(1, status[1]) + ", " + nanos[2] / 1e6 / Math.max(1, status[2]));
        assertTrue(status[0] > tries / 20, "too few accepted runs to test acceptance: " + status[0]);
        assertTrue(status[2] > tries / 4, "too few refusals: " + status[2]);
    }

    /**
     * The validate-only path, many more lists: the run options are parsed and the simulation built (no solver, no
     * steps). Accepted lists must produce exactly the values given; refused ones one message that names them.
     */
    @Test
    void generatedRunOptionsAreHeldExactlyOrRefusedByName() {
        int[] counts = new int[2];
        int tries = Generated.check("cli run options, validate only", 6000, CliPropertiesTest::runArguments, args -> {
            String[] options = java.util.Arrays.copyOfRange(args, 2, args.length);
            dev.isspectral.sim.Simulation sim;
            try {
                Cases.Case c = Cases.get(args[1]);
                Main.Options o = Main.Options.parse(options, false);
                StdErr.Captured<dev.isspectral.sim.Simulation> built;
                try {
                    built = StdErr.capture(o.configure(dev.isspectral.sim.Simulation.builder()
                            .grid(o.grid == null ? "1x4x4x2" : o.grid), c.initial())::build);
                } catch (UsageException | IllegalArgumentException e) {
                    throw e;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                sim = built.value();
                // a --dt above a limit is accepted with the builder's warnings, printed once each and nothing else
                StringBuilder printed = new StringBuilder();
                sim.warnings().forEach(w -> printed.append("warning: ").append(w).append(System.lineSeparator()));
                assertEquals(printed.toString(), built.text());
            } catch (UsageException | IllegalArgumentException e) {
                String m = e.getMessage();
                assertEquals(1, m.lines().count(), m);
                assertTrue(m.contains("must") || m.contains("see --help") || m.contains("one of"), "does not say what is allowed: " + m);
                assertTrue(m.contains(" = ") || m.contains("option") || m.contains("argument"), "names nothing: " + m);
                counts[1]++;
                return;
            }
            counts[0]++;
            Map<String, String> given = lastValues(args);
            if (given.containsKey("--eta-over-s")) {
                assertEquals(Double.parseDouble(given.get("--eta-over-s")), sim.transport().etaOverS(), 0.0, "eta/s");
            }
            assertEquals(given.containsKey("--zeta-over-s") ? Double.parseDouble(given.get("--zeta-over-s")) : 0.0,
                    sim.transport().zetaOverS(), 0.0, "zeta/s");
            if (given.containsKey("--b-pi")) {
                assertEquals(Double.parseDouble(given.get("--b-pi")), sim.transport().bPi(), 0.0, "b_pi");
            }
            if (given.containsKey("--cs2")) {
                assertEquals(Double.parseDouble(given.get("--cs2")), sim.eos().constantSoundSpeedSquared(), 0.0, "cs2");
            } else {
                assertEquals(1.0 / 3.0, sim.eos().soundSpeedSquared(1.0), 1e-15, "conformal when --cs2 is not given");
            }
            if (given.containsKey("--dt")) {
                assertEquals(Double.parseDouble(given.get("--dt")), sim.fixedTimeStep(), 0.0, "dt");
            } else {
                assertTrue(Double.isNaN(sim.fixedTimeStep()), "CFL step when --dt is not given");
            }
            // the tuning: the preset given (optimized when none), its backend and threads as given, else its own
            dev.isspectral.sim.Tuning preset = "baseline".equals(given.get("--tuning"))
                    ? dev.isspectral.sim.Tuning.baseline() : dev.isspectral.sim.Tuning.optimized();
            assertEquals(preset.fusedKernels(), sim.tuning().fusedKernels(), "tuning preset");
            assertEquals(given.getOrDefault("--backend", preset.fftBackend()).toLowerCase(Locale.ROOT), sim.tuning().fftBackend(),
                    "backend (its name in any case)");
            assertEquals(given.containsKey("--threads") ? Integer.parseInt(given.get("--threads")) : preset.threads(),
                    sim.tuning().threads(), "threads");
        });
        System.out.println("cli run options, validate only: " + tries + " tried; built " + counts[0] + ", refused " + counts[1]);
        assertTrue(counts[0] > tries / 20 && counts[1] > tries / 4, java.util.Arrays.toString(counts));
    }

    @Test
    void generatedBenchCommandsRunOrFailWithOneClearLine() {
        int[] status = new int[3];
        int tries = Generated.check("cli bench argument lists", 100, CliPropertiesTest::benchArguments, args -> {
            Outcome o = main(args);
            checkOutcome(args, o);
            status[o.status()]++;
        });
        System.out.println("cli bench argument lists: " + tries + " tried; exit 0: " + status[0] + ", exit 2: " + status[2]);
        assertTrue(status[0] > 0 && status[2] > 0, "both outcomes must occur: " + java.util.Arrays.toString(status));
    }
}
