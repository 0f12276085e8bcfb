"""Which database a request reads: the rules, without a replica server (tests/cluster/ has the real one)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import RequestFactory

from claims.models import Claim, Job
from factcheck.middleware import (
    READ_YOUR_WRITES_COOKIE,
    READ_YOUR_WRITES_SALT,
    ReplicaRoutingMiddleware,
    may_read_from_replica,
)
from factcheck.routers import PRIMARY, ReplicaRouter, routing

ROOT = Path(__file__).resolve().parent.parent
router = ReplicaRouter()


def test_outside_a_request_everything_reads_the_primary():
    assert router.db_for_read(Claim) == PRIMARY


def test_a_request_routed_to_a_replica_reads_it_until_it_writes():
    with routing("replica1") as state:
        assert router.db_for_read(Claim) == "replica1"
        assert router.db_for_write(Claim) == PRIMARY
        assert state.wrote
        assert router.db_for_read(Claim) == PRIMARY


@pytest.mark.parametrize("model", [Session, User, Job])
def test_sessions_accounts_and_jobs_are_always_read_from_the_primary(model):
    with routing("replica1"):
        assert router.db_for_read(model) == PRIMARY


def test_only_the_primary_is_migrated():
    assert router.allow_migrate(PRIMARY, "claims")
    assert not router.allow_migrate("replica1", "claims")


def anonymous_get(**extra):
    request = RequestFactory().get("/claims/", **extra)
    request.user = AnonymousUser()
    return request


def test_an_anonymous_reader_may_read_a_replica():
    assert may_read_from_replica(anonymous_get())


def test_a_write_is_never_sent_to_a_replica():
    request = RequestFactory().post("/api/v1/sources")
    request.user = AnonymousUser()
    assert not may_read_from_replica(request)


def test_a_token_client_reads_the_primary():
    assert not may_read_from_replica(anonymous_get(HTTP_AUTHORIZATION="Token abc"))


def test_a_signed_in_user_reads_the_primary(db):
    request = RequestFactory().get("/admin/")
    request.COOKIES["sessionid"] = "a-session"
    request.user = User.objects.create_user("reader")
    assert not may_read_from_replica(request)


def signed_cookie(value: str = "1") -> str:
    response = HttpResponse()
    response.set_signed_cookie(READ_YOUR_WRITES_COOKIE, value, salt=READ_YOUR_WRITES_SALT)
    return response.cookies[READ_YOUR_WRITES_COOKIE].value


def test_a_reader_who_wrote_recently_reads_the_primary():
    request = anonymous_get()
    request.COOKIES[READ_YOUR_WRITES_COOKIE] = signed_cookie()
    assert not may_read_from_replica(request)


def test_a_forged_read_your_writes_cookie_is_ignored():
    request = anonymous_get()
    request.COOKIES[READ_YOUR_WRITES_COOKIE] = "1:forged:signature"
    assert may_read_from_replica(request)


def test_a_request_that_writes_marks_its_browser_for_primary_reads(settings):
    settings.DATABASE_REPLICAS = []

    def view(request):
        router.db_for_write(Claim)
        return HttpResponse("ok")

    response = ReplicaRoutingMiddleware(view)(anonymous_get())
    cookie = response.cookies[READ_YOUR_WRITES_COOKIE]
    assert cookie["max-age"] == settings.READ_YOUR_WRITES_SECONDS
    assert cookie["httponly"]


def test_a_request_that_only_reads_sets_no_cookie(settings):
    settings.DATABASE_REPLICAS = []
    response = ReplicaRoutingMiddleware(lambda request: HttpResponse("ok"))(anonymous_get())
    assert READ_YOUR_WRITES_COOKIE not in response.cookies


def settings_in_a_new_process(code: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DATABASE_REPLICA_URLS", "REDIS_URL"}}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); from django.conf import settings; {code}"],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "factcheck.settings", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_replica_urls_become_aliases_behind_the_router():
    result = settings_in_a_new_process(
        "print(settings.DATABASE_REPLICAS, settings.DATABASES['replica2']['HOST'], settings.DATABASE_ROUTERS,"
        " settings.MIDDLEWARE[-1])",
        DATABASE_URL="postgres://app@primary.example/claims",
        DATABASE_REPLICA_URLS="postgres://app@replica-a.example/claims, postgres://app@replica-b.example/claims",
    )
    assert result.stdout.split() == [
        "['replica1',",
        "'replica2']",
        "replica-b.example",
        "['factcheck.routers.ReplicaRouter']",
        "factcheck.middleware.ReplicaRoutingMiddleware",
    ]


def test_without_replicas_nothing_is_routed():
    result = settings_in_a_new_process(
        "print(settings.DATABASE_ROUTERS, list(settings.DATABASES), 'factcheck.middleware.ReplicaRoutingMiddleware'"
        " in settings.MIDDLEWARE)"
    )
    assert result.stdout.split() == ["[]", "['default']", "False"]


def test_a_replica_that_is_not_postgresql_is_refused_in_one_line():
    result = settings_in_a_new_process("", DATABASE_REPLICA_URLS="sqlite:///replica.sqlite3")
    assert result.returncode != 0
    assert result.stderr.strip() == "DATABASE_REPLICA_URLS must name PostgreSQL servers; entry 1 does not"


def test_redis_url_shares_cache_sessions_and_the_job_queue():
    result = settings_in_a_new_process(
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, settings.CELERY_BROKER_URL,"
        " settings.CELERY_TASK_ALWAYS_EAGER)",
        REDIS_URL="redis://cache.example:6379/0",
    )
    assert result.stdout.split() == [
        "django_redis.cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "redis://cache.example:6379/0",
        "False",
    ]


def test_without_redis_everything_stays_in_the_process():
    result = settings_in_a_new_process(
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, settings.CELERY_TASK_ALWAYS_EAGER)"
    )
    assert result.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
        "True",
    ]
