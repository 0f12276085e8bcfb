"""LIAR: PolitiFact's statements loaded in bulk, all or nothing, again without duplicates."""

import re
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.exchange.liar import URL_PREFIX, LiarFormatError, import_liar, read_liar
from claims.models.external import ExternalReview

from ..conftest import shared_file

pytestmark = pytest.mark.django_db


def test_it_loads_each_statement_with_its_speaker_context_and_label_on_our_scale(data, scale):
    report = import_liar([data / "liar_small.tsv"], progress=False)

    assert report.created == 6 and ExternalReview.objects.count() == 6
    review = ExternalReview.objects.get(url=URL_PREFIX + "90003")
    assert (review.publisher_name, review.publisher_site, review.source_format) == (
        "PolitiFact",
        "politifact.com",
        "liar",
    )
    assert (review.textual_rating, review.rating.slug) == ("barely-true", "mostly_false")
    assert (review.claimant_name, review.context, review.language) == ("john-doe", "a radio interview", "en")
    assert review.details["subjects"] == ["transportation"] and review.details["party"] == "republican"
    assert review.details["credit_history"] == {
        "barely_true": 1,
        "false": 3,
        "half_true": 2,
        "mostly_true": 0,
        "pants_on_fire": 0,
    }
    slugs = dict(ExternalReview.objects.values_list("textual_rating", "rating__slug"))
    assert slugs == {
        "pants-fire": "false",
        "false": "false",
        "barely-true": "mostly_false",
        "half-true": "half_true",
        "mostly-true": "mostly_true",
        "true": "true",
    }


def test_a_statement_that_opens_a_quote_does_not_swallow_the_rows_after_it(data):
    records = read_liar([data / "liar_small.tsv"])
    assert len(records) == 6
    assert records[1].claim_text == '"Every bridge in the county is older than 200 years.'


def test_loading_the_same_files_again_changes_nothing(data, scale):
    import_liar([data / "liar_small.tsv"], progress=False)
    before = list(ExternalReview.objects.order_by("url").values())

    report = import_liar([data / "liar_small.tsv"], progress=False)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)
    assert list(ExternalReview.objects.order_by("url").values()) == before


def test_a_relabelled_statement_updates_its_row_beside_a_new_one(data, scale, tmp_path):
    source = tmp_path / "liar.tsv"
    shutil.copy(data / "liar_small.tsv", source)
    import_liar([source], progress=False)
    first = ExternalReview.objects.get(url=URL_PREFIX + "90004")
    text = source.read_text().replace("90004.json\thalf-true", "90004.json\tmostly-true")
    new_row = text.splitlines()[0].replace("90001.json", "90007.json")
    source.write_text(text + new_row + "\n")

    report = import_liar([source], progress=False)

    assert (report.created, report.updated, report.unchanged) == (1, 1, 5)
    review = ExternalReview.objects.get(url=URL_PREFIX + "90004")
    assert (review.pk, review.imported_at, review.rating.slug) == (first.pk, first.imported_at, "mostly_true")


def test_a_malformed_row_names_its_file_and_line_and_nothing_is_imported(data, scale):
    bad = data / "liar_bad_columns.tsv"
    with pytest.raises(LiarFormatError) as error:
        import_liar([data / "liar_small.tsv", bad], progress=False)
    assert str(error.value) == f"{bad}, line 3: expected 14 tab-separated columns, found 13"
    assert ExternalReview.objects.count() == 0


def test_an_unknown_label_and_a_repeated_statement_are_refused(data, tmp_path):
    with pytest.raises(LiarFormatError, match=r"liar_bad_label.tsv, line 1: unknown label 'half-false'"):
        read_liar([data / "liar_bad_label.tsv"])
    with pytest.raises(
        LiarFormatError, match=r"line 1: statement 90001.json was already read at .*liar_small.tsv, line 1"
    ):
        read_liar([data / "liar_small.tsv", data / "liar_small.tsv"])


