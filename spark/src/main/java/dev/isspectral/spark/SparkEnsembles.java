package dev.isspectral.spark;

import dev.isspectral.ensemble.Ensemble;
import dev.isspectral.ensemble.EnsembleColumn;
import dev.isspectral.ensemble.EnsemblePlan;
import dev.isspectral.ensemble.EnsembleTables;
import dev.isspectral.ensemble.Member;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Ensemble results as Spark rows and Parquet files. For a large ensemble,
 * {@link #writeParquet(SparkExecutor, Ensemble, String)} runs the members on the executors and writes
 * their rows straight to Parquet, never gathering them on the driver; {@link #readParquet} gives them
 * back as a Tablesaw table with the same columns ({@link EnsemblePlan#columns()}).
 */
public final class SparkEnsembles {

    private SparkEnsembles() {
    }

    /** The Spark schema of an ensemble's results. */
    public static StructType schema(List<EnsembleColumn> columns) {
        List<StructField> fields = new ArrayList<>();
        for (EnsembleColumn c : columns) {
            DataType type = switch (c.type()) {
                case INT -> DataTypes.IntegerType;
                case LONG -> DataTypes.LongType;
                case DOUBLE -> DataTypes.DoubleType;
                case STRING -> DataTypes.StringType;
            };
            fields.add(DataTypes.createStructField(c.name(), type, true));
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * The ensemble's results as a lazy Dataset, one row per member, computed on the executors when an
     * action (a write, a count, a collect) asks for them; one partition per member.
     */
    public static Dataset<Row> dataset(SparkExecutor executor, Ensemble ensemble) {
        SparkSession session = executor.sparkSession();
        EnsemblePlan plan = ensemble.portablePlan();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
        int threads = Integer.parseInt(session.conf().get(SparkExecutor.TASK_CPUS, "1"));
        Broadcast<EnsemblePlan> shared = jsc.broadcast(plan);
        List<Member> members = ensemble.members();
        JavaRDD<Row> rows = jsc.parallelize(members, Math.max(1, members.size()))
                .map(m -> RowFactory.create(shared.value().row(m, shared.value().run(m, threads))));
        return session.createDataFrame(rows, schema(plan.columns()));
    }

    /**
     * Runs the ensemble on the executors and writes its rows to the Parquet directory {@code path}
     * (which must not exist); returns the number of rows written. A local path is written to a
     * temporary directory beside it and moved into place; other file systems rely on Spark's committer.
     */
    public static long writeParquet(SparkExecutor executor, Ensemble ensemble, String path) {
        Dataset<Row> rows = dataset(executor, ensemble).cache();
        try {
            write(rows, path);
            return rows.count();
        } finally {
            rows.unpersist();
        }
    }

    /** A Tablesaw table (INTEGER, LONG, DOUBLE and STRING columns) as a Dataset on {@code session}. */
    public static Dataset<Row> toDataset(SparkSession session, Table table) {
        List<EnsembleColumn> columns = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            ColumnType t = c.type();
            EnsembleColumn.Type type;
            if (t == ColumnType.INTEGER) {
                type = EnsembleColumn.Type.INT;
            } else if (t == ColumnType.LONG) {
                type = EnsembleColumn.Type.LONG;
            } else if (t == ColumnType.DOUBLE) {
                type = EnsembleColumn.Type.DOUBLE;
            } else if (t == ColumnType.STRING) {
                type = EnsembleColumn.Type.STRING;
            } else {
                throw new IllegalArgumentException("column " + c.name() + " has type " + t.name()
                        + "; only INTEGER, LONG, DOUBLE and STRING columns go to Spark");
            }
            columns.add(new EnsembleColumn(c.name(), type, false));
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            Object[] values = new Object[table.columnCount()];
            for (int c = 0; c < table.columnCount(); c++) {
                Column<?> col = table.column(c);
                values[c] = col.type() == ColumnType.DOUBLE ? (Object) table.doubleColumn(c).getDouble(r)
                        : col.isMissing(r) ? null : col.get(r);
            }
            rows.add(RowFactory.create(values));
        }
        return session.createDataFrame(rows, schema(columns));
    }

    /** Writes {@code table} to the Parquet directory {@code path} (which must not exist), as one file. */
    public static void writeParquet(SparkSession session, Table table, String path) {
        write(toDataset(session, table).coalesce(1), path);
    }

    /** Reads a Parquet directory of ensemble results back into a Tablesaw table, in member order if it has that column. */
    public static Table readParquet(SparkSession session, String path) {
        Table t = toTable(session.read().parquet(path), path);
        // sorted here rather than by Spark: the rows are on the driver anyway, and a sort would cost a shuffle
        return t.columnNames().contains(EnsemblePlan.MEMBER) ? t.sortAscendingOn(EnsemblePlan.MEMBER) : t;
    }

    /** Collects a Dataset of INTEGER, LONG, DOUBLE and STRING columns into a Tablesaw table. */
    public static Table toTable(Dataset<Row> d, String name) {
        List<EnsembleColumn> columns = new ArrayList<>();
        for (StructField f : d.schema().fields()) {
            EnsembleColumn.Type type;
            if (f.dataType().equals(DataTypes.IntegerType)) {
                type = EnsembleColumn.Type.INT;
            } else if (f.dataType().equals(DataTypes.LongType)) {
                type = EnsembleColumn.Type.LONG;
            } else if (f.dataType().equals(DataTypes.DoubleType)) {
                type = EnsembleColumn.Type.DOUBLE;
            } else if (f.dataType().equals(DataTypes.StringType)) {
                type = EnsembleColumn.Type.STRING;
            } else {
                throw new IllegalArgumentException("column " + f.name() + " has type " + f.dataType().simpleString()
                        + "; only int, bigint, double and string columns become a table");
            }
            columns.add(new EnsembleColumn(f.name(), type, false));
        }
        List<Object[]> rows = new ArrayList<>();
        for (Row r : d.collectAsList()) {
            Object[] values = new Object[r.size()];
            for (int i = 0; i < r.size(); i++) {
                values[i] = r.isNullAt(i) ? null : r.get(i);
            }
            rows.add(values);
        }
        return EnsembleTables.fromRows(columns, rows, name);
    }

    private static void write(Dataset<Row> rows, String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path = \"" + path + "\"; must name a directory to create");
        }
        Path local = localPath(path);
        if (local == null) {
            rows.write().mode("errorifexists").parquet(path);
            return;
        }
        if (Files.exists(local)) {
            throw new IllegalArgumentException("path = " + local + " exists; choose a new directory (results are never overwritten)");
        }
        Path parent = local.toAbsolutePath().getParent();
        Path temp = parent.resolve("." + local.getFileName() + ".tmp-" + java.util.UUID.randomUUID());
        try {
            Files.createDirectories(parent);
            rows.write().mode("errorifexists").parquet(temp.toString());
            Files.move(temp, local, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot move " + temp + " to " + local + ": " + e.getMessage(), e);
        }
    }

    /** The local file system path of {@code path} (plain or file:), or null for another file system. */
    private static Path localPath(String path) {
        if (!path.contains(":/") && !path.startsWith("file:")) {
            return Path.of(path);
        }
        URI uri = URI.create(path);
        return "file".equals(uri.getScheme()) ? Path.of(uri) : null;
    }
}
