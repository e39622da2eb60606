package dev.isspectral.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isspectral.files.MarkedSection;
import dev.isspectral.measure.Candidate;
import dev.isspectral.measure.Estimate;
import dev.isspectral.measure.MachineLoad;
import dev.isspectral.measure.Measure;
import dev.isspectral.measure.Measurement;
import dev.isspectral.measure.RunContext;
import dev.isspectral.measure.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logic of {@code spark/ensemble-bench.sh}: arguments, verdicts, reports, the marked section. No timings. */
class EnsembleBenchTest {

    // ---- arguments ----

    @Test
    void defaultsAreTheIssuesCase() {
        EnsembleBenchOptions o = EnsembleBenchOptions.parse();
        assertEquals(8, o.members());
        assertEquals(40, o.steps());
        assertEquals("32x16x16", o.grid());
        assertEquals(Duration.ofSeconds(120), o.budget());
        assertEquals("local[*]", o.master());
        assertEquals(6, o.startups());
        assertTrue(Double.isNaN(o.coreHourPrice()));
        assertNull(o.benchmarks());
        assertEquals("bash spark/ensemble-bench.sh", o.command());
    }

    @Test
    void theCommandLineIsRecordedAsGivenAndQuotedForAShell() {
        EnsembleBenchOptions o = EnsembleBenchOptions.parse("--budget", "240", "--master", "local[*]", "--out", "target/e.md");
        assertEquals("bash spark/ensemble-bench.sh --budget 240 --master 'local[*]' --out target/e.md", o.command());
        assertEquals(Path.of("target/e.md"), o.out());
    }

    @Test
    void badArgumentsNameTheOptionTheValueAndWhatIsAllowed() {
        assertError("--members = 1; must be in [2, 256]", "--members", "1");
        assertError("--members = \"eight\"; must be an integer in [2, 256]", "--members", "eight");
        assertError("--steps = 0; must be in [1, 100000]", "--steps", "0");
        assertError("--budget = 5; must be in [10, 86400]", "--budget", "5");
        assertError("--startups = 51; must be in [0, 50]", "--startups", "51");
        assertError("--grid = \"32x16\"; must be NXxNYxNZ, e.g. 32x16x16", "--grid", "32x16");
        assertError("--core-hour-price = -1; must be a number > 0 (price of one core-hour)", "--core-hour-price", "-1");
        assertError("--out = \"report.txt\"; must be a file name ending in .md", "--out", "report.txt");
        assertError("--json = \"r.md\"; must be a file name ending in .json", "--json", "r.md");
        assertError("option --budget needs a value", "--budget");
        assertError("unknown option \"--cores\"", "--cores", "2");
        assertError("argument \"8\"; options start with --", "8");
        assertError("--publish target/e.md places an existing report and measures nothing", "--publish", "target/e.md",
                "--budget", "60");
    }

    @Test
    void publishingAloneWritesToBenchmarksMdUnlessToldOtherwise() {
        assertEquals(Path.of("BENCHMARKS.md"), EnsembleBenchOptions.parse("--publish", "r.md").benchmarks());
        assertEquals(Path.of("x/B.md"), EnsembleBenchOptions.parse("--publish", "r.md", "--benchmarks", "x/B.md").benchmarks());
    }

    private static void assertError(String start, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnsembleBenchOptions.parse(args));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    // ---- verdicts and reports ----

    /**
     * A measurement on a fake clock: per round, one run of the loop, the local executor and Spark advance the clock by
     * the given nanoseconds (a function of the call's number, so the per-round times can vary).
     */
    private static Measurement fake(IntToLongFunction loop, IntToLongFunction local, IntToLongFunction spark) {
        long[] now = {0};
        int[] calls = new int[3];
        return Measure.of(Candidate.of("loop", () -> now[0] += loop.applyAsLong(calls[0]++)),
                        Candidate.of("local", () -> now[0] += local.applyAsLong(calls[1]++)),
                        Candidate.of("spark", () -> now[0] += spark.applyAsLong(calls[2]++)))
                .clock(() -> now[0]).batch(1).rounds(9, 9).budget(Duration.ofSeconds(100)).run();
    }

    private static RunContext context() {
        MachineLoad whole = new MachineLoad(60, 2, 0.5, 1.5, 0.0, 0.03, 0.9, 1, 1, 1, 1, 1, 1);
        return new RunContext("0123456789ab", true, "OpenJDK 17", 2, "Linux amd64, 2 cores", "2026-12-04 20:00 UTC",
                MachineLoad.sample(), whole);
    }

    private static EnsembleBenchReport report(EnsembleBenchOptions o, Measurement m) {
        return EnsembleBenchReport.of(o, "8 members", "2 at once", 2, m,
                new EnsembleBenchReport.Startup(Estimate.of(new double[] {3, 4, 5, 6, 7, 8}, "s"),
                        Estimate.of(new double[] {5, 6, 7, 8, 9, 10}, "s"), 6, 4.5, 6.5), true, context());
    }

