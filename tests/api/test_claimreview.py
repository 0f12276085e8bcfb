import datetime as dt
import json

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.claimreview import claim_review
from claims.models import Article, Claim, Claimant, ClaimStatus, Rating, Verdict

from ..helpers import DEATHS, refresh_claims

pytestmark = pytest.mark.django_db

FEED_QUERIES = 4


def test_every_seed_verdict_has_a_complete_claimreview(api, seed):
    for claim in Claim.objects.published():
        response = api.get(f"/api/v1/claims/{claim.pk}/claimreview")
        assert response.status_code == 200
        review = response.json()
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.restatement
        assert review["url"].endswith(f"/claims/{claim.slug}/")
        rating = review["reviewRating"]
        assert rating["alternateName"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["itemReviewed"]["author"]["name"] == claim.claimant.name
        assert review["itemReviewed"]["author"]["@type"] in {"Person", "Organization"}
        assert dt.datetime.fromisoformat(review["datePublished"])
        assert review["itemReviewed"]["datePublished"] == claim.claimed_on.isoformat()
        assert review["itemReviewed"]["appearance"][0]["url"].startswith("http")


@override_settings(SITE_NAME="Les Vérificateurs", SITE_URL="https://verif.example.org")
def test_the_review_author_and_url_come_from_the_site_settings(api, seed):
    claim = Claim.objects.get(slug=DEATHS)
    review = api.get(f"/api/v1/claims/{claim.pk}/claimreview").json()
    assert review["author"] == {
        "@type": "Organization",
        "name": "Les Vérificateurs",
        "url": "https://verif.example.org",
    }
    assert review["url"] == "https://verif.example.org/claims/guerre-2020-plus-de-6700-morts/"
    assert review["reviewRating"]["alternateName"] == "Vrai" and review["inLanguage"] == "fr"


def test_a_rating_without_a_number_omits_rating_value(seed):
    claim = Claim.objects.get(slug=DEATHS)
    verdict = claim.current_verdict
    verdict.rating = Rating.objects.get(slug="misleading")
    verdict.save()
    review = claim_review(Claim.objects.list_rows().get(pk=claim.pk), "https://example.org")
    assert "ratingValue" not in review["reviewRating"]
    assert review["reviewRating"]["alternateName"] == "Trompeur"


def test_the_english_review_uses_the_english_page_and_label(seed):
    claim = Claim.objects.list_rows().get(slug=DEATHS)
    review = claim_review(claim, "https://example.org", language="en")
    assert review["url"] == "https://example.org/en/claims/guerre-2020-plus-de-6700-morts/"
    assert review["claimReviewed"] == claim.restatement_en
    assert review["reviewRating"]["alternateName"] == "True" and review["inLanguage"] == "en"


def test_the_claimreview_endpoint_serves_the_english_review_on_request(api, seed):
    claim = Claim.objects.list_rows().get(slug=DEATHS)
    response = api.get(f"/api/v1/claims/{claim.pk}/claimreview", {"language": "en"})
    assert response.status_code == 200
    assert response.json() == claim_review(claim, settings.SITE_URL, language="en")
    assert response.json()["url"].endswith(f"/en{claim.get_absolute_url()}")
    assert response.json()["reviewRating"]["alternateName"] == "True"


def test_the_claimreview_endpoint_names_an_unknown_language(api, seed):
    claim = Claim.objects.published().first()
    response = api.get(f"/api/v1/claims/{claim.pk}/claimreview", {"language": "de"})
    assert response.status_code == 400
    assert "language" in response.json()


def test_a_person_claimant_is_a_person_and_a_translation_points_to_its_original(seed):
    claim = Claim.objects.list_rows().get(slug=DEATHS)
    claim.claimant = Claimant.objects.get(slug="vladimir-poutine")
    review = claim_review(claim, "https://example.org")
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Vladimir Poutine"}
    assert review["itemReviewed"]["firstAppearance"]["url"] == Article.objects.get().original_url


def test_no_review_is_built_for_a_draft_verdict(hidden):
    with pytest.raises(ValueError):
        claim_review(Claim.objects.list_rows().get(pk=hidden["unpublished_verdict_claim"].pk), "https://x.org")


def test_the_claimreview_of_a_draft_is_a_404_even_for_staff(staff_api, hidden):
    for claim in (hidden["draft_claim"], hidden["unpublished_verdict_claim"]):
        response = staff_api.get(f"/api/v1/claims/{claim.pk}/claimreview")
        assert response.status_code == 404


def test_the_feed_is_one_datafeed_of_every_published_review(api, seed):
    response = api.get("/api/v1/claimreview/feed")
    assert response.status_code == 200
    feed = json.loads(response.getvalue())
    assert feed["@context"] == "https://schema.org" and feed["@type"] == "DataFeed"
    assert not {"next", "previous", "numberOfItems"} & set(feed)
    items = []
    for element in feed["dataFeedElement"]:
        assert element["@type"] == "DataFeedItem"
        assert [review["@type"] for review in element["item"]] == ["ClaimReview"]
        items.append(element["item"][0]["url"])
    assert len(items) == len(set(items)) == 22


def test_the_feed_runs_the_same_queries_however_many_reviews_it_holds(api, seed):
    counts = []
    for keep in (22, 1):
        Claim.objects.published().exclude(pk__in=Claim.objects.published().order_by("pk").values("pk")[:keep]).update(
            status=ClaimStatus.IN_REVIEW
        )
        with CaptureQueriesContext(connection) as queries:
            response = api.get("/api/v1/claimreview/feed")
            assert len(json.loads(response.getvalue())["dataFeedElement"]) == keep
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_feed_lists_the_most_recently_published_first(api, seed):
    claim = Claim.objects.get(slug="guerre-ukraine-neuvieme-mois")
    Verdict.objects.filter(claim=claim).update(published_at=timezone.now() + dt.timedelta(hours=1))
    refresh_claims([claim])
    feed = json.loads(api.get("/api/v1/claimreview/feed").getvalue())
    assert feed["dataFeedElement"][0]["item"][0]["url"].endswith(f"/claims/{claim.slug}/")
