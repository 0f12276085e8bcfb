import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from claims.models import Claim, ClaimStatus, Rating, UpdateNote, Verdict, VerdictStatus
from claims.services import editing, errors, transitions, verdicts
from claims.services.updates import ChangeNote

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def snapshot(claim: Claim) -> tuple:
    verdict = Verdict.objects.filter(claim=claim).values().first()
    row = Claim.objects.filter(pk=claim.pk).values().get()
    return row, verdict, Claim.history.filter(id=claim.pk).count(), Verdict.history.count()


def test_a_fact_checker_proposes_a_candidate_for_review_and_history_names_them(published_claim, fact_checker):
    Claim.objects.filter(pk=published_claim.pk).update(status=ClaimStatus.CANDIDATE)
    outcome = transitions.perform("propose", claim=published_claim, user=fact_checker)
    published_claim.refresh_from_db()
    assert outcome.claim.status == published_claim.status == ClaimStatus.IN_REVIEW
    assert published_claim.history.first().history_user == fact_checker


def test_a_fact_checker_cannot_publish_and_nothing_changes(claim_in_review, fact_checker):
    before = snapshot(claim_in_review)
    with pytest.raises(errors.NotAllowed, match="not allowed to publish"):
        transitions.perform("publish", claim=claim_in_review, user=fact_checker)
    assert snapshot(claim_in_review) == before


def test_an_editor_publishes_a_reviewed_claim_with_its_verdict_as_reviewer(claim_in_review, editor):
    outcome = transitions.perform("publish", claim=claim_in_review, user=editor)
    verdict = Verdict.objects.get(claim=claim_in_review)
    assert outcome.claim.status == ClaimStatus.PUBLISHED and outcome.warnings == []
    assert verdict.status == VerdictStatus.PUBLISHED and verdict.reviewer == editor
    assert verdict.published_at is not None
    assert Claim.objects.published().filter(pk=claim_in_review.pk).exists()


def test_a_candidate_cannot_be_published_without_going_through_review(claim_in_review, editor):
    Claim.objects.filter(pk=claim_in_review.pk).update(status=ClaimStatus.CANDIDATE)
    with pytest.raises(errors.WorkflowError, match="Cannot publish claim .*: it is candidate"):
        transitions.perform("publish", claim=claim_in_review, user=editor)
    assert Claim.objects.get(pk=claim_in_review.pk).status == ClaimStatus.CANDIDATE


def remove_rating(claim):
    Verdict.objects.filter(claim=claim).update(rating=None)


def remove_summary(claim):
    Verdict.objects.filter(claim=claim).update(summary_fr="  ")


def remove_explanation(claim):
    Verdict.objects.filter(claim=claim).update(explanation_fr="")


def remove_evidence(claim):
    claim.evidence.all().delete()


def remove_verdict(claim):
    Verdict.objects.filter(claim=claim).delete()


@pytest.mark.parametrize(
    ("remove", "named"),
    [
        (remove_rating, "a rating"),
        (remove_summary, "a French summary"),
        (remove_explanation, "an explanation"),
        (remove_evidence, r"at least one source \(evidence\)"),
        (remove_verdict, "a verdict"),
    ],
)
def test_publishing_refuses_naming_the_one_missing_item_and_changes_nothing(claim_in_review, editor, remove, named):
    remove(claim_in_review)
    before = snapshot(claim_in_review)
    with pytest.raises(errors.PublishingBlocked, match=f"it lacks: {named}\\.$") as error:
        transitions.perform("publish", claim=claim_in_review, user=editor)
    assert len(error.value.missing) == 1
    assert snapshot(claim_in_review) == before


def test_publishing_names_a_missing_claimant():
    claim = Claim(restatement="x")
    assert "a claimant" in transitions.publishing_problems(claim, None)


def test_publishing_warns_about_a_restatement_longer_than_75_characters(claim_in_review, editor):
    Claim.objects.filter(pk=claim_in_review.pk).update(restatement="R" * 76)
    outcome = transitions.perform("publish", claim=claim_in_review, user=editor)
    assert outcome.claim.status == ClaimStatus.PUBLISHED
    assert outcome.warnings and "76 characters" in outcome.warnings[0]


