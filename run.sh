#!/usr/bin/env bash
# The main job of IS-Spectral: builds the project and runs the command-line case
# (the 32x32x16x16 sound wave: 32 steps of a 32x16x16 box), printing one line per step and a summary.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -ntp -DskipTests package
java -jar solver/target/is-spectral-solver.jar run sound-wave --grid 32x32x16x16 "$@"
