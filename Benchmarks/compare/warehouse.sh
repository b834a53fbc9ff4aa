#!/usr/bin/env bash
# Warehouse scale figures (BENCHMARKS.md, "Warehouse engines"): RFM, cohort, funnel and the win
# model on generated data loaded into the PostgreSQL, the 2-shard ClickHouse and the Spark cluster of
# Tests/Warehouse/{postgres,clickhouse,spark}.sh — SalesKit through the engine (`--source`, with
# --timings: connect, engine, local, result bytes), the same analysis written by hand in the
# engine's SQL (wall time and result bytes; Spark's through pyspark, Benchmarks/warehouse/spark_bench.py,
# median of 3 after a warm-up; the win model's Newton loop by hand in Benchmarks/warehouse/hand_newton.py
# for PostgreSQL and ClickHouse), and SalesKit in memory on the CSV files.
#   Benchmarks/compare/warehouse.sh [--size small|medium|large|1m] [--rounds N] [--skip-load|--load-only] [--stop] [--engines "postgres clickhouse spark"]
# (--load-only: start the servers and load the data, then exit — no saleskit binary needed when the
# data is generated already; --stop: stop the three servers, by their scripts' pid files, when it ends.)
# (1m: `saleskit generate --customers 180000 --users 100000 --opportunities 300000 --seed 7`, about 1 M
# order rows and 0.2 M events — the size of the Spark rows.)
# Prints one markdown table; raw timings go to Benchmarks/compare/results/warehouse-<size>.txt.
# Needs: a saleskit binary ($SALESKIT_BIN, default .build/release/saleskit), psql, curl.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SIZE=medium ROUNDS=1 LOAD=1 LOAD_ONLY=0 STOP=0 ENGINES="postgres clickhouse spark"
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --skip-load) LOAD=0; shift ;;
    --load-only) LOAD_ONLY=1; shift ;;
    --stop) STOP=1; shift ;;
    --engines) ENGINES="$2"; shift 2 ;;
    *) echo "usage: $0 [--size small|medium|large|1m] [--rounds N] [--skip-load|--load-only] [--stop] [--engines LIST]" >&2; exit 2 ;;
  esac
done
BIN="${SALESKIT_BIN:-$ROOT/.build/release/saleskit}"
if [ ! -x "$BIN" ] && ! { [ "$LOAD_ONLY" = 1 ] && [ -f "${SALESKIT_BENCH_CACHE:-$ROOT/Benchmarks/.cache}/$SIZE/orders.csv" ]; }; then
  echo "no saleskit at $BIN (swift build -c release --product saleskit, or set SALESKIT_BIN)" >&2; exit 1
fi
DATA="${SALESKIT_BENCH_CACHE:-$ROOT/Benchmarks/.cache}/$SIZE"
OUT="$ROOT/Benchmarks/compare/results"; mkdir -p "$OUT"; RAW="$OUT/warehouse-$SIZE.txt"; : > "$RAW"
if [ ! -f "$DATA/orders.csv" ]; then
  if [ "$SIZE" = 1m ]; then "$BIN" generate --customers 180000 --users 100000 --opportunities 300000 --seed 7 --out "$DATA" >/dev/null
  else "$BIN" generate --size "$SIZE" --seed 42 --out "$DATA" >/dev/null; fi
fi
PY="${SALESKIT_PYTHON:-/work/pyenv/bin/python}"

if [ "$STOP" = 1 ]; then
  trap 'for s in spark clickhouse postgres; do "$ROOT/Tests/Warehouse/$s.sh" stop >&2 || true; done' EXIT
