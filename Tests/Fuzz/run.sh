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
# The committed seeds (Corpus/, also read by CSVStructuralTokenizerTests), copied so the run's
# discoveries do not land in the repository; FUZZ_CORPUS_OUT=DIR keeps them (merged, minimised).
cp Corpus/* "$CORPUS"/
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=detect_leaks=0
"$BIN" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=10 -print_final_stats=1 "$CORPUS"
if [ -n "${FUZZ_CORPUS_OUT:-}" ]; then
  mkdir -p "$FUZZ_CORPUS_OUT"
  "$BIN" -merge=1 -max_len=4096 -timeout=10 "$FUZZ_CORPUS_OUT" "$CORPUS"
fi
