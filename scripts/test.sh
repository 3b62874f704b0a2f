#!/usr/bin/env bash
# The whole test run: setup, native tests, wasm tests in headless Chromium, release build,
# TypeScript check, end-to-end tests of the real page. Stops at the first failing layer.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n== %s ==\n' "$*"; }

step "setup"
bash scripts/setup.sh --browser

step "python: .venv with duckdb for the summary SQL tests"
bash scripts/setup-python.sh

# The summary SQL tests fail instead of skipping when the venv is missing. The Spark one runs
# only when pyspark is already in .venv (npm run test:spark installs it: ~500 MB, ~5 minutes).
step "native: cargo test"
if .venv/bin/python -c "import pyspark" 2>/dev/null; then
  echo "pyspark is installed: the Spark summary test runs too"
else
  echo "pyspark is not installed: the Spark summary test is skipped (npm run test:spark installs and runs it)"
fi
LSC_REQUIRE_SQL=1 cargo test --quiet

# Doc tests already ran natively; under the wasm target they would only be compiled again, slowly.
step "wasm: cargo test --target wasm32-unknown-unknown --tests (headless Chromium)"
# opt-level 1: the model fits of the reference tests run in the page's one thread, and an
# unoptimised build can keep it busy past ChromeDriver's 30 s wait for the renderer.
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 CARGO_PROFILE_DEV_OPT_LEVEL=1 \
  cargo test --target wasm32-unknown-unknown --no-default-features --tests

step "build: release wasm"
bash scripts/build.sh --dist

step "types: tsc --noEmit"
node node_modules/typescript/bin/tsc -p tests/types/tsconfig.json

step "end to end: node --test (Chromium via playwright-core)"
node --test tests/e2e/
