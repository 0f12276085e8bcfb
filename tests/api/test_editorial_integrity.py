"""Editorial integrity through the API: four eyes on what is published, no silent edits to published
content, and filters that tell nobody which unpublished records exist."""

import pytest

from claims.models import Article, Claim, Claimant, MinorUpdate, Quantity, Source, Topic, Verdict

from ..helpers import DEATHS, PEACEKEEPERS, snapshot, token_client
from .conftest import SECRET
from .test_writes import new_claim_payload

pytestmark = pytest.mark.django_db

DRAFT = {
    "rating": "true",
    "summary_fr": "Vrai : test.",
    "summary_en": "True: test.",
    "explanation_fr": "Parce que.",
    "explanation_en": "Because.",
}


def claim_with_draft(client) -> tuple[Claim, Verdict]:
    """A claim written by ``client``'s user, with a cited source and a draft verdict, proposed for review."""
    created = client.post("/api/v1/claims", new_claim_payload(Article.objects.get()), format="json")
    assert created.status_code == 201, created.json()
    claim = Claim.objects.get(pk=created.json()["id"])
    Source.objects.create(url="https://example.org/rapport", title="Rapport", publisher="Exemple")
    assert (
        client.post(
            "/api/v1/evidence",
            {"claim": claim.pk, "source": Source.objects.get(url__contains="rapport").pk},
            format="json",
        ).status_code
        == 201
    )
    draft = client.post("/api/v1/verdicts", {"claim": claim.pk, **DRAFT}, format="json")
    assert draft.status_code == 201, draft.json()
    assert client.post(f"/api/v1/claims/{claim.pk}/propose").status_code == 200
    return claim, Verdict.objects.get(pk=draft.json()["id"])


# --- Four eyes ------------------------------------------------------------------------------------


def test_an_editor_who_rewrote_a_fact_checkers_draft_cannot_publish_it(checker_api, editor_api, other_editor, seed):
    claim, verdict = claim_with_draft(checker_api)
    rewritten = editor_api.patch(
        f"/api/v1/verdicts/{verdict.pk}",
        {"rating": "false", "summary_fr": "Faux : réécrit.", "version": verdict.version},
        format="json",
    )
    assert rewritten.status_code == 200, rewritten.json()
    verdict.refresh_from_db()
    assert verdict.author.username == "fanny.checker"
    assert {u.username for u in verdict.contributors.all()} == {"fanny.checker", "edith.editor"}

    refused = editor_api.post(f"/api/v1/claims/{claim.pk}/publish")
    assert refused.status_code == 403
    assert "You changed this verdict" in refused.json()["detail"]
    claim.refresh_from_db()
    assert claim.status == "in_review"

    published = token_client(other_editor).post(f"/api/v1/claims/{claim.pk}/publish")
    assert published.status_code == 200, published.json()
    verdict.refresh_from_db()
    assert verdict.status == "published" and verdict.reviewer == other_editor


def test_the_author_of_a_verdict_cannot_be_sent_through_the_api(editor_api, other_editor, seed):
    claim, verdict = claim_with_draft(editor_api)
    before = snapshot()
    response = editor_api.patch(
        f"/api/v1/verdicts/{verdict.pk}", {"author": other_editor.pk, "version": verdict.version}, format="json"
    )
    assert response.status_code == 400
    assert "cannot be sent" in response.json()["author"][0]
    assert snapshot() == before
    created = editor_api.post("/api/v1/verdicts", {"claim": claim.pk, "author": other_editor.pk}, format="json")
    assert created.status_code == 400 and "author" in created.json()
    refused = editor_api.post(f"/api/v1/claims/{claim.pk}/publish")
    assert refused.status_code == 403 and "You wrote this verdict" in refused.json()["detail"]


def test_a_draft_shows_its_author_and_contributors_to_the_desk(checker_api, fact_checker, seed):
    _claim, verdict = claim_with_draft(checker_api)
    body = checker_api.get(f"/api/v1/verdicts/{verdict.pk}").json()
    assert body["author"] == fact_checker.pk and body["contributors"] == [fact_checker.pk]


