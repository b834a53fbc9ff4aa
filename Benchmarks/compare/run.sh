#!/usr/bin/env bash
# Side-by-side benchmark of SalesKit against its Python peers on identical files, in one run.
#
#   Benchmarks/compare/run.sh --size small|medium|large [--only WORKLOAD[,WORKLOAD]] [--skip-floors] [--repeat N] [--no-build]
#
# --no-build uses the release binaries already built (.build/release/saleskit and
# Benchmarks/.build/release/saleskit-bench) instead of building them first.
#
# --repeat N runs every implementation of a workload N times in interleaved rounds (SalesKit, then
# each peer, then again) and the table keeps each implementation's fastest run (load + compute):
# on a shared or ballooned VM the first large allocation after other work can be 2-5x slower,
# whoever makes it. Default 1.
#
# Steps: Python venv (Benchmarks/compare/.venv, created once from PyPI; or $SALESKIT_BENCH_PYTHON)
# → release builds of `saleskit` and `saleskit-bench` → datasets (saleskit generate --seed 42, and
# the deterministic designs/series from saleskit-bench; all cached in $SALESKIT_BENCH_CACHE or
# Benchmarks/.cache/<size>, skipped when present) → floors → every workload in SalesKit and each
# peer, one process per run (each under process.py, which adds the process's wall time and peak
# resident memory) → compare.py prints the tables. Raw JSON lines stay in
# Benchmarks/compare/results/<size>-<UTC time>.jsonl.
#
# Threads: BENCH_THREADS (default 2 = both cores of the reference machine) is exported as
# OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, MKL_NUM_THREADS, POLARS_MAX_THREADS, NUMBA_NUM_THREADS and
# DuckDB's `SET threads`, so every side uses the same number of cores.
set -euo pipefail

SIZE=""
ONLY=""
FLOORS=1
REPEAT=1
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE="${2:-}"; shift 2 ;;
    --only) ONLY="${2:-}"; shift 2 ;;
    --skip-floors) FLOORS=0; shift ;;
    --repeat) REPEAT="${2:-}"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "usage: $0 --size small|medium|large [--only w1,w2] [--skip-floors] [--repeat N] [--no-build]" >&2; exit 2 ;;
  esac
done
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || { echo "--repeat needs a positive integer" >&2; exit 2; }
case "$SIZE" in
  small)  OLS_ROWS=20000;   LOGIT_ROWS=40000;   SERIES=100;   BGNBD_CUSTOMERS="" ;;
  medium) OLS_ROWS=1000000; LOGIT_ROWS=2000000; SERIES=1000;  BGNBD_CUSTOMERS=100000 ;;
  large)  OLS_ROWS=1000000; LOGIT_ROWS=2000000; SERIES=10000; BGNBD_CUSTOMERS=100000 ;;
  *) echo "usage: $0 --size small|medium|large" >&2; exit 2 ;;
esac
OLS_FEATURES=50; LOGIT_FEATURES=30; SERIES_LENGTH=60; SEED=42

COMPARE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH="$(dirname "$COMPARE")"
ROOT="$(dirname "$BENCH")"
CACHE="${SALESKIT_BENCH_CACHE:-$BENCH/.cache}/$SIZE"
mkdir -p "$CACHE" "$COMPARE/results"
RESULTS="$COMPARE/results/$SIZE-$(date -u +%Y%m%dT%H%M%SZ).jsonl"

export BENCH_THREADS="${BENCH_THREADS:-2}"
export OPENBLAS_NUM_THREADS="$BENCH_THREADS" OMP_NUM_THREADS="$BENCH_THREADS" MKL_NUM_THREADS="$BENCH_THREADS"
export POLARS_MAX_THREADS="$BENCH_THREADS" NUMBA_NUM_THREADS="$BENCH_THREADS"
log() { echo "[run.sh $(date +%H:%M:%S)] $*" >&2; }
# A layout variant (rfm@uuid) is wanted when it or its base workload (rfm) is named.
wanted() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]] || [[ ",$ONLY," == *",${1%@*},"* ]]; }

# 1. Python peers.
PEER_PACKAGES="numpy scipy pandas pyarrow polars duckdb scikit-learn statsmodels lifetimes statsforecast"
if [ -n "${SALESKIT_BENCH_PYTHON:-}" ]; then
  PY="$SALESKIT_BENCH_PYTHON"
