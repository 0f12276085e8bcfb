import pytest
from django.urls import reverse

from claims.models import Claim, Correction, Rating, Verdict
from claims.services import transitions, verdicts

from .helpers import PEACEKEEPERS, get_counting_queries, verdict_page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected(seed, editor) -> Verdict:
    verdict = Verdict.objects.select_related("rating").get(claim__slug=PEACEKEEPERS)
    verdict.previous = verdict.rating
    verdict.rating = Rating.objects.get(slug="half_true")
    assert verdict.previous != verdict.rating
    verdicts.save_verdict(
        verdict=verdict,
        user=editor,
        expected_version=verdict.version,
        correction=verdicts.CorrectionInput(
            what_changed_fr="La note passe à « À moitié vrai ».",
            reason_fr="Le ministère a revu son chiffre.",
            what_changed_en="The rating becomes “Half true”.",
            reason_en="The ministry revised its figure.",
        ),
    )
    return verdict


def test_the_verdict_page_shows_the_correction_and_the_previous_rating(corrected, client):
    response = client.get(corrected.claim.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "La note passe à « À moitié vrai »." in content and "Le ministère a revu son chiffre." in content
    assert f"Note initiale : {corrected.previous.label_fr}, corrigée le" in content
    english = client.get("/en" + corrected.claim.get_absolute_url()).content.decode()
    assert f"Initial rating: {corrected.previous.label_en}, corrected on" in english
    assert 'class="previous-rating"' in content
    assert f'data-rating="{corrected.rating.slug}">{corrected.rating.label_fr}</span>' in content


def test_the_verdict_page_asks_for_corrections_once_and_only_when_there_are_some(
    corrected, client, django_assert_num_queries
):
    claim = corrected.claim
    expected = verdict_page_queries(claim)
    page = get_counting_queries(client, claim.get_absolute_url(), django_assert_num_queries, expected)
    assert "Le ministère a revu son chiffre." in page.content.decode()
    Correction.objects.filter(verdict__claim=claim).delete()
    page = get_counting_queries(client, claim.get_absolute_url(), django_assert_num_queries, expected - 1)
    assert "Le ministère a revu son chiffre." not in page.content.decode()


def test_the_api_detail_lists_the_correction_with_the_previous_rating(corrected, client):
    response = client.get(reverse("api:claim-detail", args=[corrected.claim.pk]))
    assert response.status_code == 200
    verdict = response.json()["verdict"]
    assert verdict["rating"]["slug"] == "half_true"
    seeds, correction = verdict["corrections"]  # the seed's own correction comes first
    assert seeds["previous_rating"] == "true"
    assert correction["previous_rating"] == corrected.previous.slug
    assert correction["reason_en"] == "The ministry revised its figure."
    assert verdict["modified_at"] is not None


def test_the_claimreview_date_modified_moves_to_the_correction(corrected, client):
    corrected.refresh_from_db()
    response = client.get(reverse("api:claim-claimreview", args=[corrected.claim.pk]))
    assert response.status_code == 200
    review = response.json()
    assert review["dateModified"] != review["datePublished"]
    assert review["dateModified"].startswith(corrected.modified_at.isoformat()[:19])


def test_an_update_note_shows_as_a_dated_banner(seed, client):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    content = client.get(claim.get_absolute_url()).content.decode()
    assert 'class="update-banner"' in content and "Depuis le 12 juin 2024" in content


def test_the_api_detail_carries_the_version_to_send_back_as_if_match(seed, client, editor):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    url = reverse("api:claim-detail", args=[claim.pk])
    verdict = claim.current_verdict
    # The seed corrected this verdict once (version 2).
    assert client.get(url).headers["ETag"] == f'"claim-{claim.pk}.1-verdict-{verdict.pk}.2"'
    transitions.perform("unpublish", claim=claim, user=editor)
    client.force_login(editor)
    assert client.get(url).headers["ETag"] == f'"claim-{claim.pk}.2-verdict-{verdict.pk}.2"'
