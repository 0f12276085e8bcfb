"""The bulk write path keeps every rule of a single save, and writes all or nothing."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from claims.bulk import BulkWriter, bulk_insert
from claims.models import Article, Claim, Claimant, Evidence, Rating, Source, Verdict

pytestmark = pytest.mark.django_db

TEXT = "The sky is green. Taxes doubled in 2020. Nobody saw it."
PUBLISHED_AT = dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC)


def _article(writer: BulkWriter, slug: str = "bulk-article", text: str = TEXT) -> int:
    return writer.add_row(
        Article,
        {"slug": slug, "title": "Bulk", "publisher": "Desk", "published_on": dt.date(2024, 3, 1), "text": text},
    )


def _claim(writer: BulkWriter, article_id: int, quote: str, start: int, slug: str) -> int:
    claimant = Claimant.objects.get(slug="vladimir-poutine")
    return writer.add_row(
        Claim,
        {
            "article_id": article_id,
            "quote": quote,
            "start": start,
            "end": start + len(quote),
            "restatement": quote,
            "claimant": claimant,
            "kind": Claim.Kind.EVENT,
            "language": "en",
            "claimed_on": dt.date(2024, 2, 1),
            "status": Claim.Status.PUBLISHED,
            "slug": slug,
        },
    )


def test_it_writes_a_published_claim_with_its_verdict_and_source(seed):
    with BulkWriter(batch_size=2) as writer:
        article_id = _article(writer)
        claim_id = _claim(writer, article_id, "Taxes doubled in 2020.", 18, "taxes-doubled")
        writer.add(
            Verdict(
                claim_id=claim_id,
                rating=Rating.objects.get(slug="false"),
                status=Verdict.Status.PUBLISHED,
                published_at=PUBLISHED_AT,
                summary_fr="Faux.",
            )
        )
        source = writer.add(Source(url="https://example.org/taxes", title="Taxes", publisher="Example"))
        writer.add_row(Evidence, {"claim_id": claim_id, "source": source, "stance": "refutes"})

    claim = Claim.objects.published().get(slug="taxes-doubled")
    assert claim.article.text[claim.start : claim.end] == claim.quote
    assert claim.current_verdict.rating.slug == "false"
    assert [e.source.url for e in claim.evidence.all()] == ["https://example.org/taxes"]
    assert claim.created_at is not None
    assert writer.written == {
        "claims.Article": 1,
        "claims.Claim": 1,
        "claims.Verdict": 1,
        "claims.Source": 1,
        "claims.Evidence": 1,
        "claims.HistoricalClaim": 1,
        "claims.HistoricalVerdict": 1,
        "claims.HistoricalSource": 1,
        "claims.HistoricalEvidence": 1,
    }


def test_it_refuses_a_claim_whose_quote_is_not_in_its_article_and_writes_nothing(seed):
    claims_before, articles_before = Claim.objects.count(), Article.objects.count()
    with pytest.raises(IntegrityError, match="claim_quote_matches_article"), BulkWriter(batch_size=3) as writer:
        article_id = _article(writer)
        _claim(writer, article_id, "The sky is green.", 0, "sky-green")
        _claim(writer, article_id, "Taxes doubled in 2020.", 18, "taxes-doubled")
        _claim(writer, article_id, "Taxes tripled in 2020.", 18, "taxes-tripled")
        _claim(writer, article_id, "Nobody saw it.", 41, "nobody-saw-it")

    assert writer.written["claims.Claim"] < 4  # some batches had been sent before the bad one
    assert Claim.objects.count() == claims_before
    assert Article.objects.count() == articles_before
    assert not Claim.objects.filter(slug__in=["sky-green", "taxes-doubled", "nobody-saw-it"]).exists()


def test_it_checks_quotes_in_an_article_with_accents_by_characters_not_bytes(seed):
    text = "Été 2020 : les impôts ont doublé. Personne n’a rien vu. Fin de l’histoire."
    quote = "Personne n’a rien vu."
    start = text.index(quote)
    with BulkWriter() as writer:
        article_id = _article(writer, "accents", text)
        _claim(writer, article_id, quote, start, "personne")
        _claim(writer, article_id, "les impôts ont doublé", 11, "impots")
    assert Claim.objects.get(slug="personne").article.text[start : start + len(quote)] == quote

    in_bytes = len(text[:start].encode())  # an importer counting bytes: two more, for "É" and "é"
    with pytest.raises(IntegrityError, match="claim_quote_matches_article"), BulkWriter() as writer:
        _claim(writer, _article(writer, "accents-bytes", text), quote, in_bytes, "bytes")
    assert not Article.objects.filter(slug="accents-bytes").exists()


def test_it_refuses_a_quote_with_accents_in_an_article_without_any(seed):
    with pytest.raises(IntegrityError, match="claim_quote_matches_article"), BulkWriter() as writer:
        _claim(writer, _article(writer), "The sky is grééé", 0, "grey")  # the text there: "The sky is green"
    assert not Article.objects.filter(slug="bulk-article").exists()


def test_it_refuses_an_offset_past_the_end_of_the_article(seed):
    with pytest.raises(IntegrityError, match="claim_offsets_within_article"), BulkWriter() as writer:
        _claim(writer, _article(writer), "Nobody saw it. And more", 41, "past-the-end")
    assert not Article.objects.filter(slug="bulk-article").exists()


def test_it_keeps_the_check_constraints_and_unique_slugs(seed):
    with pytest.raises(IntegrityError), BulkWriter() as writer:
        _claim(writer, _article(writer), "The sky is green.", 0, Claim.objects.first().slug)
    with pytest.raises(IntegrityError, match="claim_kind_valid"), BulkWriter() as writer:
        article_id = _article(writer)
        claim_id = _claim(writer, article_id, "The sky is green.", 0, "sky-green")
        claimant = Claimant.objects.get(slug="vladimir-poutine")
        writer.add(
            Claim(article_id=article_id, quote="T", start=0, end=1, restatement="T", claimant=claimant,
                  kind="gossip", claimed_on=dt.date(2024, 2, 1), slug="t")
        )  # fmt: skip
    assert not Claim.objects.filter(pk=claim_id).exists()


def test_the_database_refuses_a_bad_quote_among_many_rows_of_one_insert(seed):
    article = Article.objects.get()
    good = Claim.objects.first()
    rows = [
        Claim(article=article, quote=good.quote, start=good.start, end=good.end, restatement="Good",
              claimant=good.claimant, kind="event", claimed_on=good.claimed_on, slug=f"copy-{n}")
        for n in range(3)
    ]  # fmt: skip
    rows[1].quote = "Not what the article says"
    with pytest.raises(IntegrityError, match="claim_quote_matches_article"), transaction.atomic():
        Claim.objects.bulk_create(rows)
    assert not Claim.objects.filter(slug__startswith="copy-").exists()


def test_it_names_a_missing_or_unknown_field_before_writing_anything(seed):
    with pytest.raises(ValueError, match=r"claims.Article.text is required"), BulkWriter() as writer:
        writer.add_row(Article, {"slug": "no-text", "title": "T", "publisher": "P", "published_on": dt.date.today()})
    with pytest.raises(TypeError, match="has no field colour"), BulkWriter() as writer:
        writer.add_row(Claimant, {"name": "X", "slug": "x", "colour": "red"})
    assert not Article.objects.filter(slug="no-text").exists()


def test_it_writes_no_history_rows_when_told_not_to(seed):
    before = Claim.history.count()
    with BulkWriter(history=False) as writer:
        _claim(writer, _article(writer), "Nobody saw it.", 41, "nobody-saw-it")
    assert Claim.objects.filter(slug="nobody-saw-it").exists()
    assert Claim.history.count() == before


def test_it_records_a_created_history_row_with_its_reason(seed):
    with BulkWriter(history_reason="LIAR import") as writer:
        claim_id = _claim(writer, _article(writer), "Nobody saw it.", 41, "nobody-saw-it")
    (record,) = Claim.history.filter(id=claim_id)
    assert (record.history_type, record.history_change_reason, record.quote) == ("+", "LIAR import", "Nobody saw it.")


def test_it_reports_progress_with_running_counts(seed):
    seen = []
    keys = bulk_insert(
        Claimant,
        [{"name": f"Speaker {n}", "slug": f"speaker-{n}"} for n in range(5)],
        batch_size=2,
        progress=lambda written: seen.append(written["claims.Claimant"]),
        history=False,
    )
    assert seen == [2, 4, 5]
    assert list(Claimant.objects.filter(pk__in=keys).order_by("pk").values_list("slug", flat=True)) == [
        f"speaker-{n}" for n in range(5)
    ]


def test_it_must_be_used_as_a_context_manager():
    with pytest.raises(RuntimeError, match="context manager"):
        BulkWriter().add_row(Claimant, {"name": "X", "slug": "x"})


def _claim_indexes() -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'claims_claim'")
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.postgresql
def test_an_offline_load_builds_the_dropped_indexes_again_and_a_failed_one_keeps_them(seed):
    before = _claim_indexes()
    assert "claim_search_vector_idx" in before
    with BulkWriter(rebuild_indexes=[Claim]) as writer:
        _claim(writer, _article(writer), "Nobody saw it.", 41, "nobody-saw-it")
        during = _claim_indexes()
        assert "claim_search_vector_idx" not in during
        assert "claims_claim_pkey" in during  # the indexes that enforce a rule stay
    assert _claim_indexes() == before
    assert Claim.objects.search("nobody").filter(slug="nobody-saw-it").exists()
    with pytest.raises(IntegrityError), BulkWriter(rebuild_indexes=[Claim]) as writer:
        _claim(writer, _article(writer, slug="another"), "Nobody saw that.", 41, "nobody-saw-that")
    assert _claim_indexes() == before


def _verdict_foreign_keys() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'claims_verdict'::regclass AND contype = 'f'"
        )
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.postgresql
def test_an_offline_load_checks_its_foreign_keys_at_the_end_and_keeps_them(seed):
    keys = _verdict_foreign_keys()
    assert any("claim_id" in name for name in keys)
    false = Rating.objects.get(slug="false")
    with BulkWriter(rebuild_indexes=[Claim, Verdict]) as writer:
        claim_id = _claim(writer, _article(writer), "Nobody saw it.", 41, "nobody-saw-it")
        writer.add(Verdict(claim_id=claim_id, rating=false, status=Verdict.Status.PUBLISHED, published_at=PUBLISHED_AT))
    assert _verdict_foreign_keys() == keys
    assert Claim.objects.published().filter(slug="nobody-saw-it").exists()

    # A verdict of a claim that does not exist: the whole load is refused, its claim with it.
    with pytest.raises(IntegrityError, match="claim_id"), BulkWriter(rebuild_indexes=[Claim, Verdict]) as writer:
        _claim(writer, _article(writer, slug="another"), "Nobody saw it.", 41, "nobody-saw-that")
        writer.add(Verdict(claim_id=10**9, rating=false, status=Verdict.Status.DRAFT))
    assert not Claim.objects.filter(slug="nobody-saw-that").exists()
    assert _verdict_foreign_keys() == keys


@pytest.mark.postgresql
def test_after_an_offline_load_a_claim_saved_one_at_a_time_takes_the_next_free_id(seed):
    with BulkWriter(rebuild_indexes=[Article, Claim]) as writer:
        ids = [_claim(writer, _article(writer), "Nobody saw it.", 41, "nobody-saw-it")]
        ids.append(_claim(writer, _article(writer, slug="another"), "Nobody saw it.", 41, "nobody-saw-it-again"))
    assert ids[1] > ids[0]
    article = Article.objects.get(slug="another")
    single = Claim.objects.create(
        article=article,
        quote="Taxes doubled in 2020.",
        start=18,
        end=40,
        restatement="Taxes doubled in 2020.",
        claimant=Claimant.objects.get(slug="vladimir-poutine"),
        kind=Claim.Kind.EVENT,
        language="en",
        claimed_on=dt.date(2024, 2, 1),
        slug="taxes-doubled-single",
    )
    assert single.pk > max(ids)


# Keyed upserts: other publishers' reviews, one row per URL -------------------------------------


def _review(n: int, **values) -> dict:
    return {
        "url": f"https://example.org/review/{n}",
        "publisher_name": "Example",
        "publisher_site": "example.org",
        "textual_rating": "False",
        "claim_text": f"Claim number {n}.",
        "details": {"n": n, "tags": ["été", "tax"]},
        "source_format": "json",
        **values,
    }


UPSERT = {"key": ["url"], "compare": ["publisher_name", "textual_rating", "claim_text", "details"]}


def test_an_upsert_inserts_new_keys_and_rewrites_only_the_rows_that_differ(seed):
    from claims.models.external import ExternalReview

    with BulkWriter(history=False) as writer:
        counts = writer.upsert(ExternalReview, [_review(n) for n in range(5)], batch_size=2, **UPSERT)
    assert (counts.created, counts.updated, counts.unchanged) == (5, 0, 0)
    stored = ExternalReview.objects.get(url="https://example.org/review/3")
    assert stored.details == {"n": 3, "tags": ["été", "tax"]} and stored.appearances == []
    claim = Claim.objects.first()
    ExternalReview.objects.filter(pk=stored.pk).update(claim=claim, match_status="proposed", match_score=0.5)

    rows = [_review(n) for n in range(6)]
    rows[3]["textual_rating"] = "Mostly false"
    with BulkWriter(history=False) as writer:
        counts = writer.upsert(ExternalReview, rows, batch_size=4, **UPSERT)

    assert (counts.created, counts.updated, counts.unchanged) == (1, 1, 4)
    again = ExternalReview.objects.get(url="https://example.org/review/3")
    assert (again.pk, again.imported_at, again.textual_rating) == (stored.pk, stored.imported_at, "Mostly false")
    assert (again.claim, again.match_status, again.match_score) == (claim, "proposed", 0.5)  # not compared: kept
    assert ExternalReview.objects.count() == 6


def test_an_upsert_reports_the_rows_read_and_a_refused_row_leaves_nothing(seed):
    from claims.models.external import ExternalReview

    seen = []
    rows = [_review(n) for n in range(3)] + [_review(3, source_format="carrier pigeon")]
    with pytest.raises(IntegrityError), BulkWriter(history=False, progress=lambda w: seen.append(dict(w))) as writer:
        writer.upsert(ExternalReview, rows, batch_size=2, **UPSERT)
    assert seen[0] == {"claims.ExternalReview": 2}
    assert not ExternalReview.objects.exists()


def test_an_upsert_writes_no_history(seed):
    with pytest.raises(ValueError, match="writes no history"), BulkWriter() as writer:
        writer.upsert(Claim, [{"slug": "x"}], key=["slug"])


def test_json_values_added_as_rows_are_stored_as_json(seed):
    from claims.models.external import ExternalReview

    with BulkWriter(history=False) as writer:
        writer.add_row(ExternalReview, _review(1, appearances=["https://example.org/a"]))
    stored = ExternalReview.objects.get()
    assert (stored.details["tags"], stored.appearances) == (["été", "tax"], ["https://example.org/a"])


def test_upserted_rows_of_different_shapes_are_built_as_added_rows_are(seed):
    from django.contrib.auth import get_user_model

    from claims.models.external import ExternalReview

    user = get_user_model().objects.first()
    rows = [
        _review(1),
        _review(2, title="A title", claim_date=None),
        _review(3, imported_by=user),
        _review(4, updated_at=PUBLISHED_AT, imported_at=PUBLISHED_AT),
    ]
    with BulkWriter(history=False) as writer:
        writer.upsert(ExternalReview, rows, **UPSERT)
        now = writer.now
    stored = {review.url.rsplit("/", 1)[1]: review for review in ExternalReview.objects.all()}
    assert (stored["1"].title, stored["2"].title, stored["2"].claim_date) == ("", "A title", None)
    assert (stored["1"].imported_by, stored["3"].imported_by) == (None, user)
    if connection.vendor == "postgresql":  # elsewhere bulk_create stamps the rows itself as it writes them
        assert (stored["4"].imported_at, stored["4"].updated_at) == (PUBLISHED_AT, now)  # auto_now: the load's time
        assert {review.imported_at for key, review in stored.items() if key != "4"} == {now}


def test_added_rows_of_one_model_may_name_different_fields_in_any_order(seed):
    from claims.models.external import ExternalReview

    first = _review(1)
    reordered = dict(reversed(list(_review(2, title="Reordered").items())))
    fewer = {key: value for key, value in _review(3).items() if key not in ("title", "details")}
    with BulkWriter(history=False) as writer:
        for row in (first, reordered, fewer, _review(4, imported_at=PUBLISHED_AT)):
            writer.add_row(ExternalReview, row)
        now = writer.now
    stored = {review.url.rsplit("/", 1)[1]: review for review in ExternalReview.objects.all()}
    assert [stored[key].title for key in "1234"] == ["", "Reordered", "", ""]
    assert (stored["1"].details["tags"], stored["3"].details) == (["été", "tax"], {})  # {}: the field's default
    if connection.vendor == "postgresql":
        assert (stored["1"].imported_at, stored["4"].imported_at) == (now, PUBLISHED_AT)
