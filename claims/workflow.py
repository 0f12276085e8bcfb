"""The editorial workflow: who may do what to a claim and its verdict, in one place.

The admin and the API call these functions rather than saving models themselves. Each one checks
the user's permission, validates, writes in one transaction, and refuses with a ``WorkflowError``
whose text is meant for people:

- ``NotAllowed`` — the user's role does not allow it (a ``PermissionDenied``: 403 in the API);
- ``PublishingBlocked`` — what the claim lacks before it can be published (400);
- ``CorrectionRequired`` — a published verdict changed in substance without a correction (400);
- ``EditConflict`` — the row changed since the version the user started from (412 in the API).

No lost edits: every save of a claim, verdict or source claims its version with a conditional
``UPDATE ... SET version = version + 1 WHERE id = %s AND version = %s``. Of two saves based on the
same version, the database lets exactly one through; the other finds no row and is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Claim, ClaimStatus, Correction, Source, UpdateNote, Verdict, VerdictStatus

FACT_CHECKER = "fact-checker"
EDITOR = "editor"

PROPOSE_PERMISSION = "claims.change_claim"
REVIEW_PERMISSION = "claims.review_claim"
PUBLISH_PERMISSION = "claims.publish_claim"
CORRECT_PERMISSION = "claims.correct_verdict"
UPDATE_NOTE_PERMISSION = "claims.add_updatenote"

# Search engines cut `claimReviewed` after about 75 characters.
RESTATEMENT_WARNING_LENGTH = 75

# What a correction is about: changing one of these on a published verdict is a public correction.
VERDICT_SUBSTANCE = ("rating", "summary_fr", "summary_en", "explanation_fr", "explanation_en")
# Fields only the workflow writes; a form or a serializer cannot set them.
VERDICT_WORKFLOW_FIELDS = ("status", "published_at", "modified_at", "reviewer_id", "is_current")

Versioned = TypeVar("Versioned", Claim, Verdict, Source)


class WorkflowError(Exception):
    """A workflow rule refused the change; ``str(error)`` says why, for people."""


class NotAllowed(WorkflowError, PermissionDenied):
    """The user's role does not allow this."""


class PublishingBlocked(WorkflowError):
    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(
            _("This claim cannot be published yet; it lacks: %(missing)s.") % {"missing": ", ".join(missing)}
        )


class CorrectionRequired(WorkflowError):
    pass


class EditConflict(WorkflowError):
    def __init__(self, message: str, *, current_version: int | None) -> None:
        self.current_version = current_version
        super().__init__(message)


@dataclass(frozen=True)
class CorrectionInput:
    """What changed in a published verdict and why; shown to readers."""

    what_changed_fr: str
    reason_fr: str
    what_changed_en: str = ""
    reason_en: str = ""


@dataclass
class Outcome:
    """What a transition did, with warnings worth showing the user (it succeeded nonetheless)."""

    claim: Claim
    warnings: list[str] = field(default_factory=list)


def _require(user, permission: str, action: str) -> None:
    if not user.has_perm(permission):
        raise NotAllowed(_("You are not allowed to %(action)s.") % {"action": action})


def conflict_error(instance: models.Model, expected_version: int) -> EditConflict:
    model = type(instance)
    current = model._default_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
    if current is None:
        return EditConflict(
            _("This %(model)s was deleted while you were editing it.") % {"model": model._meta.verbose_name},
            current_version=None,
        )
    last = instance.history.filter(id=instance.pk).select_related("history_user").first()
    by = ""
    if last is not None:
        by = _(" by %(user)s on %(date)s") % {
            "user": last.history_user or _("someone"),
            "date": date_format(timezone.localtime(last.history_date), "DATETIME_FORMAT"),
        }
    return EditConflict(
        _(
            "This %(model)s was changed%(by)s after you opened it (you started from version %(yours)d, "
            "it is now at version %(current)d). Your changes were not saved: reload it, then apply them again."
        )
        % {"model": model._meta.verbose_name, "by": by, "yours": expected_version, "current": current},
        current_version=current,
    )


