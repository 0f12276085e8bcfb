#!/usr/bin/env bash
# The data tier of the one-machine cluster: a PostgreSQL primary, a streaming replica made from it
# with pg_basebackup, and Redis (cache, sessions, throttling, Celery's broker).
#
#   deploy/cluster/data.sh start            # idempotent: starts what is down, makes what is missing
#   deploy/cluster/data.sh stop             # stops the three; their data stays in $RUN_DIR
#   deploy/cluster/data.sh stop-replica     # the replica alone (fault drills and tests)
#   deploy/cluster/data.sh start-replica
#   deploy/cluster/data.sh pause-replay     # the replica stops applying WAL (it falls behind; tests)
#   deploy/cluster/data.sh resume-replay
#   deploy/cluster/data.sh status           # exit 0 when all three run and the replica streams
#   deploy/cluster/data.sh purge            # stops and deletes both PostgreSQL clusters and Redis's data
#
# Debian's packages only: postgresql-15 (pg_createcluster, pg_basebackup) and redis-server.
set -euo pipefail
# shellcheck source=deploy/cluster/common.sh
source "$(dirname "$0")/common.sh"

PG_DIR="$RUN_DIR/pg"
REDIS_DIR="$RUN_DIR/redis"
LOG_DIR="$RUN_DIR/log"

