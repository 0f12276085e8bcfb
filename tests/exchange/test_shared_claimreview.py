"""The real ClaimReview exports of ../shared/data/claimreview/: each imports, each review once."""

import datetime as dt

import pytest

from claims.exchange.importer import expand_sources, import_claimreview, read_source
from claims.models.external import ExternalReview

from ..conftest import shared_file

RELATIVE_ONLY = "meedan_fetch__estadao_raw__1.json"  # its url is "/estadao-verifica/..."
DUPLICATES = 4  # pages/ holds four reviews that the folder's JSON files hold too


@pytest.fixture
def folder():
    return shared_file("data/claimreview")


def test_every_file_reads_without_a_crash_and_gives_its_review_exactly_once(folder):
    files = expand_sources([folder])
    assert len(files) == 68
    for path in files:
        parsed = read_source(path)
        assert not parsed.unreadable, path
        if path.name == RELATIVE_ONLY:
            assert parsed.records == [] and "is relative" in parsed.problems[0].reason
        else:
            assert len(parsed.records) == 1, path
            assert parsed.records[0].claim_text and parsed.records[0].url.startswith("http"), path


def test_the_edge_cases_of_the_real_exports_read_as_their_publishers_meant(folder):
    afp = read_source(folder / "meedan_fetch__afp_factuel_raw__1.json").records[0]
    assert (afp.review_date, afp.textual_rating, afp.rating_slug) == (dt.date(2022, 1, 28), "Faux", "false")
    twenty = read_source(folder / "meedan_fetch__twenty_minutes_claim_review_page__1.json").records[0]
    assert (twenty.textual_rating, twenty.rating_slug) == ("really_false", "false")
    aos_fatos = read_source(folder / "meedan_fetch__aos_fatos_raw__1.json").records[0]
    assert aos_fatos.url.startswith("https://aosfatos.org/") and aos_fatos.rating_slug == "misleading"
    quint = read_source(folder / "meedan_fetch__the_quint_raw__1.json").records[0]
    assert quint.claim_text == "Last Tweets of Sushant Singh Rajput shared on 14 June"  # given as a list
    sentence = read_source(folder / "meedan_fetch__data_commons_raw__1.json").records[0]
    assert sentence.textual_rating.startswith("Reker hat diesen Satz nie gesagt") and sentence.rating_slug is None


def test_the_captured_pages_give_their_reviews_with_the_pages_language(folder):
    twenty = read_source(folder / "pages" / "twenty_minutes_claim_review_page.json")
    assert [r.url for r in twenty.records] == [
        "https://www.20minutes.fr/monde/ukraine/3288079-20220511-guerre-ukraine-role-urss-pendant-seconde-guerre"
        "-mondiale-sous-estime-enseignement-france"
    ]
    assert twenty.records[0].language == "fr" and twenty.records[0].source_format == "html"
    graph = read_source(folder / "pages" / "afp_raw.json").records
    assert [(r.publisher_name, r.language) for r in graph] == [("AFP Fact Check", "en")]
    feed = read_source(folder / "pages" / "data_commons_raw.json").records
    assert [r.source_format for r in feed] == ["datafeed"]
    google = read_source(folder / "pages" / "google_fact_check_raw.json").records
    assert [(r.publisher_site, r.language, r.rating_slug) for r in google] == [("vishvasnews.com", "ur", "false")]


@pytest.mark.django_db
def test_the_whole_folder_imports_each_review_once_and_again_changes_nothing(folder, scale):
    report = import_claimreview([folder], propose=False)
    files = len(expand_sources([folder]))
    assert report.failed == []
    assert [problem.where for problem in report.skipped] == [str(folder / RELATIVE_ONLY)]
    assert report.created == len(report.found) == files - 1 - DUPLICATES == ExternalReview.objects.count() == 63
    before = list(ExternalReview.objects.order_by("url").values())

    again = import_claimreview([folder], propose=False)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 63)
    assert list(ExternalReview.objects.order_by("url").values()) == before


@pytest.mark.django_db
def test_a_base_url_brings_in_the_review_known_only_by_a_path(folder, scale):
    report = import_claimreview([folder / RELATIVE_ONLY], base_url="https://www.estadao.com.br")
    review = ExternalReview.objects.get()
    assert report.created == 1 and review.url.startswith("https://www.estadao.com.br/estadao-verifica/")
    assert (review.publisher_site, review.rating.slug) == ("estadao.com.br", "false")
