import re

import pytest

pytestmark = pytest.mark.django_db


def test_an_unknown_api_url_is_a_json_404(api, db):
    for url in ("/api/v1/nothing", "/api/v2/claims", "/api/v1/claims//"):
        response = api.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]


def test_a_wrong_method_is_a_json_405(staff_api, seed):
    for response in (staff_api.delete("/api/v1/ratings/true"), staff_api.put("/api/v1/claims/csv", {})):
        assert response.status_code == 405
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]


def test_an_anonymous_write_is_a_json_401(api, seed):
    response = api.post("/api/v1/claims", {})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"]


def test_anonymous_clients_are_throttled_with_retry_after(api, seed, settings):
    settings.API_ANON_THROTTLE_RATE = "3/minute"
    statuses = [api.get("/api/v1/ratings").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/v1/ratings")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"]


def test_staff_are_not_throttled(staff_api, seed, settings):
    settings.API_ANON_THROTTLE_RATE = "1/minute"
    assert [staff_api.get("/api/v1/ratings").status_code for _ in range(3)] == [200, 200, 200]


def test_the_openapi_schema_is_served(api, db):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/claims" in schema["paths"]
    assert "/api/v1alpha1/claims:search" in schema["paths"]
    assert "/api/v1/claims/{id}/claimreview" in schema["paths"]


def test_the_docs_page_loads_nothing_from_another_host(api, db):
    response = api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, "the docs page should load its scripts and styles"
    for asset in assets:
        assert asset.startswith("/"), asset
        assert not asset.startswith("//"), asset
    assert "cdn" not in html.lower()
    assert "swagger-ui-bundle.js" in html


def test_a_session_write_without_csrf_token_is_a_json_403(staff_user, seed):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(staff_user)
    response = client.post("/api/v1/sources", {"url": "https://example.org/x"}, format="json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"


def test_a_blank_url_is_null_in_json(api, seed):
    article = api.get("/api/v1/articles").json()["results"][0]
    assert article["url"] is None  # the seed article is a translation with no URL of its own
    assert article["original_url"].startswith("https://")


def test_a_server_error_under_api_is_json_and_elsewhere_is_the_html_page(rf):
    from claims.api.exceptions import server_error

    response = server_error(rf.get("/api/v1/claims"))
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert server_error(rf.get("/claims/x/")).status_code == 500
    assert server_error(rf.get("/claims/x/"))["Content-Type"].startswith("text/html")


def test_the_api_answers_in_english_by_default_and_in_french_on_request(db):
    from rest_framework.test import APIClient

    client = APIClient()
    english = client.get("/api/v1/claims?page_size=1000").json()
    french = client.get("/api/v1/claims?page_size=1000", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert english["page_size"] == ["Must be between 1 and 100."]
    assert french["page_size"] != english["page_size"]


def test_the_served_schema_is_in_one_language(db):
    from rest_framework.test import APIClient

    schema = APIClient().get("/api/schema/?format=json", HTTP_ACCEPT="application/json").content.decode()
    assert "LanguageEnum" in schema
    assert "Langue" not in schema  # no French label, so no French enum or class names
