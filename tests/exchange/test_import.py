"""Importing ClaimReview into the database: idempotent by URL, others' reviews kept as theirs."""

import json
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from claims.exchange.importer import import_claimreview, import_claimreview_texts
from claims.exchange.matching import confirm_match, reject_match
from claims.models import Claim, Verdict
from claims.models.external import ExternalReview, MatchStatus

pytestmark = pytest.mark.django_db

PEACEKEEPERS = "russie-deploie-2000-soldats-maintien-paix"
MATCHING_URL = "https://exemple-verif.fr/2022/11/soldats-paix-karabakh"
FIXTURE_REVIEWS = 15


def test_it_imports_every_fixture_review_once_and_names_what_it_could_not_read(data, scale):
    report = import_claimreview([data])
    assert (report.created, report.updated, report.unchanged) == (FIXTURE_REVIEWS, 0, 0)
    assert ExternalReview.objects.count() == FIXTURE_REVIEWS == len(report.found)
    assert [problem.where for problem in report.failed] == [str(data / "broken.json")]
    assert len(report.skipped) == 4  # the broken block and three incomplete reviews
    review = ExternalReview.objects.get(url="https://checks.example.org/week-12#bridge")
    assert (review.publisher_name, review.textual_rating, review.rating.slug) == (
        "Example Checks",
        "Pants on Fire",
        "false",
    )
    assert review.source_format == "html" and review.match_status == "" and review.claim is None


def test_importing_the_same_sources_again_changes_nothing(data, scale):
    import_claimreview([data])
    before = list(ExternalReview.objects.order_by("url").values())
    report = import_claimreview([data])
    assert (report.created, report.updated, report.unchanged) == (0, 0, FIXTURE_REVIEWS)
    assert list(ExternalReview.objects.order_by("url").values()) == before


def test_a_review_its_publisher_changed_updates_its_row(data, scale, tmp_path):
    source = tmp_path / "review.json"
    shutil.copy(data / "matching_review.json", source)
    import_claimreview([source], propose=False)
    first = ExternalReview.objects.get(url=MATCHING_URL)
    changed = json.loads(source.read_text())
    changed["reviewRating"]["alternateName"] = "Plutôt vrai"
    source.write_text(json.dumps(changed))

    report = import_claimreview([source], propose=False)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    review = ExternalReview.objects.get(url=MATCHING_URL)
    assert (review.pk, review.imported_at) == (first.pk, first.imported_at)
    assert (review.textual_rating, review.rating.slug) == ("Plutôt vrai", "mostly_true")
    assert review.updated_at > first.updated_at


def test_a_source_that_leaves_a_field_out_does_not_erase_it(data, scale, tmp_path):
    import_claimreview([data / "capture.json"])  # the page says it is in French
    bare = tmp_path / "bare.json"
    bare.write_text(
        json.dumps(
            {
                "@type": "ClaimReview",
                "url": "https://verif-exemple.fr/articles/42",
                "claimReviewed": "La tour de Pise s'est redressée de deux mètres",
                "reviewRating": {"alternateName": "Invérifiable"},
            }
        )
    )
    report = import_claimreview([bare])
    review = ExternalReview.objects.get(url="https://verif-exemple.fr/articles/42")
    assert review.language == "fr" and review.publisher_name == "Vérif Exemple"
    assert report.updated == 1 and review.source_format == "json"  # only where it was read from changed


def test_a_review_of_one_of_our_claims_gets_a_proposed_match_and_our_verdict_stays(data, seed):
    peacekeepers = Claim.objects.get(slug=PEACEKEEPERS)
    verdicts_before = list(Verdict.objects.values())

    report = import_claimreview([data / "matching_review.json", data / "datafeed.json"])

    review = ExternalReview.objects.get(url=MATCHING_URL)
    assert (review.claim, review.match_status) == (peacekeepers, MatchStatus.PROPOSED)
    assert 0 < review.match_score <= 1
    assert report.proposed == 1  # the English lighthouse and market reviews match nothing of ours
    assert ExternalReview.objects.filter(url__contains="checks.example.org", claim__isnull=False).count() == 0
    assert list(Verdict.objects.values()) == verdicts_before
    assert ExternalReview.objects.for_claim(peacekeepers).count() == 0  # proposed is not shown


