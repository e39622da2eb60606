#!/usr/bin/env bash
# Issue 13's many-core measurement, on a borrowed machine that has no Java (the 16-core machine of the device tool,
# lent to some sessions only). Two halves:
#
#   bash bench-device.sh pack
#       here: builds the solver and FFTW jars, copies the jars `bench scaling` needs (FFTW's Linux x86-64 natives
#       only) and a jlink'd Java runtime (xz-compressed) into target/device-kit (ignored by git; about 52 MB),
#       with the commit they were built from
#   bash bench-device.sh run [options]
#       there, in the repository root: unpacks the runtime to /tmp, then runs, each part with its own --out so a part
#       cut off by the call's time limit leaves the others' reports (in $OUT, which the device tool brings back, or
#       target/device-out):
#         levers   `bench levers --only "split by the team"` at the first grid on the most threads: the team's split
#                  of FFTW transforms against FFTW's own threads (on more than 12 threads nothing is batched, so
#                  every transform is split), 2 fresh JVMs, 20 s
#         scaling  `bench scaling` once per grid and backend
#         batched  `bench.sh --batched-plans` at the first grid on the most threads: one FFTW plan per group of the
#                  step's transforms (on FFTW's threads) against the step's own way there (each transform split over
#                  the team), 8 s per group; last, so a call cut off loses this part first
#       Options given replace the defaults, which are sized for one 10-minute call:
#           --parts levers,scaling,batched --threads 1,2,4,8,16 --grids 128x64x64,256x128x128 --backend fftw --budget 60
#           --forks 2
#
# The device call (the `run` tool; the kit travels as an ignored path named in carry):
#   run(command="bash bench-device.sh run", carry=["target/device-kit"], timeout_s=600)
# Each table ends with issue 13's many-core targets (16 threads vs 1: >= 10x at 256x128x128 and >= 7x at 128x64x64,
# <= 150 ns per point-step at 256x128x128), judged only on a machine of at least 16 cores.
set -euo pipefail
cd "$(dirname "$0")"
kit=target/device-kit

