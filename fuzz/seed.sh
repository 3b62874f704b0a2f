#!/usr/bin/env bash
# Writes the fuzzers' seed corpora from the project's fixtures (run from anywhere):
#   fuzz/corpus/readers/  every input-corpus file, once per kind (the first byte selects it)
#   fuzz/corpus/options/  the option files of the tests
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/readers corpus/options
for f in ../tests/fixtures/input/*; do
  [ -f "$f" ] || continue
  case "$f" in *.expect.json|*.py|*.rs) continue ;; esac
  base=$(basename "$f")
  for sel in 00 01 02 03 43; do
    { printf "\\x$sel"; cat "$f"; } > "corpus/readers/$sel-$base"
  done
done
# Reading options given as JSON (selector bit 0x20, the options line before the file): other
# encodings and the bounds, on a few fixtures.
n=0
for f in ../tests/fixtures/input/orders_utf8.csv ../tests/fixtures/input/orders.json ../tests/fixtures/input/orders_zh_big5.csv ../tests/fixtures/input/orders_utf16le_tab.txt; do
  for o in '{"encoding":"utf-16le"}' '{"encoding":"big5"}' '{"max_cells":20,"max_json_depth":3}' '{"header":false,"mapping":{"customer_id":"2","order_date":"3","total":"4"}}'; do
    n=$((n + 1))
    { printf '\x20%s\n' "$o"; cat "$f"; } > "corpus/readers/20-options-$n"
  done
done
printf '{}' > corpus/options/empty.json
printf '{"clv":{"unit":"day","horizon":30,"pareto_nbd":true},"since":"2024-01-06"}' > corpus/options/clv.json
printf '{"trust":{"activeRule":"p_alive","minOrders":1},"expectation":{"by_segment":true}}' > corpus/options/trust.json
printf '{"satisfaction":{"compare":[{"start":"2024-01-01","end":"2024-01-31"},{"start":"2024-02-01","end":"2024-03-31"}]}}' > corpus/options/compare.json
echo "seeds: $(ls corpus/readers | wc -l) readers, $(ls corpus/options | wc -l) options"
