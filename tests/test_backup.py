"""Backups restore to the same database: what the API serves from a restored copy is byte for byte what it served."""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.db import connection

from claims.models import Claim

from .helpers import empty_claims_tables

ROOT = Path(__file__).resolve().parent.parent

# The API as a client sees it, from a fresh process pointed at one database.
READ_API = """
import django, json
django.setup()
from django.test import Client
client = Client(HTTP_ACCEPT_LANGUAGE="en")
urls = ["/api/v1/claims?page_size=100", "/api/v1/sources?page_size=100", "/api/v1/claimreview/feed?page_size=100"]
urls += [f"/api/v1/claims/{row['id']}" for row in json.loads(client.get(urls[0]).content)["results"]]
print(json.dumps({url: client.get(url).getvalue().decode() for url in urls}))
"""


def _api_output(database_url: str) -> dict[str, str]:
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_REPLICA_URLS"}},
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "SITE_URL": "https://claims.example.org",
        "API_ANON_THROTTLE_RATE": "100000/minute",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", READ_API], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _manage(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def _postgresql_url(name: str) -> str:
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"
    )


@pytest.mark.postgresql
def test_a_postgresql_backup_restored_into_another_database_serves_the_same_api(seed, tmp_path):
    """The session's committed seed is dumped with pg_dump -Fc and restored into a new database."""
    source = connection.settings_dict["NAME"]
    copy = f"{source}_restored"
    admin = psycopg2.connect(
        dbname="postgres",
        user=connection.settings_dict["USER"],
        password=connection.settings_dict.get("PASSWORD") or None,
        host=connection.settings_dict["HOST"] or "127.0.0.1",
        port=connection.settings_dict["PORT"] or 5432,
    )
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')
            cursor.execute(f'CREATE DATABASE "{copy}"')
        dump = tmp_path / "factcheck.dump"
        backed_up = _manage(_postgresql_url(source), "backup", str(dump))
        assert backed_up.returncode == 0, backed_up.stderr
        assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
        restored = _manage(_postgresql_url(copy), "restore", str(dump))
        assert restored.returncode == 0, restored.stderr

        original, after = _api_output(_postgresql_url(source)), _api_output(_postgresql_url(copy))
        assert len(original) == 3 + Claim.objects.published().count()
        assert after == original
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
        admin.close()


def test_an_sqlite_backup_restored_over_a_changed_database_brings_back_its_api_output(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    for args in (["migrate", "-v0"], ["load_seed"]):
        assert _manage(url, *args).returncode == 0
    before = _api_output(url)
    backed_up = _manage(url, "backup", str(tmp_path / "copy.sqlite3"))
    assert backed_up.returncode == 0, backed_up.stderr

    changed = _manage(url, "shell", "-c", "from claims.models import Claim; Claim.objects.all().delete()")
    assert changed.returncode == 0, changed.stderr
    assert _api_output(url) != before
    restored = _manage(url, "restore", str(tmp_path / "copy.sqlite3"))
    assert restored.returncode == 0, restored.stderr
    assert _api_output(url) == before


def test_a_backup_never_overwrites_a_file_and_a_restore_needs_a_real_backup(tmp_path, db):
    existing = tmp_path / "existing.dump"
    existing.write_text("keep me")
    with pytest.raises(Exception, match="exists already"):
        call_command("backup", str(existing))
    assert existing.read_text() == "keep me"
    with pytest.raises(Exception, match="is not a file"):
        call_command("restore", str(tmp_path / "missing.dump"))


def test_dumpdata_and_loaddata_carry_the_history_tables_unchanged(seed, tmp_path):
    """loaddata adds no version of its own (m2m fields set after the raw save would add one per claim)."""
    dump = tmp_path / "all.json"
    call_command(
        "dumpdata",
        "claims",
        "auth.user",
        natural_foreign=True,
        natural_primary=True,
        output=str(dump),
        verbosity=0,
    )
    history = Claim.history.model
    counts = {model: model.objects.count() for model in (Claim, history)}
    empty_claims_tables()
    call_command("loaddata", str(dump), verbosity=0)
    assert {model: model.objects.count() for model in (Claim, history)} == counts
    assert counts[history] > 0
