#!/usr/bin/env bash
# Lints, warnings denied: the native build with its tests, benches and examples, and the wasm
# build the page ships (its own cfg'd code: the widget, the worker, the bindings).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --all-targets --target wasm32-unknown-unknown --no-default-features -- -D warnings