else
  PY="$COMPARE/.venv/bin/python"
  if [ ! -x "$PY" ]; then
    log "creating $COMPARE/.venv"
    python3 -m venv "$COMPARE/.venv"
  fi
  if ! "$PY" -c "import numpy, scipy, pandas, pyarrow, polars, duckdb, sklearn, statsmodels, lifetimes, statsforecast" 2>/dev/null; then
    log "installing $PEER_PACKAGES from PyPI"
    "$PY" -m pip install --quiet --upgrade pip
    "$PY" -m pip install --quiet $PEER_PACKAGES
  fi
fi
"$PY" -c "import importlib.metadata as m; print('peers: ' + ', '.join(p + ' ' + m.version(p) for p in '$PEER_PACKAGES'.split()))" >&2

# 2. Release builds.
SALESKIT="$ROOT/.build/release/saleskit"
RUNNER="$BENCH/.build/release/saleskit-bench"
if [ "$BUILD" = 1 ]; then
  log "building saleskit (release)"
  (cd "$ROOT" && swift build -c release --product saleskit >&2)
  log "building saleskit-bench (release)"
  # SwiftPM caches the file lists of the path dependency (SalesKitPackage -> ..): touching the
  # manifest makes it notice source files added to SalesKit since the last build.
  touch "$BENCH/Package.swift"
  (cd "$BENCH" && swift build -c release --product saleskit-bench >&2)
else
  for binary in "$SALESKIT" "$RUNNER"; do
    [ -x "$binary" ] || { echo "--no-build: $binary is not built" >&2; exit 2; }
  done
fi

# 3. Datasets (cached).
if [ ! -f "$CACHE/orders.csv" ]; then
  log "generating the $SIZE contract files into $CACHE"
  if ! "$SALESKIT" generate --size "$SIZE" --seed "$SEED" --out "$CACHE" >&2; then
    log "saleskit generate failed or is not available yet: workloads on contract files will be skipped"
  fi
fi
OLS_FILE="$CACHE/ols-${OLS_ROWS}x${OLS_FEATURES}.f64"
LOGIT_FILE="$CACHE/logistic-${LOGIT_ROWS}x${LOGIT_FEATURES}.f64"
SERIES_FILE="$CACHE/series-${SERIES}x${SERIES_LENGTH}.csv"
[ -f "$OLS_FILE" ] || "$RUNNER" make-design --kind ols --rows "$OLS_ROWS" --features "$OLS_FEATURES" --seed "$SEED" --out "$OLS_FILE"
[ -f "$LOGIT_FILE" ] || "$RUNNER" make-design --kind logistic --rows "$LOGIT_ROWS" --features "$LOGIT_FEATURES" --seed "$SEED" --out "$LOGIT_FILE"
# BG/NBD + Gamma-Gamma runs on 100 k customers (issue 4), their own orders file from the generator
# (same seed, other files minimal); at size small on the size's orders (2,500 customers).
BGNBD_DATA="$CACHE"
if [ -n "$BGNBD_CUSTOMERS" ]; then
  BGNBD_DATA="$CACHE/bgnbd-$BGNBD_CUSTOMERS"
  if [ ! -f "$BGNBD_DATA/orders.csv" ] && wanted bgnbd; then
    log "generating $BGNBD_CUSTOMERS customers' orders into $BGNBD_DATA"
    "$SALESKIT" generate --size small --customers "$BGNBD_CUSTOMERS" --opportunities 0 --users 0 --accounts 1 \
      --seed "$SEED" --out "$BGNBD_DATA" --quiet >&2 || log "saleskit generate failed for the bgnbd orders"
  fi
fi
[ -f "$SERIES_FILE" ] || "$RUNNER" make-series --count "$SERIES" --length "$SERIES_LENGTH" --seed "$SEED" --out "$SERIES_FILE"

# 4. Floors.
if [ "$FLOORS" = 1 ]; then
  READ_FILE="$CACHE/orders.csv"; [ -f "$READ_FILE" ] || READ_FILE="$LOGIT_FILE"
  cat "$READ_FILE" > /dev/null   # the same warm page cache for both readers
  log "floors"
  "$RUNNER" floors --read-file "$READ_FILE" >> "$RESULTS"
  "$PY" "$COMPARE/peers/floors.py" --read-file "$READ_FILE" >> "$RESULTS"
fi

