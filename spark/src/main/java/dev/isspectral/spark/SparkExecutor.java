package dev.isspectral.spark;

import dev.isspectral.ensemble.EnsembleExecutor;
import dev.isspectral.ensemble.EnsemblePlan;
import dev.isspectral.ensemble.Member;
import dev.isspectral.ensemble.MemberResult;
import dev.isspectral.ensemble.Progress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Runs an ensemble's members as Spark tasks, one task per member: embedded {@code local[*]} by
 * default (no cluster needed), or the cluster at a master URL ({@code spark://host:7077},
 * {@code yarn}, {@code k8s://…}). Members travel as small {@link Member} records, the plan once per
 * executor as a broadcast {@link dev.isspectral.ensemble.SimulationRecipe} (so the base must be
 * {@linkplain dev.isspectral.ensemble.Ensemble#portablePlan() portable}); each task returns one
 * {@link MemberResult}. A member's own failure is a result row; a task lost with its executor is
 * rerun by Spark ({@code spark.task.maxFailures}, 4 on a cluster; embedded, give
 * {@code local[N,F]} for F attempts). Results equal the local executor's bit for bit (except the
 * timing columns): both run {@link EnsemblePlan#run(Member, int)}.
 *
 * <p>Immutable: {@code SparkExecutor.local().config("spark.executor.memory", "4g")} returns a new
 * executor. The session is created on first use ({@link SparkSession.Builder#getOrCreate()}: an
 * existing one is reused when its master and this executor's configuration agree, refused otherwise)
 * and stays up for later runs; {@link #stop()} ends it. The JVM needs
 * Spark's flags ({@link SparkJvm}); without them this executor says so before starting Spark.
 */
public final class SparkExecutor implements EnsembleExecutor {

    /** Spark property: threads each task's solver uses (and CPUs Spark reserves per task). */
    public static final String TASK_CPUS = "spark.task.cpus";

    private final String master;                 // null: use the session's
    private final Map<String, String> config;
    private final transient SparkSession given;  // a session handed in, or null

    private SparkExecutor(String master, Map<String, String> config, SparkSession given) {
        this.master = master;
        this.config = Map.copyOf(config);
        this.given = given;
    }

    /** Embedded Spark on all cores of this machine: master {@code local[*]}. */
    public static SparkExecutor local() {
        return master("local[*]");
    }

    /**
     * Spark at {@code url}: {@code local[N]}, {@code local[N,F]} (N threads, F attempts per task),
     * {@code local[*]}, or a cluster's master URL. The application's jars must reach the cluster's
     * executors ({@code spark.jars}, or spark-submit).
     */
    public static SparkExecutor master(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("master = \"" + url + "\"; must be local[*], local[N], local[N,F] or a cluster URL such as spark://host:7077");
        }
        return new SparkExecutor(url, Map.of(), null);
    }

    /** Runs on an existing session (its master and configuration as they are). */
    public static SparkExecutor session(SparkSession session) {
        if (session == null) {
            throw new IllegalArgumentException("session = null; must be a SparkSession");
        }
        return new SparkExecutor(null, Map.of(), session);
    }

    /** This executor with a Spark configuration property set for the session it creates. */
    public SparkExecutor config(String key, String value) {
        if (key == null || key.isBlank() || value == null) {
            throw new IllegalArgumentException("config " + key + " = " + value + "; key and value must be given");
        }
        if (given != null) {
            throw new IllegalArgumentException("config " + key + " = " + value + " on an executor of an existing session; configure that session instead");
        }
        Map<String, String> more = new LinkedHashMap<>(config);
        more.put(key, value);
        return new SparkExecutor(master, more, null);
    }

    /** The session: the one handed in, or the one this executor's master and configuration make (created once). */
    public SparkSession sparkSession() {
        if (given != null) {
            return given;
        }
        SparkJvm.requireOptions();
        requireRunningSessionAgrees();
        SparkSession.Builder b = SparkSession.builder().appName("IS-Spectral ensemble").master(master)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8");
        for (Map.Entry<String, String> e : config.entrySet()) {
            b = b.config(e.getKey(), e.getValue());
        }
        SparkSession s = b.getOrCreate();
        if (!config.containsKey("spark.log.level")) {
            s.sparkContext().setLogLevel("WARN");
        }
        return s;
    }

    /**
     * Refuses to reuse a running session whose master or configuration differs from this executor's: getOrCreate
     * would hand it back unchanged, and a different {@value #TASK_CPUS} would then give each member more threads
     * than Spark reserves for its task.
     */
    private void requireRunningSessionAgrees() {
        Option<SparkSession> found = SparkSession.getActiveSession();
        if (found.isEmpty()) {
            found = SparkSession.getDefaultSession();
        }
        if (found.isEmpty() || found.get().sparkContext().isStopped()) {
            return;
        }
        SparkConf running = found.get().sparkContext().getConf();
        String advice = "; call SparkExecutor.stop() first or run on it with SparkExecutor.session(the running session)";
        String runningMaster = found.get().sparkContext().master();
        if (!master.equals(runningMaster)) {
            throw new IllegalArgumentException("master = " + master + " differs from the running session's " + runningMaster + advice);
        }
        for (Map.Entry<String, String> e : config.entrySet()) {
            String value = running.get(e.getKey(), null);
            if (!e.getValue().equals(value)) {
                throw new IllegalArgumentException("config " + e.getKey() + " = " + e.getValue() + " differs from the running session's "
                        + (value == null ? "unset " + e.getKey() : value) + advice);
            }
        }
    }

    /** Stops the active Spark session, if any (the next run starts a new one). */
    public static void stop() {
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    @Override
    public boolean needsPortablePlan() {
        return true;
    }

    @Override
    public List<MemberResult> execute(EnsemblePlan plan, List<Member> members, Progress progress) {
        if (!plan.portable()) {
            throw new IllegalArgumentException("plan = local plan; Spark needs Ensemble.portablePlan() (the base as a SimulationRecipe)");
        }
        long start = System.nanoTime();
        SparkSession session = sparkSession();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
        int threads = Integer.parseInt(session.conf().get(TASK_CPUS, "1"));
        progress.started(members.size(), describe(session, threads));
        Broadcast<EnsemblePlan> shared = jsc.broadcast(plan);
        JavaRDD<Member> rdd = jsc.parallelize(members, Math.max(1, members.size()));
        JavaFutureAction<List<MemberResult>> job = rdd.map(m -> shared.value().run(m, threads)).collectAsync();
        int reported = 0;
        try {
            while (!job.isDone()) {
                Thread.sleep(200);
                int done = finishedTasks(jsc, job);
                if (done > reported) {
                    progress.memberDone(null, done, members.size());
                    reported = done;
                }
            }
            List<MemberResult> results = new ArrayList<>(job.get());
            results.sort(Comparator.comparingInt(MemberResult::index));
            progress.finished(results, (System.nanoTime() - start) / 1e9);
            return results;
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ensemble interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Spark job failed (after its task retries): " + e.getCause().getMessage(), e.getCause());
        } finally {
            shared.destroy();
        }
    }

    private static int finishedTasks(JavaSparkContext jsc, JavaFutureAction<?> job) {
        int done = 0;
        for (Integer id : job.jobIds()) {
            var info = jsc.statusTracker().getJobInfo(id);
            if (info != null) {
                for (int stage : info.stageIds()) {
                    var s = jsc.statusTracker().getStageInfo(stage);
                    if (s != null) {
                        done += s.numCompletedTasks();
                    }
                }
            }
        }
        return done;
    }

    private String describe(SparkSession session, int threads) {
        return String.format(Locale.ROOT, "Spark %s (master %s, %d thread%s per task)", session.version(),
                session.sparkContext().master(), threads, threads == 1 ? "" : "s");
    }

    @Override
    public String describe() {
        return given != null ? "Spark (given session)" : "Spark (master " + master + (config.isEmpty() ? "" : ", " + config) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
