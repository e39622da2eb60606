package dev.isspectral.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.isspectral.grid.Grid;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import dev.isspectral.sim.Tuning;
import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's python3-h5py opens a snapshot (with primitives), a checkpoint and the XDMF sidecar, reading
 * every dataset and attribute (src/test/python/read_with_h5py.py); the values, shapes, checksums and
 * attributes it sees are the ones the solver wrote. Skipped, saying so, where /usr/bin/python3 has no
 * h5py; test.sh installs it (apt-get install -y --no-install-recommends python3-h5py) so CI runs it.
 */
class H5pyTest {

    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsH5py() throws Exception {
        boolean present = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import h5py").start().waitFor() == 0;
        Assumptions.assumeTrue(present, "python3-h5py is not installed, so the h5py check is skipped "
                + "(apt-get install -y --no-install-recommends python3-h5py; test.sh installs it)");
    }

    @Test
    void h5pyReadsEveryDatasetAndAttributeOfASnapshotAndACheckpoint() throws Exception {
        Solver s = TestRuns.nonlinear(Tuning.optimized()).start();
        SnapshotWriter writer = SnapshotWriter.to(dir).withPrimitives();
        Path first = writer.write(s);
        s.advance(3);
        Path snapshot = writer.write(s);
        Path checkpoint = Checkpoint.save(s, dir.resolve("checkpoint.h5"));

        JsonObject report = readWithH5py(snapshot.toString(), checkpoint.toString(), "--xdmf", dir.resolve(SnapshotWriter.SIDECAR).toString());
        JsonObject snap = report.getAsJsonObject("files").getAsJsonObject(snapshot.toString());
        Grid g = s.grid();
        Snapshot java = Snapshot.open(snapshot);
        Set<String> found = new TreeSet<>(snap.getAsJsonObject("datasets").keySet());
        assertEquals(27, found.size(), "10 evolved fields + 17 primitives: " + found);
        assertEquals(java.names().size(), found.size());
        for (String d : found) {
            JsonObject ds = snap.getAsJsonObject("datasets").getAsJsonObject(d);
            assertEquals("[" + g.nx() + "," + g.ny() + "," + g.nz() + "]", ds.get("shape").toString(), d);
            assertEquals("float64", ds.get("dtype").getAsString(), d);
            assertTrue(ds.get("crc32_ok").getAsBoolean(), d + ": h5py's zlib.crc32 agrees with the file's crc32");
            String name = d.substring(d.lastIndexOf('/') + 1);
            double value = java.field(name)[g.index(1, 2, 3)];
            assertEquals(value, ds.get("at_1_2_3").getAsDouble(), 0.0, d + " at (1, 2, 3)");
            JsonObject attrs = snap.getAsJsonObject("attributes").getAsJsonObject(d);
            assertTrue(attrs.has("crc32") && attrs.has("description"), d + " attributes " + attrs);
        }
        JsonObject root = snap.getAsJsonObject("attributes").getAsJsonObject("/");
        assertEquals("is-spectral snapshot", root.get("format").getAsString());
        assertEquals(1, root.get("format_version").getAsInt());
        assertEquals(s.time(), root.get("time").getAsDouble(), 0.0);
        assertEquals(3, root.get("step").getAsInt());
        assertEquals("[16,12,8]", root.get("grid_points").toString());
        assertEquals(0.08, root.get("eta_over_s").getAsDouble(), 0.0);
        assertEquals(0.04, root.get("zeta_over_s").getAsDouble(), 0.0);
        assertEquals("DNMR", root.get("variant").getAsString());
        assertEquals("ARS(2,2,2)", root.get("integrator").getAsString());
        for (String key : List.of("dt", "box_lengths", "eos", "b_pi", "tuning", "fft", "library_version", "commit", "courant")) {
            assertTrue(root.has(key), "root attribute " + key + " in " + root.keySet());
        }
        assertEquals(java.attributes().keySet(), root.keySet(), "h5py sees every root attribute the file has");
        JsonObject observables = snap.getAsJsonObject("attributes").getAsJsonObject("/observables");
        assertEquals(java.observables().get("total_energy"), observables.get("total_energy").getAsDouble(), 0.0);

        JsonObject ck = report.getAsJsonObject("files").getAsJsonObject(checkpoint.toString());
        List<String> ckDatasets = new ArrayList<>(ck.getAsJsonObject("datasets").keySet());
        assertEquals(10 + s.carriedState().size(), ckDatasets.size(), ckDatasets.toString());
        for (String d : ckDatasets) {
            assertTrue(ck.getAsJsonObject("datasets").getAsJsonObject(d).get("crc32_ok").getAsBoolean(), d);
            assertEquals("[" + g.size() + "]", ck.getAsJsonObject("datasets").getAsJsonObject(d).get("shape").toString(), d);
            assertEquals("[16,12,8]", ck.getAsJsonObject("attributes").getAsJsonObject(d).get("grid_shape").toString(), d);
        }
        assertEquals("is-spectral checkpoint", ck.getAsJsonObject("attributes").getAsJsonObject("/").get("format").getAsString());

        JsonObject xdmf = report.getAsJsonObject("xdmf");
        assertEquals(2 * 27, xdmf.get("references").getAsInt(), "every dataset of both snapshots is in the sidecar");
        assertEquals("[0.0," + s.time() + "]", xdmf.get("times").toString());
        assertTrue(Files.exists(first));
    }

