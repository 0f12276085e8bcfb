"""Lists without a count of the table: cursor ``next`` links, ``page=N``, a count that stops at a limit."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.api import pagination
from claims.services import transitions

from ..helpers import VERSION_QUERY, get_counting_queries

ORDERINGS = ["", "-published_at", "published_at", "claimed_on", "-checkworthiness", "checkworthiness", "-id"]


def follow(api, url: str) -> list[int]:
    ids: list[int] = []
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.json()
        body = response.json()
        ids += [row["id"] for row in body["results"]]
        url = body["next"]
    return ids


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_next_links_walk_the_whole_list_in_its_order_without_repeats(api, seed, ordering):
    whole = [row["id"] for row in api.get("/api/v1/claims", {"page_size": 100, "ordering": ordering}).json()["results"]]
    walked = follow(api, f"/api/v1/claims?page_size=3&ordering={ordering}")
    assert walked == whole and len(set(walked)) == 22


def test_next_links_carry_a_cursor_and_page_numbers_still_work(api, seed):
    first = api.get("/api/v1/claims", {"page_size": 5}).json()
    assert "cursor=" in first["next"] and "page=" not in first["next"]
    second = api.get(first["next"]).json()
    by_number = api.get("/api/v1/claims", {"page_size": 5, "page": 2}).json()
    assert [row["id"] for row in second["results"]] == [row["id"] for row in by_number["results"]]
    assert by_number["previous"].endswith("/api/v1/claims?page_size=5")
    assert api.get("/api/v1/claims", {"page_size": 5, "page": 9}).status_code == 404


def test_the_count_stops_at_its_limit(api, seed, monkeypatch):
    assert api.get("/api/v1/claims").json()["count"] == 22
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 5)
    cache.clear()  # the whole list's count, kept until the content changes
    body = api.get("/api/v1/claims", {"page_size": 2}).json()
    assert body["count"] is None and len(body["results"]) == 2
    assert len(follow(api, "/api/v1/claims?page_size=10")) == 22
    assert api.get("/api/v1/claims", {"rating": "false"}).json()["count"] <= 5


@pytest.mark.parametrize("cursor", ["nonsense", "eyJrIjpbImlkIl0sInYiOlsxXX0", "e30"])
def test_a_cursor_not_given_by_a_next_link_is_a_400(api, seed, cursor):
    response = api.get("/api/v1/claims", {"cursor": cursor})
    assert response.status_code == 400 and "cursor" in response.json()


@pytest.mark.parametrize(("filters", "queries"), [({}, 2 + VERSION_QUERY), ({"kind": "quantity"}, 3 + VERSION_QUERY)])
def test_a_page_by_cursor_runs_as_many_queries_as_the_first(api, seed, django_assert_num_queries, filters, queries):
    first = get_counting_queries(api, "/api/v1/claims", django_assert_num_queries, queries, page_size=2, **filters)
    assert first.json()["next"]
    get_counting_queries(api, first.json()["next"], django_assert_num_queries, queries)


def test_the_whole_lists_count_is_counted_once_until_the_content_changes(
    api, claim_in_review, editor, django_capture_on_commit_callbacks
):
    assert api.get("/api/v1/claims").json()["count"] == 21
    with CaptureQueriesContext(connection) as queries:
        assert api.get("/api/v1/claims", {"page_size": 3}).json()["count"] == 21
    assert not [query for query in queries if "COUNT(" in query["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        transitions.perform("publish", claim=claim_in_review, user=editor)
    assert api.get("/api/v1/claims").json()["count"] == 22
