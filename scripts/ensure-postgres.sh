#!/usr/bin/env bash
# Ensure a THROWAWAY PostgreSQL cluster for tests is running on 127.0.0.1.
#
#   url=$(bash scripts/ensure-postgres.sh)   # -> postgresql+psycopg://llmref@127.0.0.1:54329/llmref_test
#
# - Installs Debian's postgresql with apt-get if no server binaries are found.
# - Cluster data lives under ${LLMREF_PG_DIR:-/tmp/llmref-pg}, listens only on
#   127.0.0.1:${LLMREF_PG_PORT:-54329} (plus a unix socket inside that dir),
#   trust auth, fsync off: never use it for anything but tests.
# - Idempotent: if the cluster already runs on that port, it is left alone.
# - Ensures role "llmref" (LOGIN CREATEDB) and database "llmref_test" owned by it.
# - stdout: exactly one line, the SQLAlchemy URL. Everything else goes to stderr.
# Stop it with scripts/stop-postgres.sh.
set -euo pipefail

# Keep stdout for the final URL only; everything else goes to stderr.
exec 3>&1 1>&2

PORT="${LLMREF_PG_PORT:-54329}"
BASE="${LLMREF_PG_DIR:-/tmp/llmref-pg}"
DATA="$BASE/data"
SOCK="$BASE/run"
LOG="$BASE/postgres.log"
DB=llmref_test
ROLE=llmref

