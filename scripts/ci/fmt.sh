#!/usr/bin/env bash
# Formatting: the code as rustfmt writes it (rustfmt.toml). Fix with `cargo fmt`.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo fmt --check
