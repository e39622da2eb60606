#!/usr/bin/env bash
# Runs every test of IS-Spectral (unit, validation, end-to-end). Works on a fresh machine with
# Java 17 and Maven; installs what the end-to-end tests need when it can.
set -euo pipefail
cd "$(dirname "$0")"

# The kernel's end-to-end test executes a notebook under Debian's Jupyter (/usr/bin/jupyter).
jupyter_packages=(jupyter-nbconvert python3-nbclient jupyter-client)
if [ ! -x /usr/bin/jupyter ] || ! /usr/bin/python3 -c 'import nbclient, nbconvert, jupyter_client' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing Debian's Jupyter (${jupyter_packages[*]}) for the kernel's end-to-end test"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${jupyter_packages[@]}" >/dev/null
  else
    echo "test.sh: Debian's Jupyter is missing; install it with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${jupyter_packages[*]}" >&2
    echo "or skip the end-to-end tests with: mvn -B -ntp verify -DskipITs" >&2
    exit 1
  fi
fi

mvn -B -ntp verify