def test_rejecting_needs_a_reason_and_records_it(claim_in_review, editor):
    with pytest.raises(errors.WorkflowError, match="Say why"):
        transitions.perform("reject", claim=claim_in_review, user=editor, reason="  ")
    assert Claim.objects.get(pk=claim_in_review.pk).status == ClaimStatus.IN_REVIEW
    transitions.perform("reject", claim=claim_in_review, user=editor, reason="Opinion, not a checkable fact.")
    claim_in_review.refresh_from_db()
    assert claim_in_review.status == ClaimStatus.REJECTED
    assert claim_in_review.rejection_reason == "Opinion, not a checkable fact."


def test_a_fact_checker_can_neither_reject_nor_send_back(claim_in_review, fact_checker):
    with pytest.raises(errors.NotAllowed):
        transitions.perform("reject", claim=claim_in_review, user=fact_checker, reason="no")
    with pytest.raises(errors.NotAllowed):
        transitions.perform("send_back", claim=claim_in_review, user=fact_checker)
    assert Claim.objects.get(pk=claim_in_review.pk).status == ClaimStatus.IN_REVIEW


def test_an_editor_sends_a_claim_back_to_its_fact_checker(claim_in_review, editor):
    transitions.perform("send_back", claim=claim_in_review, user=editor)
    assert Claim.objects.get(pk=claim_in_review.pk).status == ClaimStatus.CANDIDATE


def test_an_editor_unpublishes_a_claim_which_leaves_the_public_list(published_claim, editor, fact_checker):
    with pytest.raises(errors.NotAllowed):
        transitions.perform("unpublish", claim=published_claim, user=fact_checker)
    assert Claim.objects.published().filter(pk=published_claim.pk).exists()
    transitions.perform("unpublish", claim=published_claim, user=editor)
    assert Claim.objects.get(pk=published_claim.pk).status == ClaimStatus.IN_REVIEW
    assert not Claim.objects.published().filter(pk=published_claim.pk).exists()
    assert Claim.objects.published().count() == 21


def test_the_status_cannot_be_changed_by_editing_the_claim(claim_in_review, fact_checker, editor):
    for user in (fact_checker, editor):
        claim = Claim.objects.get(pk=claim_in_review.pk)
        claim.status = ClaimStatus.PUBLISHED
        with pytest.raises(errors.NotAllowed, match="only through the workflow"):
            editing.save_claim(claim=claim, user=user, expected_version=claim.version)
    assert Claim.objects.get(pk=claim_in_review.pk).status == ClaimStatus.IN_REVIEW


def test_a_new_claim_cannot_be_created_published(published_claim, fact_checker):
    claim = Claim(
        article=published_claim.article,
        quote=published_claim.quote,
        start=published_claim.start,
        end=published_claim.end,
        restatement="Doublon",
        claimant=published_claim.claimant,
        kind="quantity",
        claimed_on=published_claim.claimed_on,
        slug="doublon",
        status=ClaimStatus.PUBLISHED,
    )
    with pytest.raises(errors.NotAllowed, match="starts as a candidate"):
        editing.save_claim(claim=claim, user=fact_checker, expected_version=None)
    claim.status = ClaimStatus.CANDIDATE
    editing.save_claim(claim=claim, user=fact_checker, expected_version=None)
    assert Claim.objects.get(slug="doublon").history.first().history_user == fact_checker


def test_a_fact_checker_cannot_edit_a_published_claim(published_claim, fact_checker):
    published_claim.restatement = "Changed"
    with pytest.raises(errors.NotAllowed, match="edit a published claim"):
        editing.save_claim(claim=published_claim, user=fact_checker, expected_version=published_claim.version)
    assert Claim.objects.get(pk=published_claim.pk).restatement != "Changed"


