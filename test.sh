#!/usr/bin/env bash
# Runs every test of IS-Spectral (unit, validation, end-to-end). Works on a fresh machine with
# Java 17 and Maven; installs what the end-to-end tests need when it can.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp verify