    @Test
    void ratesRatiosAndCostsFollowFromTheSampleTimes() {
        // one ensemble of 8 members: loop 1 s, local 0.5 s, Spark 0.6 s, every round
        EnsembleBenchReport r = report(EnsembleBenchOptions.parse(), fake(i -> 1_000_000_000L, i -> 500_000_000L, i -> 600_000_000L));
        assertEquals(8.0, r.loop().median(), 1e-9);
        assertEquals(16.0, r.local().median(), 1e-9);
        assertEquals(8 / 0.6, r.spark().median(), 1e-9);
        assertEquals(2.0, r.localOverLoop().median(), 1e-12);            // t_loop / t_local
        assertEquals(0.5 / 0.6, r.sparkOverLocal().median(), 1e-12);     // t_local / t_spark: members/s Spark ÷ local
        assertEquals(2 * 0.6 / 8, r.coreSecondsPerMember(r.spark()).median(), 1e-12);
        assertEquals(2 * (0.6 - 0.5) / 8, r.sparkOverhead().median(), 1e-12);
        assertEquals(2 * 0.6 / 8 * 1000 / 3600, r.coreHoursPerThousand().median(), 1e-12);
        assertEquals(Verdict.PASS, r.localVerdict());
        assertEquals(Verdict.PASS, r.sparkVerdict());
    }

    @Test
    void aVerdictIsMissOnlyWhenTheWholeIntervalIsOnTheBadSide() {
        // local only 1.25x the loop; Spark at 70% of local
        EnsembleBenchReport miss = report(EnsembleBenchOptions.parse(), fake(i -> 1_000_000_000L, i -> 800_000_000L,
                i -> 800_000_000L * 10 / 7));
        assertEquals(Verdict.MISS, miss.localVerdict());
        assertEquals(Verdict.MISS, miss.sparkVerdict());
        // paired ratios alternating 2.0 and 1.6 (local) and 0.9 and 0.6 (Spark): the intervals straddle 1.8 and 0.75
        EnsembleBenchReport straddle = report(EnsembleBenchOptions.parse(), fake(i -> 1_000_000_000L,
                i -> i % 2 == 0 ? 500_000_000L : 625_000_000L,
                i -> i % 2 == 0 ? 555_555_556L : 1_041_666_667L));
        assertTrue(straddle.localOverLoop().low() < 1.8 && straddle.localOverLoop().high() > 1.8, straddle.localOverLoop().format());
        assertEquals(Verdict.INCONCLUSIVE, straddle.localVerdict());
        assertEquals(Verdict.INCONCLUSIVE, straddle.sparkVerdict());
    }

    @Test
    void markdownStatesDefinitionsVerdictsStartUpCostAndWhereItWasMeasured() {
        EnsembleBenchOptions o = EnsembleBenchOptions.parse("--budget", "60", "--core-hour-price", "0.036");
        String md = report(o, fake(i -> 1_000_000_000L, i -> 500_000_000L, i -> 600_000_000L)).toMarkdown();
        assertTrue(md.contains("`bash spark/ensemble-bench.sh --budget 60 --core-hour-price 0.036`"), md);
        assertTrue(md.contains("commit 0123456789ab+dirty"), md);
        assertTrue(md.contains("load average 0.50 at the start, 1.50 at the end"), md);
        assertTrue(md.contains("(3% over the whole command)"), md);
        assertTrue(md.contains("| t_loop / t_local = members/s local ÷ loop | 2.000 [2.000, 2.000] | ≥ 1.800 | PASS |"), md);
        assertTrue(md.contains("| t_local / t_spark = members/s Spark ÷ local | 0.8333 [0.8333, 0.8333] | ≥ 0.7500 | PASS |"), md);
        assertTrue(md.contains("| session created | 5.500 [3.000, 8.000] | median [95% interval] over 6 fresh JVMs"), md);
        assertEquals("50%", dev.isspectral.report.BenchmarkReport.confidence(Estimate.of(new double[] {1, 2}, "s")));   // two JVMs: [min, max]
        assertTrue(md.contains("6.500 (session alone 4.500) | a single observation: Spark starts once per JVM"), md);
        assertTrue(md.contains("**estimated** by this command"), md);
        assertTrue(md.contains("0.1500 [0.1500, 0.1500] core-seconds here"), md);
        // 0.15 core-s at 0.036 per core-hour
        assertTrue(md.contains("a member costs " + Estimate.number(0.15 * 0.036 / 3600)), md);
        assertTrue(md.contains("9 interleaved rounds (order rotated each round)"), md);
        assertFalse(md.contains("MISS |"), md);
    }

