#!/usr/bin/env bash
# Regenerate data/benchmarks/<dataset>.jsonl and data/benchmarks/MANIFEST.sha256 from the public
# leaderboards pinned in data/benchmarks/datasets.toml (one git commit each).
#
# For each dataset, a blobless clone of its repository is made (or reused) under
#   ${LLMREF_BENCHMARKS_DIR:-<repo>/.cache/benchmarks}/<owner>+<name>.git
# the pinned commit is fetched, and `python -m llmref.benchmarks.generate` reads exactly that
# commit with `git show COMMIT:path` (only data files; no upstream code runs or is copied).
# The output is deterministic: the same commits give byte-identical snapshots.
#
# Usage: scripts/fetch-benchmarks.sh          (needs git and network access to github.com)
# Env:   LLMREF_BENCHMARKS_DIR  where the clones live
#        LLMREF_BENCHMARKS_GIT  NAME=GITDIR pairs (space-separated) to use existing git
#                               directories instead of cloning, e.g. offline mirrors
#        PYTHON                 interpreter with llmref installed (default: .venv/bin/python)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
CACHE="${LLMREF_BENCHMARKS_DIR:-$ROOT/.cache/benchmarks}"
mkdir -p "$CACHE"

args=()
if [[ -n "${LLMREF_BENCHMARKS_GIT:-}" ]]; then
  for pair in $LLMREF_BENCHMARKS_GIT; do args+=(--git "$pair"); done
else
  # name, repository and commit of every [dataset] table in datasets.toml
  while read -r name repo commit; do
    dir="$CACHE/$(basename "$(dirname "$repo")")+$(basename "$repo").git"
    if [[ ! -d "$dir" ]]; then
      git clone --quiet --bare --filter=blob:none "$repo" "$dir"
    fi
    git --git-dir="$dir" cat-file -e "$commit^{commit}" 2>/dev/null \
      || git --git-dir="$dir" fetch --quiet origin "$commit"
    args+=(--git "$name=$dir")
  done < <("$PYTHON" - "$ROOT/data/benchmarks/datasets.toml" <<'PY'
import sys, tomllib
for name, spec in tomllib.load(open(sys.argv[1], "rb")).items():
    print(name, spec["repository"], spec["commit"])
PY
)
fi

"$PYTHON" -m llmref.benchmarks.generate "${args[@]}" "$ROOT/data"
