#!/usr/bin/env bash
# Stop the throwaway test cluster started by scripts/ensure-postgres.sh.
#   bash scripts/stop-postgres.sh          # stop, keep data (next start is fast)
#   bash scripts/stop-postgres.sh --purge  # stop and delete ${LLMREF_PG_DIR:-/tmp/llmref-pg}
# Does nothing (exit 0) if it is not running.
set -euo pipefail

BASE="${LLMREF_PG_DIR:-/tmp/llmref-pg}"
DATA="$BASE/data"
PURGE=0
case "${1:-}" in
    --purge) PURGE=1 ;;
    "") ;;
    *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac

log() { printf '[stop-postgres] %s\n' "$*" >&2; }

if [ -f "$DATA/PG_VERSION" ]; then
    BINDIR="/usr/lib/postgresql/$(cat "$DATA/PG_VERSION")/bin"
    if [ -x "$BINDIR/pg_ctl" ]; then
        if [ "$(id -u)" -eq 0 ]; then
            as_pg() { runuser -u "$(stat -c %U "$DATA")" -- "$@"; }
        else
            as_pg() { "$@"; }
        fi
        if as_pg "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
            log "stopping cluster in $DATA"
            as_pg "$BINDIR/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >&2
        else
            log "cluster in $DATA is not running"
        fi
    else
        log "no pg_ctl at $BINDIR; cannot stop cluster in $DATA"
        [ "$PURGE" -eq 1 ] || exit 1
    fi
else
    log "no cluster in $DATA"
fi

if [ "$PURGE" -eq 1 ] && [ -d "$BASE" ]; then
    log "removing $BASE"
    rm -rf "$BASE"
fi