def test_publishing_needs_the_english_summary_and_explanation(checker_api, editor_api, seed):
    claim, verdict = claim_with_draft(checker_api)
    Verdict.objects.filter(pk=verdict.pk).update(summary_en="", explanation_en=" ")
    before = snapshot()
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/publish")
    assert response.status_code == 400
    assert response.json()["missing"] == ["an English summary", "an English explanation"]
    assert snapshot() == before


# --- Published content changes only through the desk ------------------------------------------


def test_a_fact_checker_cannot_change_published_quantities_evidence_or_cited_sources(checker_api, seed):
    claim = Claim.objects.get(slug=DEATHS)
    quantity = claim.quantities.first()
    evidence = claim.evidence.select_related("source").first()
    before = snapshot()
    attempts = [
        checker_api.post("/api/v1/quantities", {"claim": claim.pk, "text": "6 700", "value": "6700"}, format="json"),
        checker_api.patch(f"/api/v1/quantities/{quantity.pk}", {"verification_note": "x"}, format="json"),
        checker_api.patch(f"/api/v1/evidence/{evidence.pk}", {"excerpt": "Changé"}, format="json"),
        checker_api.patch(
            f"/api/v1/sources/{evidence.source.pk}",
            {"title": "Changé", "version": evidence.source.version, "change_note": "Titre."},
            format="json",
        ),
    ]
    for response in attempts:
        assert response.status_code == 403, response.json()
        assert "not allowed to change published content" in response.json()["detail"]
    assert snapshot() == before


def test_an_editor_changes_published_content_only_with_a_note_readers_see(editor_api, api, seed):
    claim = Claim.objects.get(slug=DEATHS)
    evidence = claim.evidence.select_related("source").first()
    before = snapshot()
    silent = editor_api.patch(f"/api/v1/evidence/{evidence.pk}", {"excerpt": "Coquille"}, format="json")
    assert silent.status_code == 400 and "minor update" in silent.json()["change_note"][0]
    assert snapshot() == before

    noted = editor_api.patch(
        f"/api/v1/evidence/{evidence.pk}",
        {"excerpt": "Extrait corrigé", "change_note": "Coquille corrigée dans l’extrait.", "change_note_en": "Typo."},
        format="json",
    )
    assert noted.status_code == 200, noted.json()
    [update] = claim.minor_updates.all()
    assert (update.note_fr, update.note_en, update.user.username) == (
        "Coquille corrigée dans l’extrait.",
        "Typo.",
        "edith.editor",
    )
    detail = api.get(f"/api/v1/claims/{claim.pk}").json()
    assert [u["note_fr"] for u in detail["minor_updates"]] == ["Coquille corrigée dans l’extrait."]


