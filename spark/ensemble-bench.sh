#!/usr/bin/env bash
# Members per second of one ensemble: a one-by-one loop, the local executor and Spark local[*], measured with
# dev.isspectral.measure (interleaved rotated rounds, medians with 95% intervals, paired ratios, verdicts from the
# intervals), Spark's start-up in fresh JVMs, and the per-member cost derived from them
# (dev.isspectral.spark.EnsembleBenchmark; BENCHMARKS.md, "Ensembles"). Builds the solver and this module, then runs
# the benchmark in a JVM with Spark's flags. Examples:
#
#   bash spark/ensemble-bench.sh --budget 240 --out target/ensemble.md --json target/ensemble.json
#   bash spark/ensemble-bench.sh --budget 240 --out target/ensemble.md --json target/ensemble.json --benchmarks BENCHMARKS.md
#   bash spark/ensemble-bench.sh --publish target/ensemble.md          # place a saved report into BENCHMARKS.md
#
# Options: --members 8 --steps 40 --grid 32x16x16 --budget 120 --master 'local[*]' --startups 6
#          --core-hour-price PRICE --out FILE.md --json FILE.json --benchmarks FILE.md | --publish FILE.md
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl spark -am -DskipTests package
classpath="spark/target/is-spectral-spark-0.1.0-SNAPSHOT.jar:solver/target/classes:display-spi/target/classes:spark/target/classpath/*"
# shellcheck disable=SC2046  # the flags are words
exec java $(java -cp spark/target/classes dev.isspectral.spark.SparkJvm) \
  -Dlog4j2.configurationFile=spark/bench-log4j2.properties \
  -cp "$classpath" dev.isspectral.spark.EnsembleBenchmark "$@"
