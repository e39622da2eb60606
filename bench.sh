#!/usr/bin/env bash
# The project's benchmarks, measured with its one method (dev.isspectral.measure: warm-up until steady, interleaved
# rounds, medians with 95% intervals, each timed figure over --forks N fresh JVMs (default 3); BENCHMARKS.md,
# "Method"). Builds what it needs, then:
#
#   bash bench.sh [targets options]          every performance target: is-spectral bench targets [options]
#       e.g. bash bench.sh --budget 150 --forks 3 --out target/targets.md --json target/targets.json
#   bash bench.sh --hog [targets options]    the same with a CPU hog pinned to the last core for the whole run
#                                            (the check that intervals of interleaved ratios survive load)
#   bash bench.sh --scaling [options]        is-spectral bench scaling --threads 1,2 --grids 128x64x64 ...
#   bash bench.sh --levers [options]         is-spectral bench levers --grid 128x64x64 --backend fftw ...: each
#                                            optimization off and on, each in --forks N fresh JVMs of its own
#                                            (default 3), paired speed-up with its 95% interval and fork medians;
#                                            --out FILE.md, --json FILE.json
#   bash bench.sh --float32 [--out FILE.md]  is-spectral bench float32: the accuracy cost of float32 storage of the
#                                            fields, emulated by rounding every stored array between steps (no timing)
#   bash bench.sh --place NAME --into BENCHMARKS.md REPORT.md...
#                                            put reports those commands wrote into the section <!-- NAME:begin -->
#   bash bench.sh --jmh [options]            JMH and the project's method side by side, in one run, on the FFT pair
#                                            (3 sizes) and a 64x32x32 step, both backends: --out FILE.md, --forks,
#                                            --warmup, --iterations, --time, --budget (about 5 min on 2 cores)
#   bash bench.sh --simd [--into BENCHMARKS.md] [--forks 2] [--budget 8] [--out FILE.md]
#                                            issue 13's SIMD lever: profile shares of a 128x64x64 step by loop family,
#                                            the three largest simple loops scalar vs Vector API (SuperWord on and off),
#                                            the most the step could gain; --into rewrites the section <!-- simd:begin -->
#   bash bench.sh --batched-plans [options]  one batched FFTW plan per group of transforms against the step's
#                                            side-by-side one-thread transforms (--grids, --groups, --threads,
#                                            --budget, --out), interleaved, with intervals (issue 13)
#   bash bench.sh --publish QUIET.json [--loaded HOG.json] [--jmh SIDE.md]
#                                            regenerate README.md's headline table and BENCHMARKS.md's "current"
#                                            section from `bench targets --json` files (the older current section
#                                            moves to the dated history), with the quiet-vs-loaded table and issue 11's
#                                            done-when check, and the JMH side-by-side table
#
# The FFTW module is on the class path, so "best" is FFTW where its native library loads.
set -euo pipefail
cd "$(dirname "$0")"

mode=targets
hog=no
case "${1:-}" in
    --hog) hog=yes; shift ;;
    --jmh) mode=jmh; shift ;;
    --scaling) mode=scaling; shift ;;
    --levers) mode=levers; shift ;;
    --float32) mode=float32; shift ;;
    --place) mode=place; shift ;;
    --publish) mode=publish; shift ;;
    --simd) mode=simd; shift ;;
    --batched-plans) mode=batched; shift ;;
esac

if [[ $mode == jmh ]]; then
    mvn -B -q -ntp -pl bench -am package -DskipTests \
        dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
    exec java -cp "bench/target/classes:$(cat bench/target/cp.txt)" dev.isspectral.jmh.SideBySide "$@"
fi

if [[ $mode == simd ]]; then
    mvn -B -q -ntp -pl bench -am package -DskipTests \
        dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
    exec java --add-modules jdk.incubator.vector -Xss4m -cp "bench/target/classes:$(cat bench/target/cp.txt)" \
        dev.isspectral.jmh.simd.SimdCheck "$@"
fi

mvn -B -q -ntp -pl solver,fftw -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
classpath="$(ls fftw/target/is-spectral-fftw-*.jar | head -n 1):$(cat fftw/target/cp.txt)"

if [[ $mode == publish ]]; then
    exec java -cp "$classpath" dev.isspectral.bench.Publish "$@"
fi
if [[ $mode == place ]]; then
    exec java -cp "$classpath" dev.isspectral.cli.Main bench place "$@"
fi
if [[ $mode == levers ]]; then
    exec java -cp "$classpath" dev.isspectral.cli.Main bench levers "$@"
fi
if [[ $mode == float32 ]]; then
    exec java -cp "$classpath" dev.isspectral.cli.Main bench float32 "$@"
fi
if [[ $mode == batched ]]; then
    exec java -cp "$classpath" dev.isspectral.fftw.bench.BatchedPlans "$@"
fi
if [[ $mode == scaling ]]; then
    exec java -cp "$classpath" dev.isspectral.cli.Main bench scaling "$@"
fi

hog_pid=""
stop_hog() { if [[ -n $hog_pid ]]; then kill "$hog_pid" 2>/dev/null || true; wait "$hog_pid" 2>/dev/null || true; fi; }
trap stop_hog EXIT
if [[ $hog == yes ]]; then
    last=$(( $(nproc) - 1 ))
    if command -v taskset >/dev/null; then
        taskset -c "$last" sh -c 'while :; do :; done' &
    else
        sh -c 'while :; do :; done' &
    fi
    hog_pid=$!
    echo "CPU hog running (pid $hog_pid, pinned to core $last where taskset exists) for the whole run"
fi
java -cp "$classpath" dev.isspectral.cli.Main bench targets "$@"
