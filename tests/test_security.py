"""What an attacker or a careless client tries: password guessing, injected images and formulas,
inputs that used to crash the server, a database that goes away, and the names shown to readers."""

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from claims.api.exceptions import exception_handler
from claims.models import Claim, ClaimStatus, Evidence, Rating, Verdict

from .helpers import PEACEKEEPERS, token_client

ROOT = Path(__file__).resolve().parent.parent
HISTORIED = ["claim", "source", "quantity", "evidence", "verdict", "updatenote", "correction"]


def _page(claim: Claim, client=None) -> str:
    response = (client or Client()).get(claim.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# --- Login throttling ---------------------------------------------------------------------------


def _log_in(client: Client, password: str, username: str = "edith.editor", **extra):
    return client.post(reverse("admin:login"), {"username": username, "password": password}, **extra)


def test_twenty_wrong_passwords_lock_the_account_out_from_that_client_even_with_the_right_one(editor, settings):
    assert settings.AXES_FAILURE_LIMIT == 20
    client = Client()
    for _attempt in range(19):
        assert _log_in(client, "wrong guess").status_code == 200  # the form again, with its error
    assert _log_in(client, "wrong guess").status_code == 429  # the 20th: locked out

    refused = _log_in(client, "correct horse battery")
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302  # still sent to the login page


def test_the_lock_holds_that_client_only(editor):
    for _attempt in range(20):
        _log_in(Client(), "wrong guess", REMOTE_ADDR="203.0.113.7")
    elsewhere = _log_in(Client(), "correct horse battery", REMOTE_ADDR="198.51.100.2")
    assert elsewhere.status_code == 302


def test_a_right_password_before_the_limit_logs_in_and_clears_the_count(editor):
    client = Client()
    for _attempt in range(19):
        _log_in(client, "wrong guess")
    assert _log_in(client, "correct horse battery").status_code == 302
    client.logout()
    for _attempt in range(19):
        _log_in(client, "wrong guess")
    assert _log_in(client, "correct horse battery").status_code == 302


# --- Content-Security-Policy ----------------------------------------------------------------------


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_every_kind_of_response_carries_the_policy(seed, superuser):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    admin = Client()
    admin.force_login(superuser)
    for client, url in [
        (Client(), "/"),
        (Client(), claim.get_absolute_url()),
        (Client(), "/en/"),
        (Client(), "/page-that-does-not-exist/"),
        (Client(), "/api/v1/claims"),
        (Client(), "/api/docs/"),
        (admin, "/admin/claims/claim/"),
    ]:
        policy = _policy(client.get(url))
        assert policy["default-src"] == ["'self'"], url
        assert policy["img-src"] == ["'self'", "data:"], url
        assert policy["style-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in policy["script-src"], url
        assert policy["frame-ancestors"] == ["'none'"], url


def test_the_verdict_page_has_no_inline_script_or_style_and_its_json_ld_carries_the_nonce(seed):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    response = Client().get(claim.get_absolute_url())
    html = response.content.decode()
    nonce = next(v for v in _policy(response)["script-src"] if v.startswith("'nonce-"))[len("'nonce-") : -1]
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts == [f'<script type="application/ld+json" nonce="{nonce}">']
    assert " style=" not in html and "<style" not in html


def test_rating_colours_come_from_a_stylesheet_made_from_the_ratings(seed, client):
    rating = Rating.objects.get(slug="false")
    Rating.objects.filter(pk=rating.pk).update(colour="#123456")
    response = client.get("/ratings.css")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/css")
    assert '[data-rating="false"] { --rating: #123456; }' in response.content.decode()
    assert '<link rel="stylesheet" href="/ratings.css">' in client.get("/").content.decode()


def test_explanations_keep_images_of_this_site_and_drop_third_party_ones(seed):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    Verdict.objects.filter(claim=claim).update(
        explanation_fr="Voir ![carte](/static/favicon.svg) et ![pixel](https://tracker.example/p.gif) "
        '<img src="//cdn.example/x.png" alt="x">'
    )
    html = _page(claim)
    assert '<img alt="carte" src="/static/favicon.svg">' in html
    assert "tracker.example" not in html and "cdn.example" not in html


# --- Bad input: no server error -----------------------------------------------------------------------


@pytest.fixture
def admin_client(superuser, seed):
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("model", HISTORIED)
def test_history_pages_with_an_id_that_is_not_a_number_are_not_found(admin_client, model):
    for url in [
        f"/admin/claims/{model}/abc/history/",
        f"/admin/claims/{model}/abc/history/1/",
        f"/admin/claims/{model}/1/history/abc/",
        f"/admin/claims/{model}/abc/history/abc/",
    ]:
        assert admin_client.get(url).status_code == 404, url


def test_history_pages_still_open_with_real_ids(admin_client):
    verdict = Verdict.objects.get(claim__slug=PEACEKEEPERS)
    assert admin_client.get(f"/admin/claims/verdict/{verdict.pk}/history/").status_code == 200
    version = verdict.history.first()
    url = f"/admin/claims/verdict/{verdict.pk}/history/{version.history_id}/"
    assert admin_client.get(url).status_code == 200


def test_a_nul_byte_in_admin_filters_searches_and_autocomplete_is_a_bad_request(admin_client):
    for url in [
        "/admin/claims/claim/?status=%00",
        "/admin/claims/claim/?rating=%00",
        "/admin/claims/claim/?kind=%00",
        "/admin/claims/claim/?q=%00",
        "/admin/autocomplete/?term=%00&app_label=claims&model_name=claim&field_name=claimant",
        "/admin/autocomplete/?term=x%00&app_label=claims&model_name=evidence&field_name=source",
    ]:
        assert admin_client.get(url).status_code == 400, url
    assert admin_client.get("/admin/claims/claim/?status=published").status_code == 200


def test_an_admin_action_on_ids_that_are_not_ids_is_refused_and_changes_nothing(admin_client):
    before = Claim.objects.filter(status=ClaimStatus.PUBLISHED).count()
    for selection in (["abc"], ["1", "abc"], ["\x00"]):
        response = admin_client.post(
            "/admin/claims/claim/", {"action": "unpublish", "_selected_action": selection, "index": 0}
        )
        assert response.status_code == 400, selection
    response = admin_client.post("/admin/claims/source/", {"action": "delete_selected", "_selected_action": ["x"]})
    assert response.status_code == 400
    assert Claim.objects.filter(status=ClaimStatus.PUBLISHED).count() == before


def test_deeply_nested_json_is_a_400_with_a_clear_message(seed, editor):
    api = token_client(editor)
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    for depth in (25, 5000):
        body = "[" * depth + "]" * depth
        response = api.patch(f"/api/v1/claims/{claim.pk}", body, content_type="application/json")
        assert response.status_code == 400, depth
        assert response.json() == {"detail": "JSON nested deeper than 20 levels is not accepted."}
    response = APIClient().post("/api/v1/sources", '{"a":' * 3000 + "1" + "}" * 3000, content_type="application/json")
    assert response.status_code in (400, 401, 403)


def test_a_database_refusal_reaches_the_client_without_the_database_text(seed):
    evidence = Evidence.objects.filter(claim__slug=PEACEKEEPERS).first()
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Evidence.objects.create(claim=evidence.claim, source=evidence.source, stance=evidence.stance, excerpt="x")
    response = exception_handler(refused.value, {})
    assert response.status_code == 400
    text = json.dumps(response.data)
    assert "evidence_unique" not in text and "DETAIL" not in text and "UNIQUE" not in text
    assert "claims_evidence" not in text

    claim = Claim.objects.get(slug=PEACEKEEPERS)
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(start=claim.start + 1)  # the quote trigger refuses
    with translation.override("en"):
        response = exception_handler(refused.value, {})
    assert response.status_code == 400
    assert response.data == {
        "non_field_errors": ["This change conflicts with data already stored, or breaks one of its rules."]
    }


OUTAGE = """
import django, json
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
for url, accept in [("/api/v1/claims", "application/json"), ("/", "text/html")]:
    response = client.get(url, HTTP_ACCEPT=accept)
    print(json.dumps({"url": url, "status": response.status_code, "retry_after": response.get("Retry-After"),
                      "type": response["Content-Type"], "body": response.content.decode()}))
"""


def test_a_database_outage_answers_503_with_retry_after_json_under_the_api():
    """A real outage: the app is served (DEBUG off) with its database server unreachable."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "DATABASE_REPLICA_URLS"}},
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/unreachable",  # nothing listens on port 9
        "SECRET_KEY": "outage-test-" + "k" * 40,
        "ALLOWED_HOSTS": "testserver",
        "SITE_URL": "https://claims.example.org",
        "LOG_LEVEL": "CRITICAL",
    }
    result = subprocess.run(
        [sys.executable, "-c", OUTAGE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    api, page = (json.loads(line) for line in result.stdout.strip().splitlines())
    assert api["status"] == 503 and api["retry_after"] == "5"
    assert api["type"] == "application/json"
    assert set(json.loads(api["body"])) == {"detail"}
    assert "127.0.0.1" not in api["body"] and "connection" not in api["body"].lower()
    assert page["status"] == 503 and page["retry_after"] == "5"
    assert page["type"].startswith("text/html") and "<h1>" in page["body"]


# --- Public names and CSV -------------------------------------------------------------------------------


def test_a_staff_member_without_a_full_name_is_shown_as_the_newsroom_never_by_username(seed):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    verdict = claim.current_verdict
    get_user_model().objects.filter(pk__in=[verdict.author_id, verdict.reviewer_id]).update(first_name="", last_name="")
    usernames = set(
        get_user_model()
        .objects.filter(pk__in=[verdict.author_id, verdict.reviewer_id])
        .values_list("username", flat=True)
    )

    html = _page(claim)
    assert "La rédaction" in html
    assert not any(username in html for username in usernames)
    body = APIClient().get(f"/api/v1/claims/{claim.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["verdict"]["author"] == "The editorial team"
    assert body["verdict"]["reviewer"] == "The editorial team"
    assert not any(username in json.dumps(body) for username in usernames)


def test_the_csv_export_neutralises_cells_a_spreadsheet_would_run_as_formulas(seed):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    Claim.objects.filter(pk=claim.pk).update(
        restatement='=HYPERLINK("https://evil.example","clic")', restatement_en="@SUM(A1)"
    )
    Verdict.objects.filter(claim=claim).update(summary_fr="-2+3", summary_en="+1")
    response = APIClient().get("/api/v1/claims/csv")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    row = rows[PEACEKEEPERS]
    assert row["restatement_fr"] == '\'=HYPERLINK("https://evil.example","clic")'
    assert row["restatement_en"] == "'@SUM(A1)"
    assert row["summary_fr"] == "'-2+3"
    assert row["summary_en"] == "'+1"
    assert row["id"] == str(claim.pk)  # numbers stay numbers
