#!/usr/bin/env bash
# Installs what the project needs, only what is missing (safe to run again and again):
#   - the Rust wasm32-unknown-unknown target and the rustfmt and clippy components (rustup)
#   - the wasm-bindgen CLI of exactly the version pinned in Cargo.toml (cargo install, crates.io)
#   - npm packages from package-lock.json (binaryen for wasm-opt, playwright-core, typescript)
#   - with --browser: Debian's chromium, chromium-driver and a CJK font (for the browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# rustfmt and clippy for scripts/ci/fmt.sh and scripts/ci/clippy.sh (usually there already).
for c in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$c"; then
    say "adding Rust component $c"
    rustup component add "$c"
  fi
done

pinned=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$pinned" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $pinned (found: ${have:-none}); takes about 3 minutes once"
  # Without --locked: a dependency version locked by the CLI is not on the registry.
  cargo install wasm-bindgen-cli --version "$pinned" --force
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--browser" ]; then
  # fonts-wqy-zenhei: a CJK font, so the Chinese screenshots of the tests show characters.
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then
    say "installing Debian's chromium, chromium-driver and fonts-wqy-zenhei"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei >/dev/null
  fi
fi
