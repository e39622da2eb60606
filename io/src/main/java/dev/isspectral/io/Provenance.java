package dev.isspectral.io;

import dev.isspectral.grid.Grid;
import dev.isspectral.physics.Eos;
import dev.isspectral.physics.PrimitiveRecovery;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.StepStatistics;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.api.WritableNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The attributes that say what a file holds and where it came from. {@link #physics} is everything that
 * decides the solution (grid points and box, EOS, transport, integrator, time-step rule, filter); a
 * checkpoint loaded into a simulation must agree on every one, exactly. {@link #settings} is what decides
 * only how it is computed (tuning, FFT engine, recovery iteration): a difference there still continues the
 * same physics, agreeing to round-off rather than bit for bit. {@link #origin} says who wrote the file.
 */
final class Provenance {

    static final String FORMAT = "format";
    static final String FORMAT_VERSION = "format_version";
    static final String CHECKPOINT_FORMAT = "is-spectral checkpoint";
    static final String SNAPSHOT_FORMAT = "is-spectral snapshot";
    /** Version of the layout of both kinds of file; a reader refuses any other. */
    static final int VERSION = 1;

    static final String TIME = "time";
    static final String STEP = "step";
    static final String DT = "dt";
    static final String CHECKSUM = "crc32";

    private static final Properties BUILD = loadBuild();

    private Provenance() {
    }

    /** The settings that decide the solution, in a fixed order; booleans as 0/1 so every HDF5 reader shows them plainly. */
    static Map<String, Object> physics(Simulation sim) {
        Map<String, Object> a = new LinkedHashMap<>();
        Grid g = sim.grid();
        a.put("grid_points", new int[] {g.nx(), g.ny(), g.nz()});
        a.put("box_lengths", new double[] {g.lx(), g.ly(), g.lz()});
        Eos eos = sim.eos();
        a.put("eos", eos.describe());
        // the description may round; P, T and c_s^2 at two energy densities pin the EOS down exactly
        a.put("eos_probe", new double[] {eos.pressure(1.0), eos.temperature(1.0), eos.soundSpeedSquared(1.0),
                eos.pressure(0.25), eos.temperature(0.25), eos.soundSpeedSquared(0.25)});
        Transport t = sim.transport();
        a.put("eta_over_s", t.etaOverS());
        a.put("zeta_over_s", t.zetaOverS());
        a.put("b_pi", t.bPi());
        a.put("bulk_relaxation", t.bulkRelaxation().name());
        a.put("b_bulk", t.bBulk());
        a.put("variant", t.variant().name());
        a.put("vorticity", t.vorticity() ? 1 : 0);
        a.put("phi7", t.phi7() ? 1 : 0);
        a.put("integrator", sim.integrator().name());
        a.put("fixed_dt", sim.fixedTimeStep());
        a.put("courant", sim.courant());
        a.put("relaxation_courant", sim.relaxationCourant());
        a.put("dealias", sim.dealias() ? 1 : 0);
        a.put("exponential_filter", sim.exponentialFilter() ? 1 : 0);
        a.put("filter_strength", sim.filterStrength());
        a.put("filter_order", sim.filterOrder());
        return a;
    }

    /** How the solution is computed: a different value changes the last bits, not the physics. */
    static Map<String, Object> settings(Simulation sim) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("tuning", sim.tuning().describe());
        a.put("fft", sim.fftSettings().label());
        a.put("recovery_method", System.getProperty(PrimitiveRecovery.METHOD_PROPERTY, "newton"));
        return a;
    }

    /** Informational: the grid notation, initial data, library version, commit, writer and time of writing. */
    static Map<String, Object> origin(Simulation sim) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("grid", sim.grid().notation());
        a.put("initial", sim.initial().describe());
        a.put("fft_description", sim.fftDescription());
        a.put("library_version", libraryVersion());
        a.put("commit", commit());
        a.put("writer", "is-spectral-io with jHDF (pure Java)");
        a.put("written_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return a;
    }

    /**
     * The root attributes of a file of {@code format}: format and version, step, time, Δt of the last step
     * (0 before the first), then the physics, settings and origin of the solver's simulation.
     */
    static void putHeader(WritableNode root, String format, Solver solver) {
        Simulation sim = solver.simulation();
        StepStatistics last = solver.lastStep();
        root.putAttribute(FORMAT, format);
        root.putAttribute(FORMAT_VERSION, VERSION);
        root.putAttribute(STEP, solver.stepCount());
        root.putAttribute(TIME, solver.time());
        root.putAttribute(DT, last == null ? 0.0 : last.dt());
        put(root, physics(sim));
        put(root, settings(sim));
        put(root, origin(sim));
    }

    static void put(WritableNode node, Map<String, Object> attributes) {
        attributes.forEach(node::putAttribute);
    }

    /**
     * Every attribute of {@code expected} that {@code node} lacks or holds with another value, as
     * "name: X in the file, Y here"; empty when all agree exactly.
     */
    static List<String> differences(Node node, Map<String, Object> expected, String here) {
        List<String> out = new ArrayList<>();
        expected.forEach((name, value) -> {
            Attribute a = node.getAttribute(name);
            String want = render(value);
            if (a == null) {
                out.add(name + ": missing in the file, " + want + " " + here);
            } else {
                String got = render(a.getData());
                if (!got.equals(want)) {
                    out.add(name + ": " + got + " in the file, " + want + " " + here);
                }
            }
        });
        return out;
    }

    /** A value as text that tells apart any two different doubles (Double.toString round-trips). */
    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(value); i++) {
                sb.append(i == 0 ? "" : ", ").append(render(Array.get(value, i)));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Float f) {
            return Double.toString(f);
        }
        if (value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Integer.toString(((Number) value).intValue());
        }
        return value.toString();
    }

    /** The project version this module was built as, or "unknown". */
    static String libraryVersion() {
        return BUILD.getProperty("version", "unknown");
    }

    /** The git commit this module was built from ("-dirty" if the tree had changes), or "unknown". */
    static String commit() {
        return BUILD.getProperty("commit", "unknown");
    }

    private static Properties loadBuild() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no build information: the attributes say "unknown"
        }
        return p;
    }
}
