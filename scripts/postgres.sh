#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the store tests (Debian's postgresql package).
#
#   eval "$(bash scripts/postgres.sh start)"   # installs postgresql if missing, starts a fresh
#                                              # cluster on a free port, prints the export line
#                                              # for S400_TEST_DATABASE_URL
#   bash scripts/postgres.sh stop              # stops it and deletes its files
#
# The cluster lives in S400_TEST_POSTGRES_DIR (default /tmp/s400-desk-postgres); starting again
# replaces it. Under root the server runs as the postgres user, as PostgreSQL requires. Progress
# goes to stderr, so stdout carries only the export line. The test role may create databases and
# end other sessions (pg_signal_backend): dropping a test database WITH (FORCE) must be able to
# end an autovacuum worker that happens to be inside it.
set -euo pipefail

cluster="${S400_TEST_POSTGRES_DIR:-/tmp/s400-desk-postgres}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

server_bin() {
  find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' 2>/dev/null |
    sort -V | tail -n 1 | xargs -r dirname
}

stop() {
  local bin
  bin="$(server_bin)"
  if [ -n "$bin" ] && [ -f "$cluster/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >&2 || true
  fi
  rm -rf "$cluster"
}

seconds_since() { awk -v from="$1" -v to="$EPOCHREALTIME" 'BEGIN { printf "%.1f", to - from }'; }

start() {
  local bin port password began
  began="$EPOCHREALTIME"
  if [ -z "$(server_bin)" ]; then
    echo "postgres.sh: installing Debian's postgresql" >&2
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    echo "postgres.sh: installed in $(seconds_since "$began") s" >&2
  fi
  bin="$(server_bin)"
  stop
  mkdir -p "$cluster"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$cluster"; fi
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"

  as_owner "$bin/initdb" -D "$cluster/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  # Throwaway data: no fsync; listen on loopback only, the socket inside the cluster folder.
  as_owner "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 -o \
    "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$cluster -c fsync=off" \
    start >&2
  as_owner "$bin/psql" -h "$cluster" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE s400_test LOGIN CREATEDB PASSWORD '$password'" \
    -c "CREATE DATABASE s400_test OWNER s400_test" \
    -c "GRANT pg_signal_backend TO s400_test" >&2
  echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}')" \
    "on 127.0.0.1:$port, ready $(seconds_since "$began") s after start" >&2
  echo "export S400_TEST_DATABASE_URL=postgresql+psycopg://s400_test:$password@127.0.0.1:$port/s400_test"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: bash scripts/postgres.sh start|stop" >&2
    exit 2
    ;;
esac
