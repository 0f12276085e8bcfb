"""Our own DataFeed read back by our importer gives our reviews again, in French and in English."""

import json

import pytest
from django.test import override_settings

from claims.claimreview import claim_review, data_feed
from claims.exchange.importer import import_claimreview
from claims.exchange.roundtrip import expected_record, round_trip_differences
from claims.models import Claim
from claims.models.external import ExternalReview

pytestmark = pytest.mark.django_db

BASE_URL = "https://verif.example.org"


def feed(claims, language):
    reviews = [claim_review(claim, BASE_URL, language) for claim in claims]
    return data_feed(reviews, url=f"{BASE_URL}/api/v1/claimreview/feed", date_modified=None)


@pytest.mark.parametrize("language", ["fr", "en"])
@override_settings(SITE_NAME="Les Vérificateurs", SITE_URL=BASE_URL)
def test_the_datafeed_reads_back_into_the_reviews_it_was_made_of(seed, language):
    claims = list(Claim.objects.published().list_rows())
    assert len(claims) == 22
    assert round_trip_differences(feed(claims, language), claims, base_url=BASE_URL, language=language) == []


@override_settings(SITE_NAME="Les Vérificateurs", SITE_URL=BASE_URL)
def test_the_helper_names_what_a_feed_got_wrong(seed):
    claims = list(Claim.objects.published().list_rows())
    document = feed(claims, "fr")
    first = document["dataFeedElement"][0]["item"][0]
    first["reviewRating"]["alternateName"] = "Plutôt vrai"
    del document["dataFeedElement"][1]
    differences = round_trip_differences(document, claims, base_url=BASE_URL)
    assert any(d.startswith(f"{first['url']}: textual_rating is 'Plutôt vrai'") for d in differences)
    assert any(d.endswith(": missing from the feed") for d in differences)


@override_settings(SITE_NAME="Les Vérificateurs", SITE_URL=BASE_URL)
def test_imported_into_the_database_the_feed_gives_one_row_per_verdict_with_its_rating(seed, tmp_path):
    claims = list(Claim.objects.published().list_rows())
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed(claims, "fr")))

    report = import_claimreview([path], propose=False)

    assert report.created == 22 and report.skipped == []
    for claim in claims:
        expected = expected_record(claim, base_url=BASE_URL)
        row = ExternalReview.objects.get(url=expected.url)
        stored = {
            "publisher_name": row.publisher_name,
            "rating_slug": row.rating.slug,
            "claim_text": row.claim_text,
            "claimant": row.claimant_name,
            "claim_date": row.claim_date,
            "review_date": row.review_date,
            "appearances": row.appearances,
        }
        assert stored == {name: getattr(expected, name) for name in stored}
        assert row.rating == claim.current_verdict.rating and row.match_status == ""
