#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine (as root), skipping what is present:
# Debian's PostgreSQL server and Chromium, fonts, the Python packages; starts a throwaway
# PostgreSQL and runs the whole suite (unit, services on SQLite and PostgreSQL, AppTest, browser).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
scripts/setup.sh requirements-dev.txt

PULIH_TEST_PG_URL="$(scripts/pg.sh start)"
export PULIH_TEST_PG_URL PULIH_REQUIRE_PG=1 PULIH_BROWSER_REQUIRED=1
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
