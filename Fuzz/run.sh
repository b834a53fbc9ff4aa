#!/usr/bin/env bash
# Fuzzes the CSV reader with libFuzzer for a bounded time.
#   Fuzz/run.sh [SECONDS]      (default 120)
# Builds Fuzz/ (a nested package depending on ../) with --sanitize=fuzzer and AddressSanitizer,
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
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=detect_leaks=0
"$BIN" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=10 -print_final_stats=1 "$CORPUS"
