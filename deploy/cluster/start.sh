#!/usr/bin/env bash
# `make cluster`: the production layout on one machine, from Debian and PyPI packages only.
#
#   nginx :8100 ──► gunicorn :8101, :8102 ──► PostgreSQL primary :5433 ──(streaming)──► replica :5434
#                          │                        ▲
#                          └──► Redis :6390 ◄── Celery worker
#
# Everything lives under .cluster/ (data, logs, pid files, the generated configuration, the app's
# environment in .cluster/app.env). Idempotent: what runs is left running, what is down starts.
# `make cluster-stop` (deploy/cluster/stop.sh) stops it all.
set -euo pipefail
# shellcheck source=deploy/cluster/common.sh
source "$(dirname "$0")/common.sh"

LOG_DIR="$RUN_DIR/log"
PID_DIR="$RUN_DIR/run"
NGINX_DIR="$RUN_DIR/nginx"

command -v nginx >/dev/null || die "nginx is missing: apt-get install nginx"
[[ -x $PY ]] || die "$PY is missing: run make install first"

"$(dirname "$0")/data.sh" start
load_secrets
mkdir -p "$LOG_DIR" "$PID_DIR" "$NGINX_DIR"

# The app servers' and the worker's environment, one variable a line (also read by the tests and
# the load check). Anything set in the calling environment for these names wins.
write_app_env() {
  local replica_urls
  replica_urls=$(database_url "$PG_REPLICA_PORT")
  cat >"$RUN_DIR/app.env.new" <<ENV
DATABASE_URL=$(database_url "$PG_PRIMARY_PORT")
DATABASE_REPLICA_URLS=$replica_urls
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
CELERY_BROKER_URL=redis://127.0.0.1:$REDIS_PORT/1
SECRET_KEY=$APP_SECRET_KEY
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$PROXY_PORT,http://localhost:$PROXY_PORT
SITE_URL=http://127.0.0.1:$PROXY_PORT
ALLOW_LOCAL_SITE_URL=1
SECURE_COOKIES=0
NUM_PROXIES=1
REPLICA_MAX_LAG_SECONDS=${REPLICA_MAX_LAG_SECONDS:-5}
READ_YOUR_WRITES_SECONDS=${READ_YOUR_WRITES_SECONDS:-10}
API_ANON_THROTTLE_RATE=${API_ANON_THROTTLE_RATE:-120/minute}
LOG_LEVEL=${LOG_LEVEL:-WARNING}
ENV
  umask 077
  mv "$RUN_DIR/app.env.new" "$RUN_DIR/app.env"
  umask 022
}

# Run a command with the app's environment.
with_app_env() { (set -a && source "$RUN_DIR/app.env" && set +a && cd "$ROOT" && "$@"); }

healthy() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/healthz"; }

start_app() {
  local port=$1 pidfile="$PID_DIR/app-$1.pid"
  pid_alive "$pidfile" && return 0
  port_taken "$port" && die "port $port is taken by another program: set CLUSTER_APP_PORTS"
  with_app_env "$VENV_BIN/gunicorn" factcheck.wsgi:application --daemon \
    --bind "127.0.0.1:$port" --workers "$APP_WORKERS" --threads "$APP_THREADS" \
    --graceful-timeout 20 --timeout 30 --pid "$pidfile" --name "factcheck-app-$port" --capture-output \
    --access-logfile "$LOG_DIR/app-$port.access.log" --error-logfile "$LOG_DIR/app-$port.log"
  wait_for 30 healthy "$port" || die "the app server on $port is not healthy: see $LOG_DIR/app-$port.log"
}

start_worker() {
  local pidfile="$PID_DIR/worker.pid"
  pid_alive "$pidfile" && return 0
  with_app_env "$VENV_BIN/celery" -A factcheck.celery worker --detach --concurrency 2 \
    --hostname "worker1@%h" --pidfile "$pidfile" --logfile "$LOG_DIR/worker.log" --loglevel INFO
  wait_for 30 pid_alive "$pidfile" || die "the Celery worker did not start: see $LOG_DIR/worker.log"
}

write_nginx_conf() {
  local servers="" port
  for port in $APP_PORTS; do
    # Passive health checks: a server that refuses or times out is left alone for 5 s.
    servers+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
  done
  mkdir -p "$NGINX_DIR/temp"
  sed -e "s|@PROXY_PORT@|$PROXY_PORT|g" -e "s|@NGINX_DIR@|$NGINX_DIR|g" -e "s|@LOG_DIR@|$LOG_DIR|g" \
    "$(dirname "$0")/nginx.conf.in" | awk -v servers="$servers" '{ if ($0 ~ /@SERVERS@/) printf "%s", servers; else print }' \
    >"$NGINX_DIR/nginx.conf"
}

start_proxy() {
  write_nginx_conf
  nginx -t -q -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" || die "the generated nginx configuration is invalid"
  if pid_alive "$NGINX_DIR/nginx.pid"; then
    nginx -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" -s reload 2>/dev/null
  else
    port_taken "$PROXY_PORT" && die "port $PROXY_PORT is taken by another program: set CLUSTER_PROXY_PORT"
    nginx -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR"
  fi
  wait_for 15 healthy "$PROXY_PORT" || die "the proxy on $PROXY_PORT does not reach a healthy app server"
}

write_app_env
log "migrating the database, loading the seed article (idempotent), collecting static files"
with_app_env "$PY" manage.py migrate --noinput -v 0
with_app_env "$PY" manage.py load_seed >/dev/null
with_app_env "$PY" manage.py collectstatic --noinput -v 0
for port in $APP_PORTS; do start_app "$port"; done
start_worker
start_proxy
log "up: http://127.0.0.1:$PROXY_PORT/ (health: /healthz); app servers on $APP_PORTS; environment in $RUN_DIR/app.env"
log "a demo editor account: set -a; source $RUN_DIR/app.env; set +a; DEBUG=1 $PY manage.py ensure_demo_editor"
