#!/usr/bin/env bash
# Peak resident memory and wall time of one process each, end to end (read orders.csv, RFM per
# customer, write one CSV row per customer), on the same file:
#   saleskit rfm (in memory), saleskit rfm --stream, Polars (read_csv), Polars (scan_csv + the
#   streaming engine, sink_csv), DuckDB (read_csv inside COPY … TO).
# Measured by GNU time (%M = ru_maxrss, KB) around each process; REPEAT runs each, the lowest time
# and the lowest peak are reported.
#
# Usage: Benchmarks/compare/memory/memory.sh ORDERS.csv [SALESKIT] [PYTHON]
#   default SALESKIT .build/release/saleskit, PYTHON $SALESKIT_BENCH_PYTHON or python3.
#   BENCH_THREADS (default 2) sets Polars' and DuckDB's threads and SalesKit's --parallelism.
set -euo pipefail
ORDERS="${1:?usage: memory.sh ORDERS.csv [SALESKIT] [PYTHON]}"
SALESKIT="${2:-.build/release/saleskit}"
PY="${3:-${SALESKIT_BENCH_PYTHON:-python3}}"
REPEAT="${REPEAT:-2}"
THREADS="${BENCH_THREADS:-2}"
HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
[ -x /usr/bin/time ] || { echo "memory.sh needs GNU time (/usr/bin/time; Debian package time)" >&2; exit 1; }
export POLARS_MAX_THREADS="$THREADS" DUCKDB_THREADS="$THREADS"

measure() {  # name, command…
  local name="$1"; shift
  local best_s="" best_kb=""
  for _ in $(seq 1 "$REPEAT"); do
    /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" > /dev/null
    read -r s kb < "$OUT/time"
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s="$s"; fi
    if [ -z "$best_kb" ] || [ "$kb" -lt "$best_kb" ]; then best_kb="$kb"; fi
  done
  printf '%s\t%s\t%s\t%s\n' "$name" "$best_s" "$best_kb" "$(($(wc -l < "$OUT/$name.csv") - 1))"
}

cat "$ORDERS" > /dev/null  # the same warm page cache for everyone
{
  measure saleskit "$SALESKIT" rfm --orders "$ORDERS" --format csv --output "$OUT/saleskit.csv" --parallelism "$THREADS"
  measure saleskit-stream "$SALESKIT" rfm --orders "$ORDERS" --stream --format csv --output "$OUT/saleskit-stream.csv" --parallelism "$THREADS"
  for peer in polars polars-streaming duckdb; do
    measure "$peer" "$PY" "$HERE/rfm_process.py" --peer "$peer" --orders "$ORDERS" --out "$OUT/$peer.csv"
  done
} > "$OUT/results.tsv"

echo "rfm end to end on $(basename "$ORDERS") ($(du -m "$ORDERS" | cut -f1) MB), $THREADS threads, best of $REPEAT"
echo
echo "| process | wall s | peak RSS MB | customers written | RSS vs saleskit --stream |"
echo "|---|---|---|---|---|"
stream_kb=$(awk -F'\t' '$1 == "saleskit-stream" {print $3}' "$OUT/results.tsv")
awk -F'\t' -v base="$stream_kb" '{printf "| %s | %.2f | %.0f | %s | %.2f |\n", $1, $2, $3 / 1024, $4, $3 / base}' "$OUT/results.tsv"