def test_a_stale_save_is_refused_and_the_first_edit_is_kept(claim_in_review, fact_checker, other_fact_checker):
    first = Claim.objects.get(pk=claim_in_review.pk)
    second = Claim.objects.get(pk=claim_in_review.pk)
    first.restatement = "Version de Fanny"
    editing.save_claim(claim=first, user=fact_checker, expected_version=1)
    second.restatement = "Version de Félix"
    with pytest.raises(errors.EditConflict, match="changed by fanny.checker .* version 1, it is now at version 2"):
        editing.save_claim(claim=second, user=other_fact_checker, expected_version=1)
    stored = Claim.objects.get(pk=claim_in_review.pk)
    assert (stored.restatement, stored.version) == ("Version de Fanny", 2)


def correction() -> verdicts.CorrectionInput:
    return verdicts.CorrectionInput(
        what_changed_fr="La note passe de Vrai à Plutôt vrai.", reason_fr="Le chiffre exact est 1 960."
    )


def test_changing_a_published_rating_without_a_correction_is_refused(published_claim, editor):
    verdict = Verdict.objects.get(claim=published_claim)
    before = (verdict.rating_id, verdict.modified_at, verdict.version, verdict.corrections.count())
    verdict.rating = Rating.objects.exclude(pk=verdict.rating_id).first()
    with pytest.raises(errors.CorrectionRequired, match="public correction"):
        verdicts.save_verdict(verdict=verdict, user=editor, expected_version=verdict.version)
    verdict.refresh_from_db()
    assert (verdict.rating_id, verdict.modified_at, verdict.version, verdict.corrections.count()) == before


def test_a_correction_keeps_the_previous_rating_and_moves_the_modification_date(published_claim, editor):
    verdict = Verdict.objects.get(claim=published_claim)
    previous = verdict.rating
    verdict.rating = Rating.objects.exclude(pk=previous.pk).first()
    verdicts.save_verdict(verdict=verdict, user=editor, expected_version=verdict.version, correction=correction())
    verdict.refresh_from_db()
    entry = verdict.corrections.latest("corrected_at")
    assert entry.verdict == verdict and entry.previous_rating == previous
    assert verdict.modified_at == entry.corrected_at and verdict.date_modified > verdict.published_at
    assert verdict.history.first().history_user == editor


def test_a_minor_wording_fix_of_a_published_summary_needs_no_correction_but_a_rating_change_does(
    published_claim, editor
):
    verdict = Verdict.objects.get(claim=published_claim)
    corrections = verdict.corrections.count()
    verdict.summary_fr += " "
    verdicts.save_verdict(verdict=verdict, user=editor, expected_version=verdict.version, minor_edit=True)
    verdict.rating = Rating.objects.exclude(pk=verdict.rating_id).first()
    with pytest.raises(errors.CorrectionRequired):
        verdicts.save_verdict(verdict=verdict, user=editor, expected_version=verdict.version, minor_edit=True)
    assert verdict.corrections.count() == corrections


def test_a_fact_checker_cannot_change_a_published_verdict(published_claim, fact_checker):
    verdict = Verdict.objects.get(claim=published_claim)
    verdict.summary_fr = "Réécrit"
    with pytest.raises(errors.NotAllowed, match="change a published verdict"):
        verdicts.save_verdict(verdict=verdict, user=fact_checker, expected_version=verdict.version)
    assert Verdict.objects.get(pk=verdict.pk).summary_fr != "Réécrit"


def test_a_verdict_cannot_be_published_by_editing_its_status(claim_in_review, fact_checker):
    verdict = Verdict.objects.get(claim=claim_in_review)
    verdict.status = VerdictStatus.PUBLISHED
    with pytest.raises(errors.NotAllowed, match="status changes only through the workflow"):
        verdicts.save_verdict(verdict=verdict, user=fact_checker, expected_version=verdict.version)
    assert Verdict.objects.get(pk=verdict.pk).status == VerdictStatus.DRAFT


