#!/usr/bin/env bash
# Start (or reuse) a throwaway PostgreSQL 15 server for the tests, on 127.0.0.1:$PULIH_PG_PORT,
# data under /tmp, fsync off. initdb refuses to run as root, so it runs as the postgres user.
# Prints the admin URL for PULIH_TEST_PG_URL. Usage: scripts/pg.sh start|stop
set -euo pipefail
PORT="${PULIH_PG_PORT:-54329}"
DATA="${PULIH_PG_DATA:-/tmp/pulih-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
start)
  [ -n "$BIN" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
  if ! as_pg "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then
    if [ ! -f "$DATA/PG_VERSION" ]; then
      mkdir -p "$DATA"; chown postgres:postgres "$DATA" 2>/dev/null || true; chmod 700 "$DATA"
      as_pg "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --no-locale >/dev/null
    fi
    as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -o "-h 127.0.0.1 -p $PORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  fi
  echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
  ;;
stop)
  [ -f "$DATA/PG_VERSION" ] && as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null || true
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
