package dev.isspectral.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isspectral.ensemble.Axis;
import dev.isspectral.ensemble.Ensemble;
import dev.isspectral.ensemble.EnsemblePlan;
import dev.isspectral.ensemble.LocalExecutor;
import dev.isspectral.ensemble.Measurement;
import dev.isspectral.ensemble.Measurements;
import dev.isspectral.ensemble.Progress;
import dev.isspectral.physics.Transport;
import dev.isspectral.sim.Initial;
import dev.isspectral.sim.Simulation;
import dev.isspectral.sim.Solver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** One embedded Spark ({@code local[2,2]}: two task threads, two attempts per task) for the whole class. */
class SparkExecutorTest {

    private static SparkExecutor spark;

    @BeforeAll
    static void startSpark() {
        // tiny data: whole-stage code generation and adaptive execution only cost compile and planning time here
        spark = SparkExecutor.master("local[2,2]").config("spark.sql.codegen.wholeStage", "false")
                .config("spark.sql.adaptive.enabled", "false");
        spark.sparkSession();
    }

    @AfterAll
    static void stopSpark() {
        SparkExecutor.stop();
    }

    /** 8 members (η/s × mode × amplitude) of a sound wave on a 16×8×8 box, 60 steps each. */
    private static Ensemble soundScan() {
        Simulation base = Simulation.builder().grid("60x16x8x8").timeStep(0.02)
                .transport(Transport.etaOverS(0.08)).initial(Initial.soundWave().amplitude(1e-4)).build();
        return Ensemble.of(base).vary(Axis.etaOverS(0.08, 0.2)).vary(Axis.modes(1, 2)).vary(Axis.amplitude(1e-4, 1e-2))
                .measure(Measurements.soundMode(), Measurements.finalEnergy(), Measurements.stepRate())
                .progress(Progress.silent());
    }

    @Test
    void anotherMasterOrConfigurationIsRefusedWhileASessionRuns() {
        String advice = "; call SparkExecutor.stop() first or run on it with SparkExecutor.session(the running session)";
        assertEquals("master = spark://x:7077 differs from the running session's local[2,2]" + advice,
                assertThrows(IllegalArgumentException.class, () -> SparkExecutor.master("spark://x:7077")
                        .config("spark.sql.codegen.wholeStage", "false").config("spark.sql.adaptive.enabled", "false")
                        .sparkSession()).getMessage());
        assertEquals("config spark.task.cpus = 2 differs from the running session's unset spark.task.cpus" + advice,
                assertThrows(IllegalArgumentException.class,
                        () -> spark.config(SparkExecutor.TASK_CPUS, "2").sparkSession()).getMessage());
        assertEquals("local[2,2]", spark.sparkSession().sparkContext().master());   // the same settings reuse it
    }

    @Test
    void sparkGivesTheLocalExecutorsTableBitForBit() {
        Ensemble e = soundScan();
        Table local = e.executor(LocalExecutor.auto()).run();
        Table onSpark = e.executor(spark).run();
        assertEquals(8, onSpark.rowCount());
        assertTrue(onSpark.stringColumn(EnsemblePlan.STATUS).allMatch(s -> s.equals("ok")), onSpark.print());
        assertEquals(e.withoutTimings(local).print(), e.withoutTimings(onSpark).print());
        for (String c : e.withoutTimings(local).columnNames()) {
            assertEquals(local.column(c).asList(), onSpark.column(c).asList(), c);
        }
    }

    @Test
    void failingMembersComeBackAsRowsFromSpark() {
        // an ideal fluid: a wave of amplitude 0.99 steepens into a shock, and mode 9 does not fit 16 points
        Simulation base = Simulation.builder().grid("200x16x8x1").transport(Transport.ideal())
                .initial(Initial.soundWave().amplitude(1e-3)).build();
        Ensemble e = Ensemble.of(base).vary(Axis.modes(9, 1)).vary(Axis.amplitude(1e-3, 0.99))
                .measure(Measurements.finalEnergy()).progress(Progress.silent());
        Table onSpark = e.executor(spark).run();
        Table local = e.executor(LocalExecutor.auto()).run();
        assertEquals(List.of("invalid", "invalid", "ok", "recovery_failed"), onSpark.stringColumn(EnsemblePlan.STATUS).asList());
        assertTrue(onSpark.stringColumn(EnsemblePlan.ERROR).get(0).contains("mode"), onSpark.stringColumn(EnsemblePlan.ERROR).get(0));
        assertTrue(onSpark.stringColumn(EnsemblePlan.ERROR).get(3).contains("primitive recovery failed"));
        assertEquals(e.withoutTimings(local).print(), e.withoutTimings(onSpark).print());
    }