fi
PG_URL=$("$ROOT/Tests/Warehouse/postgres.sh" start | sed -n 's/^SALESKIT_PG_URL=//p')
CH_URL=$("$ROOT/Tests/Warehouse/clickhouse.sh" start | sed -n 's/^SALESKIT_CH_URL=//p')
SPARK_URL=""
case " $ENGINES " in *" spark "*) SPARK_URL=$("$ROOT/Tests/Warehouse/spark.sh" start | sed -n 's/^SALESKIT_SPARK_URL=//p') ;; esac
# libpq's form of the URL (psql) and ClickHouse's HTTP endpoint.
PSQL=(psql "${PG_URL}" -X -q -v ON_ERROR_STOP=1)
CH_HTTP=$(printf %s "$CH_URL" | sed -E 's#clickhouse://([^:]+):([^@]+)@([^/]+)/.*#http://\3/?user=\1\&password=\2#')
ch() { curl -sS --fail-with-body "$CH_HTTP" --data-binary "$1"; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

if [ "$LOAD" = 1 ]; then
  echo "loading $DATA into PostgreSQL and ClickHouse …" >&2
  t=$(now)
  "${PSQL[@]}" <<SQL
DROP TABLE IF EXISTS bench_orders; DROP TABLE IF EXISTS bench_events; DROP TABLE IF EXISTS bench_opportunities;
CREATE UNLOGGED TABLE bench_orders (order_id text, customer_id text, order_date date, amount double precision);
CREATE UNLOGGED TABLE bench_events (user_id text, event text, timestamp timestamptz);
CREATE UNLOGGED TABLE bench_opportunities (opportunity_id text, account_id text, rep_id text, source text, industry text,
  region text, amount double precision, created_date date, close_date date, stage text, is_won integer,
  num_activities integer, num_meetings integer);
SET TIME ZONE 'UTC';
\copy bench_orders FROM '$DATA/orders.csv' CSV HEADER
\copy bench_events FROM '$DATA/events.csv' CSV HEADER
\copy bench_opportunities FROM '$DATA/opportunities.csv' CSV HEADER
ANALYZE bench_orders; ANALYZE bench_events; ANALYZE bench_opportunities;
SQL
  echo "postgres load: $(elapsed "$t") s" >> "$RAW"
  t=$(now)
  for spec in "bench_orders|(order_id String, customer_id String, order_date Date, amount Float64)|customer_id|(customer_id, order_date)" \
              "bench_events|(user_id String, event String, timestamp DateTime)|user_id|(user_id, timestamp)" \
              "bench_opportunities|(opportunity_id String, account_id String, rep_id String, source String, industry String, region String, amount Float64, created_date Date, close_date Nullable(Date), stage String, is_won Nullable(UInt8), num_activities Int32, num_meetings Int32)|opportunity_id|tuple()"; do
    IFS='|' read -r table columns key order <<<"$spec"
    for shard in shard1 shard2; do
      ch "CREATE DATABASE IF NOT EXISTS $shard" && ch "DROP TABLE IF EXISTS $shard.$table"
      ch "CREATE TABLE $shard.$table $columns ENGINE = MergeTree() ORDER BY $order"
    done
    ch "DROP TABLE IF EXISTS default.$table"
    ch "CREATE TABLE default.$table $columns ENGINE = Distributed(saleskit, '', $table, cityHash64($key))"
  done
  # ISO timestamps (…T…Z) as ClickHouse 18.16's DateTime text; the Distributed tables shard by key.
  curl -sS --fail-with-body "$CH_HTTP&query=INSERT%20INTO%20default.bench_orders%20FORMAT%20CSVWithNames&insert_distributed_sync=1" --data-binary @"$DATA/orders.csv"
  sed -E 's/T([0-9:]{8})Z?/ \1/' "$DATA/events.csv" | curl -sS --fail-with-body "$CH_HTTP&query=INSERT%20INTO%20default.bench_events%20FORMAT%20CSVWithNames&insert_distributed_sync=1" --data-binary @-
  # Open deals' empty close_date and is_won as \N (ClickHouse 18.16's CSV null).
  awk 'BEGIN { FS = OFS = "," } NR > 1 { for (i = 1; i <= NF; i++) if ($i == "") $i = "\\N" } 1' "$DATA/opportunities.csv" |
    curl -sS --fail-with-body "$CH_HTTP&query=INSERT%20INTO%20default.bench_opportunities%20FORMAT%20CSVWithNames&insert_distributed_sync=1" --data-binary @-
  echo "clickhouse load: $(elapsed "$t") s" >> "$RAW"
  if [ -n "$SPARK_URL" ]; then
    t=$(now)
    "$PY" "$ROOT/Benchmarks/warehouse/spark_bench.py" load "$DATA" "$SPARK_URL" >> "$RAW"
    echo "spark load: $(elapsed "$t") s" >> "$RAW"
  fi
fi

[ "$LOAD_ONLY" = 1 ] && { echo "loaded; run again with --skip-load" >&2; exit 0; }

ORDERS=$("${PSQL[@]}" -tAc "SELECT count(*) FROM bench_orders")
EVENTS=$("${PSQL[@]}" -tAc "SELECT count(*) FROM bench_events")
OPPS=$("${PSQL[@]}" -tAc "SELECT count(*) FROM bench_opportunities")
CUSTOMERS=$("${PSQL[@]}" -tAc "SELECT count(DISTINCT customer_id) FROM bench_orders")

# The hand-written SQL: the same definitions (orders grouped by order_id, purchases ≥ 0, refunds
# netted), as an analyst writes it for each engine.
PG_RFM="SELECT customer_id, max(d) FILTER (WHERE a >= 0) AS last_purchase, count(*) FILTER (WHERE a >= 0) AS purchases,
  round(sum(a)::numeric, 2) AS monetary FROM (SELECT customer_id, min(order_date) AS d, sum(amount) AS a FROM bench_orders
  WHERE order_date <= DATE '2024-12-31' GROUP BY order_id, customer_id) o GROUP BY customer_id HAVING count(*) FILTER (WHERE a >= 0) > 0"
CH_RFM="SELECT customer_id, maxIf(d, a >= 0) AS last_purchase, countIf(a >= 0) AS purchases, round(sum(a), 2) AS monetary
  FROM (SELECT customer_id, min(order_date) AS d, sum(amount) AS a FROM default.bench_orders WHERE order_date <= toDate('2024-12-31')
  GROUP BY order_id, customer_id) GROUP BY customer_id HAVING purchases > 0 FORMAT TabSeparated"
PG_COHORT="WITH o AS (SELECT customer_id, date_trunc('month', min(order_date)) AS m, sum(amount) AS a FROM bench_orders GROUP BY order_id, customer_id),
  p AS (SELECT customer_id, m, sum(a) AS a, bool_or(a >= 0) AS bought FROM o GROUP BY customer_id, m),
  c AS (SELECT customer_id, min(m) AS cohort FROM p WHERE bought GROUP BY customer_id)
  SELECT cohort, m, count(*) FILTER (WHERE bought) AS active, round(sum(a)::numeric, 2) AS revenue FROM p JOIN c USING (customer_id)
  WHERE m >= cohort GROUP BY cohort, m ORDER BY cohort, m"
CH_ORDERS="SELECT customer_id, toStartOfMonth(min(order_date)) AS m, sum(amount) AS a FROM default.bench_orders GROUP BY order_id, customer_id"
CH_COHORT="SELECT cohort, m, countIf(bought) AS active, round(sum(pa), 2) AS revenue FROM
  (SELECT customer_id, m, sum(a) AS pa, max(a >= 0) AS bought FROM ($CH_ORDERS) GROUP BY customer_id, m)
  ALL INNER JOIN (SELECT customer_id, min(m) AS cohort FROM ($CH_ORDERS) WHERE a >= 0 GROUP BY customer_id) USING (customer_id)
  WHERE m >= cohort GROUP BY cohort, m ORDER BY cohort, m FORMAT TabSeparated"
W=604800
PG_FUNNEL="WITH e AS (SELECT user_id, event, CAST(extract(epoch FROM timestamp) AS bigint) AS t FROM bench_events),
  v AS (SELECT user_id, t FROM e WHERE event = 'visit'), s AS (SELECT user_id, t FROM e WHERE event = 'signup'),
  tr AS (SELECT user_id, t FROM e WHERE event = 'trial'), pu AS (SELECT user_id, t FROM e WHERE event = 'purchase'),
  f1 AS (SELECT DISTINCT user_id, t AS t1, t AS tk FROM v),
  f2 AS (SELECT f.user_id, t1, min(x.t) AS tk FROM f1 f JOIN s x ON x.user_id = f.user_id AND x.t >= f.tk AND x.t - f.t1 <= $W GROUP BY 1, 2),
  f3 AS (SELECT f.user_id, t1, min(x.t) AS tk FROM f2 f JOIN tr x ON x.user_id = f.user_id AND x.t >= f.tk AND x.t - f.t1 <= $W GROUP BY 1, 2),
  f4 AS (SELECT f.user_id, t1, min(x.t) AS tk FROM f3 f JOIN pu x ON x.user_id = f.user_id AND x.t >= f.tk AND x.t - f.t1 <= $W GROUP BY 1, 2)
  SELECT (SELECT count(DISTINCT user_id) FROM f1), (SELECT count(DISTINCT user_id) FROM f2), (SELECT count(DISTINCT user_id) FROM f3),
  (SELECT count(DISTINCT user_id) FROM f4)"
CH_FUNNEL="SELECT level, count() FROM (SELECT user_id, windowFunnel($W)(timestamp, event = 'visit', event = 'signup', event = 'trial', event = 'purchase') AS level
  FROM default.bench_events GROUP BY user_id) WHERE level > 0 GROUP BY level ORDER BY level FORMAT TabSeparated"
