import pytest
from django.core.management import call_command

from claims.models import Article, Claim, Evidence, Quantity, Source, Verdict

pytestmark = pytest.mark.django_db


def snapshot() -> str:
    """Every row of the project's tables, history included: to prove a refused write changed nothing."""
    from io import StringIO

    out = StringIO()
    call_command("dumpdata", "claims", "auth.user", stdout=out)
    return out.getvalue()


def new_claim_payload(article: Article, **overrides) -> dict:
    start = article.text.index("Poutine")
    payload = {
        "slug": "nouvelle-affirmation",
        "article": article.pk,
        "quote": article.text[start : start + 7],
        "start": start,
        "end": start + 7,
        "restatement_fr": "Une affirmation de test",
        "restatement_en": "A test claim",
        "claimant": "associated-press",
        "kind": "event",
        "claimed_on": "2022-10-31",
        "topics": ["haut-karabakh"],
    }
    return {**payload, **overrides}


def test_anonymous_writes_are_401(api, seed):
    before = snapshot()
    assert api.post("/api/v1/claims", new_claim_payload(Article.objects.get()), format="json").status_code == 401
    assert api.post("/api/v1/sources", {"url": "https://x.org"}, format="json").status_code == 401
    assert api.get("/api/v1/verdicts").status_code == 401
    assert snapshot() == before


def test_a_token_user_who_is_not_staff_gets_403(reader_api, seed):
    before = snapshot()
    response = reader_api.post("/api/v1/claims", new_claim_payload(Article.objects.get()), format="json")
    assert response.status_code == 403
    assert reader_api.get("/api/v1/quantities").status_code == 403
    assert snapshot() == before


def test_staff_create_a_candidate_claim(staff_api, seed):
    response = staff_api.post("/api/v1/claims", new_claim_payload(Article.objects.get()), format="json")
    assert response.status_code == 201, response.json()
    claim = Claim.objects.get(slug="nouvelle-affirmation")
    assert claim.status == "candidate"
    assert [t.slug for t in claim.topics.all()] == ["haut-karabakh"]
    assert claim.history.first().history_user.username == "checker"
    assert response.json()["id"] == claim.pk


def test_staff_update_a_claim(staff_api, seed):
    claim = Claim.objects.get(slug="guerre-2020-plus-de-6700-morts")
    response = staff_api.patch(f"/api/v1/claims/{claim.pk}", {"restatement_en": "Changed"}, format="json")
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.restatement_en == "Changed"


def test_a_quote_that_is_not_at_its_offsets_is_a_400_and_changes_nothing(staff_api, seed):
    before = snapshot()
    payload = new_claim_payload(Article.objects.get(), quote="Pas dans le texte")
    response = staff_api.post("/api/v1/claims", payload, format="json")
    assert response.status_code == 400
    assert "quote" in response.json()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"claimant": "nobody"}, "claimant"),
        ({"kind": "rumour"}, "kind"),
        ({"claimed_on": "yesterday"}, "claimed_on"),
        ({"start": -1}, "start"),
        ({"checkworthiness": 2}, "checkworthiness"),
        ({"topics": ["nope"]}, "topics"),
        ({"end": 10**9}, "end"),
    ],
)
def test_bad_claim_fields_are_400s_naming_the_field(staff_api, seed, overrides, field):
    before = snapshot()
    response = staff_api.post("/api/v1/claims", new_claim_payload(Article.objects.get(), **overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert snapshot() == before


def test_malformed_json_is_a_400(staff_api, seed):
    response = staff_api.generic("POST", "/api/v1/claims", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_only_a_superuser_may_publish_a_claim(staff_api, superuser_api, seed):
    article = Article.objects.get()
    before = snapshot()
    response = staff_api.post("/api/v1/claims", new_claim_payload(article, status="published"), format="json")
    assert response.status_code == 403
    assert snapshot() == before
    response = superuser_api.post("/api/v1/claims", new_claim_payload(article, status="published"), format="json")
    assert response.status_code == 201


def test_staff_add_a_source_quantity_and_evidence(staff_api, seed):
    claim = Claim.objects.get(slug="guerre-ukraine-neuvieme-mois")
    source = staff_api.post(
        "/api/v1/sources",
        {"url": "https://example.org/rapport", "title": "Rapport", "publisher": "Exemple", "kind": "dataset"},
        format="json",
    )
    assert source.status_code == 201
    quantity = staff_api.post(
        "/api/v1/quantities",
        {"claim": claim.pk, "text": "neuvième", "value": "9", "qualifier": "exact"},
        format="json",
    )
    assert quantity.status_code == 201
    evidence = staff_api.post(
        "/api/v1/evidence",
        {"claim": claim.pk, "source": source.json()["id"], "stance": "supports"},
        format="json",
    )
    assert evidence.status_code == 201
    assert Quantity.objects.filter(claim=claim, value=9).exists()
    assert Evidence.objects.filter(claim=claim, source__url="https://example.org/rapport").exists()
    patched = staff_api.patch(f"/api/v1/sources/{source.json()['id']}", {"title": "Rapport annuel"}, format="json")
    assert patched.status_code == 200
    assert Source.objects.get(url="https://example.org/rapport").title == "Rapport annuel"


def test_a_duplicate_source_url_is_a_400(staff_api, seed):
    url = Source.objects.first().url
    response = staff_api.post("/api/v1/sources", {"url": url, "title": "t", "publisher": "p"}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()


def test_staff_write_a_draft_verdict_and_only_a_superuser_publishes_it(staff_api, superuser_api, seed):
    created = staff_api.post("/api/v1/claims", new_claim_payload(Article.objects.get()), format="json").json()
    claim = Claim.objects.get(pk=created["id"])
    draft = staff_api.post(
        "/api/v1/verdicts", {"claim": claim.pk, "rating": "true", "summary_fr": "Vrai : test."}, format="json"
    )
    assert draft.status_code == 201
    assert draft.json()["status"] == "draft"
    verdict = Verdict.objects.get(pk=draft.json()["id"])
    assert verdict.author.username == "checker"

    before = snapshot()
    assert staff_api.post(f"/api/v1/verdicts/{verdict.pk}/publish").status_code == 403
    refused = superuser_api.post(f"/api/v1/verdicts/{verdict.pk}/publish")
    assert refused.status_code == 400 and "claim" in refused.json()  # no source cited yet
    assert snapshot() == before

    Evidence.objects.create(claim=claim, source=Source.objects.first())
    published = superuser_api.post(f"/api/v1/verdicts/{verdict.pk}/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"
    claim.refresh_from_db()
    assert claim.status == "published"
    assert Claim.objects.published().filter(pk=claim.pk).exists()


def test_a_second_current_verdict_is_a_400(staff_api, seed):
    claim = Claim.objects.get(slug="guerre-ukraine-neuvieme-mois")
    before = snapshot()
    response = staff_api.post("/api/v1/verdicts", {"claim": claim.pk, "summary_fr": "x"}, format="json")
    assert response.status_code == 400 and "claim" in response.json()
    assert snapshot() == before


def test_a_published_verdict_is_not_edited_as_a_draft(staff_api, seed):
    verdict = Verdict.objects.filter(status="published").first()
    response = staff_api.patch(f"/api/v1/verdicts/{verdict.pk}", {"summary_fr": "Réécrit"}, format="json")
    assert response.status_code == 400
    verdict.refresh_from_db()
    assert verdict.summary_fr != "Réécrit"
