#!/usr/bin/env bash
# `make load`: the bounded load run of bench/load.py against `llmref serve` on loopback (wrk,
# Debian's package, installed when missing). Results go to bench/RESULTS.md by hand, with the
# date and how busy the machine was.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
fi
.venv/bin/python bench/load.py
