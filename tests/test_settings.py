"""Configuration comes from the environment and fails loudly when a production value is missing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The variables the tests set themselves; the rest of the environment passes through.
CONFIGURATION = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in CONFIGURATION}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "factcheck.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = _python("print('started')", DEBUG="0")
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "SECRET_KEY is not set" in result.stderr.strip().splitlines()[-1]


def test_debug_is_off_unless_asked_for():
    result = _python("from django.conf import settings; print(settings.DEBUG)", SECRET_KEY="x" * 50)
    assert result.stdout.strip() == "False"


def test_it_rejects_a_debug_value_that_is_neither_yes_nor_no():
    result = _python("", DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_without_database_url_it_runs_on_an_sqlite_file():
    result = _python("from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])", DEBUG="1")
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_database_url_selects_postgresql():
    result = _python(
        "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['HOST'])",
        DEBUG="1",
        DATABASE_URL="postgres://postgres@db.example:5432/newsroom",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "newsroom", "db.example"]


def test_allowed_hosts_come_from_the_environment():
    hosts = "claims.example.org,www.claims.example.org"
    result = _python(
        "from django.conf import settings; print(settings.ALLOWED_HOSTS)", SECRET_KEY="x" * 50, ALLOWED_HOSTS=hosts
    )
    assert result.stdout.strip() == "['claims.example.org', 'www.claims.example.org']"


def test_the_deployment_check_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in CONFIGURATION},
            "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
            "ALLOWED_HOSTS": "claims.example.org",
            "SECURE_SSL_REDIRECT": "1",
            "SECURE_HSTS_SECONDS": "31536000",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
