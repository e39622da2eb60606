#!/usr/bin/env bash
# Measures every performance target of issue 4 (BENCHMARKS.md, "Performance targets"): builds the solver
# and the optional FFTW module, puts both on the class path (FFTW is then the "best" backend), and runs
#   is-spectral bench targets [--quick] [--backend jtransforms|fftw|best] [--out FILE.md] [--json FILE.json]
# Example: bash bench.sh --out target/targets.md --json target/targets.json   (several minutes)
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -ntp -pl solver,fftw -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
classpath="$(ls fftw/target/is-spectral-fftw-*.jar | head -n 1):$(cat fftw/target/cp.txt)"
exec java -cp "$classpath" dev.isspectral.cli.Main bench targets "$@"
