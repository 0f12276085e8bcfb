"""Editorial integrity in the admin: the four-eyes rule holds whoever fills in the forms, published
content changes only with a note readers see, and drafts stay with the desk."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from claims.models import Article, Claim, Evidence, MinorUpdate, Rating, Source, Verdict

from .helpers import DEATHS, PEACEKEEPERS, admin_form_data, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CHANGELIST = reverse("admin:claims_claim_changelist")


def messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def candidate_claim() -> Claim:
    article = Article.objects.get()
    start = article.text.index("Poutine")
    claim = Claim.objects.create(
        article=article,
        quote="Poutine",
        start=start,
        end=start + 7,
        restatement="Une affirmation de test",
        claimant=Claim.objects.get(slug=DEATHS).claimant,
        kind=Claim.Kind.EVENT,
        claimed_on=dt.date(2022, 10, 31),
        slug="affirmation-admin",
    )
    Evidence.objects.create(claim=claim, source=Source.objects.first())
    return claim


def add_verdict_in_admin(client, claim: Claim) -> Verdict:
    response = client.post(
        reverse("admin:claims_verdict_add"),
        {
            "claim": claim.pk,
            "rating": Rating.objects.get(slug="true").pk,
            "summary_fr": "Vrai : test.",
            "summary_en": "True: test.",
            "explanation_fr": "Parce que.",
            "explanation_en": "Because.",
            "is_current": "on",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Verdict.objects.get(claim=claim)


def run_action(client, action: str, claim: Claim):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [claim.pk], "index": 0}, follow=True)


def test_an_editor_alone_cannot_create_propose_and_publish_a_claim(seed, client, editor):
    claim = candidate_claim()
    client.force_login(editor)
    verdict = add_verdict_in_admin(client, claim)
    assert verdict.author == editor and list(verdict.contributors.all()) == [editor]
    run_action(client, "propose_for_review", claim)
    response = run_action(client, "publish", claim)
    assert any("You wrote this verdict" in message for message in messages(response))
    claim.refresh_from_db()
    verdict.refresh_from_db()
    assert claim.status == "in_review" and verdict.status == "draft" and verdict.reviewer is None


def test_the_author_field_is_read_only_and_a_posted_author_is_ignored(seed, client, editor, other_editor):
    claim = candidate_claim()
    client.force_login(editor)
    verdict = add_verdict_in_admin(client, claim)
    url = reverse("admin:claims_verdict_change", args=[verdict.pk])
    page = client.get(url)
    assert "author" not in page.context["adminform"].form.fields
    assert "author" in page.context["adminform"].readonly_fields
    client.post(url, admin_form_data(page, author=other_editor.pk, summary_fr="Vrai : test revu."))
    verdict.refresh_from_db()
    assert verdict.author == editor and verdict.summary_fr == "Vrai : test revu."
    run_action(client, "propose_for_review", claim)
    response = run_action(client, "publish", claim)
    assert any("You wrote this verdict" in message for message in messages(response))
    assert Claim.objects.get(pk=claim.pk).status == "in_review"


def test_an_editor_who_changed_the_draft_in_the_claim_form_cannot_publish_it(
    seed, client, fact_checker, editor, other_editor
):
    claim = candidate_claim()
    client.force_login(fact_checker)
    add_verdict_in_admin(client, claim)
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    page = client.get(url)
    assert client.post(url, admin_form_data(page, **{"verdicts-0-summary_fr": "Vrai : réécrit."})).status_code == 302
    run_action(client, "propose_for_review", claim)
    response = run_action(client, "publish", claim)
    assert any("You changed this verdict" in message for message in messages(response))
    client.force_login(other_editor)
    run_action(client, "publish", claim)
    assert Claim.objects.get(pk=claim.pk).status == "published"


def test_a_published_quantity_changes_in_the_claim_form_only_with_a_note(seed, client, editor):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    quantity = claim.quantities.get()
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    page = client.get(url)
    assert "change_note" in page.context["adminform"].form.fields
    before = snapshot()
    silent = client.post(url, admin_form_data(page, **{"quantities-0-verification_note": "Changé"}), follow=True)
    assert any("say in a short note what changed" in message for message in messages(silent))
    assert snapshot() == before

    data = admin_form_data(
        page, **{"quantities-0-verification_note": "point 3 de la déclaration", "change_note": "Note de vérification."}
    )
    assert client.post(url, data).status_code == 302
    quantity.refresh_from_db()
    assert quantity.verification_note == "point 3 de la déclaration"
    assert list(claim.minor_updates.filter(user=editor).values_list("note_fr", flat=True)) == ["Note de vérification."]


def test_a_fact_checker_cannot_change_a_cited_source_or_published_evidence_in_the_admin(seed, client, fact_checker):
    evidence = Evidence.objects.select_related("source").get(claim__slug=PEACEKEEPERS, position=0)
    client.force_login(fact_checker)
    before = snapshot()
    source_url = reverse("admin:claims_source_change", args=[evidence.source.pk])
    response = client.post(
        source_url, admin_form_data(client.get(source_url), title="Changé", change_note="Titre."), follow=True
    )
    assert any("not allowed to change published content" in message for message in messages(response))
    evidence_url = reverse("admin:claims_evidence_change", args=[evidence.pk])
    response = client.post(
        evidence_url, admin_form_data(client.get(evidence_url), excerpt="Changé", change_note="x"), follow=True
    )
    assert any("not allowed to change published content" in message for message in messages(response))
    assert snapshot() == before


def test_an_editor_edits_a_cited_source_with_a_note(seed, client, editor):
    evidence = Evidence.objects.select_related("source").get(claim__slug=PEACEKEEPERS, position=0)
    client.force_login(editor)
    url = reverse("admin:claims_source_change", args=[evidence.source.pk])
    data = admin_form_data(client.get(url), title="Titre revu", change_note="Titre de la source corrigé.")
    assert client.post(url, data).status_code == 302
    assert MinorUpdate.objects.filter(claim__slug=PEACEKEEPERS, note_fr="Titre de la source corrigé.").exists()


def test_staff_without_a_desk_role_see_no_claim_in_the_admin(seed, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("no.role", password="x", is_staff=True))
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(reverse("admin:claims_verdict_changelist")).status_code == 403


def test_staff_without_a_desk_role_see_no_draft_page(seed, client):
    from django.contrib.auth import get_user_model

    claim = candidate_claim()
    client.force_login(get_user_model().objects.create_user("no.role", password="x", is_staff=True))
    assert client.get(claim.get_absolute_url()).status_code == 404
    assert client.get("/en" + claim.get_absolute_url()).status_code == 404
