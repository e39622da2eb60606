package dev.isspectral.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.physics.Eos;
import dev.isspectral.physics.Transport;
import dev.isspectral.state.Field;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fields after 20 strongly nonlinear steps are those recorded from the solver before the kernel
 * rewrite of issue 17 (commit 5831730), bit for bit: a SHA-256 of each field's IEEE bits, and 16
 * sampled values per field with their exact hex bits. Every tuning, every term the kernel branches on
 * (second order, φ₇, vorticity, MIS, shear only, bulk only, ideal) and both integrators (IMEX and the
 * explicit one, whose passes include the relaxation terms) are recorded.
 *
 * <p>Re-record only when the arithmetic is meant to change, by running this class with
 * {@code -Disspectral.recordFields=solver/src/test/resources/golden/fields-20-steps.txt}, and say why
 * in the commit.
 */
class RecordedFieldsTest {

    static final String RESOURCE = "/golden/fields-20-steps.txt";
    static final int SAMPLES = 16;

    record Case(String name, Transport transport, Tuning tuning, String integrator) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        Transport dnmr = Transport.etaOverS(0.08).zetaOverS(0.04);
        List<Case> list = new ArrayList<>();
        Map<String, Tuning> tunings = new LinkedHashMap<>();
        // the recorded bits are JTransforms' (the optimized default's java transforms agree with them to round-off,
        // TuningConsistencyTest), so the optimized tunings here choose it
        Tuning optimized = Tuning.optimized().withFftBackend("jtransforms");
        tunings.put("optimized-t1", optimized.withThreads(1));
        tunings.put("optimized-t2", optimized.withThreads(2)
                .withFftSettings(optimized.withThreads(2).fftSettings().withJTransformsThreadsBeginN(1)));
        tunings.put("optimized-unfused", optimized.withThreads(1).withFusedKernels(false));
        tunings.put("baseline", Tuning.baseline());
        tunings.put("baseline-fused", Tuning.baseline().withFusedKernels(true));
        tunings.put("optimized-float32", optimized.withThreads(1).withSinglePrecision(true));
        for (Map.Entry<String, Tuning> t : tunings.entrySet()) {
            list.add(new Case("dnmr/" + t.getKey(), dnmr, t.getValue(), "ars222"));
            list.add(new Case("dnmr-ssprk3/" + t.getKey(), dnmr, t.getValue(), "ssprk3"));
        }
        Map<String, Transport> transports = new LinkedHashMap<>();
        transports.put("phi7", dnmr.phi7(true));
        transports.put("no-vorticity", dnmr.vorticity(false));
        transports.put("mis", dnmr.variant(Transport.Variant.MIS));
        transports.put("shear-only", Transport.etaOverS(0.08));
        transports.put("bulk-only", Transport.etaOverS(0.0).zetaOverS(0.04));
        transports.put("ideal", Transport.ideal());
        for (Map.Entry<String, Transport> t : transports.entrySet()) {
            list.add(new Case(t.getKey() + "/optimized-t1", t.getValue(), tunings.get("optimized-t1"), "ars222"));
            list.add(new Case(t.getKey() + "/optimized-unfused", t.getValue(), tunings.get("optimized-unfused"), "ars222"));
        }
        return list;
    }

    static double[][] run(Case c) {
        Solver s = Simulation.builder()
                .grid("20x16x16x8")
                .eos(Eos.constantSoundSpeed(0.25))
                .transport(c.transport())
                .integrator(dev.isspectral.time.Integrators.byName(c.integrator()))
                .initial(Initial.custom("nonlinear data of physics.md §7.4", (x, y, z, out) -> {
                    out[0] = 1 + 0.3 * Math.cos(x) + 0.2 * Math.sin(y + 0.5) + 0.1 * Math.cos(x + z);
                    out[1] = 0.3 * Math.sin(y) + 0.1 * Math.cos(z);
                    out[2] = 0.25 * Math.cos(x);
                    out[3] = 0.1 * Math.sin(x + y + z);
                }))
                .tuning(c.tuning())
                .build().start();
        s.advance(20);
        double[][] out = new double[Field.COUNT][];
        for (Field f : Field.values()) {
            out[f.ordinal()] = s.field(f);
        }
        return out;
    }

    static String digest(double[] a) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] bytes = new byte[8];
            for (double v : a) {
                long bits = Double.doubleToRawLongBits(v);
                for (int b = 0; b < 8; b++) {
                    bytes[b] = (byte) (bits >>> (8 * b));
                }
                md.update(bytes);
            }
            StringBuilder sb = new StringBuilder();
            for (byte b : md.digest()) {
                sb.append(String.format(Locale.ROOT, "%02x", b));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line per field: case, field, digest, then SAMPLES values as raw hex bits. */
    static List<String> lines(Case c, double[][] fields) {
        List<String> lines = new ArrayList<>();
        for (Field f : Field.values()) {
            double[] a = fields[f.ordinal()];
            StringBuilder sb = new StringBuilder(c.name()).append(' ').append(f.label()).append(' ').append(digest(a));
            for (int s = 0; s < SAMPLES; s++) {
                int p = (int) ((long) s * 997 % a.length);
                sb.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(a[p])));
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    static Map<String, String[]> recorded() throws IOException {
        Map<String, String[]> map = new LinkedHashMap<>();
        try (InputStream in = RecordedFieldsTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return map;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                map.put(parts[0] + " " + parts[1], parts);
            }
        }
        return map;
    }

    /** Records every case into the file named by the system property, then passes (recording mode). */
    static void recordIfAsked() throws IOException {
        String target = System.getProperty("isspectral.recordFields");
        if (target == null) {
            return;
        }
        List<String> all = new ArrayList<>();
        all.add("# fields after 20 nonlinear steps (RecordedFieldsTest): case field sha256 samples(hex bits)");
        for (Case c : cases()) {
            all.addAll(lines(c, run(c)));
        }
        Path path = Path.of(target);
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.write(tmp, all, StandardCharsets.UTF_8);
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static Stream<Case> recordedCases() throws IOException {
        recordIfAsked();
        return cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedCases")
    void fieldsAreTheRecordedBits(Case c) throws IOException {
        Map<String, String[]> recorded = recorded();
        assertTrue(!recorded.isEmpty(), "no recording at " + RESOURCE);
        double[][] fields = run(c);
        double moved = 0;
        for (String line : lines(c, fields)) {
            String[] now = line.split(" ");
            String[] then = recorded.get(now[0] + " " + now[1]);
            assertTrue(then != null, "no recording for " + now[0] + " " + now[1]);
            if (!then[2].equals(now[2])) {
                // say how far the samples moved, relative to the field's largest sampled magnitude
                double scale = 0;
                double diff = 0;
                for (int s = 0; s < SAMPLES; s++) {
                    double a = Double.longBitsToDouble(Long.parseUnsignedLong(then[3 + s], 16));
                    double b = Double.longBitsToDouble(Long.parseUnsignedLong(now[3 + s], 16));
                    scale = Math.max(scale, Math.abs(a));
                    diff = Math.max(diff, Math.abs(a - b));
                }
                assertEquals(then[2], now[2], c + " " + now[1] + " differs from the recording; sampled max |diff| "
                        + diff + " (relative " + diff / Math.max(scale, 1e-300) + ")");
            }
        }
        for (double[] a : fields) {
            for (double v : a) {
                moved = Math.max(moved, Math.abs(v));
            }
        }
        assertTrue(moved > 0.1, "the run is not trivial");
    }
}
