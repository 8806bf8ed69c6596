#!/usr/bin/env bash
# `make bench`: every benchmark in bench/, each printing its figure next to its comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
for script in bench/bench_*.py; do
  echo "=== $script"
  .venv/bin/python "$script"
done
