#!/usr/bin/env bash
# Runs every test of IS-Spectral: unit, physics validation against physics.md §7 and end to end
# (mvn verify); then the notebooks' conventions, every notebook at IS_SPECTRAL_SIZE=small with its
# HTML report checked in headless Chromium, and the tests of the runner, the checker and
# Binder/conda. Works on a fresh machine with Java 17 and Maven; installs Debian's Jupyter, python3-h5py and
# Chromium when it can (root + apt-get).
set -euo pipefail
cd "$(dirname "$0")"
source notebooks/tools/setup.sh
need_jupyter chromium
need_h5py
start=$(date +%s)
section() { echo; echo "== $1 ($(( $(date +%s) - start )) s so far)"; }

section "mvn verify"
mvn_plain -ntp verify

section "notebook conventions"
"$NOTEBOOK_PYTHON" -W ignore -m unittest notebooks/tools/test_notebook_conventions.py

section "notebooks at IS_SPECTRAL_SIZE=small"
reports=notebooks/target/reports-small
notebooks_start=$(date +%s)
IS_SPECTRAL_SIZE=small JUPYTER_PATH="$PWD/kernel/target/jupyter" IJAVA_CLASSPATH="$PWD/notebooks/target/classpath/*.jar" \
  "$NOTEBOOK_PYTHON" notebooks/tools/run_notebooks.py --out "$reports"
echo "notebooks executed and exported in $(( $(date +%s) - notebooks_start )) s"

section "reports in headless Chromium at 1400 px: images decode, nothing fetched, no clipped table, no object identity or path; screenshots"
"$NOTEBOOK_PYTHON" notebooks/tools/check_reports.py --min-images 1 --screenshots notebooks/target/screenshots "$reports"
echo "screenshots of every report, 1400 px wide: notebooks/target/screenshots/"

section "runner, checker, Binder and conda tests"
"$NOTEBOOK_PYTHON" -W ignore -m unittest -v notebooks/tools/test_run_notebooks.py notebooks/tools/test_run_notebooks_failures.py \
  notebooks/tools/test_check_reports.py \
  notebooks/tools/test_binder.py
"$NOTEBOOK_PYTHON" -W ignore -m unittest discover -s bench-builds -p 'test_jit_summary.py'

echo
echo "test.sh: all passed in $(( $(date +%s) - start )) s"
