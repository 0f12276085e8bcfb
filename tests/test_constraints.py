"""The database itself refuses data that would break a claim, whatever code writes it."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from claims.models import Article, Claim, Evidence, Quantity, Source, Verdict

pytestmark = pytest.mark.django_db


def _claim_values(article: Article, start: int, end: int, quote: str | None = None) -> dict:
    source = Claim.objects.first()
    return {
        "article": article,
        "quote": article.text[start:end] if quote is None else quote,
        "start": start,
        "end": end,
        "restatement": "Test",
        "claimant": source.claimant,
        "kind": "event",
        "claimed_on": article.published_on,
        "slug": f"test-{start}-{end}",
    }


def test_the_database_rejects_an_offset_past_the_end_of_the_article(seed):
    article = Article.objects.get()
    length = len(article.text)
    with pytest.raises(IntegrityError, match="claim_offsets_within_article"), transaction.atomic():
        Claim.objects.create(**_claim_values(article, length - 5, length + 3, quote=article.text[-5:] + "abc"))


def test_the_database_rejects_an_end_offset_not_after_the_start(seed):
    article = Article.objects.get()
    with pytest.raises(IntegrityError, match="claim_start_before_end"), transaction.atomic():
        Claim.objects.create(**_claim_values(article, 40, 40, quote=""))
    with pytest.raises(IntegrityError, match="claim_start_before_end"), transaction.atomic():
        Claim.objects.create(**_claim_values(article, 40, 30, quote="x"))


def test_the_database_rejects_a_quote_that_is_not_at_its_offsets(seed):
    article = Article.objects.get()
    with pytest.raises(IntegrityError, match="claim_quote_matches_article"), transaction.atomic():
        Claim.objects.create(**_claim_values(article, 0, 10, quote="La préside"))
    claim = Claim.objects.get(quote__startswith="Plus de 6 700")
    with pytest.raises(IntegrityError, match="claim_quote_matches_article"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(start=claim.start + 1)


def test_the_database_rejects_an_article_edit_that_moves_the_text_under_a_claim(seed):
    article = Article.objects.get()
    with pytest.raises(IntegrityError, match="article_text_keeps_claims"), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(text="Nouveau début. " + article.text)
    Article.objects.filter(pk=article.pk).update(text=article.text + "\n\nPost-scriptum.")
    assert Article.objects.get().text.endswith("Post-scriptum.")


def test_the_database_rejects_a_second_current_verdict_for_a_claim(seed):
    claim = Claim.objects.first()
    with pytest.raises(IntegrityError, match="verdict_one_current_per_claim|UNIQUE"), transaction.atomic():
        Verdict.objects.create(claim=claim, is_current=True)
    Verdict.objects.create(claim=claim, is_current=False)
    assert claim.verdicts.count() == 2


def test_the_database_rejects_a_qualifier_outside_the_fixed_choices(seed):
    claim = Claim.objects.first()
    with pytest.raises(IntegrityError, match="quantity_qualifier_valid"), transaction.atomic():
        Quantity.objects.create(claim=claim, text="beaucoup", value=3, qualifier="lots")


def test_the_database_rejects_a_stance_outside_the_fixed_choices(seed):
    claim = Claim.objects.first()
    source = Source.objects.exclude(evidence__claim=claim).first()
    with pytest.raises(IntegrityError, match="evidence_stance_valid"), transaction.atomic():
        Evidence.objects.create(claim=claim, source=source, stance="maybe")


def test_the_database_rejects_duplicate_slugs(seed):
    article = Article.objects.get()
    values = _claim_values(article, 19, 90)
    values["slug"] = Claim.objects.first().slug
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(**values)


def test_the_orm_refuses_to_delete_a_cited_source(seed):
    source = Source.objects.filter(evidence__isnull=False).first()
    with pytest.raises(ProtectedError):
        source.delete()
    assert Source.objects.filter(pk=source.pk).exists()


def test_the_database_refuses_to_delete_a_cited_source_even_in_raw_sql(seed):
    # Foreign keys are checked when a transaction commits; check_constraints() makes that check now,
    # inside the test's transaction, as the commit of a raw DELETE would.
    source = Source.objects.filter(evidence__isnull=False).first()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM claims_source WHERE id = %s", [source.pk])
        connection.check_constraints()
    assert Source.objects.filter(pk=source.pk).exists()
    uncited = Source.objects.create(url="https://example.org/uncited", title="Uncited", publisher="Example")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM claims_source WHERE id = %s", [uncited.pk])
        connection.check_constraints()
    assert not Source.objects.filter(pk=uncited.pk).exists()
