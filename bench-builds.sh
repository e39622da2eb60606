#!/usr/bin/env bash
# Step time of two commits of the solver, measured with the project's method (dev.isspectral.measure): each commit is
# built from `git archive` in its own folder (cached by commit id), bench-builds/StepWorker.java is compiled against
# each build, and `is-spectral bench builds` (this tree's build) drives worker JVMs of both builds, interleaved, in
# --pairs N fresh pairs one after another (default 3, which build starts first alternating), with the paired ratio
# after/before and its 95% interval over pairs and rounds (hierarchical bootstrap: JVM-to-JVM variation included);
# verdict "not slower" only when that interval is <= 1 + tolerance.
#
#   bash bench-builds.sh BEFORE [AFTER] [bench builds options]        AFTER defaults to HEAD
#   e.g. bash bench-builds.sh 5831730 HEAD --grid 128x64x64 --threads 2 --backend fftw --budget 300 --out target/builds.md
#
# Options are those of `is-spectral bench builds` (--grid, --threads, --backend, --pairs, --steps, --budget, --tolerance,
# --jvm-options, --after-jvm-options, --out); --before-cp/--after-cp/--*-label/--command are filled in here. Builds offline (mvn -o) unless
# BENCH_BUILDS_MVN_FLAGS says otherwise; build folders live under BENCH_BUILDS_DIR (default /tmp/is-spectral-builds).
set -euo pipefail
cd "$(dirname "$0")"
if [[ $# -lt 1 || $1 == --* ]]; then
    echo "usage: bash bench-builds.sh BEFORE_COMMIT [AFTER_COMMIT] [bench builds options]" >&2
    exit 2
fi
invocation="bash bench-builds.sh $*"
before=$1; shift
after=HEAD
if [[ $# -gt 0 && $1 != --* ]]; then after=$1; shift; fi
work=${BENCH_BUILDS_DIR:-/tmp/is-spectral-builds}
mvn_flags=${BENCH_BUILDS_MVN_FLAGS:--o}

# build COMMIT: prints the worker class path of that commit's build (builds it once)
build() {
    local commit dir
    commit=$(git rev-parse --short=12 "$1^{commit}") || { echo "error: commit = \"$1\"; not a commit here" >&2; exit 2; }
    dir=$work/$commit
    if [[ ! -f $dir/ok ]]; then
        rm -rf "$dir"
        mkdir -p "$dir/src" "$dir/worker"
        git archive "$commit" | tar -x -C "$dir/src"
        echo "building $commit in $dir/src ..." >&2
        (cd "$dir/src" && mvn -B -q -ntp $mvn_flags -pl solver,fftw -am package -DskipTests \
            dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime) >&2
        touch "$dir/ok"
    fi
    local cp
    cp="$(ls "$dir"/src/fftw/target/is-spectral-fftw-*.jar | head -n 1):$(cat "$dir/src/fftw/target/cp.txt")"
    javac -nowarn -d "$dir/worker" -cp "$cp" bench-builds/StepWorker.java >&2
    echo "$dir/worker:$cp"
}

before_cp=$(build "$before")
after_cp=$(build "$after")
before_label="$(git rev-parse --short=12 "$before^{commit}") ($(git log -1 --format=%cs "$before"))"
after_label="$(git rev-parse --short=12 "$after^{commit}") ($(git log -1 --format=%cs "$after"))"

# the measuring JVM: this tree's build
mvn -B -q -ntp $mvn_flags -pl solver -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
lead_cp="solver/target/is-spectral-solver.jar:$(cat solver/target/cp.txt)"
exec java -cp "$lead_cp" dev.isspectral.cli.Main bench builds --before-cp "$before_cp" --after-cp "$after_cp" \
    --before-label "$before_label" --after-label "$after_label" --command "$invocation" "$@"