require_tools() {
  local missing=()
  for tool in pg_createcluster pg_ctlcluster pg_basebackup psql redis-server redis-cli ss; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  [[ -x /usr/lib/postgresql/$PG_VERSION/bin/postgres ]] || missing+=("postgresql-$PG_VERSION")
  ((${#missing[@]} == 0)) || die "missing ${missing[*]}: apt-get install postgresql-$PG_VERSION postgresql-client redis-server iproute2"
}

# A cluster of ours with that name but another data directory belongs to another checkout: it is
# dropped, since the names and ports are this project's.
claim_cluster_name() {
  local name=$1 datadir=$2 existing
  cluster_exists "$name" || return 0
  existing=$(cluster_datadir "$name")
  if [[ $existing != "$datadir" || ! -f $datadir/PG_VERSION ]]; then
    log "dropping the stale cluster $PG_VERSION/$name (data directory $existing)"
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$name" stop -m immediate 2>/dev/null || true
    drop_cluster "$name"
  fi
}

# pg_dropcluster, and the configuration file of ours it does not know about.
drop_cluster() {
  pg_dropcluster --stop "$PG_VERSION" "$1" 2>/dev/null || true
  rm -rf "/etc/postgresql/$PG_VERSION/$1"
}

create_cluster() {
  local name=$1 port=$2 datadir=$3
  port_taken "$port" && die "port $port is taken by another program: set CLUSTER_PG_*_PORT"
  mkdir -p "$PG_DIR" "$LOG_DIR"
  chown postgres: "$PG_DIR" "$LOG_DIR"
  pg_createcluster "$PG_VERSION" "$name" --quiet --port "$port" --datadir "$datadir" \
    --logfile "$LOG_DIR/postgresql-$name.log" --start-conf manual \
    -- --auth-local=peer --auth-host=scram-sha-256 --locale=C.UTF-8 --encoding=UTF8 >/dev/null
  # Loopback only; streaming replication with hot standby. Debian reads conf.d after postgresql.conf.
  cat >"/etc/postgresql/$PG_VERSION/$name/conf.d/cluster.conf" <<CONF
listen_addresses = '127.0.0.1'
ssl = off
max_connections = 200
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
wal_compression = on
hot_standby = on
hot_standby_feedback = on
CONF
}

start_primary() {
  local datadir="$PG_DIR/primary"
  claim_cluster_name "$PG_PRIMARY" "$datadir"
  if ! cluster_exists "$PG_PRIMARY"; then
    log "creating the primary $PG_VERSION/$PG_PRIMARY on port $PG_PRIMARY_PORT"
    create_cluster "$PG_PRIMARY" "$PG_PRIMARY_PORT" "$datadir"
  fi
  pg_start "$PG_PRIMARY"
  wait_for 30 pg_isready -q -h 127.0.0.1 -p "$PG_PRIMARY_PORT" || die "the primary did not start: see $LOG_DIR"
  # The application's owner role and the replication role; passwords from $RUN_DIR/secrets.env.
  pg_sql "$PG_PRIMARY_PORT" <<SQL
SELECT format('CREATE ROLE %I LOGIN', '$DB_USER') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER')
\\gexec
SELECT format('CREATE ROLE %I LOGIN REPLICATION', '$REPLICATION_USER')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$REPLICATION_USER')
\\gexec
ALTER ROLE $DB_USER PASSWORD '$DB_PASSWORD' CREATEDB;
ALTER ROLE $REPLICATION_USER PASSWORD '$REPLICATION_PASSWORD';
SELECT format('CREATE DATABASE %I OWNER %I', '$DB_NAME', '$DB_USER')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME')
\\gexec
SQL
}

replica_streaming() {
  [[ $(pg_sql "$PG_REPLICA_PORT" -c "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null) == streaming ]]
}

start_replica() {
  local datadir="$PG_DIR/replica"
  claim_cluster_name "$PG_REPLICA" "$datadir"
  if cluster_exists "$PG_REPLICA" && [[ ! -f $datadir/standby.signal ]]; then
    log "the cluster $PG_REPLICA is not a standby; making it again"
    drop_cluster "$PG_REPLICA"
  fi
  if ! cluster_exists "$PG_REPLICA"; then
    log "creating the replica $PG_VERSION/$PG_REPLICA on port $PG_REPLICA_PORT (pg_basebackup from the primary)"
    create_cluster "$PG_REPLICA" "$PG_REPLICA_PORT" "$datadir"
    find "$datadir" -mindepth 1 -delete
    # A replication slot keeps the WAL the replica has not received yet, however long it is stopped.
    pg_sql "$PG_PRIMARY_PORT" -c \
      "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$PG_SLOT' AND NOT active" >/dev/null
    as_postgres env PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h 127.0.0.1 -p "$PG_PRIMARY_PORT" \
      -U "$REPLICATION_USER" -D "$datadir" --write-recovery-conf --wal-method=stream \
      --create-slot --slot="$PG_SLOT" --checkpoint=fast --no-password
  fi
  pg_start "$PG_REPLICA"
  wait_for 60 replica_streaming || die "the replica is not streaming from the primary: see $LOG_DIR"
}

start_redis() {
  mkdir -p "$REDIS_DIR" "$LOG_DIR"
  if pid_alive "$REDIS_DIR/redis.pid"; then return 0; fi
  if port_taken "$REDIS_PORT"; then
    # Another checkout's cluster Redis, say: a Redis is a Redis, the tests use their own databases.
    redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG \
      || die "port $REDIS_PORT is taken by another program: set CLUSTER_REDIS_PORT"
    log "a Redis already answers on $REDIS_PORT: using it"
    return 0
  fi
  cat >"$REDIS_DIR/redis.conf" <<CONF
bind 127.0.0.1
port $REDIS_PORT
daemonize yes
pidfile $REDIS_DIR/redis.pid
logfile $LOG_DIR/redis.log
dir $REDIS_DIR
# Queued jobs survive a restart; the cache would not need it.
appendonly yes
save ""
CONF
  redis-server "$REDIS_DIR/redis.conf"
  wait_for 10 redis-cli -p "$REDIS_PORT" ping || die "Redis did not start: see $LOG_DIR/redis.log"
}

stop_redis() {
  if pid_alive "$REDIS_DIR/redis.pid"; then
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    stop_pidfile "$REDIS_DIR/redis.pid" 10
  fi
}

case "${1:-}" in
  start)
    require_tools
    load_secrets
    start_primary
    start_replica
    start_redis
    log "data tier up: primary 127.0.0.1:$PG_PRIMARY_PORT, replica 127.0.0.1:$PG_REPLICA_PORT, Redis 127.0.0.1:$REDIS_PORT"
    ;;
  stop)
    stop_redis
    pg_stop "$PG_REPLICA"
    pg_stop "$PG_PRIMARY"
    log "data tier stopped"
    ;;
  stop-replica) pg_stop "$PG_REPLICA" ;;
  pause-replay) pg_sql "$PG_REPLICA_PORT" -c "SELECT pg_wal_replay_pause()" >/dev/null ;;
  resume-replay) pg_sql "$PG_REPLICA_PORT" -c "SELECT pg_wal_replay_resume()" >/dev/null ;;
  status)
    cluster_online "$PG_PRIMARY" && cluster_online "$PG_REPLICA" && replica_streaming \
      && pid_alive "$REDIS_DIR/redis.pid"
    ;;
  start-replica)
    load_secrets
    start_replica
    ;;
  purge)
    stop_redis
    for name in "$PG_REPLICA" "$PG_PRIMARY"; do drop_cluster "$name"; done
    rm -rf "$PG_DIR" "$REDIS_DIR"
    log "data tier deleted"
    ;;
  *) die "usage: $0 start|stop|status|start-replica|stop-replica|pause-replay|resume-replay|purge" ;;
esac
