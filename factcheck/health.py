"""``/healthz``: what the reverse proxy and the operators ask an app server.

200 when the primary database answers, whatever else is down: a server without its replicas,
its cache or its job queue still serves pages (reads fall back to the primary, jobs wait).
503 when the primary does not answer, so the proxy stops sending this server traffic. The body
says what each part is doing, including each replica's lag in seconds.
"""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import Error, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import replicas
from .routers import PRIMARY


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def check_database() -> dict:
    started = time.monotonic()
    try:
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Error as exc:
        connections[PRIMARY].close_if_unusable_or_obsolete()
        return {"ok": False, "error": _first_line(exc)}
    return {"ok": True, "vendor": connections[PRIMARY].vendor, "ms": round((time.monotonic() - started) * 1000, 1)}


def check_cache() -> dict:
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:  # noqa: BLE001 - any cache client failure is "down", whatever its class
        return {"ok": False, "backend": backend, "error": _first_line(exc)}
    return {"ok": ok, "backend": backend}


def check_broker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "in-process (no broker configured)"}
    from .celery import app

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    except Exception as exc:  # noqa: BLE001 - kombu raises transport-specific classes
        return {"ok": False, "mode": "broker", "error": _first_line(exc)}
    return {"ok": True, "mode": "broker"}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    database = check_database()
    body = {
        "status": "ok" if database["ok"] else "failing",
        "database": database,
        "replicas": {alias: state.as_dict() for alias, state in sorted(replicas.states().items())},
        "replica_max_lag_seconds": settings.REPLICA_MAX_LAG_SECONDS if settings.DATABASE_REPLICAS else None,
        "cache": check_cache(),
        "broker": check_broker(),
    }
    return JsonResponse(body, status=200 if database["ok"] else 503)
