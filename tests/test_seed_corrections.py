"""Our own seed, corrected in public: two verdicts carry real corrections and the reworded notes are
logged minor updates, made through the workflow and shown to readers, signed by no invented person."""

import pytest
from django.urls import reverse

from claims.models import Claim, Evidence, UpdateNote, Verdict

from .helpers import PEACEKEEPERS, parse, texts

pytestmark = pytest.mark.django_db

MISQUOTE = "poutine-conflit-une-decennie-citation"
SOCHI = "poutine-recoit-dirigeants-armenien-azerbaidjanais"
PRISONERS = "pashinyan-retrait-troupes-prisonniers"


def test_exactly_the_two_researched_verdicts_carry_a_public_correction(seed):
    corrected = Verdict.objects.filter(corrections__isnull=False).values_list("claim__slug", flat=True)
    assert sorted(corrected) == sorted([MISQUOTE, PEACEKEEPERS])


def test_the_peacekeepers_verdict_became_mostly_true_and_its_page_says_so(seed, client):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    verdict = claim.current_verdict
    [correction] = verdict.corrections.all()
    assert (correction.previous_rating.slug, verdict.rating.slug) == ("true", "mostly_true")
    assert verdict.summary_fr.startswith("Plutôt vrai :") and verdict.modified_at == correction.corrected_at
    assert verdict.history.first().history_user.username == "demo-redaction"

    page = client.get(claim.get_absolute_url()).content.decode()
    assert "Note initiale : Vrai, corrigée le" in page
    assert "Note passée de « Vrai » à « Plutôt vrai »" in page
    english = client.get("/en" + claim.get_absolute_url()).content.decode()
    assert "Initial rating: True, corrected on" in english and "Rating changed from “True” to “Mostly true”" in english

    review = client.get(reverse("api:claim-claimreview", args=[claim.pk])).json()
    assert review["reviewRating"]["alternateName"] == "Plutôt vrai"
    assert review["dateModified"].startswith(verdict.modified_at.date().isoformat())
    assert review["dateModified"] != review["datePublished"]


def test_the_misquote_verdict_no_longer_credits_m24_with_the_plural(seed, client):
    claim = Claim.objects.get(slug=MISQUOTE)
    verdict = claim.current_verdict
    [correction] = verdict.corrections.all()
    assert correction.previous_rating is None and verdict.rating.slug == "false"
    assert "Selon le texte russe publié par m24.ru" not in verdict.explanation_fr
    assert "il ne la réfute pas" in verdict.explanation_fr
    m24 = Evidence.objects.get(claim=claim, source__publisher="m24.ru")
    assert m24.stance == "context" and "singulier" in m24.note

    page = parse(client.get(claim.get_absolute_url()))
    assert any("m24.ru" in text for text in texts(page, "//section[@class='corrections']//li"))
    [listed] = texts(page, "//section[@class='minor-updates']//li")
    assert listed.startswith("Mise à jour mineure le ") and listed.endswith(claim.minor_updates.get().note_fr)


def test_the_reworded_update_notes_are_minor_updates_shown_on_their_pages(seed, client):
    sochi = Claim.objects.get(slug=SOCHI)
    assert "Washington" in UpdateNote.objects.get(claim=sochi).note_fr
    assert "Washington" in UpdateNote.objects.get(claim=sochi).note_en
    prisoners = UpdateNote.objects.get(claim__slug=PRISONERS)
    assert "depuis le départ des soldats russes" not in prisoners.note_fr
    for slug in (SOCHI, PRISONERS):
        claim = Claim.objects.get(slug=slug)
        [update] = claim.minor_updates.select_related("user")
        assert update.user.username == "demo-redaction"
        page = client.get(claim.get_absolute_url()).content.decode()
        assert "Mise à jour mineure le" in page and update.note_fr in page
        english = client.get("/en" + claim.get_absolute_url()).content.decode()
        assert "Minor update on" in english and update.note_en in english
        detail = client.get(reverse("api:claim-detail", args=[claim.pk])).json()
        assert [u["note_en"] for u in detail["minor_updates"]] == [update.note_en]
        assert detail["verdict"]["corrections"] == []


def test_verdict_pages_name_the_demonstration_accounts_and_no_invented_person(seed, client):
    page = client.get(Claim.objects.get(slug=SOCHI).get_absolute_url()).content.decode()
    assert "La rédaction (démonstration)" in page and "Relecture (démonstration)" in page
    assert "Claire Dubois" not in page and "Marc Lefèvre" not in page
