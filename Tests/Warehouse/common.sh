# Shared prelude of the warehouse server scripts (postgres.sh, clickhouse.sh, and any later one):
# source it after setting NAME (the state directory's name) and DIR_OVERRIDE (the value of the
# script's own directory variable, e.g. "${SALESKIT_PG_DIR:-}"). It sets
#   ROOT   the package root
#   DIR    the server's directory: $DIR_OVERRIDE, else .build/warehouse/$NAME — or, as root, a
#          directory under /var/tmp (one per checkout), because the server runs as its own user,
#          which may not be able to enter the checkout (a clone under a 0700 directory)
#   STATE  .build/warehouse/$NAME, where the tests read the url file
# and defines free_port, already_running, publish_url, stop_pid and main (start|stop|url).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.build/warehouse/$NAME"
DIR="${DIR_OVERRIDE:-$STATE}"
if [ -z "${DIR_OVERRIDE:-}" ] && [ "$(id -u)" = 0 ]; then
  DIR="/var/tmp/saleskit-warehouse-$(printf %s "$ROOT" | md5sum | cut -c1-12)/$NAME"
  mkdir -p "$(dirname "$DIR")"; chmod 755 "$(dirname "$DIR")"
fi
PASSWORD=saleskit-test

# free_port FROM: the first port in FROM..FROM+100 nothing listens on (127.0.0.1).
free_port() {
  local p
  for p in $(seq "$1" "$(( $1 + 100 ))"); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo $p; return 0; fi
  done
  echo "no free port from $1" >&2; return 1
}

# publish_url VARIABLE: copies $DIR/url into STATE and prints VARIABLE=url.
publish_url() {
  mkdir -p "$STATE"; [ "$STATE" = "$DIR" ] || cp "$DIR/url" "$STATE/url"
  echo "$1=$(cat "$DIR/url")"
}

# already_running VARIABLE: true (and the url published) when the server of $DIR/pid is alive.
already_running() {
  if [ -f "$DIR/pid" ] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null; then publish_url "$1"; return 0; fi
  return 1
}

# stop_pid SIGNAL LABEL: stops the server by the pid it wrote (waits up to 15 s), removes the urls.
stop_pid() {
  [ -f "$DIR/pid" ] || { echo "no $2 started here ($DIR/pid missing)"; return 0; }
  local pid; pid=$(cat "$DIR/pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$1" "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$DIR/pid" "$DIR/url" "$STATE/url"
  echo "$2 stopped"
}

# main "$@": start, stop or url (the script defines start and stop).
main() {
  case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) cat "$DIR/url" ;;
    *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
  esac
}
