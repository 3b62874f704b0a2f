#!/usr/bin/env bash
# The API documentation builds with no warning (broken intra-doc links, bad markup).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps
