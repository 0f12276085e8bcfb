import json
import shutil
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from claims.models import Article, Claim, Evidence, Quantity, UpdateNote, Verdict
from claims.seed import SEED_DIR, load_seed

from .helpers import shared_file

pytestmark = pytest.mark.django_db


def test_every_seed_quote_stands_at_its_offsets(seed):
    claims = list(Claim.objects.select_related("article"))
    assert len(claims) == 22
    for claim in claims:
        assert claim.article.text[claim.start : claim.end] == claim.quote


def test_the_article_carries_its_original_and_translation_notes(seed):
    article = Article.objects.get()
    assert article.published_on.isoformat() == "2022-10-31"
    assert article.original_language == "en"
    assert article.original_url.startswith("https://www.independent.co.uk/")
    assert article.translation_notes.count() == 6
    assert all(note.note_fr and note.note_en for note in article.translation_notes.all())


def test_every_verdict_has_a_rating_both_summaries_and_a_source(seed):
    verdicts = Verdict.objects.select_related("rating", "claim", "reviewer")
    assert verdicts.count() == 22
    for verdict in verdicts:
        assert verdict.rating is not None
        assert verdict.summary_fr and verdict.summary_en
        assert verdict.explanation_fr and verdict.explanation_en
        assert verdict.claim.evidence.exists()
        assert verdict.status == "published" and verdict.reviewer is not None


def test_the_deaths_claim_says_more_than_6700_verified_at_6916(seed):
    quantity = Quantity.objects.get(claim__quote__startswith="Plus de 6 700")
    assert quantity.qualifier == "more_than"
    assert quantity.value == Decimal(6700)
    assert quantity.verified_value == Decimal(6916)


def test_the_peacekeepers_claim_says_about_2000_verified_at_1960(seed):
    quantity = Quantity.objects.get(claim__quote__startswith="Moscou a déployé")
    assert quantity.qualifier == "about"
    assert quantity.value == Decimal(2000)
    assert quantity.verified_value == Decimal(1960)
    assert round(quantity.deviation, 1) == Decimal("-2.0")


def test_claims_overtaken_by_events_carry_their_update_note_with_date_and_sources(seed, seed_data):
    expected = {c["slug"]: c["update_note"] for c in seed_data["claims"] if c["update_note"]}
    assert len(expected) == 9
    notes = UpdateNote.objects.select_related("claim").prefetch_related("sources")
    assert {note.claim.slug for note in notes} == set(expected)
    urls = {s["key"]: s["url"] for s in seed_data["sources"]}
    for note in notes:
        entry = expected[note.claim.slug]
        assert note.since.isoformat() == entry["since"]
        assert {s.url for s in note.sources.all()} == {urls[key] for key in entry["sources"]}
    peacekeepers = UpdateNote.objects.get(claim__quote__startswith="Moscou a déployé")
    assert peacekeepers.since.isoformat() == "2024-06-12"


def test_the_project_seed_carries_the_researched_facts(seed):
    researched = json.loads(shared_file("seed/claims.json").read_text(encoding="utf-8"))
    by_quote = {c.quote: c for c in Claim.objects.prefetch_related("quantities", "evidence__source")}
    urls = researched["sources"]
    for entry in researched["claims"]:
        claim = by_quote[entry["quote"]]
        assert (claim.start, claim.end) == (entry["start"], entry["end"])
        # As first published: two verdicts were corrected since, in public (see below).
        first = claim.current_verdict.history.order_by("history_date", "history_id").first()
        assert first.rating.slug == entry["verdict"]
        assert first.summary_fr == entry["summary_fr"]
        assert [e.source.url for e in claim.evidence.all()] == [urls[key]["url"] for key in entry["sources"]]
        assert {(q.text, q.verified_value) for q in claim.quantities.all()} == {
            (q["text"], Decimal(str(q["verified_value"]))) for q in entry["quantities"]
        }


def _row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def test_loading_the_seed_twice_changes_no_table(empty_database):
    first = load_seed()
    after_first = _row_counts()
    second = load_seed()
    assert first.created["claim"] == 22 and not second.created and not second.updated
    assert _row_counts() == after_first
    assert Claim.history.values("id").distinct().count() == 22


def test_the_seed_restores_an_edited_summary_and_records_it_in_history(seed):
    verdict = Verdict.objects.first()
    Verdict.objects.filter(pk=verdict.pk).update(summary_en="tampered")
    report = load_seed()
    verdict.refresh_from_db()
    assert report.updated == {"verdict": 1}
    assert verdict.summary_en != "tampered"
    assert verdict.history.count() == 2


def test_the_command_reports_a_missing_file_in_one_line(seed, tmp_path):
    before = _row_counts()
    with pytest.raises(CommandError, match=r"cannot read .*nope\.json"):
        call_command("load_seed", str(tmp_path / "nope.json"))
    assert _row_counts() == before


def test_the_command_rejects_invalid_data_and_loads_nothing(empty_database, tmp_path, seed_data):
    seed_data["claims"][5]["end"] = 99999
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(seed_data), encoding="utf-8")
    shutil.copy(SEED_DIR / seed_data["article"]["text_file"], tmp_path)
    before = _row_counts()
    # The message follows the active language; the site's catalogues translate it into French.
    with translation.override("en"), pytest.raises(CommandError, match="invalid data: .*past the end of the article"):
        call_command("load_seed", str(path))
    assert _row_counts() == before
    assert not Claim.objects.exists() and not Evidence.objects.exists()
