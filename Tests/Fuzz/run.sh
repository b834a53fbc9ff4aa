#!/usr/bin/env bash
# Fuzzes the CSV reader with libFuzzer for a bounded time.
#   Tests/Fuzz/run.sh [SECONDS]      (default 120)
# Builds Tests/Fuzz/ (a nested package depending on ../../) with --sanitize=fuzzer and AddressSanitizer,
# seeds the corpus with small CSV files, and runs until -max_total_time. Exit code 0 = no crash.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_TO_RUN="${1:-120}"
FLAGS=(-c release --product CSVFuzzer --sanitize=fuzzer --sanitize=address --disable-dead-strip)
swift build "${FLAGS[@]}"
BIN="$(swift build "${FLAGS[@]}" --show-bin-path)/CSVFuzzer"
# A build straight after a fresh dependency checkout has been seen to link without coverage
# counters (libFuzzer then reports "no interesting inputs"): check, and rebuild once if so.
if ! readelf -S "$BIN" | grep -q __sancov_cntrs; then
  echo "CSVFuzzer is not coverage-instrumented; rebuilding it" >&2
  rm -rf "$(dirname "$BIN")"
  swift build "${FLAGS[@]}"
  readelf -S "$BIN" | grep -q __sancov_cntrs || { echo "error: no coverage instrumentation" >&2; exit 1; }
fi
CORPUS="$(mktemp -d)"
trap 'rm -rf "$CORPUS"' EXIT
printf 'id,note,who,amount,day,at,flag,month\n1,"a,""b""\nc",客户,"¥1,234.5",2024-03-05,2024-03-05T10:11:12.5+08:00,true,2024-03\n2,,x,NA,2024/3/5,2024-03-05 10:11:12Z,0,2024-12\r\n' > "$CORPUS/seed1.csv"
printf 'id;amount;day\n1;2.5e-3;2024年3月5日\n-9223372036854775808;-0;2024-02-29\n' > "$CORPUS/seed2.csv"
printf '\xef\xbb\xbfid\tamount\n1\t$5\n' > "$CORPUS/seed3.csv"
# Prefixed numeric ids (the dictionary's direct index) and canonical timestamps (the fast path).
printf 'id,who,at\n1,C7,2023-03-19T23:53:54Z\n2,C1042,2024-02-29 00:00:00Z\n3,C01,2024-01-01T24:00:00Z\n4,C7,1999-12-31T23:59:59Z\n5,D9,2023-3-1 T10:00:00Z\n' > "$CORPUS/seed4.csv"
printf 'id,who\n1,ORD-000123\n2,ORD-123\n3,ORD-000123\n4,999999999\n5,ORD-1000000000\n' > "$CORPUS/seed5.csv"
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=detect_leaks=0
"$BIN" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=10 -print_final_stats=1 "$CORPUS"
