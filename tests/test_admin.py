"""The editors' admin: every screen loads, mistakes become form errors, lists stay cheap."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.urls import reverse

from claims.models import Article, Claim, Correction, ExternalReview, Job, MinorUpdate, Rating, Source, Verdict

from .helpers import get_counting_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_changelist_add_and_change_form_loads(superuser_client):
    for model in admin.site._registry:
        assert superuser_client.get(_admin_url(model, "changelist")).status_code == 200, model
        if model in (Correction, MinorUpdate, ExternalReview, Job, AccessAttempt, AccessLog, AccessFailureLog):
            # A correction is made by correcting a verdict, a minor update by changing published content
            # with a note, a review by an import, a job by its command, a login attempt (django-axes) by
            # logging in.
            assert superuser_client.get(_admin_url(model, "add")).status_code == 403
            continue
        assert superuser_client.get(_admin_url(model, "add")).status_code == 200, model
        instance = model._default_manager.first()
        if instance is not None:
            assert superuser_client.get(_admin_url(model, "change", instance.pk)).status_code == 200, model


def test_every_changelist_filter_and_search_loads(superuser_client):
    url = _admin_url(Claim, "changelist")
    for query in [
        "rating=false",
        "rating=none",
        "status__exact=published",
        "kind__exact=quantity",
        "has_update_note=yes",
        "has_update_note=no",
        "q=Poutine",
        "q=Pashinyan",
    ]:
        assert superuser_client.get(f"{url}?{query}").status_code == 200, query


def test_the_claim_changelist_shows_claims_with_rating_and_claimant(superuser_client):
    response = superuser_client.get(_admin_url(Claim, "changelist"))
    body = response.content.decode()
    assert "22 claims" in body
    assert "Plus de 6 700 personnes sont mortes" in body
    assert "Associated Press" in body
    assert ">True<" in body


def test_the_rating_filter_keeps_claims_rated_false(superuser_client):
    response = superuser_client.get(_admin_url(Claim, "changelist") + "?rating=false")
    assert list(response.context["cl"].result_list) == [
        Claim.objects.get(slug=s)
        for s in Claim.objects.filter(verdicts__rating__slug="false").values_list("slug", flat=True)
    ]
    assert response.context["cl"].result_count == 1


def test_the_update_note_filter_finds_the_nine_claims_overtaken_by_events(superuser_client):
    response = superuser_client.get(_admin_url(Claim, "changelist") + "?has_update_note=yes")
    assert response.context["cl"].result_count == 9


def test_the_search_matches_the_speakers_name(superuser_client):
    response = superuser_client.get(_admin_url(Claim, "changelist") + "?q=Pashinyan")
    quotes = [claim.quote for claim in response.context["cl"].result_list]
    assert any(q.startswith("Pashinyan a déclaré lundi") for q in quotes)


CLAIM_CHANGELIST_QUERIES = 11


def test_the_claim_changelist_runs_a_fixed_number_of_queries_for_22_claims_and_for_1(
    superuser_client, django_assert_num_queries
):
    url = _admin_url(Claim, "changelist")
    many = get_counting_queries(superuser_client, url, django_assert_num_queries, CLAIM_CHANGELIST_QUERIES)
    assert many.context["cl"].result_count == 22
    keep = Claim.objects.order_by("start").first()
    Claim.objects.exclude(pk=keep.pk).delete()
    one = get_counting_queries(superuser_client, url, django_assert_num_queries, CLAIM_CHANGELIST_QUERIES)
    assert one.context["cl"].result_count == 1


def test_the_source_changelist_counts_citing_claims(superuser_client):
    response = superuser_client.get(_admin_url(Source, "changelist") + "?q=Second_Nagorno-Karabakh_War")
    (source,) = response.context["cl"].result_list
    assert source.cited_by == Claim.objects.filter(evidence__source=source).count() == 4


def _claim_form_data(claim: Claim, **overrides) -> dict:
    data = {
        "article": claim.article_id,
        "quote": claim.quote,
        "start": claim.start,
        "end": claim.end,
        "restatement": claim.restatement,
        "restatement_en": claim.restatement_en,
        "slug": claim.slug,
        "claimant": claim.claimant_id,
        "speaker": claim.speaker_id or "",
        "claimed_on": claim.claimed_on.isoformat(),
        "language": claim.language,
        "kind": claim.kind,
        "status": claim.status,
        "rejection_reason": "",
        "checkworthiness": "",
        "base_version": claim.version,
    }
    for prefix in ["quantities", "evidence", "verdicts", "update_notes"]:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    data.update(overrides)
    return data


def test_the_admin_answers_an_offset_past_the_article_with_a_form_error(superuser_client):
    claim = Claim.objects.get(quote__startswith="Plus de 6 700")
    length = len(claim.article.text)
    response = superuser_client.post(_admin_url(Claim, "change", claim.pk), _claim_form_data(claim, end=length + 10))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["end"]
    assert "3180" in errors["end"][0]
    claim.refresh_from_db()
    assert claim.end == 1747


def test_the_admin_answers_end_before_start_and_a_moved_quote_with_form_errors(superuser_client):
    claim = Claim.objects.get(quote__startswith="Plus de 6 700")
    url = _admin_url(Claim, "change", claim.pk)
    response = superuser_client.post(url, _claim_form_data(claim, start=1747, end=1695))
    assert response.status_code == 200 and "end" in response.context["adminform"].form.errors
    response = superuser_client.post(url, _claim_form_data(claim, start=1696, end=1748))
    assert response.status_code == 200 and "quote" in response.context["adminform"].form.errors
    claim.refresh_from_db()
    assert (claim.start, claim.end) == (1695, 1747)


def test_the_admin_refuses_a_second_current_verdict_with_a_form_error(superuser_client):
    claim = Claim.objects.first()
    response = superuser_client.post(
        _admin_url(Verdict, "add"),
        {
            "claim": claim.pk,
            "status": "draft",
            "is_current": "on",
            "summary_fr": "Doublon",
            "corrections-TOTAL_FORMS": 0,
            "corrections-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert claim.verdicts.count() == 1


def test_the_admin_refuses_to_delete_a_cited_source(superuser_client):
    source = Source.objects.filter(evidence__isnull=False).first()
    url = _admin_url(Source, "delete", source.pk)
    response = superuser_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert response.context["protected"]
    assert Source.objects.filter(pk=source.pk).exists()


def test_the_admin_refuses_an_article_edit_that_moves_claims(superuser_client):
    article = Article.objects.get()
    response = superuser_client.post(
        _admin_url(Article, "change", article.pk),
        {
            "title": article.title,
            "slug": article.slug,
            "publisher": article.publisher,
            "url": "",
            "published_on": "2022-10-31",
            "language": "fr",
            "text": "Début ajouté. " + article.text,
            "original_url": article.original_url,
            "original_title": article.original_title,
            "original_language": "en",
            "translation_notes-TOTAL_FORMS": 0,
            "translation_notes-INITIAL_FORMS": 0,
            "claims-TOTAL_FORMS": 0,
            "claims-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "text" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.text.startswith("Le président russe")


def test_ratings_are_editable_from_the_changelist(superuser_client):
    ratings = list(Rating.objects.all())
    data = {"form-TOTAL_FORMS": len(ratings), "form-INITIAL_FORMS": len(ratings), "_save": "Save"}
    for i, rating in enumerate(ratings):
        data.update(
            {
                f"form-{i}-id": rating.pk,
                f"form-{i}-label_fr": rating.label_fr,
                f"form-{i}-label_en": rating.label_en,
                f"form-{i}-value": rating.value or "",
                f"form-{i}-colour": rating.colour,
                f"form-{i}-position": rating.position,
            }
        )
    data["form-0-label_en"] = "Correct"
    response = superuser_client.post(_admin_url(Rating, "changelist"), data)
    assert response.status_code == 302
    assert Rating.objects.get(pk=ratings[0].pk).label_en == "Correct"


def test_the_admin_speaks_the_users_language(superuser_client):
    url = _admin_url(Claim, "changelist")
    english = superuser_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = superuser_client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="en"' in english and "Select claim to change" in english
    assert '<html lang="fr"' in french and "Sélectionnez l’objet" in french
