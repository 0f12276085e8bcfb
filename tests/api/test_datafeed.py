"""The DataFeed export: one complete, streamed schema.org document that our importer reads back."""

import json

import pytest
from django.http import StreamingHttpResponse
from django.test import override_settings

from claims.exchange.importer import import_claimreview
from claims.exchange.roundtrip import round_trip_differences
from claims.models import Claim
from claims.models.external import ExternalReview

pytestmark = pytest.mark.django_db

URL = "/api/v1/claimreview/feed"
BASE_URL = "https://verif.example.org"


def read(response) -> dict:
    assert response.status_code == 200
    return json.loads(response.getvalue())


def test_the_feed_is_streamed_rather_than_built_in_memory(api, seed):
    assert isinstance(api.get(URL), StreamingHttpResponse)


def test_each_element_has_the_url_and_dates_of_its_review(api, seed):
    for element in read(api.get(URL))["dataFeedElement"]:
        review = element["item"][0]
        assert element["url"] == review["url"]
        assert element["dateCreated"] == review["datePublished"]
        assert element["dateModified"] == review["dateModified"]


def test_the_feed_holds_every_published_review(api, seed):
    urls = {element["url"] for element in read(api.get(URL))["dataFeedElement"]}
    assert len(urls) == Claim.objects.published().count() == 22


def test_the_language_parameter_gives_the_english_reviews(api, seed):
    feed = read(api.get(URL, {"language": "en"}))
    assert {element["item"][0]["inLanguage"] for element in feed["dataFeedElement"]} == {"en"}
    assert all("/en/" in element["url"] for element in feed["dataFeedElement"])


def test_an_unknown_language_is_a_400_naming_the_parameter(api, seed):
    response = api.get(URL, {"language": "de"})
    assert response.status_code == 400 and "language" in response.json()


def test_the_feed_is_served_as_json_ld_to_a_client_asking_for_it(api, seed):
    response = api.get(URL, HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"].startswith("application/ld+json")
    assert read(response)["@type"] == "DataFeed"


@pytest.mark.parametrize("language", ["fr", "en"])
@override_settings(SITE_NAME="Les Vérificateurs", SITE_URL=BASE_URL)
def test_the_exported_feed_reads_back_as_the_same_reviews(api, seed, language):
    feed = read(api.get(URL, {"language": language}))
    claims = list(Claim.objects.published().list_rows())
    assert round_trip_differences(feed, claims, base_url=BASE_URL, language=language) == []


@override_settings(SITE_NAME="Les Vérificateurs", SITE_URL=BASE_URL)
def test_the_exported_feed_imported_with_no_external_review_yet_gives_the_same_reviews(api, seed, tmp_path):
    claims = list(Claim.objects.published().list_rows())
    path = tmp_path / "feed.json"
    path.write_bytes(api.get(URL).getvalue())
    expected = {(c.current_verdict.rating.slug, c.restatement, c.claimant.name) for c in claims}
    assert ExternalReview.objects.count() == 0

    report = import_claimreview([path], propose=False)

    assert report.created == 22 and report.skipped == []
    stored = {(row.rating.slug, row.claim_text, row.claimant_name) for row in ExternalReview.objects.all()}
    assert stored == expected
