#!/usr/bin/env bash
# The HDF5 I/O numbers of BENCHMARKS.md (issue 15): checkpoint write and read against raw FileChannel I/O of the
# same bytes, file size per point, and the cost of snapshots every 10 steps as a share of the run, measured with
# dev.isspectral.measure (interleaved rotated rounds, medians with 95% intervals, paired ratios, machine load
# recorded; dev.isspectral.io.IoBenchmark). Builds the solver and this module, then runs the benchmark. Examples:
#
#   bash io/io-bench.sh --budget 120 --dir /tmp --out target/io-bench.md --json target/io-bench.json
#   bash io/io-bench.sh --budget 120 --dir /tmp --out target/io-bench.md --json target/io-bench.json --publish BENCHMARKS.md
#   bash io/io-bench.sh --from target/io-bench.md --publish BENCHMARKS.md     # place a saved report into BENCHMARKS.md
#
# Options: --budget SECONDS (each of the two measurements) --dir DIR (the disk the files go to) --checkpoint-grid
#          128x128x64 --run-grid 128x64x64 --every 10 --out FILE.md --json FILE.json --publish BENCHMARKS.md
#          --from SAVED.md --quick
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl io -am -DskipTests package
exec java -Disspectral.io.command="bash io/io-bench.sh" -cp "io/target/is-spectral-io.jar:io/target/lib/*" \
  dev.isspectral.io.IoBenchmark "$@"
