import pytest

from claims.models import Article, Claim, Evidence, Quantity, Source, Verdict
from claims.services import transitions

from ..helpers import snapshot

pytestmark = pytest.mark.django_db


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


def test_staff_without_a_role_cannot_write(roleless_staff_api, seed):
    before = snapshot()
    response = roleless_staff_api.post("/api/v1/claims", new_claim_payload(Article.objects.get()), format="json")
    assert response.status_code == 403
    assert response.json()["detail"]
    assert snapshot() == before


def test_a_fact_checker_creates_a_candidate_claim(checker_api, seed):
    response = checker_api.post("/api/v1/claims", new_claim_payload(Article.objects.get()), format="json")
    assert response.status_code == 201, response.json()
    claim = Claim.objects.get(slug="nouvelle-affirmation")
    assert claim.status == "candidate"
    assert [t.slug for t in claim.topics.all()] == ["haut-karabakh"]
    assert claim.history.first().history_user.username == "fanny.checker"
    assert response.json()["id"] == claim.pk and response.json()["version"] == claim.version


def test_a_new_claim_cannot_be_created_published(checker_api, seed):
    response = checker_api.post(
        "/api/v1/claims", new_claim_payload(Article.objects.get(), status="published"), format="json"
    )
    assert response.status_code == 201
    assert Claim.objects.get(slug="nouvelle-affirmation").status == "candidate"  # status is read-only


def test_a_fact_checker_cannot_publish_by_sending_a_status_field(checker_api, seed):
    created = checker_api.post("/api/v1/claims", new_claim_payload(Article.objects.get()), format="json").json()
    assert checker_api.post(f"/api/v1/claims/{created['id']}/propose").status_code == 200
    claim = Claim.objects.get(pk=created["id"])
    response = checker_api.patch(
        f"/api/v1/claims/{claim.pk}",
        {"status": "published", "restatement_en": "Still in review"},
        format="json",
        HTTP_IF_MATCH=f'"{claim.version}"',
    )
    assert response.status_code == 200, response.json()
    claim.refresh_from_db()
    assert claim.status == "in_review" and claim.restatement_en == "Still in review"
    assert not Claim.objects.published().filter(pk=claim.pk).exists()


def test_an_edit_names_its_version_and_a_stale_one_is_a_412(checker_api, seed):
    created = checker_api.post("/api/v1/claims", new_claim_payload(Article.objects.get()), format="json").json()
    url = f"/api/v1/claims/{created['id']}"
    assert checker_api.patch(url, {"restatement_en": "x"}, format="json").status_code == 428
    first = checker_api.patch(url, {"restatement_en": "First"}, format="json", HTTP_IF_MATCH=f'"{created["version"]}"')
    assert first.status_code == 200, first.json()
    before = snapshot()
    stale = checker_api.patch(url, {"restatement_en": "Second", "version": created["version"]}, format="json")
    assert stale.status_code == 412
    assert stale.json()["current_version"] == first.json()["version"]
    assert snapshot() == before
    assert Claim.objects.get(pk=created["id"]).restatement_en == "First"


def test_a_malformed_if_match_is_a_400(checker_api, seed):
    claim = Claim.objects.get(slug="guerre-ukraine-neuvieme-mois")
    response = checker_api.patch(f"/api/v1/claims/{claim.pk}", {}, format="json", HTTP_IF_MATCH="yesterday")
    assert response.status_code == 400 and "If-Match" in response.json()


