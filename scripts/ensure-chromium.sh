#!/usr/bin/env bash
# Ensure Debian's Chromium (and fonts for screenshots) is installed.
#   chromium=$(bash scripts/ensure-chromium.sh)   # -> /usr/bin/chromium
# stdout: exactly one line, the chromium path. Everything else goes to stderr.
set -euo pipefail
exec 3>&1 1>&2

CHROMIUM=/usr/bin/chromium
# Packages wanted besides chromium: fonts so pages render text in screenshots.
PKGS=(chromium fonts-dejavu-core fonts-liberation)

log() { printf '[ensure-chromium] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
    else die "need root (or passwordless sudo) to run: $*"
    fi
}

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
for p in "${PKGS[@]:1}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
    log "installing: ${missing[*]}"
    t0=$(date +%s)
    as_root apt-get update -q -o DPkg::Lock::Timeout=600 >&2 || log "apt-get update failed (continuing with existing lists)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 \
        --no-install-recommends "${missing[@]}" >&2
    log "installed in $(( $(date +%s) - t0 ))s"
fi

[ -x "$CHROMIUM" ] || die "$CHROMIUM not found after install"
log "$("$CHROMIUM" --version 2>/dev/null || echo 'chromium --version failed')"
echo "$CHROMIUM" >&3