@pytest.mark.postgresql
def test_on_postgresql_a_row_the_database_refuses_leaves_no_earlier_batch_behind(data, scale, tmp_path):
    source = tmp_path / "liar.tsv"
    too_long_id = "9" * 1000  # makes a URL longer than the column allows
    lines = (data / "liar_small.tsv").read_text().splitlines()
    lines.append(lines[0].replace("90001.json", f"{too_long_id}.json"))
    source.write_text("\n".join(lines) + "\n")
    with pytest.raises(Exception, match="too long"):
        import_liar([source], batch_size=2, progress=False)
    assert ExternalReview.objects.count() == 0


def test_the_command_loads_the_files_and_ends_with_a_summary_line(data, scale, capsys):
    call_command("import_liar", str(data / "liar_small.tsv"))
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith("LIAR import: 6 reviews: 6 created, 0 updated, 0 unchanged;")
    assert re.search(r"; \d+\.\d\d s of import time \([\d,]+ statements/s\)\.$", out[-1])


def test_the_command_refuses_a_malformed_file_in_one_line(data, scale):
    with pytest.raises(CommandError) as error:
        call_command("import_liar", str(data / "liar_bad_columns.tsv"))
    assert "\n" not in str(error.value)
    assert str(error.value).endswith("line 3: expected 14 tab-separated columns, found 13; nothing was imported")
    with pytest.raises(CommandError, match="missing.tsv: no such file"):
        call_command("import_liar", str(data / "missing.tsv"))


def test_the_progress_bar_shows_when_asked(data, scale, capsys):
    import_liar([data / "liar_small.tsv"], progress=True)
    assert "6/6" in capsys.readouterr().err


def test_all_shared_liar_statements_load_once(scale):
    files = [shared_file(f"data/liar/{name}.tsv") for name in ("train", "valid", "test")]

    report = import_liar(files, progress=False)

    assert report.created == 12836 == ExternalReview.objects.filter(source_format="liar").count()
    assert ExternalReview.objects.filter(source_format="liar", rating__isnull=True).count() == 0
    again = import_liar(files, progress=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 12836)


def test_only_the_desk_may_load_liar(data, scale, fact_checker):
    outsider = get_user_model().objects.create_user("reader", "reader@example.org", "correct horse battery")
    with pytest.raises(PermissionDenied):
        import_liar([data / "liar_small.tsv"], user=outsider, progress=False)

    import_liar([data / "liar_small.tsv"], user=fact_checker, progress=False)

    assert set(ExternalReview.objects.values_list("imported_by__username", flat=True)) == {"fanny.checker"}


def test_without_our_scale_loaded_the_labels_stay_as_text(empty_database, data):
    report = import_liar([data / "liar_small.tsv"], progress=False)
    assert report.created == 6 and report.unplaced == 6
    assert ExternalReview.objects.filter(rating__isnull=True, claim_date__isnull=True).count() == 6
    assert ExternalReview.objects.get(url=URL_PREFIX + "90005").context == ""
    assert import_liar([data / "liar_small.tsv"], progress=False).unchanged == 6


def test_the_command_says_when_our_scale_is_missing(empty_database, data, capsys):
    call_command("import_liar", str(data / "liar_small.tsv"))
    captured = capsys.readouterr()
    assert "it is not loaded (manage.py load_seed loads it)" in captured.err
    assert "6 ratings not on our scale" in captured.out


def test_a_malformed_row_after_a_written_batch_leaves_nothing(data, scale, tmp_path):
    source = tmp_path / "liar.tsv"
    lines = (data / "liar_small.tsv").read_text().splitlines()
    source.write_text(
        "\n".join([*lines, lines[0].replace("90001.json", "90009.json").replace("\tpants-fire\t", "\tmaybe\t")])
    )
    with pytest.raises(LiarFormatError, match=rf"{re.escape(str(source))}, line 7: unknown label 'maybe'"):
        import_liar([source], batch_size=2, progress=False)
    assert ExternalReview.objects.count() == 0