log() { printf '[ensure-postgres] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Don't let the caller's libpq environment redirect our admin connections.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE PGSERVICEFILE PGOPTIONS PGSSLMODE || true

is_root() { [ "$(id -u)" -eq 0 ]; }

as_root() {
    if is_root; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
    else die "need root (or passwordless sudo) to run: $*"
    fi
}

find_bindir() {
    # Highest installed major version wins.
    local p
    p=$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$p" ] && dirname "$p"
}

apt_install() {
    local apt_opts=(-y -q -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
    log "apt-get update"
    as_root apt-get update -q -o DPkg::Lock::Timeout=600 >&2 || log "apt-get update failed (continuing with existing lists)"
    log "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" --no-install-recommends "$@" >&2
}

BINDIR=$(find_bindir || true)
if [ -z "$BINDIR" ]; then
    log "PostgreSQL server binaries not found; installing Debian's postgresql"
    # We run our own cluster; don't let the package create (and try to start)
    # the distribution's default 'main' cluster on port 5432.
    if [ ! -e /etc/postgresql-common/createcluster.d/llmref-no-main.conf ]; then
        as_root mkdir -p /etc/postgresql-common/createcluster.d
        echo 'create_main_cluster = false' | as_root tee /etc/postgresql-common/createcluster.d/llmref-no-main.conf >/dev/null
    fi
    t0=$(date +%s)
    apt_install postgresql
    log "postgresql installed in $(( $(date +%s) - t0 ))s"
    BINDIR=$(find_bindir || true)
    [ -n "$BINDIR" ] || die "postgresql installed but no /usr/lib/postgresql/*/bin/postgres found"
fi
log "using $BINDIR"

# initdb/pg_ctl refuse to run as root: run them as the 'postgres' user then.
if is_root; then
    PGOS_USER=postgres
    if ! id -u "$PGOS_USER" >/dev/null 2>&1; then
        log "creating system user $PGOS_USER"
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash "$PGOS_USER"
    fi
    as_pg() { runuser -u "$PGOS_USER" -- "$@"; }
else
    PGOS_USER=$(id -un)
    as_pg() { "$@"; }
fi

mkdir -p "$BASE"
if is_root; then chown "$PGOS_USER": "$BASE"; fi
chmod 0755 "$BASE"
as_pg test -w "$BASE" || die "$BASE is not writable by $PGOS_USER (is a parent directory not traversable?)"

# Serialize concurrent invocations (e.g. parallel test jobs).
if command -v flock >/dev/null 2>&1; then
    exec 9>>"$BASE/.lock"
    flock -w 300 9 || die "timed out waiting for lock $BASE/.lock"
fi

pg_ready() { "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 2 >/dev/null 2>&1; }
ours_running() { [ -f "$DATA/PG_VERSION" ] && as_pg "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

# The server would inherit every open fd of ours: fd 3 (our real stdout, maybe
# the pipe of a `$(ensure-postgres.sh)`), fd 9 (the lock, held forever) and
# whatever the caller leaked to us (e.g. a CI runner's log pipe). Close all
# fds above 2 in a subshell before pg_ctl forks the daemon.
start_server() (
    for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
    done
    as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >&2
)

if pg_ready; then
    if ours_running; then
        log "cluster in $DATA already running on 127.0.0.1:$PORT"
    else
        log "WARNING: something already answers on 127.0.0.1:$PORT that is not the cluster in $DATA; using it as is"
    fi
else
    if ours_running; then
        die "cluster in $DATA runs but does not answer on 127.0.0.1:$PORT (port changed? see $LOG); run scripts/stop-postgres.sh"
    fi
    if [ -d "$DATA" ] && [ ! -f "$DATA/PG_VERSION" ]; then
        log "removing incomplete data dir $DATA"
        rm -rf "$DATA"
    fi
    if [ -f "$DATA/PG_VERSION" ] && [ "$(cat "$DATA/PG_VERSION")" != "$(basename "$(dirname "$BINDIR")")" ]; then
        log "data dir $DATA is from PostgreSQL $(cat "$DATA/PG_VERSION"); recreating it for $(basename "$(dirname "$BINDIR")")"
        rm -rf "$DATA"
    fi
    if [ ! -f "$DATA/PG_VERSION" ]; then
        log "initdb $DATA"
        t0=$(date +%s)
        as_pg "$BINDIR/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >&2
        cat > "$DATA/pg_hba.conf" <<'EOF'
# llmref throwaway test cluster: trust on the unix socket and loopback only
local   all all                trust
host    all all 127.0.0.1/32   trust
host    all all ::1/128        trust
EOF
        cat >> "$DATA/postgresql.conf" <<EOF

# --- llmref throwaway test cluster ---
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCK'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
        chown "$PGOS_USER": "$DATA/pg_hba.conf" "$DATA/postgresql.conf" 2>/dev/null || true
        log "initdb done in $(( $(date +%s) - t0 ))s"
    fi
    mkdir -p "$SOCK"
    if is_root; then chown "$PGOS_USER": "$SOCK"; fi
    touch "$LOG"
    if is_root; then chown "$PGOS_USER": "$LOG"; fi
    if [ -f "$DATA/postmaster.pid" ]; then
        # Left by a server that was killed (no server runs on it: checked above). With it,
        # pg_ctl -w may return before the new server accepts connections.
        log "removing stale $DATA/postmaster.pid"
        rm -f "$DATA/postmaster.pid"
    fi
    log "starting cluster on 127.0.0.1:$PORT (log: $LOG)"
    t0=$(date +%s)
    if ! start_server; then
        tail -n 30 "$LOG" >&2 || true
        die "pg_ctl start failed"
    fi
    # (A server recovering from a crash answers only when recovery is done.)
    for _ in $(seq 1 120); do pg_ready && break; sleep 0.5; done
    if ! pg_ready; then
        tail -n 30 "$LOG" >&2 || true
        die "the cluster in $DATA does not answer on 127.0.0.1:$PORT after 60 s"
    fi
    log "cluster started in $(( $(date +%s) - t0 ))s"
fi

psql_admin() {
    "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres "$@"
}

if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
    log "creating role $ROLE"
    psql_admin -c "CREATE ROLE $ROLE LOGIN CREATEDB" >&2
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
    log "creating database $DB owned by $ROLE"
    psql_admin -c "CREATE DATABASE $DB OWNER $ROLE" >&2
fi

echo "postgresql+psycopg://$ROLE@127.0.0.1:$PORT/$DB" >&3
