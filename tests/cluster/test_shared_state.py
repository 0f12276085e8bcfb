"""Two app processes share one Redis: a login made on one is known to the other, and so are the
API's throttle counters, so a load balancer may send any request to any server."""

from __future__ import annotations

import re

import pytest
import redis
import requests

from .harness import REDIS_PORT, REDIS_SECOND_CACHE_DB, base_env, start_app_server

pytestmark = [pytest.mark.postgresql, pytest.mark.cluster]

THROTTLE_RATE = 3  # anonymous API requests per minute and client, across both servers


@pytest.fixture(scope="module")
def pair(data_tier, desk):
    redis.Redis(port=REDIS_PORT, db=REDIS_SECOND_CACHE_DB).flushdb()
    env = base_env(
        data_tier,
        DATABASE_REPLICA_URLS="",
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/{REDIS_SECOND_CACHE_DB}",
        API_ANON_THROTTLE_RATE=f"{THROTTLE_RATE}/minute",
    )
    servers = [start_app_server("app-one", 8114, env), start_app_server("app-two", 8115, env)]
    yield servers
    for server in servers:
        server.process.stop()


def log_in(server, desk) -> requests.Session:
    browser = requests.Session()
    page = server.get("/admin/login/", browser)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = browser.post(
        f"{server.url}/admin/login/?next=/admin/",
        data={"username": desk["username"], "password": desk["password"], "csrfmiddlewaretoken": csrf},
        timeout=15,
    )
    assert response.status_code == 200 and "/admin/logout/" in response.text
    return browser


def signed_in(server, browser) -> bool:
    response = server.get("/admin/", browser, allow_redirects=False)
    assert response.status_code in {200, 302}
    return response.status_code == 200


def test_a_login_on_one_server_is_known_to_the_other(pair, desk):
    one, two = pair
    browser = log_in(one, desk)
    assert signed_in(two, browser)


def test_the_session_is_read_from_the_shared_cache(pair, desk, data_tier):
    one, two = pair
    browser = log_in(one, desk)
    # Without its database row, only Redis can tell the second server who this is.
    key = browser.cookies["sessionid"]
    data_tier.primary("DELETE FROM django_session WHERE session_key = %s", (key,))
    assert signed_in(two, browser)


def test_logging_out_on_one_server_signs_out_on_the_other(pair, desk):
    one, two = pair
    browser = log_in(one, desk)
    csrf = browser.cookies["csrftoken"]
    response = browser.post(f"{two.url}/admin/logout/", data={"csrfmiddlewaretoken": csrf}, timeout=15)
    assert response.status_code == 200
    assert not signed_in(one, browser)


def test_the_throttle_counts_requests_on_both_servers(pair):
    one, two = pair
    statuses = [server.get("/api/v1/ratings").status_code for server in (one, two, one)]
    assert statuses == [200] * THROTTLE_RATE
    refused = two.get("/api/v1/ratings")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert one.get("/api/v1/ratings").status_code == 429
