# Shared settings and helpers of the one-machine cluster (sourced, not run).
# Every port and name can be overridden from the environment; the defaults leave the machine's
# own PostgreSQL (5432) and Redis (6379) alone.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUN_DIR="${CLUSTER_DIR:-$ROOT/.cluster}"
PY="${CLUSTER_PYTHON:-$ROOT/.venv/bin/python}"
VENV_BIN="$(dirname "$PY")"

PG_VERSION="${CLUSTER_PG_VERSION:-15}"
PG_PRIMARY="${CLUSTER_PG_PRIMARY:-factcheck_primary}"
PG_REPLICA="${CLUSTER_PG_REPLICA:-factcheck_replica}"
PG_PRIMARY_PORT="${CLUSTER_PG_PRIMARY_PORT:-5433}"
PG_REPLICA_PORT="${CLUSTER_PG_REPLICA_PORT:-5434}"
PG_SLOT="${PG_REPLICA//-/_}_slot"
DB_NAME="${CLUSTER_DB_NAME:-factcheck}"
DB_USER=factcheck
REPLICATION_USER=replicator
REDIS_PORT="${CLUSTER_REDIS_PORT:-6390}"
APP_PORTS="${CLUSTER_APP_PORTS:-8101 8102}"
PROXY_PORT="${CLUSTER_PROXY_PORT:-8100}"
APP_WORKERS="${CLUSTER_APP_WORKERS:-2}"
APP_THREADS="${CLUSTER_APP_THREADS:-4}"

log() { printf '[cluster] %s\n' "$*"; }
die() { printf '[cluster] FAIL: %s\n' "$*" >&2; exit 1; }

as_postgres() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -n -u postgres -- "$@"; fi
}

# psql as the clusters' superuser, over the local socket.
pg_sql() {
  local port=$1; shift
  as_postgres psql -X -q -t -A -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"
}

cluster_exists() { pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v n="$1" '$1==v && $2==n {f=1} END {exit !f}'; }
cluster_online() { pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v n="$1" '$1==v && $2==n && $4 ~ /online/ {f=1} END {exit !f}'; }
cluster_datadir() { pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v n="$1" '$1==v && $2==n {print $6}'; }

pg_start() { cluster_online "$1" || pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$1" start; }
pg_stop() { if cluster_online "$1"; then pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$1" stop -m fast; fi; }

port_taken() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Stop the process whose pid is in $1 with SIGTERM and wait for it (at most $2 seconds).
stop_pidfile() {
  local pidfile=$1 wait=${2:-30} pid
  pid_alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((wait * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then log "pid $pid did not stop in ${wait}s; killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
}

# Wait until a command succeeds (at most $1 seconds).
wait_for() {
  local seconds=$1; shift
  for _ in $(seq 1 $((seconds * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  return 1
}

secret() { "$PY" -c 'import secrets; print(secrets.token_urlsafe(32))'; }

# The passwords and key, made once per run directory.
load_secrets() {
  mkdir -p "$RUN_DIR"
  local file="$RUN_DIR/secrets.env"
  if [[ ! -f $file ]]; then
    umask 077
    {
      echo "DB_PASSWORD=$(secret)"
      echo "REPLICATION_PASSWORD=$(secret)"
      echo "APP_SECRET_KEY=$(secret)$(secret)"
    } >"$file"
    umask 022
  fi
  # shellcheck disable=SC1090
  source "$file"
}

database_url() { echo "postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$1/${2:-$DB_NAME}"; }