    @Test
    void jsonHoldsTheSameNumbersAndVerdicts() throws Exception {
        EnsembleBenchReport r = report(EnsembleBenchOptions.parse(), fake(i -> 1_000_000_000L, i -> 800_000_000L, i -> 600_000_000L));
        JsonNode j = new ObjectMapper().readTree(r.toJson());
        assertEquals("bash spark/ensemble-bench.sh", j.get("command").asText());
        assertEquals("0123456789ab", j.get("commit").asText());
        assertTrue(j.get("dirty").asBoolean());
        assertEquals(0.03, j.get("other_cpu_share_run").asDouble(), 1e-12);
        assertEquals(10.0, j.at("/members_per_second/local/median").asDouble(), 1e-9);
        assertEquals(1.25, j.at("/targets/local_over_loop/median").asDouble(), 1e-9);
        assertEquals("MISS", j.at("/targets/local_over_loop/verdict").asText());
        assertEquals(0.75, j.at("/targets/spark_over_local/bound").asDouble(), 0);
        assertEquals("PASS", j.at("/targets/spark_over_local/verdict").asText());
        assertEquals(6, j.at("/startup_seconds/fresh_jvms").asInt());
        assertEquals(5.5, j.at("/startup_seconds/session/median").asDouble(), 1e-12);
        assertTrue(j.at("/cost_estimate/core_hour_price").isNull());   // not given: no price, no NaN in the JSON
    }

    // ---- the marked section of BENCHMARKS.md ----

    private static final String DOC = "# B\n\nintro\n\n<!-- ensemble:begin -->\nold numbers\n<!-- ensemble:end -->\n\n## After\ntext\n";

    @Test
    void replacingASectionKeepsEverythingElseAndIsIdempotent() {
        String once = MarkedSection.replace(DOC, "B.md", "ensemble", "new numbers\n");
        assertEquals("# B\n\nintro\n\n<!-- ensemble:begin -->\nnew numbers\n<!-- ensemble:end -->\n\n## After\ntext\n", once);
        assertEquals(once, MarkedSection.replace(once, "B.md", "ensemble", "new numbers"));
    }

    @Test
    void missingRepeatedOrMisorderedMarkersAreNamed() {
        assertEquals("B.md has no <!-- ensemble:begin --> marker; the section must be enclosed in <!-- ensemble:begin --> … "
                + "<!-- ensemble:end -->", assertThrows(IllegalArgumentException.class,
                () -> MarkedSection.replace("x <!-- ensemble:end -->", "B.md", "ensemble", "y")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MarkedSection.replace("<!-- ensemble:begin -->", "B.md",
                "ensemble", "y")).getMessage().startsWith("B.md has no <!-- ensemble:end --> marker"));
        assertEquals("B.md: <!-- ensemble:end --> comes before <!-- ensemble:begin -->; it must follow it",
                assertThrows(IllegalArgumentException.class, () -> MarkedSection.replace(
                        "<!-- ensemble:end --> <!-- ensemble:begin -->", "B.md", "ensemble", "y")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MarkedSection.replace(DOC + DOC, "B.md", "ensemble", "y"))
                .getMessage().contains("more than once"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MarkedSection.replace(DOC, "B.md", "ensemble",
                "<!-- ensemble:end -->")).getMessage().contains("contains its own markers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MarkedSection.begin("Ensemble 1")).getMessage()
                .startsWith("section name = \"Ensemble 1\""));
    }

    @Test
    void publishingPlacesASavedReportAtomicallyAndLeavesABadFileAlone(@TempDir Path dir) throws Exception {
        Path benchmarks = dir.resolve("BENCHMARKS.md");
        Path report = dir.resolve("ensemble.md");
        Files.writeString(benchmarks, DOC);
        Files.writeString(report, "| way | members/s |\n");
        EnsembleBenchOptions o = EnsembleBenchOptions.parse("--publish", report.toString(), "--benchmarks", benchmarks.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, EnsembleBenchmark.publish(o, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(DOC.replace("old numbers", "| way | members/s |"), Files.readString(benchmarks));
        assertEquals(List.of("BENCHMARKS.md", "ensemble.md"), Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList());

        Path unmarked = dir.resolve("OTHER.md");
        Files.writeString(unmarked, "# no markers\n");
        EnsembleBenchOptions bad = EnsembleBenchOptions.parse("--publish", report.toString(), "--benchmarks", unmarked.toString());
        assertEquals(2, EnsembleBenchmark.publish(bad, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("OTHER.md has no <!-- ensemble:begin --> marker"));
        assertEquals("# no markers\n", Files.readString(unmarked));

        EnsembleBenchOptions missing = EnsembleBenchOptions.parse("--publish", dir.resolve("none.md").toString(),
                "--benchmarks", benchmarks.toString());
        assertEquals(2, EnsembleBenchmark.publish(missing, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("none.md\"; no such file"));
    }

    // ---- the start-up probe's output ----

    @Test
    void aProbesResultLineIsFoundAmongSparksLogLines() {
        double[] t = SparkStartupProbe.parse("20:01:02 WARN NativeCodeLoader: no native\n"
                + SparkStartupProbe.RESULT + " 3.250000 5.500000\n");
        assertEquals(3.25, t[0], 0);
        assertEquals(5.5, t[1], 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SparkStartupProbe.parse("Exception in thread main\n"));
        assertTrue(e.getMessage().contains("printed no result line") && e.getMessage().contains("Exception in thread main"));
    }
}
