#!/usr/bin/env bash
# Issue 17's JIT check: what HotSpot's C2 does with the pointwise physics (the small static functions of
# dev.isspectral.physics composed by PointwiseKernel), from the JVM's own compilation log, not by belief.
# Runs bench-builds/StepWorker (the workload of `bench builds`: optimized tuning, 2 threads) for STEPS steps in one
# fresh JVM with -XX:+LogCompilation, then bench-builds/jit_summary.py prints every C2 compile of the physics
# package: normal or OSR, calls inlined, each call not inlined with HotSpot's reason ("hot method too big",
# "callee is too large", "inlining too deep", ...), methods that only ever got OSR code, and the deoptimizations
# (uncommon traps) hit at run time in solver code.
#
#   bash bench-builds/jit-check.sh [GRID] [BACKEND] [STEPS]      defaults: 64x32x32 jtransforms 40
#   e.g. bash bench-builds/jit-check.sh 128x64x64 jtransforms 30
#
# The log stays in the folder printed at the end (compilation.xml). No timing is taken. The summary's logic is tested by
#   /usr/bin/python3 -m unittest discover -s bench-builds -p 'test_jit_summary.py'
set -euo pipefail
cd "$(dirname "$0")/.."
grid=${1:-64x32x32}
backend=${2:-jtransforms}
steps=${3:-40}
mvn -B -q -ntp -o -pl solver,fftw -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
cp="$(ls "$PWD"/fftw/target/is-spectral-fftw-*.jar | head -n 1):$(cat fftw/target/cp.txt)"
work=$(mktemp -d /tmp/is-spectral-jit.XXXXXX)
javac -nowarn -d "$work" -cp "$cp" bench-builds/StepWorker.java
printf 'step %s\nquit\n' "$steps" | java -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation \
    -XX:LogFile="$work/compilation.xml" -cp "$work:$cp" StepWorker "$grid" "$backend" 2 > "$work/worker.out"
grep -q '^done' "$work/worker.out" || { echo "error: the worker did not finish its steps; see $work/worker.out" >&2; exit 1; }
echo "JIT check: $grid, $backend, 2 threads, $steps steps after the first; commit $(git rev-parse --short=12 HEAD)"
/usr/bin/python3 bench-builds/jit_summary.py "$work/compilation.xml"
echo "log: $work/compilation.xml"
