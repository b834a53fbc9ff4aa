#!/usr/bin/env bash
# A private PostgreSQL 15 for the warehouse tests, on 127.0.0.1 with a free port.
#   Tests/Warehouse/postgres.sh start   initdb (once) + start; prints SALESKIT_PG_URL=...
#   Tests/Warehouse/postgres.sh stop    stops the server by the pid it wrote
#   Tests/Warehouse/postgres.sh url     prints the URL of the running server
# State lives in $SALESKIT_PG_DIR (default: .build/warehouse/postgres): data/, log, port, pid, url.
# The tests read the url file (or $SALESKIT_PG_URL). As root, the server runs as the `postgres` user.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${SALESKIT_PG_DIR:-$ROOT/.build/warehouse/postgres}"
# The tests read the url from STATE. As root, the server runs as its own user, which may not be able
# to enter the checkout (a clone under a 0700 directory): then the server's directory is under
# /var/tmp instead, one per checkout, and only the url is copied into STATE.
STATE="$ROOT/.build/warehouse/postgres"
if [ -z "${SALESKIT_PG_DIR:-}" ] && [ "$(id -u)" = 0 ]; then
  DIR="/var/tmp/saleskit-warehouse-$(printf %s "$ROOT" | md5sum | cut -c1-12)/postgres"
  mkdir -p "$(dirname "$DIR")"; chmod 755 "$(dirname "$DIR")"
fi
BIN="${SALESKIT_PG_BIN:-/usr/lib/postgresql/15/bin}"
PASSWORD=saleskit-test
as_server_user() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
free_port() {
  local p
  for p in $(seq 54320 54420); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo $p; return 0; fi
  done
  echo "no free port in 54320-54420" >&2; return 1
}
start() {
  if [ ! -x "$BIN/initdb" ]; then
    echo "PostgreSQL 15 not found in $BIN (apt-get install postgresql-15)" >&2; exit 1
  fi
  if [ -f "$DIR/pid" ] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null; then
    mkdir -p "$STATE"; [ "$STATE" = "$DIR" ] || cp "$DIR/url" "$STATE/url"
    echo "SALESKIT_PG_URL=$(cat "$DIR/url")"; return 0
  fi
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    local pwfile="$DIR/pwfile"
    echo "$PASSWORD" > "$pwfile"; [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
    as_server_user "$BIN/initdb" -D "$DIR/data" -U saleskit --auth-host=scram-sha-256 --auth-local=trust \
      --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
    rm -f "$pwfile"
  fi
  local port; port=$(free_port)
  as_server_user "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
    -o "-p $port -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  head -1 "$DIR/data/postmaster.pid" > "$DIR/pid"
  echo "$port" > "$DIR/port"
  as_server_user "$BIN/psql" -h "$DIR" -p "$port" -U saleskit -d postgres -qtAc \
    "SELECT 1 FROM pg_database WHERE datname = 'saleskit'" | grep -q 1 || \
    as_server_user "$BIN/createdb" -h "$DIR" -p "$port" -U saleskit saleskit
  echo "postgres://saleskit:$PASSWORD@127.0.0.1:$port/saleskit?sslmode=disable" > "$DIR/url"
  mkdir -p "$STATE"; [ "$STATE" = "$DIR" ] || cp "$DIR/url" "$STATE/url"
  echo "SALESKIT_PG_URL=$(cat "$DIR/url")"
}
stop() {
  [ -f "$DIR/pid" ] || { echo "no PostgreSQL started here ($DIR/pid missing)"; return 0; }
  local pid; pid=$(cat "$DIR/pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -INT "$pid"   # fast shutdown
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$DIR/pid" "$DIR/url" "$STATE/url"
  echo "PostgreSQL stopped"
}
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) cat "$DIR/url" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