def _claim_version(instance: Versioned, expected_version: int) -> None:
    """Raise the row's version from ``expected_version``, atomically, or refuse the save."""
    model = type(instance)
    claimed = model._default_manager.filter(pk=instance.pk, version=expected_version).update(version=F("version") + 1)
    if not claimed:
        raise conflict_error(instance, expected_version)
    instance.version = expected_version + 1


def save_validated(instance: models.Model, user) -> None:
    """``full_clean()`` then ``save()``, recording ``user`` in the history: every editorial write ends here."""
    instance.full_clean()
    instance._history_user = user
    instance.save()


@transaction.atomic
def save_versioned(*, instance: Versioned, user, expected_version: int | None) -> Versioned:
    """Save a new or edited claim, verdict or source, refusing a save based on an older version.

    ``expected_version`` is the version the user's edit started from (the admin form's hidden field,
    the API's ``If-Match``); ``None`` for a new row.
    """
    if instance.pk is not None and not instance._state.adding:
        if expected_version is None:
            raise EditConflict(
                _("Say which version of this %(model)s your change is based on.")
                % {"model": type(instance)._meta.verbose_name},
                current_version=None,
            )
        instance.full_clean()
        _claim_version(instance, expected_version)
    save_validated(instance, user)
    return instance


def _stored(instance: Versioned) -> Versioned:
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


@transaction.atomic
def save_claim(*, claim: Claim, user, expected_version: int | None) -> Claim:
    """Create or edit a claim; its status only changes through the transitions below."""
    if claim._state.adding:
        _require(user, "claims.add_claim", _("create claims"))
        if claim.status != ClaimStatus.CANDIDATE:
            raise NotAllowed(_("A new claim starts as a candidate; it is published after review."))
        return save_versioned(instance=claim, user=user, expected_version=None)
    _require(user, "claims.change_claim", _("edit claims"))
    stored = _stored(claim)
    if stored.status == ClaimStatus.PUBLISHED:
        _require(user, PUBLISH_PERMISSION, _("edit a published claim"))
    if claim.status != stored.status or claim.rejection_reason != stored.rejection_reason:
        raise NotAllowed(_("The status changes only through the workflow: propose, publish, unpublish or reject."))
    return save_versioned(instance=claim, user=user, expected_version=expected_version)


@transaction.atomic
def save_verdict(
    *,
    verdict: Verdict,
    user,
    expected_version: int | None,
    correction: CorrectionInput | None = None,
    minor_edit: bool = False,
) -> Verdict:
    """Create or edit a verdict.

    A draft is edited freely by fact-checkers. A published verdict is edited only by editors, and a
    change of rating, or of its summary or explanation (unless ``minor_edit``: typos, wording), needs
    a ``correction``: it is recorded with the previous rating and moves ``modified_at``.
    """
    if verdict._state.adding:
        _require(user, "claims.add_verdict", _("write verdicts"))
        if verdict.status != VerdictStatus.DRAFT or verdict.reviewer_id is not None:
            raise NotAllowed(_("A new verdict starts as a draft; it is published with its claim, after review."))
        verdict.published_at = verdict.modified_at = None
        return save_versioned(instance=verdict, user=user, expected_version=None)

    _require(user, "claims.change_verdict", _("edit verdicts"))
    stored = _stored(verdict)
    for name in VERDICT_WORKFLOW_FIELDS:
        if getattr(verdict, name) != getattr(stored, name):
            label = Verdict._meta.get_field(name.removesuffix("_id")).verbose_name
            raise NotAllowed(_("The verdict's %(field)s changes only through the workflow.") % {"field": label})
    if stored.status == VerdictStatus.PUBLISHED:
        _require(user, CORRECT_PERMISSION, _("change a published verdict"))
        changed = [name for name in VERDICT_SUBSTANCE if getattr(verdict, name) != getattr(stored, name)]
        rating_changed = "rating" in changed
        if changed and (rating_changed or not minor_edit):
            if correction is None or not correction.what_changed_fr.strip() or not correction.reason_fr.strip():
                raise CorrectionRequired(
                    _(
                        "This verdict is published: changing its %(fields)s is a public correction. "
                        "Say what changed and why."
                    )
                    % {"fields": ", ".join(str(Verdict._meta.get_field(n).verbose_name) for n in changed)}
                )
            verdict.modified_at = timezone.now()
            save_versioned(instance=verdict, user=user, expected_version=expected_version)
            entry = Correction(
                verdict=verdict,
                corrected_at=verdict.modified_at,
                previous_rating=stored.rating if rating_changed else None,
                what_changed_fr=correction.what_changed_fr,
                what_changed_en=correction.what_changed_en,
                reason_fr=correction.reason_fr,
                reason_en=correction.reason_en,
            )
            save_validated(entry, user)
            return verdict
    return save_versioned(instance=verdict, user=user, expected_version=expected_version)


