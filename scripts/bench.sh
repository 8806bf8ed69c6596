#!/usr/bin/env bash
# `make bench`: every benchmark in bench/, each printing its figure next to its comparison.
# The HTTP benchmark drives the server with wrk (Debian's package, installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
fi
for script in bench/bench_*.py; do
  echo "=== $script"
  .venv/bin/python "$script"
done
