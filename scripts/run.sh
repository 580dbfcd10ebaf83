#!/usr/bin/env bash
# Installs Pulih and starts it on SQLite (data/pulih.db) with the demo program loaded.
# Open http://localhost:8501 and log in as admin, manager, staff or viewer (password pulih-demo).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements.txt
.venv/bin/python -m pulih demo --if-empty
exec .venv/bin/python -m streamlit run app.py --server.port "${PORT:-8501}" --server.headless true "$@"
