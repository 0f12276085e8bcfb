"""Reads on a real streaming replica: who reads where, read-your-writes, a lagging or stopped replica.

To tell the servers apart, the replica is paused (``pg_wal_replay_pause``) and a claim is changed
through the API: whoever sees the old text read the replica, whoever sees the new one read the primary.
"""

from __future__ import annotations

import re
import uuid
from types import SimpleNamespace

import pytest
import requests

from .harness import AppServer, base_env, data_sh, start_app_server

pytestmark = [pytest.mark.postgresql, pytest.mark.cluster]


def _server(name, port, data_tier, **settings):
    server = start_app_server(name, port, base_env(data_tier, **settings))
    yield server
    server.process.stop()


@pytest.fixture(scope="module")
def tolerant(data_tier, desk):
    """Reads a replica however far behind it is, and measures it on every request."""
    yield from _server(
        "app-tolerant",
        8111,
        data_tier,
        REPLICA_MAX_LAG_SECONDS="3600",
        REPLICA_CHECK_SECONDS="0",
        READ_YOUR_WRITES_SECONDS="300",
    )


@pytest.fixture(scope="module")
def strict(data_tier, desk):
    """Skips a replica that is behind at all."""
    yield from _server("app-strict", 8112, data_tier, REPLICA_MAX_LAG_SECONDS="0", REPLICA_CHECK_SECONDS="0")


@pytest.fixture(scope="module")
def trusting(data_tier, desk):
    """Measures the replica once and trusts that for an hour: a stopped replica surprises it mid-request."""
    yield from _server("app-trusting", 8113, data_tier, REPLICA_MAX_LAG_SECONDS="3600", REPLICA_CHECK_SECONDS="3600")


def token_header(desk) -> dict[str, str]:
    return {"Authorization": f"Token {desk['token']}"}


def first_claim_id(server: AppServer) -> int:
    return server.get("/api/v1/claims?page_size=1&ordering=id").json()["results"][0]["id"]


@pytest.fixture
def paused_write(data_tier, desk, tolerant):
    """A claim changed through the API while the replica replays nothing; replay resumes afterwards."""
    claim_id = first_claim_id(tolerant)
    writer = requests.Session()
    etag = tolerant.get(f"/api/v1/claims/{claim_id}", writer, headers=token_header(desk)).headers["ETag"]
    sql = "SELECT restatement_en FROM claims_claim WHERE id = %s"
    before = data_tier.primary(sql, (claim_id,))[0][0]
    # The previous test's write may still be on its way to the replica: pause only once it has arrived.
    data_tier.wait_for_replica(sql, (claim_id,), expect=[(before,)])
    data_sh("pause-replay")
    try:
        marker = f"Changed while the replica waits {uuid.uuid4().hex[:8]}"
        response = writer.patch(
            f"{tolerant.url}/api/v1/claims/{claim_id}",
            json={"restatement_en": marker, "change_note": "Reformulation de la version anglaise."},
            headers={**token_header(desk), "If-Match": etag},
            timeout=15,
        )
        assert response.status_code == 200, response.text
        yield SimpleNamespace(claim_id=claim_id, marker=marker, before=before, writer=writer)
    finally:
        data_sh("resume-replay")


def restatement_en(server: AppServer, claim_id: int, session=None, **kwargs) -> str:
    response = server.get(f"/api/v1/claims/{claim_id}", session, **kwargs)
    assert response.status_code == 200, response.text
    return response.json()["restatement_en"]


def test_writes_go_to_the_primary_and_reach_the_replica_once_it_replays(data_tier, paused_write):
    sql = "SELECT restatement_en FROM claims_claim WHERE id = %s"
    assert data_tier.primary(sql, (paused_write.claim_id,)) == [(paused_write.marker,)]
    assert data_tier.replica(sql, (paused_write.claim_id,)) == [(paused_write.before,)]
    data_sh("resume-replay")
    data_tier.wait_for_replica(sql, (paused_write.claim_id,), expect=[(paused_write.marker,)])


def test_anonymous_reads_come_from_the_replica(tolerant, paused_write):
    assert restatement_en(tolerant, paused_write.claim_id) == paused_write.before


def test_the_desk_reads_from_the_primary_with_a_token(tolerant, desk, paused_write):
    assert restatement_en(tolerant, paused_write.claim_id, headers=token_header(desk)) == paused_write.marker


def test_the_desk_reads_from_the_primary_in_the_admin(tolerant, desk, paused_write):
    editor = requests.Session()
    login = tolerant.get("/admin/login/", editor)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    response = editor.post(
        f"{tolerant.url}/admin/login/?next=/admin/",
        data={"username": desk["username"], "password": desk["password"], "csrfmiddlewaretoken": csrf},
        timeout=15,
    )
    assert response.status_code == 200 and "/admin/logout/" in response.text
    page = tolerant.get(f"/admin/claims/claim/{paused_write.claim_id}/change/", editor)
    assert page.status_code == 200
    assert paused_write.marker in page.text


def test_the_writer_reads_their_own_write_without_a_token(tolerant, paused_write):
    # The same browser (its cookies), no Authorization header: anonymous, but it wrote a moment ago.
    assert restatement_en(tolerant, paused_write.claim_id, paused_write.writer) == paused_write.marker
    assert restatement_en(tolerant, paused_write.claim_id, requests.Session()) == paused_write.before


def test_a_replica_lagging_beyond_the_limit_is_skipped(tolerant, strict, paused_write):
    assert restatement_en(strict, paused_write.claim_id) == paused_write.marker
    lagging = strict.health()["replicas"]["replica1"]
    assert lagging["ok"] is True
    assert lagging["lag_seconds"] > 0
    assert lagging["in_use"] is False
    assert tolerant.health()["replicas"]["replica1"]["in_use"] is True


def test_health_reports_the_replica_lag_and_the_shared_services(tolerant):
    response = tolerant.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == {"ok": True, "vendor": "postgresql", "ms": body["database"]["ms"]}
    assert body["replicas"]["replica1"]["ok"] is True
    assert body["cache"] == {"ok": True, "backend": "RedisCache"}
    assert body["broker"] == {"ok": True, "mode": "broker"}


PAGES = ["/", "/en/", "/claims/", "/api/v1/claims?page_size=5", "/api/v1/ratings"]


def test_a_stopped_replica_falls_back_to_the_primary_without_an_error(data_tier, tolerant, trusting):
    claim_id = first_claim_id(trusting)
    assert trusting.health()["replicas"]["replica1"]["in_use"] is True  # measured once, trusted for an hour
    expected = data_tier.primary("SELECT restatement_en FROM claims_claim WHERE id = %s", (claim_id,))[0][0]
    data_sh("stop-replica")
    try:
        for server in (trusting, tolerant):
            # The first read meets the dead connection mid-request; it is answered from the primary.
            assert restatement_en(server, claim_id) == expected
            for path in PAGES:
                assert server.get(path).status_code == 200, path
        health = trusting.get("/healthz")
        assert health.status_code == 200
        assert health.json()["replicas"]["replica1"]["in_use"] is False
    finally:
        result = data_sh("start-replica")
        assert result.returncode == 0, result.stderr
