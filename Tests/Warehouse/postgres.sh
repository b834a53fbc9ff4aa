#!/usr/bin/env bash
# A private PostgreSQL 15 for the warehouse tests, on 127.0.0.1 with a free port.
#   Tests/Warehouse/postgres.sh start   initdb (once) + start; prints SALESKIT_PG_URL=...
#   Tests/Warehouse/postgres.sh stop    stops the server by the pid it wrote
#   Tests/Warehouse/postgres.sh url     prints the URL of the running server
# State lives in $SALESKIT_PG_DIR (default: .build/warehouse/postgres): data/, log, port, pid, url.
# The tests read the url file (or $SALESKIT_PG_URL). As root, the server runs as the `postgres` user.
# The user `saleskit` logs in over TCP with a password (scram-sha-256); the server also speaks TLS
# (ssl=on, a self-signed certificate made here by openssl).
NAME=postgres DIR_OVERRIDE="${SALESKIT_PG_DIR:-}"
. "$(dirname "$0")/common.sh"
BIN="${SALESKIT_PG_BIN:-/usr/lib/postgresql/15/bin}"
as_server_user() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
start() {
  if [ ! -x "$BIN/initdb" ]; then
    echo "PostgreSQL 15 not found in $BIN (apt-get install postgresql-15)" >&2; exit 1
  fi
  already_running SALESKIT_PG_URL && return 0
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    local pwfile="$DIR/pwfile"
    echo "$PASSWORD" > "$pwfile"; [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
    as_server_user "$BIN/initdb" -D "$DIR/data" -U saleskit --auth-host=scram-sha-256 --auth-local=trust \
      --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
    rm -f "$pwfile"
  fi
  # TLS: a self-signed certificate (made once) and ssl=on; the tests connect with sslmode=require.
  if [ ! -f "$DIR/server.key" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
      -keyout "$DIR/server.key" -out "$DIR/server.crt" >"$DIR/openssl.log" 2>&1 || { cat "$DIR/openssl.log" >&2; exit 1; }
    chmod 600 "$DIR/server.key"; [ "$(id -u)" = 0 ] && chown postgres "$DIR/server.key" "$DIR/server.crt"
  fi
  local port; port=$(free_port 54320)
  as_server_user "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
    -o "-p $port -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c ssl=on -c ssl_cert_file=$DIR/server.crt -c ssl_key_file=$DIR/server.key" start >/dev/null
  head -1 "$DIR/data/postmaster.pid" > "$DIR/pid"
  echo "$port" > "$DIR/port"
  as_server_user "$BIN/psql" -h "$DIR" -p "$port" -U saleskit -d postgres -qtAc \
    "SELECT 1 FROM pg_database WHERE datname = 'saleskit'" | grep -q 1 || \
    as_server_user "$BIN/createdb" -h "$DIR" -p "$port" -U saleskit saleskit
  echo "postgres://saleskit:$PASSWORD@127.0.0.1:$port/saleskit?sslmode=disable" > "$DIR/url"
  mkdir -p "$STATE"; cp "$DIR/server.crt" "$STATE/server.crt"   # the CA of sslmode=verify-full tests
  publish_url SALESKIT_PG_URL
}
stop() { stop_pid INT PostgreSQL; }   # fast shutdown
main "$@"
