#!/usr/bin/env bash
# Installs what Pulih needs into .venv (creating it), skipping what is already there.
# Usage: scripts/setup.sh [requirements-file]   (default requirements.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
REQ="${1:-requirements.txt}"
PY="${PYTHON:-python3}"

if ! "$PY" -c 'import ensurepip, venv' 2>/dev/null; then
  # Debian's python3 comes without venv/ensurepip until python3-venv is installed.
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv
STAMP=".venv/.installed-$(sha256sum "$REQ" requirements.txt | sha256sum | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$REQ"
  touch "$STAMP"
fi
