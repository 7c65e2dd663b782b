#!/usr/bin/env bash
# Instructions per quote, counted by valgrind's callgrind (repeatable on a noisy machine).
# Usage: bash scripts/callgrind.sh [QUOTES]   (default 200 quotes per cart size)
# For each cart (1 line, 10 lines) it counts a run of QUOTES quotes and a run of none (both after
# one warm-up quote) and prints the difference divided by QUOTES.
set -euo pipefail
cd "$(dirname "$0")/.."
quotes="${1:-200}"
bin=$(cargo bench --bench callgrind --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "callgrind" and m.get("executable"):
        print(m["executable"])')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() { # lines quotes [each] -> total instructions
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.$1.$2" "$bin" "$@" >/dev/null 2>"$out/log"
  grep -E '^(summary|totals):' "$out/cg.$1.$2" | head -1 | awk '{print $2}'
}
# The cart checked once, as decoded (Engine::quote_checked), then a QuoteRequest that
# Engine::quote checks every time: the issue's measure, comparable with every earlier figure.
for lines in 1 10; do
  base=$(count "$lines" 0)
  total=$(count "$lines" "$quotes")
  echo "quote $lines line(s), checked once at decode: $(( (total - base) / quotes )) instructions per quote ($quotes quotes under callgrind)"
done
for lines in 1 10; do
  base=$(count "$lines" 0 each)
  total=$(count "$lines" "$quotes" each)
  echo "quote $lines line(s), checked each time: $(( (total - base) / quotes )) instructions per quote"
done
