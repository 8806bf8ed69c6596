#!/usr/bin/env bash
# `make test`: install what a fresh machine lacks, start PostgreSQL on loopback, run everything.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh >/dev/null
LLMREF_TEST_DATABASE_URL="$(bash scripts/ensure-postgres.sh)"
export LLMREF_TEST_DATABASE_URL

# Lint is part of the test: a red ruff or mypy is a red build.
.venv/bin/ruff check src tests bench
.venv/bin/mypy

# Two workers: this machine has two cores.
.venv/bin/pytest -n 2 -p no:cacheprovider "$@"
