# Sourced by run.sh and test.sh: finds (or installs) what executing the notebooks needs.
#   need_jupyter [chromium]   sets NOTEBOOK_PYTHON to a python3 with nbclient, nbconvert and
#                             jupyter_client; with "chromium" (the tests) also makes sure `chromium`
#                             is there and the python has yaml (the Binder test reads environment.yml).
#   need_h5py                 makes sure /usr/bin/python3 has h5py (Debian's python3-h5py), with which the tests
#                             of the HDF5 module (io/) open snapshots and checkpoints as a Python user would;
#                             without it those tests are skipped and say so.
# Installs Debian's packages when they are missing and this is a root shell with apt-get;
# otherwise says how to get them (apt, or the conda environment) and returns 1.

NOTEBOOK_MODULES="nbclient, nbconvert, nbformat, jupyter_client"

has_jupyter() {
  "$1" -c "import $NOTEBOOK_MODULES" 2>/dev/null
}

find_notebook_python() {
  local candidate
  # an explicit choice first, then Debian's python (the one apt installs into), then a conda or venv python on PATH
  for candidate in "${NOTEBOOK_PYTHON:-}" /usr/bin/python3 "$(command -v python3 2>/dev/null || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && has_jupyter "$candidate"; then
      NOTEBOOK_PYTHON="$candidate"
      return 0
    fi
  done
  return 1
}

need_jupyter() {
  local want_chromium="${1:-}"
  local packages=()
  [ "$want_chromium" = chromium ] && NOTEBOOK_MODULES="$NOTEBOOK_MODULES, yaml"
  find_notebook_python || packages+=(jupyter-nbconvert python3-nbclient jupyter-client python3-yaml)
  if [ "$want_chromium" = chromium ] && ! command -v chromium >/dev/null 2>&1; then
    packages+=(chromium)
  fi
  [ ${#packages[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian packages: ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
    find_notebook_python && return 0
  fi
  cat >&2 <<MSG
Executing the notebooks needs Jupyter (nbclient, nbconvert, jupyter_client)${want_chromium:+ and Chromium}, and
they are missing. Either
  * on Debian/Ubuntu:  sudo apt-get install -y --no-install-recommends ${packages[*]}
  * or with conda:     conda env create -f environment.yml && conda activate is-spectral
                       (then run this script again inside that environment; Chromium comes from your OS)
  * or point NOTEBOOK_PYTHON at a python3 that has them.
MSG
  return 1
}

need_h5py() {
  /usr/bin/python3 -c "import h5py" 2>/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian package: python3-h5py"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends python3-h5py >/dev/null
    /usr/bin/python3 -c "import h5py" 2>/dev/null && return 0
  fi
  echo "note: /usr/bin/python3 has no h5py, so io's H5pyTest will be skipped" \
       "(sudo apt-get install -y --no-install-recommends python3-h5py)" >&2
  return 0
}

# mvn without colour: batch mode, style.color=never, and the reset escapes that Debian's Maven 3.8
# (jansi 2) still writes at start-up stripped, so logs are plain text. Keeps mvn's exit status
# (the caller runs with pipefail) and merges its stderr into stdout.
mvn_plain() {
  local esc
  esc=$(printf '\033')
  local unbuffered=(sed -u)
  sed -u q </dev/null >/dev/null 2>&1 || unbuffered=(sed)
  mvn -B -Dstyle.color=never "$@" 2>&1 | "${unbuffered[@]}" "s/${esc}\[[0-9;]*m//g"
}
