#!/usr/bin/env bash
# The fast inner loop (a minute or two instead of the whole npm test):
#   bash scripts/quick.sh --baseline    save the CLI's outputs on the sample shop (JSON, text,
#                                       customers CSV) to target/quick/base/ before a change
#   bash scripts/quick.sh [TEST...]     release build; the same outputs compared byte for byte
#                                       with the baseline; the library's unit tests and the
#                                       named integration tests (e.g. trust_golden golden)
#   QUICK_BENCH=DIR bash scripts/quick.sh   also times each stage on a generated shop
#                                       (e.g. www/bench-data/100000 after npm run bench)
#   QUICK_SHOP=DIR bash scripts/quick.sh [--baseline]   also compares the outputs on that shop
#                                       (give it to the baseline run and to the check)
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
outputs=(scorecard.json scorecard.txt customers.csv)
# QUICK_SHOP=DIR: the same three outputs on a generated shop too (orders, reviews, tickets and
# survey from sample-shop or npm run bench), e.g. www/bench-data/100000: a refactoring of the
# data layer meets more customers, reviews and ties there than in the sample shop.
if [ -n "${QUICK_SHOP:-}" ]; then
  d=$QUICK_SHOP
  shop=(--orders $d/orders.csv --reviews $d/reviews.csv --tickets $d/tickets.csv --surveys $d/survey.csv)
  "$cli" analyze "${shop[@]}" --format json --customers-out "$out/shop-customers.csv" > "$out/shop-scorecard.json"
  "$cli" analyze "${shop[@]}" > "$out/shop-scorecard.txt"
  outputs+=(shop-scorecard.json shop-scorecard.txt shop-customers.csv)
fi
if [ "$out" = target/quick/new ] && [ -d target/quick/base ]; then
  for f in "${outputs[@]}"; do
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
