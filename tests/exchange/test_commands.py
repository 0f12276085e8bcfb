"""manage.py import_claimreview: a summary line, the problems on stderr, a non-zero exit on bad input."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models.external import ExternalReview

pytestmark = pytest.mark.django_db


def test_it_imports_files_and_ends_with_a_summary_line(data, scale, capsys):
    call_command("import_claimreview", str(data / "datafeed.json"), str(data / "page_nested.html"))
    captured = capsys.readouterr()
    last = captured.out.strip().splitlines()[-1]
    assert last.startswith("ClaimReview import: 6 reviews: 6 created, 0 updated, 0 unchanged; 1 skipped,")
    assert last.endswith(" s.")
    assert f"skipped block 2 of {data / 'page_nested.html'}: Expecting ',' delimiter" in captured.err
    assert ExternalReview.objects.count() == 6


def test_an_unreadable_source_fails_the_command_in_one_line_after_importing_the_rest(data, scale, capsys):
    with pytest.raises(CommandError) as error:
        call_command("import_claimreview", str(data / "datafeed.json"), str(data / "broken.json"))
    assert str(error.value) == f"1 of the sources could not be read: {data / 'broken.json'}"
    assert ExternalReview.objects.count() == 2


def test_a_missing_file_is_named(data, scale, capsys):
    with pytest.raises(CommandError, match="could not be read: .*nowhere.json"):
        call_command("import_claimreview", str(data / "nowhere.json"))
    assert "unreadable " + str(data / "nowhere.json") + ": no such file" in capsys.readouterr().err


def test_a_base_url_resolves_relative_review_urls(data, scale):
    call_command("import_claimreview", str(data / "incomplete.json"), base_url="https://checks.example.org")
    assert ExternalReview.objects.filter(url="https://checks.example.org/relative/only").exists()