# One Newton step of the win model at β = 0 (intercept, amount/1000, num_activities, num_meetings):
# Σ w xᵢxⱼ, Σ (y − p) xᵢ and the log-likelihood in one aggregate; the fit runs it once per iteration.
PG_WIN="SELECT count(*), sum(0.25), sum(0.25 * a), sum(0.25 * n), sum(0.25 * m), sum(0.25 * a * a), sum(0.25 * a * n), sum(0.25 * a * m),
  sum(0.25 * n * n), sum(0.25 * n * m), sum(0.25 * m * m), sum(y - 0.5), sum((y - 0.5) * a), sum((y - 0.5) * n), sum((y - 0.5) * m), sum(ln(0.5))
  FROM (SELECT is_won AS y, amount / 1000.0 AS a, num_activities AS n, num_meetings AS m FROM bench_opportunities WHERE is_won IS NOT NULL) s"
CH_WIN="SELECT count(), sum(0.25), sum(0.25 * a), sum(0.25 * n), sum(0.25 * m), sum(0.25 * a * a), sum(0.25 * a * n), sum(0.25 * a * m),
  sum(0.25 * n * n), sum(0.25 * n * m), sum(0.25 * m * m), sum(y - 0.5), sum((y - 0.5) * a), sum((y - 0.5) * n), sum((y - 0.5) * m), sum(log(0.5))
  FROM (SELECT toFloat64(assumeNotNull(is_won)) AS y, amount / 1000.0 AS a, toFloat64(num_activities) AS n, toFloat64(num_meetings) AS m
  FROM default.bench_opportunities WHERE isNotNull(is_won)) FORMAT TabSeparated"

