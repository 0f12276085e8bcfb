import datetime as dt
import json

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from claims.api.google import encode_page_token
from claims.models import Claim, Verdict

from ..helpers import PEACEKEEPERS, VERSION_QUERY, get_counting_queries, refresh_claims, shared_file

pytestmark = pytest.mark.django_db

URL = "/api/v1alpha1/claims:search"
SITE_QUERIES = 2 + VERSION_QUERY
QUERY_QUERIES = 2 + VERSION_QUERY


def shape(value):
    """Keys and value types of a JSON value, recursively (lists by their first element)."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


def test_answers_have_the_keys_and_types_of_googles_real_response(api, seed):
    real = json.loads(shared_file("data/claimreview/pages/google_fact_check_raw.json").read_text(encoding="utf-8"))
    ours = api.get(URL, {"query": "soldats", "pageSize": 1}).json()
    assert set(ours) == {"claims", "nextPageToken"} and isinstance(ours["nextPageToken"], str)
    expected, got = shape(real), shape(ours["claims"][0])
    # Google's sample names its publisher by site only; SPEC §5 (and Google's reference) add the name.
    assert set(got["claimReview"][0]["publisher"]) == set(expected["claimReview"][0]["publisher"]) | {"name"}
    got["claimReview"][0]["publisher"].pop("name")
    assert got == expected


def test_dates_are_rfc3339_in_utc(api, seed):
    claim = api.get(URL, {"query": "soldats"}).json()["claims"][0]
    assert claim["claimDate"] == "2022-10-31T00:00:00Z"
    assert claim["claimReview"][0]["reviewDate"] == "2026-11-29T09:00:00Z"


@override_settings(SITE_URL="https://www.verif.example.org", SITE_NAME="Vérif")
def test_the_publisher_site_is_the_host_without_www(api, seed):
    review = api.get(URL, {"query": "soldats"}).json()["claims"][0]["claimReview"][0]
    assert review["publisher"] == {"name": "Vérif", "site": "verif.example.org"}
    assert review["url"].startswith("https://www.verif.example.org/claims/")
    assert api.get(URL, {"reviewPublisherSiteFilter": "verif.example.org"}).json()["claims"]
    assert api.get(URL, {"reviewPublisherSiteFilter": "other.example.org"}).json() == {}


def test_page_tokens_walk_every_result_once(api, seed):
    expected = Claim.objects.published().search("Poutine").count()
    assert expected > 3
    seen: list[str] = []
    params = {"query": "Poutine", "pageSize": 2}
    while True:
        body = api.get(URL, params).json()
        seen += [claim["claimReview"][0]["url"] for claim in body["claims"]]
        if "nextPageToken" not in body:
            break
        params["pageToken"] = body["nextPageToken"]
    assert len(seen) == len(set(seen)) == expected


def test_without_a_query_the_site_filter_lists_every_review(api, seed):
    seen = []
    params = {"reviewPublisherSiteFilter": "127.0.0.1", "pageSize": 7}
    while True:
        body = api.get(URL, params).json()
        seen += [claim["claimReview"][0]["url"] for claim in body["claims"]]
        if "nextPageToken" not in body:
            break
        params["pageToken"] = body["nextPageToken"]
    assert len(seen) == len(set(seen)) == 22


def test_offset_skips_results(api, seed):
    first = api.get(URL, {"query": "Poutine", "pageSize": 2}).json()["claims"]
    second = api.get(URL, {"query": "Poutine", "pageSize": 1, "offset": 1}).json()["claims"]
    assert second == first[1:2]


@pytest.mark.parametrize("size", [1, 50])
def test_listing_by_site_runs_a_fixed_number_of_queries_for_1_review_and_for_22(
    api, seed, django_assert_num_queries, size
):
    params = {"reviewPublisherSiteFilter": "127.0.0.1", "pageSize": size}
    response = get_counting_queries(api, URL, django_assert_num_queries, SITE_QUERIES, **params)
    assert len(response.json()["claims"]) == min(size, 22)


def test_language_code_picks_the_review_language(api, seed):
    english = api.get(URL, {"query": "soldats", "languageCode": "en-US"}).json()["claims"][0]["claimReview"][0]
    assert english["languageCode"] == "en" and english["textualRating"] == "Mostly true"
    assert "/en/claims/" in english["url"]
    assert api.get(URL, {"query": "soldats", "languageCode": "ru"}).json() == {}


def test_max_age_days_keeps_only_claims_reviewed_within_that_many_days(api, seed):
    # The seed's claims were made in 2022; their reviews are moved here to known ages.
    Verdict.objects.update(published_at=timezone.now() - dt.timedelta(days=400))
    refresh_claims()
    assert api.get(URL, {"query": "soldats", "maxAgeDays": 365}).json() == {}
    Verdict.objects.filter(claim__slug=PEACEKEEPERS).update(published_at=timezone.now() - dt.timedelta(days=10))
    refresh_claims(Claim.objects.filter(slug=PEACEKEEPERS))
    recent = api.get(URL, {"query": "soldats", "maxAgeDays": 30}).json()["claims"]
    assert [claim["claimReview"][0]["url"] for claim in recent] == [
        f"{settings.SITE_URL}{Claim.objects.get(slug=PEACEKEEPERS).get_absolute_url()}"
    ]
    assert len(api.get(URL, {"query": "soldats", "maxAgeDays": 36500}).json()["claims"]) > 1


def test_no_match_is_an_empty_object_as_google_answers(api, seed):
    assert api.get(URL, {"query": "ornithorynque"}).json() == {}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "query"),
        ({"query": "x", "pageSize": 0}, "pageSize"),
        ({"query": "x", "pageSize": 101}, "pageSize"),
        ({"query": "x", "pageToken": "not-a-token!"}, "pageToken"),
        ({"query": "x", "pageToken": encode_page_token(10**9)}, "pageToken"),
        ({"query": "x", "maxAgeDays": -1}, "maxAgeDays"),
        ({"query": "x", "offset": "first"}, "offset"),
        ({"query": "x", "languageCode": "fr_FR!"}, "languageCode"),
    ],
)
def test_bad_parameters_are_400s_naming_the_parameter(api, seed, params, field):
    response = api.get(URL, params)
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(f"{field}: ")  # Google's error shape


@pytest.mark.parametrize("size", [1, 50])
def test_a_text_query_runs_a_fixed_number_of_queries_for_1_review_and_for_many(
    api, seed, django_assert_num_queries, size
):
    params = {"query": "Poutine", "pageSize": size}
    response = get_counting_queries(api, URL, django_assert_num_queries, QUERY_QUERIES, **params)
    assert len(response.json()["claims"]) == (1 if size == 1 else Claim.objects.published().search("Poutine").count())
