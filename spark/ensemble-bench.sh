#!/usr/bin/env bash
# Members per second of one ensemble: a one-by-one loop, the local executor and Spark local[*]
# (dev.isspectral.spark.EnsembleBenchmark; arguments are passed on, e.g. --members 8 --budget 120).
# Builds the solver and this module, then runs the benchmark in a JVM with Spark's flags.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl spark -am -DskipTests package
classpath="spark/target/is-spectral-spark-0.1.0-SNAPSHOT.jar:solver/target/classes:spark/target/classpath/*"
exec java $(java -cp spark/target/classes dev.isspectral.spark.SparkJvm) \
  -Dlog4j2.configurationFile=spark/bench-log4j2.properties \
  -cp "$classpath" dev.isspectral.spark.EnsembleBenchmark "$@"
