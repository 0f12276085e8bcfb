import pytest
from django.db import connection
from django.urls import reverse

from claims.models import Claim, ClaimStatus
from claims.services import editing

from .helpers import PEACEKEEPERS

pytestmark = pytest.mark.django_db
NEW_CLAIM = "Moscou a envoyé 2000 soldats de la paix"


def create_claim(fact_checker, restatement: str) -> Claim:
    """A new candidate that restates the peacekeepers' figure; it points at another quote of the article."""
    template = Claim.objects.exclude(slug=PEACEKEEPERS).order_by("start").first()
    claim = Claim(
        article=template.article,
        quote=template.quote,
        start=template.start,
        end=template.end,
        restatement=restatement,
        claimant=template.claimant,
        kind=Claim.Kind.QUANTITY,
        claimed_on=template.claimed_on,
        slug="moscou-envoie-2000-soldats",
        status=ClaimStatus.CANDIDATE,
    )
    return editing.save_claim(claim=claim, user=fact_checker, expected_version=None)


def test_similar_claims_put_the_peacekeepers_claim_first(seed):
    similar = list(Claim.objects.similar_to(NEW_CLAIM))
    assert similar[0].slug == PEACEKEEPERS
    assert 0 < similar[0].similarity <= 1
    assert [c.similarity for c in similar] == sorted((c.similarity for c in similar), reverse=True)


def test_text_unlike_any_claim_finds_nothing(seed):
    assert list(Claim.objects.similar_to("Le prix du pain a doublé à Lyon")) == []
    assert list(Claim.objects.similar_to("   ")) == []


@pytest.mark.postgresql
def test_on_postgresql_creating_the_moscow_claim_lists_the_peacekeepers_claim_first_in_the_admin(
    seed, client, fact_checker
):
    claim = create_claim(fact_checker, NEW_CLAIM)
    client.force_login(fact_checker)
    response = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert response.status_code == 200
    peacekeepers = Claim.objects.get(slug=PEACEKEEPERS)
    html = response.content.decode()
    listing = html.split('<ul class="similar-claims">')[1].split("</ul>")[0]
    links = [part.split('"')[0] for part in listing.split('<li><a href="')[1:]]
    assert links[0] == reverse("admin:claims_claim_change", args=[peacekeepers.pk])
    assert Claim.objects.exclude(pk=claim.pk).similar_to(NEW_CLAIM)[0] == peacekeepers


@pytest.mark.postgresql
def test_on_postgresql_the_trigram_index_serves_the_similarity_filter(seed):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Claim.objects.similar_to(NEW_CLAIM).explain()
    assert "claim_restatement_trgm_idx" in plan and "claim_quote_trgm_idx" in plan


def test_the_admin_change_page_lists_similar_claims_on_any_database(seed, client, editor):
    claim = create_claim(editor, NEW_CLAIM)
    client.force_login(editor)
    response = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    peacekeepers = Claim.objects.get(slug=PEACEKEEPERS)
    assert reverse("admin:claims_claim_change", args=[peacekeepers.pk]) in response.content.decode()
    assert "similar_claims" not in str(client.get(reverse("admin:claims_claim_add")).context["adminform"].form.fields)
