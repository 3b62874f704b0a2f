#!/usr/bin/env bash
# The fast inner loop (a minute or two instead of the whole npm test):
#   bash scripts/quick.sh --baseline    save the CLI's outputs on the sample shop (JSON, text,
#                                       customers CSV) to target/quick/base/ before a change
#   bash scripts/quick.sh [TEST...]     release build; the same outputs compared byte for byte
#                                       with the baseline; the library's unit tests and the
#                                       named integration tests (e.g. trust_golden golden)
#   QUICK_BENCH=DIR bash scripts/quick.sh   also times each stage on a generated shop
#                                       (e.g. www/bench-data/100000 after npm run bench)
# Refactorings that must not change a figure are checked by the byte comparison; changes that
# do are checked by the tests named.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out=target/quick/new
if [ "${1:-}" = "--baseline" ]; then
  out=target/quick/base
  shift
fi
cargo build --release --quiet --bins
mkdir -p "$out"
cli=target/release/loyalty-scorecard
s=www/sample
files=(--orders $s/orders.csv --reviews $s/reviews.csv --tickets $s/tickets.csv --surveys $s/survey.csv)
"$cli" analyze "${files[@]}" --format json --customers-out "$out/customers.csv" > "$out/scorecard.json"
"$cli" analyze "${files[@]}" > "$out/scorecard.txt"
if [ "$out" = target/quick/new ] && [ -d target/quick/base ]; then
  for f in scorecard.json scorecard.txt customers.csv; do
    if cmp -s "target/quick/base/$f" "$out/$f"; then echo "same      $f"; else echo "CHANGED   $f (diff target/quick/base/$f $out/$f)"; fi
  done
fi
if [ -n "${QUICK_BENCH:-}" ]; then
  target/release/bench --reps 1 "$QUICK_BENCH"
fi
if [ "$out" = target/quick/new ]; then
  cargo test --quiet --lib
  for t in "$@"; do
    cargo test --quiet --test "$t"
  done
fi
