"""``manage.py generate_claims``: realistic published claims in bulk, the same ones for the same seed."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count

from claims.models import Article, Claim, Quantity, Verdict
from claims.synthetic import built_in_statements, generate_claims, read_liar

from .conftest import shared_file

# Generated claims are counted on their own: the session's seed is set aside (rolled back after).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_database")]


def _generate(count: int, seed: int) -> str:
    out = StringIO()
    call_command("generate_claims", str(count), "--seed", str(seed), "--batch", "500", stdout=out)
    return out.getvalue()


def _snapshot() -> list[tuple]:
    """What a reader sees of the generated claims, ids aside (sequences are not rolled back)."""
    return list(
        Claim.objects.order_by("slug").values_list(
            "slug", "quote", "start", "end", "claimant__slug", "article__slug", "claimed_on", "kind"
        )
    ) + list(Verdict.objects.order_by("claim__slug").values_list("claim__slug", "rating__slug", "published_at"))


def test_it_makes_200_claims_that_readers_can_see():
    output = _generate(200, seed=7)
    assert "Wrote 200 claims" in output
    assert Claim.objects.published().count() == 200
    assert Verdict.objects.filter(is_current=True, status="published", rating__isnull=False).count() == 200


def test_its_claims_have_the_shape_of_a_desk_at_scale():
    _generate(200, seed=7)
    assert Article.objects.count() == 5  # one article per 40 claims
    for claim in Claim.objects.select_related("article"):
        assert claim.article.text[claim.start : claim.end] == claim.quote
    sources_per_claim = Claim.objects.annotate(n=Count("evidence")).values_list("n", flat=True)
    assert set(sources_per_claim) <= {1, 2, 3}
    with_quantity = Claim.objects.filter(quantities__isnull=False).distinct().count()
    assert 0.30 <= with_quantity / 200 <= 0.56  # 43 % expected
    assert Quantity.objects.filter(claim__kind=Claim.Kind.QUANTITY).count() == with_quantity
    years = set(Verdict.objects.values_list("published_at__year", flat=True))
    assert len(years) >= 3  # publication dates spread over years


def test_the_same_seed_gives_the_same_claims_and_another_seed_others():
    snapshots = []
    for seed in (3, 3, 4):
        with transaction.atomic():
            _generate(120, seed=seed)
            snapshots.append(_snapshot())
            transaction.set_rollback(True)
    first, again, other = snapshots
    assert again == first
    quotes = {row[1] for row in first[:120]}
    assert {row[1] for row in other[:120]} != quotes


def test_it_refuses_a_count_below_one_with_a_reason():
    with pytest.raises(CommandError, match="count"):
        call_command("generate_claims", "0")
    assert not Claim.objects.exists()


def test_it_writes_nothing_when_a_row_breaks_a_rule():
    _generate(40, seed=5)
    with pytest.raises(CommandError, match="nothing was written: .* pick another seed"):
        _generate(80, seed=5)  # the same slugs again: refused by the unique constraint
    assert Claim.objects.count() == 40


def test_it_draws_the_statements_from_the_liar_corpus_when_present():
    shared_file("data/liar/train.tsv")
    statements = read_liar()
    assert len(statements) > 12_000
    generate_claims(count=40, seed=1, statements=statements[:200])
    texts = {statement.text for statement in statements[:200]}
    assert any(claim.quote in texts for claim in Claim.objects.all())


def test_it_writes_sentences_of_its_own_without_the_corpus():
    written = generate_claims(count=60, seed=2, statements=built_in_statements())
    assert written["claims.Claim"] == 60
    assert Claim.objects.published().count() == 60