pack() {
    mvn -B -q -ntp -pl solver,fftw -am package -DskipTests \
        dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
    rm -rf "$kit.tmp"
    mkdir -p "$kit.tmp/lib"
    cp "$(ls fftw/target/is-spectral-fftw-*.jar | head -n 1)" "$kit.tmp/lib/"
    # the runtime class path, less what `bench scaling` never loads: other platforms' natives, the test engine,
    # PDF export and the Unicode tables of Tablesaw's text columns (the notebooks have them; the scaling table does not)
    tr ':' '\n' < fftw/target/cp.txt | while read -r jar; do
        case "$(basename "$jar")" in
            junit-* | opentest4j-* | apiguardian-* | pdfbox-* | fontbox-* | graphics2d-* | icu4j-*) ;;
            *-linux-arm64.jar | *-linux-ppc64le.jar | *-macosx-*.jar | *-windows-*.jar | *-android-*.jar) ;;
            *) cp "$jar" "$kit.tmp/lib/" ;;
        esac
    done
    local modules
    # JavaCPP's jars are modules whose descriptors jdeps cannot resolve on a class path: asked about the rest, and
    # jdk.unsupported (JavaCPP's Unsafe) and jdk.management (per-thread CPU and allocation counters) added
    modules=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 -q \
        $(ls "$kit.tmp"/lib/*.jar | grep -v -e '/javacpp-' -e '/fftw-'))
    modules="$modules,jdk.unsupported,jdk.management"
    modules=$(tr ',' '\n' <<< "$modules" | sort -u | paste -sd,)
    rm -rf target/device-runtime
    # uncompressed modules, then xz over the whole: about 17 MB, where jlink's own zip compression leaves xz 29 MB
    jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=0 \
        --output target/device-runtime
    tar -C target -cf - device-runtime | xz -9 -T2 > "$kit.tmp/runtime.tar.xz"
    rm -rf target/device-runtime
    # the commit the reports name (the device's copy of the tree may have no git): +dirty with uncommitted changes
    local commit
    commit=$(git rev-parse --short=12 HEAD)
    [[ -z $(git status --porcelain --untracked-files=no) ]] || commit="$commit+dirty"
    echo "$commit" > "$kit.tmp/commit.txt"
    { git rev-parse HEAD; git status --porcelain | head -n 20; date -u +%FT%TZ; } > "$kit.tmp/built-from.txt"
    rm -rf "$kit"
    mv "$kit.tmp" "$kit"
    echo "device kit: $(du -sh "$kit" | cut -f1) in $kit (modules $modules), built from $commit"
}

run() {
    if [[ ! -f $kit/runtime.tar.xz ]]; then
        echo "error: $kit/runtime.tar.xz not found; run 'bash bench-device.sh pack' here and carry $kit" >&2
        exit 2
    fi
    local parts=levers,scaling,batched threads=1,2,4,8,16 grids=128x64x64,256x128x128 backends=fftw budget=60 forks=2
    while [[ $# -gt 0 ]]; do
        [[ $# -ge 2 ]] || { echo "error: option $1 needs a value" >&2; exit 2; }
        case "$1" in
            --parts) parts=$2 ;;
            --threads) threads=$2 ;;
            --grids) grids=$2 ;;
            --backend) backends=$2 ;;
            --budget) budget=$2 ;;
            --forks) forks=$2 ;;
            *) echo "error: option $1; allowed: --parts, --threads, --grids, --backend (comma-separated), --budget, --forks" >&2
               exit 2 ;;
        esac
        shift 2
    done
    local part
    for part in ${parts//,/ }; do
        [[ $part == levers || $part == scaling || $part == batched ]] || {
            echo "error: --parts = $parts; each part must be levers, scaling or batched" >&2; exit 2; }
    done
    # the options are checked before the runtime is unpacked: a mistyped option costs no device time
    local out="${OUT:-target/device-out}"
    mkdir -p "$out" /tmp/is-spectral-device
    tar -C /tmp/is-spectral-device -xJf "$kit/runtime.tar.xz"
    # every solver of a scaling table is alive at once (five of 256x128x128 take about 20 GB): 60% of the memory as
    # heap, which the forked JVMs inherit
    local java=/tmp/is-spectral-device/device-runtime/bin/java
    local cp
    cp=$(ls "$kit"/lib/*.jar | tr '\n' ':')
    export IS_SPECTRAL_COMMIT
    IS_SPECTRAL_COMMIT=$(cat "$kit/commit.txt")
    { echo "kit built from: $IS_SPECTRAL_COMMIT ($(tail -n 1 "$kit/built-from.txt"))"; nproc; grep -m1 'model name' /proc/cpuinfo || true;
      free -g | head -n 2; uptime; } | tee "$out/machine.txt"
    local b g
    if [[ ,$parts, == *,levers,* ]]; then
        g=${grids%%,*}
        echo "== bench levers --only \"split by the team\" --grid $g --threads ${threads##*,} ($(date -u +%T))"
        "$java" -XX:MaxRAMPercentage=60 -cp "$cp" dev.isspectral.cli.Main bench levers --grid "$g" --backend fftw --threads "${threads##*,}" \
            --only "split by the team" --forks 2 --budget 20 --out "$out/levers-split-$g.md" > /dev/null
        echo "   written $out/levers-split-$g.md ($(date -u +%T))"
    fi
    if [[ ,$parts, == *,scaling,* ]]; then
        for b in ${backends//,/ }; do
            for g in ${grids//,/ }; do
                echo "== bench scaling --backend $b --grids $g --threads $threads ($(date -u +%T))"
                "$java" -XX:MaxRAMPercentage=60 -cp "$cp" dev.isspectral.cli.Main bench scaling --threads "$threads" --grids "$g" --backend "$b" \
                    --budget "$budget" --forks "$forks" --out "$out/scaling-$b-$g.md" > /dev/null
                echo "   written $out/scaling-$b-$g.md ($(date -u +%T))"
            done
        done
    fi
    if [[ ,$parts, == *,batched,* ]]; then
        g=${grids%%,*}
        echo "== batched plans --grids $g --threads ${threads##*,} ($(date -u +%T))"
        "$java" -XX:MaxRAMPercentage=60 -cp "$cp" dev.isspectral.fftw.bench.BatchedPlans --grids "$g" --threads "${threads##*,}" \
            --budget 8 --out "$out/batched-plans-$g.md" > /dev/null
        echo "   written $out/batched-plans-$g.md ($(date -u +%T))"
    fi
}

case "${1:-}" in
    pack) pack ;;
    run) shift; run "$@" ;;
    *) echo "usage: bash bench-device.sh pack | run [--parts levers,scaling,batched] [--threads …] [--grids …] [--backend …]" \
            "[--budget S] [--forks N]" >&2
       exit 2 ;;
esac
