#!/usr/bin/env bash
# `make cluster-stop`: stops the proxy, the app servers, the worker, Redis and both PostgreSQL
# clusters, each gracefully (requests and jobs in progress finish). Data stays in .cluster/ for the
# next `make cluster`; `deploy/cluster/stop.sh --purge` deletes it too.
set -euo pipefail
# shellcheck source=deploy/cluster/common.sh
source "$(dirname "$0")/common.sh"

PID_DIR="$RUN_DIR/run"
NGINX_DIR="$RUN_DIR/nginx"

if pid_alive "$NGINX_DIR/nginx.pid"; then
  nginx -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" -s quit 2>/dev/null || true
  for _ in $(seq 1 100); do pid_alive "$NGINX_DIR/nginx.pid" || break; sleep 0.1; done
fi
for pidfile in "$PID_DIR"/app-*.pid; do
  [[ -e $pidfile ]] && stop_pidfile "$pidfile" 30
done
stop_pidfile "$PID_DIR/worker.pid" 60
if [[ ${1:-} == --purge ]]; then
  "$(dirname "$0")/data.sh" purge
  rm -rf "$RUN_DIR"
  log "stopped and deleted"
else
  "$(dirname "$0")/data.sh" stop
  log "stopped"
fi
