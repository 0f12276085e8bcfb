"""Other publishers' reviews at the desk and beside our verdicts: the admin, the API, the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from claims.exchange.importer import import_claimreview
from claims.exchange.matching import confirm_match
from claims.models import Claim
from claims.models.external import ExternalReview, MatchStatus

pytestmark = pytest.mark.django_db

MATCHING_URL = "https://exemple-verif.fr/2022/11/soldats-paix-karabakh"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def confirmed(data, seed, editor) -> ExternalReview:
    import_claimreview([data / "matching_review.json"])
    return confirm_match(review=ExternalReview.objects.get(url=MATCHING_URL), user=editor)


def test_the_desk_imports_a_json_body_through_the_api(data, scale, fact_checker):
    body = (data / "reviews_list.json").read_text()
    response = client_for(fact_checker).post("/api/v1/external-reviews/import", body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["created"] == ExternalReview.objects.count() > 0


def test_the_desk_imports_an_uploaded_page_and_hears_which_block_was_broken(data, scale, fact_checker):
    upload = SimpleUploadedFile("semaine-12.html", (data / "page_nested.html").read_bytes(), "text/html")
    response = client_for(fact_checker).post("/api/v1/external-reviews/import", {"file": upload}, format="multipart")
    assert response.status_code == 200
    body = response.json()
    assert body["created"] == 4 and body["skipped"][0].startswith("block 2 of semaine-12.html")


def test_a_document_with_nothing_readable_is_a_400(scale, fact_checker):
    response = client_for(fact_checker).post(
        "/api/v1/external-reviews/import", "{not json", content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["failed"]


def test_the_public_may_neither_import_nor_list_external_reviews(data, scale):
    anonymous = APIClient()
    assert anonymous.get("/api/v1/external-reviews").status_code in (401, 403)
    response = anonymous.post("/api/v1/external-reviews/import", "{}", content_type="application/json")
    assert response.status_code in (401, 403)
    assert ExternalReview.objects.count() == 0


def test_the_desk_lists_external_reviews_with_their_match(confirmed, fact_checker):
    rows = client_for(fact_checker).get("/api/v1/external-reviews").json()["results"]
    assert [(row["url"], row["match_status"]) for row in rows] == [(MATCHING_URL, "confirmed")]


def test_the_api_claim_detail_shows_a_confirmed_review_of_another_publisher(confirmed):
    api = APIClient()
    detail = api.get(f"/api/v1/claims/{confirmed.claim_id}").json()
    assert detail["also_checked_by"] == [
        {
            "publisher": "Exemple Vérif",
            "publisher_site": confirmed.publisher_site,
            "textual_rating": "Vrai",
            "rating": confirmed.rating.slug if confirmed.rating else None,
            "url": MATCHING_URL,
            "review_date": "2022-11-02",
            "language": confirmed.language,
        }
    ]


def test_a_proposed_match_is_not_shown_beside_our_verdict(data, seed):
    api = APIClient()
    import_claimreview([data / "matching_review.json"])
    review = ExternalReview.objects.get(url=MATCHING_URL)
    assert review.match_status == MatchStatus.PROPOSED
    assert api.get(f"/api/v1/claims/{review.claim_id}").json()["also_checked_by"] == []


def test_the_verdict_page_says_who_else_checked_the_claim_with_a_link(client, confirmed, english):
    response = client.get(confirmed.claim.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Also checked by Exemple Vérif:" in page
    assert f'href="{MATCHING_URL}"' in page


def test_the_confirmed_reviews_of_a_verdict_page_load_in_one_query(confirmed):
    with CaptureQueriesContext(connection) as queries:
        claim = Claim.objects.published().verdict_page().get(pk=confirmed.claim_id)
    with CaptureQueriesContext(connection) as after:
        assert [review.publisher_name for review in claim.confirmed_external_reviews] == ["Exemple Vérif"]
    assert len(after) == 0
    assert sum(query["sql"].startswith('SELECT "claims_externalreview"') for query in queries) == 1


def test_the_admin_lists_external_reviews_with_their_match(admin_client, confirmed):
    page = admin_client.get("/admin/claims/externalreview/").content.decode()
    assert "Exemple Vérif" in page and "confirmed" in page.lower()


def test_an_editor_confirms_a_proposed_match_from_the_admin_list(admin_client, data, seed):
    import_claimreview([data / "matching_review.json"])
    review = ExternalReview.objects.get(url=MATCHING_URL)
    admin_client.post(
        "/admin/claims/externalreview/",
        {"action": "confirm_matches", "_selected_action": [review.pk]},
    )
    review.refresh_from_db()
    assert review.match_status == MatchStatus.CONFIRMED


def test_an_editor_rejects_a_proposed_match_from_the_admin_list(admin_client, data, seed):
    import_claimreview([data / "matching_review.json"])
    review = ExternalReview.objects.get(url=MATCHING_URL)
    admin_client.post(
        "/admin/claims/externalreview/",
        {"action": "reject_matches", "_selected_action": [review.pk]},
    )
    review.refresh_from_db()
    assert review.match_status == MatchStatus.REJECTED


def test_an_uploaded_file_in_the_admin_imports_its_reviews(admin_client, data, scale):
    upload = SimpleUploadedFile("feed.json", (data / "datafeed.json").read_bytes(), "application/json")
    response = admin_client.post("/admin/claims/externalreview/import/", {"document": upload})
    assert response.status_code == 302
    assert ExternalReview.objects.count() > 0