def test_editing_a_cited_source_is_a_minor_update_of_every_published_claim_citing_it(editor_api, seed):
    source = Source.objects.get(url__contains="2020_Nagorno-Karabakh_ceasefire_agreement")
    citing = set(Claim.objects.published().filter(evidence__source=source).values_list("pk", flat=True))
    assert len(citing) > 1
    refused = editor_api.patch(f"/api/v1/sources/{source.pk}", {"title": "x", "version": source.version}, format="json")
    assert refused.status_code == 400 and "change_note" in refused.json()
    response = editor_api.patch(
        f"/api/v1/sources/{source.pk}",
        {"title": "2020 ceasefire agreement", "version": source.version, "change_note": "Titre de la source abrégé."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    made = MinorUpdate.objects.filter(note_fr="Titre de la source abrégé.")
    assert set(made.values_list("claim_id", flat=True)) == citing


def test_a_source_no_published_claim_cites_is_edited_freely(checker_api, seed):
    source = Source.objects.create(url="https://example.org/libre", title="Libre", publisher="Exemple")
    updates = MinorUpdate.objects.count()
    response = checker_api.patch(f"/api/v1/sources/{source.pk}", {"title": "Libre 2", "version": 1}, format="json")
    assert response.status_code == 200 and MinorUpdate.objects.count() == updates


def test_a_fact_checker_adds_quantities_to_a_draft_without_a_note(checker_api, seed):
    claim, _verdict = claim_with_draft(checker_api)
    response = checker_api.post(
        "/api/v1/quantities", {"claim": claim.pk, "text": "Poutine", "value": "1"}, format="json"
    )
    assert response.status_code == 201 and Quantity.objects.filter(claim=claim).count() == 1
    assert not claim.minor_updates.exists()


# --- Drafts for the desk only ---------------------------------------------------------------------


def test_staff_without_a_desk_role_read_no_draft_in_any_list(roleless_staff_api, hidden):
    for url in ("/api/v1/verdicts", "/api/v1/quantities", "/api/v1/evidence"):
        assert roleless_staff_api.get(url).status_code == 403, url
    for claim in (hidden["draft_claim"], hidden["unpublished_verdict_claim"]):
        assert roleless_staff_api.get(f"/api/v1/claims/{claim.pk}").status_code == 404
        assert roleless_staff_api.get(f"/api/v1/claims/{claim.pk}/claimreview").status_code == 404
    assert roleless_staff_api.get("/api/v1/claims?status=candidate").json()["results"] == []


@pytest.mark.parametrize("name", ["claimant", "speaker", "article", "topic"])
def test_a_filter_answers_the_same_for_an_unpublished_slug_as_for_an_unknown_one(name, api, roleless_staff_api, hidden):
    unpublished = {
        "claimant": hidden["claimant"].slug,
        "speaker": hidden["claimant"].slug,
        "article": Article.objects.create(
            slug=f"article-{SECRET}", title="Brouillon", text="x", published_on="2022-10-31"
        ).slug,
        "topic": hidden["topic"].slug,
    }[name]
    for client in (api, roleless_staff_api):
        hidden_answer = client.get("/api/v1/claims", {name: unpublished})
        unknown_answer = client.get("/api/v1/claims", {name: "nobody-by-that-name"})
        assert hidden_answer.status_code == unknown_answer.status_code == 400
        assert hidden_answer.json()[name][0].replace(unpublished, "?") == unknown_answer.json()[name][0].replace(
            "nobody-by-that-name", "?"
        )


def test_the_desk_filters_by_an_unpublished_claimant(staff_api, hidden):
    body = staff_api.get("/api/v1/claims", {"claimant": hidden["claimant"].slug}).json()
    assert {row["slug"] for row in body["results"]} == {
        hidden["draft_claim"].slug,
        hidden["unpublished_verdict_claim"].slug,
    }


def test_a_published_claimant_topic_and_article_still_filter(api, seed):
    article = Article.objects.get()
    assert api.get("/api/v1/claims", {"claimant": "vladimir-poutine"}).status_code == 200
    assert api.get("/api/v1/claims", {"speaker": "vladimir-poutine"}).json()["count"] >= 1
    assert api.get("/api/v1/claims", {"article": article.slug}).json()["count"] == 22
    topic = Topic.objects.get(slug="forces-de-maintien-de-la-paix")
    assert PEACEKEEPERS in {
        row["slug"] for row in api.get("/api/v1/claims", {"topic": topic.slug, "page_size": 100}).json()["results"]
    }
    assert Claimant.objects.published().filter(slug="vladimir-poutine").exists()


def test_a_published_verdict_keeps_its_english_text(editor_api, seed):
    verdict = Verdict.objects.get(claim__slug=DEATHS)
    before = snapshot()
    response = editor_api.patch(
        f"/api/v1/verdicts/{verdict.pk}",
        {"summary_en": "", "minor_edit": True, "version": verdict.version},
        format="json",
    )
    assert response.status_code == 400 and response.json()["missing"] == ["an English summary"]
    assert snapshot() == before