def publishing_problems(claim: Claim, verdict: Verdict | None) -> list[str]:
    """What the claim lacks before it can be published, named for the editor; empty when ready."""
    missing = []
    if not claim.claimant_id:
        missing.append(_("a claimant"))
    if verdict is None:
        missing.append(_("a verdict"))
    else:
        if verdict.rating_id is None:
            missing.append(_("a rating"))
        if not verdict.summary_fr.strip():
            missing.append(_("a French summary"))
        if not verdict.explanation_fr.strip():
            missing.append(_("an explanation"))
    if claim.pk is None or not claim.evidence.exists():
        missing.append(_("at least one source (evidence)"))
    return missing


def publishing_warnings(claim: Claim) -> list[str]:
    if len(claim.restatement) > RESTATEMENT_WARNING_LENGTH:
        return [
            _(
                "The restatement has %(length)d characters; search engines cut it after %(limit)d "
                "(claimReviewed). Consider shortening it."
            )
            % {"length": len(claim.restatement), "limit": RESTATEMENT_WARNING_LENGTH}
        ]
    return []


def _lock_claim(claim: Claim, expected_version: int | None) -> tuple[Claim, int]:
    stored = Claim.objects.select_for_update().get(pk=claim.pk)
    return stored, stored.version if expected_version is None else expected_version


def _expect_status(claim: Claim, allowed: Iterable[str], action: str) -> None:
    if claim.status not in allowed:
        raise WorkflowError(
            _("Cannot %(action)s claim %(claim)s: it is %(status)s.")
            % {"action": action, "claim": claim.number_label, "status": claim.get_status_display()}
        )


def _move(claim: Claim, user, expected_version: int, **changes) -> Claim:
    for name, value in changes.items():
        setattr(claim, name, value)
    claim.full_clean()
    _claim_version(claim, expected_version)
    save_validated(claim, user)
    return claim


@transaction.atomic
def propose_for_review(*, claim: Claim, user, expected_version: int | None = None) -> Outcome:
    """Candidate → in review: the fact-checker hands the claim and its draft verdict to an editor."""
    _require(user, PROPOSE_PERMISSION, _("propose claims for review"))
    claim, version = _lock_claim(claim, expected_version)
    _expect_status(claim, [ClaimStatus.CANDIDATE], _("propose for review"))
    _move(claim, user, version, status=ClaimStatus.IN_REVIEW)
    return Outcome(claim, publishing_warnings(claim))


@transaction.atomic
def send_back(*, claim: Claim, user, expected_version: int | None = None) -> Outcome:
    """In review → candidate: the editor returns the claim to its fact-checker."""
    _require(user, REVIEW_PERMISSION, _("review claims"))
    claim, version = _lock_claim(claim, expected_version)
    _expect_status(claim, [ClaimStatus.IN_REVIEW], _("send back"))
    _move(claim, user, version, status=ClaimStatus.CANDIDATE)
    return Outcome(claim)


