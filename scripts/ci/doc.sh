#!/usr/bin/env bash
# The API documentation builds with no warning (broken intra-doc links, bad markup), natively and
# for wasm32.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps
# The browser-only modules (the widget, the worker, the bindings) too.
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --target wasm32-unknown-unknown --no-default-features
# The second module (the .xlsx and legacy-encoding reader the page loads on demand).
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --target wasm32-unknown-unknown --no-default-features --features converter
