#!/usr/bin/env bash
# CI: the wheel works where no clone is. Build it, install it with the locked runtime versions
# into a fresh virtualenv in a temporary folder outside the repository, and from there run
# `llmref --version`, `llmref show gpt-4o-mini` and `llmref serve`, fetching pages from it.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/llmref-wheel.XXXXXX)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "check-wheel: building the wheel"
"$repo/.venv/bin/python" -m pip wheel --quiet --disable-pip-version-check --no-deps \
  --wheel-dir "$work/dist" "$repo"
wheel="$(ls "$work"/dist/llmref-*.whl)"
echo "check-wheel: $(basename "$wheel") ($(du -h "$wheel" | cut -f1))"

echo "check-wheel: installing it into a clean virtualenv in $work"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  --constraint "$repo/requirements.lock" "$wheel"

# Run from the temporary folder with a fresh home: nothing from the clone can be picked up.
cd "$work"
export LLMREF_HOME="$work/home"
unset LLMREF_DATABASE_URL LLMREF_CATALOG_DIR
llmref="$work/venv/bin/llmref"
"$llmref" --version
data="$("$work/venv/bin/python" -c 'from llmref.catalog import bundled_data_dir; print(bundled_data_dir())')"
case "$data" in
  "$work/venv/"*) echo "check-wheel: bundled catalogue at $data" ;;
  *) echo "check-wheel: the installed llmref reads its catalogue from $data, outside the wheel" >&2; exit 1 ;;
esac
"$llmref" show gpt-4o-mini >"$work/show.txt"
head -3 "$work/show.txt"
grep -q "GPT-4o mini" "$work/show.txt"

port="$("$work/venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$llmref" serve --host 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS -o "$work/page.html" "http://127.0.0.1:$port/models/gpt-4o-mini"
grep -q "GPT-4o mini" "$work/page.html"
curl -fsS -o "$work/model.json" "http://127.0.0.1:$port/api/v1/models/gpt-4o-mini"
grep -q '"gpt-4o-mini"' "$work/model.json"
echo "check-wheel: served /models/gpt-4o-mini and /api/v1/models/gpt-4o-mini from the installed wheel"