@transaction.atomic
def publish(*, claim: Claim, user, expected_version: int | None = None) -> Outcome:
    """In review → published, with its current verdict, reviewed by ``user`` (who is not its author)."""
    _require(user, PUBLISH_PERMISSION, _("publish claims"))
    claim, version = _lock_claim(claim, expected_version)
    _expect_status(claim, [ClaimStatus.IN_REVIEW], _("publish"))
    verdict = Verdict.objects.select_for_update().filter(claim=claim, is_current=True).first()
    missing = publishing_problems(claim, verdict)
    if missing:
        raise PublishingBlocked(missing)
    if verdict.author_id is not None and verdict.author_id == user.pk:
        # Review means a second pair of eyes: the author of a verdict does not publish it.
        raise NotAllowed(_("You wrote this verdict: another editor must review and publish it."))
    _move(claim, user, version, status=ClaimStatus.PUBLISHED)
    if verdict.status != VerdictStatus.PUBLISHED or verdict.reviewer_id != user.pk:
        verdict.status = VerdictStatus.PUBLISHED
        verdict.published_at = verdict.published_at or timezone.now()
        verdict.reviewer = user
        verdict.full_clean()
        _claim_version(verdict, verdict.version)
        save_validated(verdict, user)
    return Outcome(claim, publishing_warnings(claim))


@transaction.atomic
def unpublish(*, claim: Claim, user, expected_version: int | None = None) -> Outcome:
    """Published → in review. The verdict keeps its publication record: editing it still needs corrections."""
    _require(user, PUBLISH_PERMISSION, _("unpublish claims"))
    claim, version = _lock_claim(claim, expected_version)
    _expect_status(claim, [ClaimStatus.PUBLISHED], _("unpublish"))
    _move(claim, user, version, status=ClaimStatus.IN_REVIEW)
    return Outcome(claim)


@transaction.atomic
def reject(*, claim: Claim, user, reason: str, expected_version: int | None = None) -> Outcome:
    """Candidate or in review → rejected (not worth checking), with the reason."""
    _require(user, REVIEW_PERMISSION, _("reject claims"))
    if not reason.strip():
        raise WorkflowError(_("Say why the claim is rejected."))
    claim, version = _lock_claim(claim, expected_version)
    _expect_status(claim, [ClaimStatus.CANDIDATE, ClaimStatus.IN_REVIEW], _("reject"))
    _move(claim, user, version, status=ClaimStatus.REJECTED, rejection_reason=reason.strip())
    return Outcome(claim)


def desk_members() -> models.QuerySet:
    """Active staff who are fact-checkers, editors or admins: the people a claim can be assigned to."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=[FACT_CHECKER, EDITOR]))
        .distinct()
    )


@transaction.atomic
def assign(*, claim: Claim, user, assignee, expected_version: int | None = None) -> Outcome:
    """Give the claim to a member of the desk (or to nobody, with ``assignee=None``)."""
    _require(user, PROPOSE_PERMISSION, _("assign claims"))
    if assignee is not None and not desk_members().filter(pk=assignee.pk).exists():
        raise WorkflowError(_("%(user)s is not a fact-checker or an editor.") % {"user": assignee})
    claim, version = _lock_claim(claim, expected_version)
    _move(claim, user, version, assigned_to=assignee)
    return Outcome(claim)


@transaction.atomic
def add_update_note(
    *,
    claim: Claim,
    user,
    since: dt.date,
    note_fr: str,
    note_en: str = "",
    sources: Iterable[Source] = (),
) -> UpdateNote:
    """Add an "overtaken by events" note to a published claim; its verdict stays as it was."""
    _require(user, UPDATE_NOTE_PERMISSION, _("add update notes"))
    if claim.status != ClaimStatus.PUBLISHED:
        raise WorkflowError(_("Update notes are for published claims; edit the draft verdict instead."))
    note = UpdateNote(claim=claim, since=since, note_fr=note_fr, note_en=note_en)
    save_validated(note, user)
    note.sources.set(list(sources))
    return note
