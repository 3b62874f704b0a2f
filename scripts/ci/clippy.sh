#!/usr/bin/env bash
# Lints, warnings denied: the native build with its tests, benches and examples, and the wasm
# build the page ships (its own cfg'd code: the widget, the worker, the bindings).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo clippy --quiet --all-targets -- -D warnings
# The page's main module, and (with the readers it leaves to the second module) the tests the
# browser runs.
cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
cargo clippy --quiet --all-targets --target wasm32-unknown-unknown --no-default-features --features legacy,xlsx -- -D warnings
# The second module (the .xlsx and legacy-encoding reader the page loads on demand).
cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features --features converter -- -D warnings