# run LABEL COMMAND…: wall seconds and stdout bytes (best of ROUNDS), --timings lines kept in RAW.
run() {
  local label="$1"; shift
  local best="" bytes=0
  for _ in $(seq 1 "$ROUNDS"); do
    local t; t=$(now)
    bytes=$("$@" 2>>"$RAW.err" | wc -c)
    local s; s=$(elapsed "$t")
    best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  echo "$label: $best s, $bytes bytes" >> "$RAW"
  printf '%s|%s' "$best" "$bytes"
}
engine_bytes() { sed -n 's/^result bytes from the engine: //p' "$RAW.err" | tail -1; }
saleskit() { "$BIN" "$@" --timings; }

# The win model's relation in each engine: closed deals, amount in thousands.
PG_OPP="SELECT is_won, amount / 1000.0 AS amount_k, num_activities, num_meetings FROM bench_opportunities WHERE is_won IS NOT NULL"
# (ClickHouse's aliases are visible in WHERE: `assumeNotNull(is_won) AS is_won … WHERE isNotNull(is_won)`
# tests the alias, always true, and keeps the open deals as losses — so the filter is in a subquery.)
CH_OPP="SELECT assumeNotNull(is_won) AS is_won, amount / 1000.0 AS amount_k, num_activities, num_meetings FROM (SELECT * FROM default.bench_opportunities WHERE isNotNull(is_won))"
# median of spark_bench.py's line for one analysis: "…: median 1.23 s (runs …), N rows, B Arrow bytes"
spark_hand() {
  local line; line=$("$PY" "$ROOT/Benchmarks/warehouse/spark_bench.py" time "$SPARK_URL" "$1" 2>>"$RAW.err" | tail -1)
  echo "spark $1 hand SQL: $line" >> "$RAW"
  local s; s=$(printf %s "$line" | sed -nE 's/.*median ([0-9.]+) s.*/\1/p')
  local b; b=$(printf %s "$line" | sed -nE 's/.* ([0-9]+) Arrow bytes.*/\1/p')
  printf '%s|%s' "${s:-?}" "${b:-one row}"
}