def test_a_fact_checker_cannot_edit_a_published_claim(checker_api, seed):
    claim = Claim.objects.get(slug="guerre-2020-plus-de-6700-morts")
    before = snapshot()
    response = checker_api.patch(
        f"/api/v1/claims/{claim.pk}", {"restatement_en": "Changed", "version": claim.version}, format="json"
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_an_editor_edits_a_published_claim(editor_api, seed):
    claim = Claim.objects.get(slug="guerre-2020-plus-de-6700-morts")
    response = editor_api.patch(
        f"/api/v1/claims/{claim.pk}",
        {"restatement_en": "Changed", "version": claim.version, "change_note": "Reformulation anglaise."},
        format="json",
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.restatement_en == "Changed"
    assert list(claim.minor_updates.values_list("note_fr", flat=True)) == ["Reformulation anglaise."]


def test_a_quote_that_is_not_at_its_offsets_is_a_400_and_changes_nothing(checker_api, seed):
    before = snapshot()
    payload = new_claim_payload(Article.objects.get(), quote="Pas dans le texte")
    response = checker_api.post("/api/v1/claims", payload, format="json")
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
def test_bad_claim_fields_are_400s_naming_the_field(checker_api, seed, overrides, field):
    before = snapshot()
    response = checker_api.post("/api/v1/claims", new_claim_payload(Article.objects.get(), **overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert snapshot() == before


def test_malformed_json_is_a_400(checker_api, seed):
    response = checker_api.generic("POST", "/api/v1/claims", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_fact_checker_adds_a_source_quantity_and_evidence(checker_api, seed, editor):
    claim = Claim.objects.get(slug="guerre-ukraine-neuvieme-mois")
    transitions.perform("unpublish", claim=claim, user=editor)  # the parts of a published claim are the editors'
    claim.refresh_from_db()
    source = checker_api.post(
        "/api/v1/sources",
        {"url": "https://example.org/rapport", "title": "Rapport", "publisher": "Exemple", "kind": "dataset"},
        format="json",
    )
    assert source.status_code == 201, source.json()
    quantity = checker_api.post(
        "/api/v1/quantities",
        {"claim": claim.pk, "text": "neuvième", "value": "9", "qualifier": "exact"},
        format="json",
    )
    assert quantity.status_code == 201
    evidence = checker_api.post(
        "/api/v1/evidence",
        {"claim": claim.pk, "source": source.json()["id"], "stance": "supports"},
        format="json",
    )
    assert evidence.status_code == 201
    assert Quantity.objects.filter(claim=claim, value=9).exists()
    assert Evidence.objects.filter(claim=claim, source__url="https://example.org/rapport").exists()
    patched = checker_api.patch(
        f"/api/v1/sources/{source.json()['id']}",
        {"title": "Rapport annuel", "version": source.json()["version"]},
        format="json",
    )
    assert patched.status_code == 200
    assert Source.objects.get(url="https://example.org/rapport").title == "Rapport annuel"


def test_a_duplicate_source_url_is_a_400(checker_api, seed):
    url = Source.objects.first().url
    response = checker_api.post("/api/v1/sources", {"url": url, "title": "t", "publisher": "p"}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()


def test_a_draft_verdict_goes_through_review_and_only_an_editor_publishes(checker_api, editor_api, seed):
    created = checker_api.post("/api/v1/claims", new_claim_payload(Article.objects.get()), format="json").json()
    claim = Claim.objects.get(pk=created["id"])
    draft = checker_api.post(
        "/api/v1/verdicts",
        {
            "claim": claim.pk,
            "rating": "true",
            "summary_fr": "Vrai : test.",
            "explanation_fr": "Parce que.",
            "summary_en": "True: test.",
            "explanation_en": "Because.",
        },
        format="json",
    )
    assert draft.status_code == 201, draft.json()
    assert draft.json()["status"] == "draft"
    verdict = Verdict.objects.get(pk=draft.json()["id"])
    assert verdict.author.username == "fanny.checker"

    assert checker_api.post(f"/api/v1/claims/{claim.pk}/propose").status_code == 200
    before = snapshot()
    assert checker_api.post(f"/api/v1/claims/{claim.pk}/publish").status_code == 403
    blocked = editor_api.post(f"/api/v1/claims/{claim.pk}/publish")
    assert blocked.status_code == 400 and blocked.json()["missing"]  # no source cited yet
    assert snapshot() == before

    Evidence.objects.create(claim=claim, source=Source.objects.first())
    published = editor_api.post(f"/api/v1/claims/{claim.pk}/publish")
    assert published.status_code == 200, published.json()
    assert published.json()["claim"]["status"] == "published"
    verdict.refresh_from_db()
    assert verdict.status == "published" and verdict.reviewer.username == "edith.editor"
    assert Claim.objects.published().filter(pk=claim.pk).exists()
    assert editor_api.post(f"/api/v1/claims/{claim.pk}/publish").status_code == 409  # already published


def test_a_second_current_verdict_is_a_400(checker_api, seed):
    claim = Claim.objects.get(slug="guerre-ukraine-neuvieme-mois")
    before = snapshot()
    response = checker_api.post("/api/v1/verdicts", {"claim": claim.pk, "summary_fr": "x"}, format="json")
    assert response.status_code == 400 and "claim" in response.json()
    assert snapshot() == before


def test_changing_a_published_rating_needs_a_correction(editor_api, seed):
    verdict = Verdict.objects.get(claim__slug="guerre-2020-plus-de-6700-morts")
    url = f"/api/v1/verdicts/{verdict.pk}"
    before = snapshot()
    refused = editor_api.patch(url, {"rating": "mostly_true", "version": verdict.version}, format="json")
    assert refused.status_code == 400 and "correction" in refused.json()
    assert snapshot() == before
    corrected = editor_api.patch(
        url,
        {
            "rating": "mostly_true",
            "version": verdict.version,
            "correction": {"what_changed_fr": "Note revue", "reason_fr": "Nouveau bilan"},
        },
        format="json",
    )
    assert corrected.status_code == 200, corrected.json()
    verdict.refresh_from_db()
    assert verdict.rating.slug == "mostly_true" and verdict.corrections.count() == 1


def test_the_version_a_client_reads_is_the_one_its_edit_names(editor_api, seed):
    claim = Claim.objects.get(slug="guerre-2020-plus-de-6700-morts")
    version = editor_api.get(f"/api/v1/claims/{claim.pk}").json()["version"]
    response = editor_api.patch(
        f"/api/v1/claims/{claim.pk}",
        {"restatement_en": "Read, then edited", "change_note": "Reformulation."},
        format="json",
        HTTP_IF_MATCH=f'"{version}"',
    )
    assert response.status_code == 200
    assert response.json()["version"] == version + 1


def test_the_etag_of_the_claim_detail_works_as_if_match(editor_api, seed):
    claim = Claim.objects.get(slug="guerre-2020-plus-de-6700-morts")
    url = f"/api/v1/claims/{claim.pk}"
    etag = editor_api.get(url)["ETag"]
    edit = {"restatement_en": "Tagged edit", "change_note": "Reformulation."}
    response = editor_api.patch(url, edit, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.json()
    before = snapshot()
    stale = editor_api.patch(url, {**edit, "restatement_en": "Stale edit"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert snapshot() == before


def test_the_etag_of_another_claim_is_refused_as_stale(editor_api, seed):
    one, other = Claim.objects.order_by("pk")[:2]
    etag = editor_api.get(f"/api/v1/claims/{other.pk}")["ETag"]
    before = snapshot()
    edit = {"restatement_en": "x", "change_note": "Reformulation."}
    response = editor_api.patch(f"/api/v1/claims/{one.pk}", edit, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert snapshot() == before


def test_a_verdict_edit_reads_the_verdict_version_from_the_claim_etag(editor_api, seed):
    claim = Claim.objects.get(slug="guerre-2020-plus-de-6700-morts")
    verdict = claim.current_verdict
    etag = editor_api.get(f"/api/v1/claims/{claim.pk}")["ETag"]
    response = editor_api.patch(
        f"/api/v1/verdicts/{verdict.pk}",
        {"summary_en": "Typo fixed", "minor_edit": True},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.json()
    verdict.refresh_from_db()
    assert verdict.summary_en == "Typo fixed"
    # The claim detail shows the verdict: its tag moves with the verdict's version.
    assert editor_api.get(f"/api/v1/claims/{claim.pk}")["ETag"] != etag
