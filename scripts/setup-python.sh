#!/usr/bin/env bash
# Python tools for the summary SQL tests, in a venv inside the repository (.venv/, gitignored).
# Installs only what is missing, so it is safe to run again and again:
#   scripts/setup-python.sh          duckdb (pinned below), for the DuckDB summary tests
#   scripts/setup-python.sh --spark  also pyspark (pinned below; ~330 MB, needs Java 17+)
#   scripts/setup-python.sh --peer   also lifetimes (pinned below, with pandas), the peer that
#                                    `npm run bench` times side by side
set -euo pipefail
cd "$(dirname "$0")/.."

DUCKDB_VERSION=2.0.0
PYSPARK_VERSION=4.3.0
LIFETIMES_VERSION=0.11.3

say() { printf '[setup-python] %s\n' "$*"; }
py=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $($py --version 2>&1)"
  "$py" -m venv .venv
fi
have() { .venv/bin/python -c "import importlib.metadata as m, sys; sys.exit(m.version('$1') != '$2')" 2>/dev/null; }
if ! have duckdb "$DUCKDB_VERSION"; then
  say "installing duckdb==$DUCKDB_VERSION"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "duckdb==$DUCKDB_VERSION"
fi
if [ "${1:-}" = "--peer" ] && ! have lifetimes "$LIFETIMES_VERSION"; then
  say "installing lifetimes==$LIFETIMES_VERSION (and pandas, scipy), the benchmark's peer"
  if ! .venv/bin/python -m pip install --quiet --disable-pip-version-check "lifetimes==$LIFETIMES_VERSION"; then
    say "lifetimes could not be installed (see pip's message above): the benchmark skips its peer"
  fi
fi
if [ "${1:-}" = "--spark" ] && ! have pyspark "$PYSPARK_VERSION"; then
  if ! command -v java >/dev/null; then
    say "no java on PATH: pyspark cannot run; the Spark test will say it is skipped"
    exit 0
  fi
  say "installing pyspark==$PYSPARK_VERSION (about 330 MB, once)"
  if ! .venv/bin/python -m pip install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"; then
    # Not fatal: the Spark test then says it is skipped and why; everything else still runs.
    say "pyspark could not be installed (see pip's message above): the Spark test will say it is skipped"
  fi
fi