def test_a_claim_is_assigned_to_desk_members_only(claim_in_review, fact_checker, editor):
    transitions.assign(claim=claim_in_review, user=editor, assignee=fact_checker)
    assert Claim.objects.get(pk=claim_in_review.pk).assigned_to == fact_checker
    outsider = get_user_model().objects.create_user("reader")
    with pytest.raises(errors.WorkflowError, match="not a fact-checker or an editor"):
        transitions.assign(claim=claim_in_review, user=editor, assignee=outsider)
    assert Claim.objects.get(pk=claim_in_review.pk).assigned_to == fact_checker


def test_an_editor_adds_an_update_note_without_touching_the_verdict(published_claim, editor, fact_checker):
    verdict_before = Verdict.objects.filter(claim=published_claim).values().get()
    history_before = Verdict.history.count()
    with pytest.raises(errors.NotAllowed):
        editing.save_update_note(claim=published_claim, user=fact_checker, since=dt.date(2025, 1, 1), note_fr="x")
    note = editing.save_update_note(
        claim=published_claim, user=editor, since=dt.date(2025, 1, 1), note_fr="Les troupes sont parties."
    )
    assert UpdateNote.objects.filter(pk=note.pk, claim=published_claim).exists()
    assert note.history.first().history_user == editor
    assert Verdict.objects.filter(claim=published_claim).values().get() == verdict_before
    assert Verdict.history.count() == history_before


def test_update_notes_are_only_for_published_claims(claim_in_review, editor):
    with pytest.raises(errors.WorkflowError, match="for published claims"):
        editing.save_update_note(claim=claim_in_review, user=editor, since=dt.date(2025, 1, 1), note_fr="x")


def test_an_editor_cannot_publish_a_verdict_they_wrote(claim_in_review, editor, other_editor):
    Verdict.objects.filter(claim=claim_in_review).update(author=editor)
    with pytest.raises(errors.NotAllowed, match="another editor must review"):
        transitions.perform("publish", claim=claim_in_review, user=editor)
    assert Claim.objects.get(pk=claim_in_review.pk).status == ClaimStatus.IN_REVIEW
    transitions.perform("publish", claim=claim_in_review, user=other_editor)
    assert Verdict.objects.get(claim=claim_in_review).reviewer == other_editor


# --- The claim's copy of its current verdict's date and rating (what the lists order and filter by)


def shown(claim: Claim) -> tuple:
    row = Claim.objects.values_list("published_at", "rating_id").get(pk=claim.pk)
    verdict = Verdict.objects.current().values_list("published_at", "rating_id").get(claim=claim)
    return row, verdict


def test_publishing_copies_the_verdict_date_and_rating_onto_the_claim(claim_in_review, editor):
    assert shown(claim_in_review)[0][0] is None
    transitions.perform("publish", claim=claim_in_review, user=editor)
    row, verdict = shown(claim_in_review)
    assert row == verdict and row[0] is not None
    assert Claim.objects.published().latest_first().first() == claim_in_review


def test_a_correction_of_the_rating_moves_the_claim_to_its_new_rating(published_claim, editor):
    verdict = Verdict.objects.get(claim=published_claim)
    new = Rating.objects.exclude(pk=verdict.rating_id).first()
    verdict.rating = new
    verdicts.save_verdict(verdict=verdict, user=editor, expected_version=verdict.version, correction=correction())
    row, current = shown(published_claim)
    assert row == current and row[1] == new.pk
    assert published_claim in Claim.objects.rated(new)


def test_an_edit_of_the_claim_that_carries_no_copy_leaves_the_copy_right(published_claim, editor):
    before = shown(published_claim)
    claim = Claim.objects.get(pk=published_claim.pk)
    claim.published_at, claim.rating, claim.restatement_en = None, None, "Edited"  # as a revert from the history
    change = ChangeNote(note_fr="Reformulation en anglais.", note_en="English rewording.")
    editing.save_claim(claim=claim, user=editor, expected_version=claim.version, change=change)
    assert shown(published_claim) == before and before[0] == before[1]
