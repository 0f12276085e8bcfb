"""Configuration comes from the environment and fails loudly when a production value is missing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The variables the tests set themselves; the rest of the environment passes through.
CONFIGURATION = {
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SITE_URL",
    "ALLOW_LOCAL_SITE_URL",
    "TRUST_X_FORWARDED_PROTO",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
}
# What a production deployment must set besides SECRET_KEY.
PUBLIC = {"ALLOWED_HOSTS": "claims.example.org", "SITE_URL": "https://claims.example.org"}


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
    result = _python("from django.conf import settings; print(settings.DEBUG)", SECRET_KEY="x" * 50, **PUBLIC)
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
        "from django.conf import settings; print(settings.ALLOWED_HOSTS)",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS=hosts,
        SITE_URL="https://claims.example.org",
    )
    assert result.stdout.strip() == "['claims.example.org', 'www.claims.example.org']"


def test_the_deployment_check_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in CONFIGURATION},
            "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
            **PUBLIC,
            "SECURE_SSL_REDIRECT": "1",
            "SECURE_HSTS_SECONDS": "31536000",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _production(code: str, **env: str) -> subprocess.CompletedProcess:
    return _python(code, SECRET_KEY="x" * 50, **{**PUBLIC, **env})


def test_production_refuses_to_start_without_allowed_hosts():
    result = _production("print('started')", ALLOWED_HOSTS="")
    assert result.returncode != 0 and "started" not in result.stdout
    assert result.stderr.strip().splitlines()[-1].startswith("ALLOWED_HOSTS is not set")


def test_production_refuses_to_start_with_a_local_site_url():
    for local in ("http://127.0.0.1:8000", "http://localhost", "http://[::1]:8000"):
        result = _production("print('started')", SITE_URL=local)
        assert result.returncode != 0 and "started" not in result.stdout, local
        assert "not a public address" in result.stderr.strip().splitlines()[-1]


def test_a_production_like_run_on_this_machine_says_so_to_use_a_local_site_url():
    result = _production(
        "from django.conf import settings; print(settings.SITE_URL)",
        SITE_URL="http://127.0.0.1:8100",
        ALLOW_LOCAL_SITE_URL="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "http://127.0.0.1:8100"


def test_the_proxy_header_is_trusted_only_when_the_deployment_says_so():
    code = "from django.conf import settings; print(getattr(settings, 'SECURE_PROXY_SSL_HEADER', None))"
    assert _production(code).stdout.strip() == "None"
    assert _production(code, TRUST_X_FORWARDED_PROTO="1").stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_hsts_covers_subdomains_and_asks_for_preload_only_when_asked():
    code = (
        "from django.conf import settings; print(settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD)"
    )
    assert _production(code, SECURE_HSTS_SECONDS="31536000").stdout.split() == ["False", "False"]
    asked = _production(
        code, SECURE_HSTS_SECONDS="31536000", SECURE_HSTS_INCLUDE_SUBDOMAINS="1", SECURE_HSTS_PRELOAD="1"
    )
    assert asked.stdout.split() == ["True", "True"]


def test_the_demo_editor_command_refuses_to_run_without_debug():
    result = subprocess.run(
        [sys.executable, "manage.py", "ensure_demo_editor"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in CONFIGURATION},
            "SECRET_KEY": "x" * 50,
            **PUBLIC,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "development only" in lines[0]