    @Test
    void aCheckpointRewrittenChunkedCompressedAndBigEndianByH5pyRestartsBitForBit() throws Exception {
        Simulation sim = TestRuns.nonlinear(Tuning.optimized());
        Solver straight = sim.start();
        straight.advance(4);
        Solver first = sim.start();
        first.advance(2);
        Path saved = Checkpoint.save(first, dir.resolve("saved.h5"));
        Path rewritten = dir.resolve("rewritten.h5");
        Process p = new ProcessBuilder(PYTHON, Path.of("src/test/python/rewrite_chunked.py").toAbsolutePath().toString(),
                saved.toString(), rewritten.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "rewrite_chunked.py failed: " + out);
        try (HdfFile in = new HdfFile(rewritten)) {
            assertFalse(in.getDatasetByPath("/fields/T00") instanceof ContiguousDataset, "the rewrite is chunked");
        }

        Solver resumed = Checkpoint.resume(sim, rewritten);
        assertEquals(2, resumed.stepCount());
        resumed.advance(2);
        assertEquals(-1, TestRuns.firstDifferentField(straight, resumed), "every field bit for bit");
    }

    /**
     * A snapshot on 12×10×6 (three different sizes), written one write per dataset ({@link GridDatasets}): h5py sees
     * every dataset as [12, 10, 6] float64 whose C-order little-endian bytes are the solver's array in grid order,
     * bit for bit (SHA-256 of both), and the sidecar's dimensions; any two axes swapped would fail.
     */
    @Test
    void h5pyReadsANonCubicSnapshotBitForBitInGridOrder() throws Exception {
        Solver s = GridDatasetsTest.nonCubic().start();
        s.advance(1);
        Path snapshot = SnapshotWriter.to(dir).withPrimitives().write(s);
        String script = String.join("\n",
                "import hashlib, json, sys, h5py, numpy",
                "out = {}",
                "def visit(name, node):",
                "    if isinstance(node, h5py.Dataset):",
                "        data = node[...]",
                "        out['/' + name] = {'shape': list(data.shape), 'dtype': str(data.dtype),",
                "            'sha256': hashlib.sha256(numpy.ascontiguousarray(data, dtype='<f8').tobytes()).hexdigest(),",
                "            'at_11_9_5': float(data[11, 9, 5])}",
                "with h5py.File(sys.argv[1], 'r') as f:",
                "    f.visititems(visit)",
                "print(json.dumps(out))");
        Process p = new ProcessBuilder(PYTHON, "-c", script, snapshot.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "h5py failed; its output: " + out);
        JsonObject datasets = JsonParser.parseString(out).getAsJsonObject();
        Snapshot java = Snapshot.open(snapshot);
        assertEquals(27, datasets.size(), datasets.keySet().toString());
        Grid g = s.grid();
        for (String d : datasets.keySet()) {
            JsonObject ds = datasets.getAsJsonObject(d);
            assertEquals("[12,10,6]", ds.get("shape").toString(), d);
            assertEquals("float64", ds.get("dtype").getAsString(), d);
            double[] values = java.field(d.substring(d.lastIndexOf('/') + 1));
            if (d.startsWith("/fields/")) {
                assertArrayEquals(s.field(dev.isspectral.state.Field.parse(d.substring(8))), values, 0.0, d);
            }
            assertEquals(sha256(values), ds.get("sha256").getAsString(), d + ": h5py's bytes are the array's, in grid order");
            assertEquals(values[g.index(11, 9, 5)], ds.get("at_11_9_5").getAsDouble(), 0.0, d);
        }
        JsonObject xdmf = readWithH5py(snapshot.toString(), "--xdmf", dir.resolve(SnapshotWriter.SIDECAR).toString())
                .getAsJsonObject("xdmf");
        assertEquals(27, xdmf.get("references").getAsInt(), "every dataset in the sidecar, of the dimensions it states");
    }

    private static String sha256(double[] values) throws java.security.NoSuchAlgorithmException {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(values);
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    }

    static JsonObject readWithH5py(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, Path.of("src/test/python/read_with_h5py.py").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "read_with_h5py.py failed; its output: " + out);
        return JsonParser.parseString(out).getAsJsonObject();
    }
}