# 5. Workloads: SalesKit first, then each peer, one process each.
missing() {  # workload, implementation, reason
  printf '{"workload":"%s","implementation":"%s","status":"unavailable","reason":"%s"}\n' "$1" "$2" "$3" >> "$RESULTS"
}
workload() {  # id, needed file, peers, extra args…
  local id="$1" needed="$2" peers="$3"; shift 3
  wanted "${LABEL:-$id}" || return 0
  if [ ! -f "$needed" ]; then
    log "${LABEL:-$id}: $needed missing"
    missing "${LABEL:-$id}" saleskit "input $(basename "$needed") missing (saleskit generate not available)"
    for peer in $peers; do missing "${LABEL:-$id}" "$peer" "input $(basename "$needed") missing"; done
    return 0
  fi
  local script="$COMPARE/peers/${id//-/_}.py" round label="${LABEL:-$id}"
  # A layout variant's results are recorded under its label (rfm@uuid), the answers as the base's.
  relabel() { if [ "$label" = "$id" ]; then cat; else sed -E "s/\"workload\": *\"$id\"/\"workload\": \"$label\"/"; fi; }
  for round in $(seq 1 "$REPEAT"); do
    log "$label: saleskit (run $round of $REPEAT)"
    "$PY" "$COMPARE/process.py" --input "$needed" -- "$RUNNER" run "$id" "$@" | relabel >> "$RESULTS" \
      || missing "$label" saleskit "runner exited with $?"
    for peer in $peers; do
      log "$label: $peer (run $round of $REPEAT)"
      "$PY" "$COMPARE/process.py" --input "$needed" -- timeout 3600 "$PY" "$script" --peer "$peer" "$@" | relabel >> "$RESULTS" \
        || missing "$label" "$peer" "peer exited with $?"
    done
  done
}
workload csv-orders "$CACHE/orders.csv" "duckdb polars pandas" --data "$CACHE"
workload ols "$OLS_FILE" "numpy-normal statsmodels sklearn" --data "$CACHE" --design "$OLS_FILE" --rows "$OLS_ROWS" --features "$OLS_FEATURES"
workload logistic "$LOGIT_FILE" "statsmodels sklearn" --data "$CACHE" --design "$LOGIT_FILE" --rows "$LOGIT_ROWS" --features "$LOGIT_FEATURES"
workload rfm "$CACHE/orders.csv" "duckdb polars pandas" --data "$CACHE"
workload cohort "$CACHE/orders.csv" "duckdb polars pandas" --data "$CACHE"
workload funnel "$CACHE/events.csv" "duckdb polars pandas" --data "$CACHE"
workload autoets "$SERIES_FILE" "statsforecast" --data "$CACHE" --series "$SERIES_FILE"
workload autoarima "$SERIES_FILE" "statsforecast" --data "$CACHE" --series "$SERIES_FILE"
workload bgnbd "$BGNBD_DATA/orders.csv" "lifetimes" --data "$BGNBD_DATA"
workload scoring "$CACHE/opportunities.csv" "sklearn" --data "$CACHE"

# Layout variants (issue 17): the same customers and orders as orders.csv (same seed), but in
# date order — as real exports are — and with other customer-id shapes (`saleskit generate
# --row-order date --id-shape S`); `--only rfm@uuid` or `--only rfm` (base and variants) selects.
# LAYOUTS="" skips them.
LAYOUTS="${LAYOUTS-numeric uuid salesforce}"
for shape in $LAYOUTS; do
  layout="$CACHE/layout-$shape-date"
  needed=0
  for w in csv-orders rfm cohort; do wanted "$w@$shape" && needed=1; done
  [ "$needed" = 1 ] || continue
  if [ ! -f "$layout/orders.csv" ]; then
    log "generating the $SIZE orders in date order with $shape customer ids into $layout"
    "$SALESKIT" generate --size "$SIZE" --seed "$SEED" --opportunities 0 --users 0 --accounts 1 \
      --id-shape "$shape" --row-order date --out "$layout" --quiet >&2 || log "saleskit generate failed for layout $shape"
  fi
  for w in csv-orders rfm cohort; do
    LABEL="$w@$shape" workload "$w" "$layout/orders.csv" "duckdb polars" --data "$layout"
  done
done

# 6. The table.
echo "SalesKit benchmarks — size $SIZE, $(date -u +%Y-%m-%dT%H:%MZ), BENCH_THREADS=$BENCH_THREADS, results $RESULTS"
"$PY" "$COMPARE/compare.py" "$RESULTS" ${COMPARE_MARKDOWN:+--markdown}
