"""What outside clients expect of the API: Google's errors and partial responses on claims:search,
CORS for reads only, JSON-LD on request, trailing slashes, the browsable API, URLs on our own host."""

import pytest
from django.test import override_settings

from claims.api.googlestyle import parse_fields, select_fields
from claims.models import Claim

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1alpha1/claims:search"
PARTNER = "https://widget.partner.example"


def test_a_search_error_has_googles_shape(api, seed):
    response = api.get(SEARCH, {"pageSize": 0, "query": "soldats"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == 400 and error["status"] == "INVALID_ARGUMENT"
    assert error["message"].startswith("pageSize: ")


def test_a_search_without_query_or_site_names_the_query_in_its_message(api, seed):
    error = api.get(SEARCH).json()["error"]
    assert error["message"].startswith("query: Required")


def test_a_post_on_the_search_is_a_405_in_googles_shape(api, seed):
    response = api.post(SEARCH, {})
    assert response.status_code == 405
    assert response.json()["error"]["code"] == 405


def test_fields_keeps_only_the_selected_parts_of_the_answer(api, seed):
    body = api.get(SEARCH, {"query": "Poutine", "pageSize": 2, "fields": "claims(text,claimReview/url)"}).json()
    assert set(body) == {"claims"}
    assert all(set(claim) == {"text", "claimReview"} for claim in body["claims"])
    assert all(set(review) == {"url"} for claim in body["claims"] for review in claim["claimReview"])


def test_a_malformed_fields_selection_is_a_400_in_googles_shape(api, seed):
    error = api.get(SEARCH, {"query": "Poutine", "fields": "claims(text"}).json()["error"]
    assert error["code"] == 400 and error["message"].startswith("fields: ")


def test_the_fields_syntax_reads_paths_and_groups():
    assert parse_fields("claims(text,claimReview/url),nextPageToken") == {
        "claims": {"text": None, "claimReview": {"url": None}},
        "nextPageToken": None,
    }
    assert select_fields({"a": [{"b": 1, "c": 2}], "d": 3}, {"a": {"b": None}}) == {"a": [{"b": 1}]}


def test_the_search_is_also_served_at_the_site_root(api, seed):
    response = api.get("/v1alpha1/claims:search", {"query": "soldats"})
    assert response.status_code == 200 and response.json()["claims"]


def test_an_anonymous_read_from_another_site_is_allowed_by_cors(api, seed):
    response = api.get("/api/v1/claims", HTTP_ORIGIN=PARTNER)
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_root_search_is_open_to_other_sites_too(api, seed):
    response = api.get("/v1alpha1/claims:search", {"query": "soldats"}, HTTP_ORIGIN=PARTNER)
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_for_a_write_does_not_allow_writing(api, seed):
    response = api.options("/api/v1/claims", HTTP_ORIGIN=PARTNER, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    allowed = {method.strip() for method in response.get("Access-Control-Allow-Methods", "").split(",")}
    assert "POST" not in allowed and allowed <= {"GET", "HEAD", "OPTIONS", ""}


def test_a_write_from_another_site_gets_no_cors_header(api, seed):
    response = api.post("/api/v1/claims", {}, HTTP_ORIGIN=PARTNER)
    assert "Access-Control-Allow-Origin" not in response


def test_the_admin_gets_no_cors_header(client, db):
    response = client.get("/admin/login/", HTTP_ORIGIN=PARTNER)
    assert "Access-Control-Allow-Origin" not in response


def test_a_json_ld_client_gets_the_claimreview_as_json_ld(api, seed):
    claim = Claim.objects.published().first()
    response = api.get(f"/api/v1/claims/{claim.pk}/claimreview", HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert response.json()["@type"] == "ClaimReview"


def test_a_json_ld_client_gets_the_search_as_json_ld(api, seed):
    response = api.get(SEARCH, {"query": "soldats"}, HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/ld+json")


def test_a_list_url_with_a_trailing_slash_answers(api, seed):
    assert api.get("/api/v1/claims/").status_code == 200


def test_a_detail_url_with_a_trailing_slash_answers(api, seed):
    claim = Claim.objects.published().first()
    assert api.get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 200


def test_a_browser_gets_the_browsable_api(api, seed):
    response = api.get("/api/v1/claims", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_a_client_without_accept_keeps_getting_json(api, seed):
    response = api.get("/api/v1/claims", HTTP_ACCEPT="*/*")
    assert response["Content-Type"] == "application/json"


@override_settings(SITE_URL_FROM_REQUEST=True, ALLOWED_HOSTS=["127.0.0.1"])
def test_in_development_every_review_url_points_at_the_requests_own_port(api, seed):
    claim = Claim.objects.published().first()
    host = {"SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8840", "HTTP_HOST": "127.0.0.1:8840"}
    review = api.get(f"/api/v1/claims/{claim.pk}/claimreview", **host).json()
    assert review["url"].startswith("http://127.0.0.1:8840/")
    assert review["author"]["url"] == "http://127.0.0.1:8840"
    assert review["itemReviewed"]["appearance"][0]["url"].startswith("http://127.0.0.1:8840/")


@override_settings(SITE_URL_FROM_REQUEST=True, ALLOWED_HOSTS=["127.0.0.1"])
def test_in_development_search_and_feed_urls_point_at_the_requests_own_port(api, seed):
    host = {"HTTP_HOST": "127.0.0.1:8840"}
    search = api.get(SEARCH, {"query": "soldats"}, **host).json()
    assert search["claims"][0]["claimReview"][0]["url"].startswith("http://127.0.0.1:8840/")
    feed = api.get("/api/v1/claimreview/feed", **host).getvalue().decode()
    assert "127.0.0.1:8000" not in feed and "http://127.0.0.1:8840/" in feed


@override_settings(SITE_URL="https://verif.example.org", SITE_URL_FROM_REQUEST=False)
def test_a_configured_site_url_wins_over_the_request(api, seed):
    claim = Claim.objects.published().first()
    review = api.get(f"/api/v1/claims/{claim.pk}/claimreview").json()
    assert review["url"].startswith("https://verif.example.org/")


def test_the_openapi_schema_describes_the_appearances_completely(api, db):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    review = schema["paths"]["/api/v1/claims/{id}/claimreview"]["get"]["responses"]["200"]["content"]
    item = review["application/json"]["schema"]["properties"]["itemReviewed"]["properties"]
    assert {"datePublished", "publisher"} <= set(item["appearance"]["items"]["properties"])
    assert "inLanguage" in item["firstAppearance"]["properties"]
