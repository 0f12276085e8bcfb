"""``/healthz`` for the proxy: 200 while the primary database answers, 503 when it does not."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_it_reports_each_part_of_a_one_process_setup(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["replicas"] == {}
    assert body["cache"] == {"ok": True, "backend": "LocMemCache"}
    assert body["broker"] == {"ok": True, "mode": "in-process (no broker configured)"}


def test_it_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405


def test_it_answers_503_when_the_primary_database_is_down():
    # A PostgreSQL address where nothing listens (port 9 of this machine).
    code = (
        "import django; django.setup(); from django.test import Client;"
        " r = Client().get('/healthz', HTTP_HOST='localhost');"
        " print(r.status_code, r.json()['status'], r.json()['database']['ok'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_REPLICA_URLS", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "factcheck.settings",
            "DEBUG": "1",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["503", "failing", "False"], result.stderr