    @Test
    void aMemberWhoseFieldOverflowsComesBackAsANonFiniteRowFromSpark() {
        // SSP-RK3 at dt = 8 on uniform shear stress (physics.md §7.1): explicit relaxation far beyond its bound for
        // eta/s = 0.08 (tau_pi = 0.4) overflows; eta/s = 100 (tau_pi = 500) is stable (EnsembleTest, the local executor)
        Simulation base = Simulation.builder().grid("400x2x2x2").box(200).integrator(dev.isspectral.time.Integrators.sspRk3())
                .transport(Transport.etaOverS(0.08)).initial(Initial.staticEquilibrium().shear(0.01, -0.02, 0.005, 0, 0))
                .timeStep(8.0).build();
        Ensemble e = Ensemble.of(base).vary(Axis.etaOverS(0.08, 100)).progress(Progress.silent());
        Table onSpark = e.executor(spark).run();
        assertEquals(List.of("non_finite", "ok"), onSpark.stringColumn(EnsemblePlan.STATUS).asList(), onSpark.print());
        assertTrue(onSpark.stringColumn(EnsemblePlan.ERROR).get(0).matches("(?s).*pi_(xx|yy|xy) is (-?Infinity|NaN).*"),
                onSpark.stringColumn(EnsemblePlan.ERROR).get(0));
        assertEquals(400, onSpark.longColumn(EnsemblePlan.STEPS).get(1));
        assertEquals(e.withoutTimings(e.executor(LocalExecutor.auto()).run()).print(), e.withoutTimings(onSpark).print());
    }

    /** Throws on a task's first attempt, as if its executor had been lost; Spark must run the task again. */
    record LosesFirstAttempt() implements Measurement {
        @Override
        public List<String> columns() {
            return List.of("attempt");
        }

        @Override
        public Probe start(Simulation simulation) {
            return new Probe() {
                @Override
                public void sample(Solver solver) {
                    TaskContext task = TaskContext.get();
                    if (task != null && task.attemptNumber() == 0 && solver.stepCount() == 2) {
                        throw new SimulatedExecutorLoss();
                    }
                }

                @Override
                public double[] finish(Solver solver) {
                    TaskContext task = TaskContext.get();
                    return new double[] {task == null ? -1 : task.attemptNumber()};
                }
            };
        }
    }

    /** Not a RuntimeException, so not a member's own failure: it fails the Spark task. */
    static final class SimulatedExecutorLoss extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedExecutorLoss() {
            super("simulated loss of the executor");
        }
    }

    @Test
    void aTaskLostMidRunIsRetriedBySpark() {
        Simulation base = Simulation.builder().grid("5x8x8x1").initial(Initial.soundWave().amplitude(1e-3)).build();
        Table t = Ensemble.of(base).vary(Axis.etaOverS(0.1, 0.2)).measure(new LosesFirstAttempt(), Measurements.finalEnergy())
                .progress(Progress.silent()).executor(spark).run();
        assertEquals(List.of("ok", "ok"), t.stringColumn(EnsemblePlan.STATUS).asList());
        assertEquals(List.of(1.0, 1.0), t.doubleColumn("attempt").asList());   // the second attempt of each task
        assertEquals(List.of(5L, 5L), t.longColumn(EnsemblePlan.STEPS).asList());
    }

    @Test
    void resultsSurviveAParquetRoundTrip(@TempDir Path dir) throws java.io.IOException {
        Simulation base = Simulation.builder().grid("10x16x8x8").initial(Initial.soundWave().amplitude(1e-3)).build();
        Ensemble e = Ensemble.of(base).vary(Axis.modes(1, 2)).vary(Axis.etaOverS(0.1, 0.2))
                .measure(Measurements.finalEnergy(), Measurements.stepRate()).progress(Progress.silent());
        Table local = e.executor(LocalExecutor.auto()).run();
        String path = dir.resolve("results.parquet").toString();
        SparkEnsembles.writeParquet(spark.sparkSession(), local, path);
        Table back = SparkEnsembles.readParquet(spark.sparkSession(), path);
        assertEquals(local.columnNames(), back.columnNames());
        for (String c : local.columnNames()) {
            assertEquals(local.column(c).type(), back.column(c).type(), c);
            assertEquals(local.column(c).asList(), back.column(c).asList(), c);
        }
        assertThrows(IllegalArgumentException.class, () -> SparkEnsembles.writeParquet(spark.sparkSession(), local, path));

        // rows written straight from the executors, never gathered on the driver
        String direct = dir.resolve("direct.parquet").toString();
        assertEquals(4, SparkEnsembles.writeParquet(spark, e, direct));
        Table fromExecutors = SparkEnsembles.readParquet(spark.sparkSession(), direct);
        assertEquals(e.withoutTimings(local).print(), e.withoutTimings(fromExecutors).print());
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
    }

    @Test
    void aBaseThatCannotTravelIsRefusedBeforeSparkRunsAnything() {
        Simulation custom = Simulation.builder().grid("4x8x8x1").initial(Initial.custom("flat", (x, y, z, out) -> out[0] = 1)).build();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Ensemble.of(custom).vary(Axis.etaOverS(0.1)).executor(spark).progress(Progress.silent()).run());
        assertTrue(error.getMessage().contains("cannot travel"), error.getMessage());
    }

    @Test
    void theJvmOfTheseTestsHasSparksFlags() {
        assertEquals(List.of(), SparkJvm.missingOpens());
        assertTrue(SparkJvm.options().contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"));
    }
}