echo "| analysis | engine | SalesKit through the engine | hand-written SQL | SalesKit in memory | bytes engine → SalesKit (SalesKit / hand SQL) |"
echo "|---|---|---|---|---|---|"
for engine in $ENGINES; do
  case "$engine" in
    postgres) URL="$PG_URL"; T=bench_orders; E=bench_events; OPP=(--query "$PG_OPP") ;;
    clickhouse) URL="$CH_URL"; T=default.bench_orders; E=default.bench_events; OPP=(--query "$CH_OPP") ;;
    spark) URL="$SPARK_URL"; T=sk_bench_orders; E=sk_bench_events; OPP=(--table sk_bench_opportunities) ;;
  esac
  hand() { if [ "$engine" = postgres ]; then "${PSQL[@]}" -tA -F $'\t' -c "$1"; else ch "$1"; fi; }
  for analysis in rfm cohort funnel win; do
    case "$analysis" in
      rfm) args=(rfm --as-of 2024-12-31 --format csv); file=(--orders "$DATA/orders.csv"); sql=$([ $engine = postgres ] && echo "$PG_RFM" || echo "$CH_RFM") ;;
      cohort) args=(cohort --period month --format csv); file=(--orders "$DATA/orders.csv"); sql=$([ $engine = postgres ] && echo "$PG_COHORT" || echo "$CH_COHORT") ;;
      funnel) args=(funnel --steps visit,signup,trial,purchase --window 7d --format json); file=(--events "$DATA/events.csv"); sql=$([ $engine = postgres ] && echo "$PG_FUNNEL" || echo "$CH_FUNNEL") ;;
      win) args=() ;;
    esac
    : > "$RAW.err"
    if [ ${#args[@]} -gt 0 ]; then
      table=$([ "$analysis" = funnel ] && echo "$E" || echo "$T")
      through=$(run "$engine $analysis saleskit --source" saleskit "${args[@]}" --source "$URL" --table "$table" --connect-timeout 120)
      moved=$(engine_bytes)
      cat "$RAW.err" >> "$RAW"
      memory=$(run "$analysis saleskit in memory" saleskit "${args[@]}" "${file[@]}")
    else
      through=$(run "$engine win saleskit --source" saleskit winprob train --source "$URL" "${OPP[@]}" --connect-timeout 120 \
        --features amount_k,num_activities,num_meetings --format json)
      moved=$(engine_bytes)
      cat "$RAW.err" >> "$RAW"
      memory=$(run "win saleskit in memory" "$BIN" winprob train --opportunities "$DATA/opportunities.csv" \
        --features amount,num_activities,num_meetings --penalty none --out /tmp/saleskit-bench-model.json --format json)
    fi
    if [ "$engine" = spark ]; then
      handed=$(spark_hand "$analysis")
    elif [ "$analysis" = win ]; then
      rel=$([ $engine = postgres ] && echo "($PG_OPP)" || echo "($CH_OPP)")
      line=$("$PY" "$ROOT/Benchmarks/warehouse/hand_newton.py" "$engine" "$URL" "$rel")
      echo "$engine win hand Newton: $line" >> "$RAW"
      handed="$(printf %s "$line" | sed -nE 's/^([0-9.]+) s.*/\1/p')|$(printf %s "$line" | sed -nE 's/.* ([0-9]+) bytes$/\1/p')"
    else
      handed=$(run "$engine $analysis hand SQL" hand "$sql")
    fi
    echo "| $analysis | $engine | ${through%|*} s | ${handed%|*} s | ${memory%|*} s | ${moved:-–} / ${handed#*|} |"
  done
done
echo
echo "$SIZE: $ORDERS order rows, $CUSTOMERS customers, $EVENTS events, $OPPS opportunities; raw timings in $RAW"