def test_an_editor_confirms_a_match_and_a_fact_checker_may_not(data, seed, editor, fact_checker):
    import_claimreview([data / "matching_review.json"])
    review = ExternalReview.objects.get(url=MATCHING_URL)
    with pytest.raises(PermissionDenied):
        confirm_match(review=review, user=fact_checker)

    confirm_match(review=review, user=editor)

    review.refresh_from_db()
    assert review.match_status == MatchStatus.CONFIRMED
    assert list(ExternalReview.objects.for_claim(review.claim)) == [review]


def test_a_rejected_match_is_not_proposed_again_by_a_new_import(data, seed, editor):
    import_claimreview([data / "matching_review.json"])
    review = ExternalReview.objects.get(url=MATCHING_URL)
    reject_match(review=review, user=editor)

    report = import_claimreview([data / "matching_review.json"])

    review.refresh_from_db()
    assert review.match_status == MatchStatus.REJECTED and report.proposed == 0 and report.unchanged == 1


def test_deleting_our_claim_keeps_their_review_without_the_match(data, seed, editor):
    import_claimreview([data / "matching_review.json"])
    review = ExternalReview.objects.get(url=MATCHING_URL)
    claim = review.claim
    claim.verdicts.all().delete()
    claim.evidence.all().delete()
    claim.quantities.all().delete()
    claim.update_notes.all().delete()
    claim.delete()

    review.refresh_from_db()
    assert (review.claim, review.match_status, review.match_score) == (None, "", None)


def test_only_the_desk_may_import(data, scale, fact_checker):
    outsider = get_user_model().objects.create_user("reader", "reader@example.org", "correct horse battery")
    with pytest.raises(PermissionDenied):
        import_claimreview([data / "datafeed.json"], user=outsider)
    assert ExternalReview.objects.count() == 0

    import_claimreview([data / "datafeed.json"], user=fact_checker)

    assert set(ExternalReview.objects.values_list("imported_by__username", flat=True)) == {"fanny.checker"}


def test_the_database_refuses_a_match_without_a_claim_and_a_second_row_for_a_url(data, scale):
    import_claimreview([data / "datafeed.json"])
    review = ExternalReview.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ExternalReview.objects.filter(pk=review.pk).update(match_status=MatchStatus.PROPOSED)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExternalReview.objects.create(url=review.url, publisher_name="x", claim_text="y", source_format="json")
    with pytest.raises(IntegrityError), transaction.atomic():
        ExternalReview.objects.filter(pk=review.pk).update(match_score=1.5)


def test_a_claims_confirmed_reviews_load_in_one_query(data, seed, editor, django_assert_num_queries):
    import_claimreview([data / "matching_review.json"])
    review = ExternalReview.objects.get(url=MATCHING_URL)
    confirm_match(review=review, user=editor)
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    with django_assert_num_queries(1):
        labels = [(r.publisher_name, r.rating.label_fr) for r in ExternalReview.objects.for_claim(claim)]
    assert labels == [("Exemple Vérif", "Vrai")]


def test_a_review_imported_without_matching_gets_its_proposal_from_a_later_import(data, seed):
    import_claimreview([data / "matching_review.json"], propose=False)
    assert ExternalReview.objects.get(url=MATCHING_URL).match_status == ""

    report = import_claimreview([data / "matching_review.json"])

    assert (report.unchanged, report.proposed) == (1, 1)
    assert ExternalReview.objects.get(url=MATCHING_URL).claim.slug == PEACEKEEPERS


def test_an_uploaded_page_imports_from_memory_and_names_its_broken_block_by_the_upload_name(data, scale, fact_checker):
    text = (data / "page_nested.html").read_text()

    report = import_claimreview_texts([("semaine-12.html", text)], user=fact_checker)

    assert report.created == 4
    assert [str(problem).split(":")[0] for problem in report.skipped] == ["block 2 of semaine-12.html"]
