"""Verdicts: drafts written freely, published ones changed only in the open.

A published verdict changes in substance (its rating, summaries or explanations) only through a
public correction: what changed and why, with the previous rating, shown to readers and moving the
ClaimReview's ``dateModified``. A typo or wording fix may be a minor edit instead, never a rating.

The four-eyes rule rests on two records kept here: the author (whoever created the verdict, never
changed afterwards) and the contributors (everyone who wrote or changed its substance). Publishing
refuses all of them (``claims.services.transitions``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ClaimStatus, Correction, Verdict, VerdictStatus
from . import publication, roles, transitions
from .errors import CorrectionRequired, NotAllowed, PublishingBlocked, WorkflowError
from .versioning import locked, save_validated, save_versioned

# What a correction is about: changing one of these on a published verdict is a public correction.
SUBSTANCE = ("rating", "summary_fr", "summary_en", "explanation_fr", "explanation_en")
# Fields only the workflow writes; a form or a serializer cannot set them.
WORKFLOW_FIELDS = ("status", "published_at", "modified_at", "reviewer_id", "is_current")


@dataclass(frozen=True)
class CorrectionInput:
    """What changed in a published verdict and why; shown to readers."""

    what_changed_fr: str
    reason_fr: str
    what_changed_en: str = ""
    reason_en: str = ""

    @property
    def complete(self) -> bool:
        return bool(self.what_changed_fr.strip() and self.reason_fr.strip())


def needs_correction(changed: list[str], *, minor_edit: bool) -> bool:
    """Whether changing the fields ``changed`` of a published verdict is a public correction."""
    substance = [name for name in changed if name in SUBSTANCE]
    return bool(substance) and ("rating" in substance or not minor_edit)


def correction_required_error(changed: list[str]) -> CorrectionRequired:
    labels = ", ".join(str(Verdict._meta.get_field(name).verbose_name) for name in changed if name in SUBSTANCE)
    return CorrectionRequired(
        _("This verdict is published: changing its %(fields)s is a public correction. Say what changed and why.")
        % {"fields": labels}
    )


@transaction.atomic
@publication.refreshes_claim
def save_verdict(
    *,
    verdict: Verdict,
    user,
    expected_version: int | None,
    correction: CorrectionInput | None = None,
    minor_edit: bool = False,
) -> Verdict:
    """Create or edit a verdict.

    A new verdict is a draft whose author is ``user``. A draft is edited freely by fact-checkers. A
    published verdict is edited only by editors, and a change in substance needs a ``correction``
    (unless ``minor_edit``, never for a rating).
    """
    if verdict._state.adding:
        roles.require(user, "claims.add_verdict", _("write verdicts"))
        if verdict.status != VerdictStatus.DRAFT or verdict.reviewer_id is not None:
            raise NotAllowed(_("A new verdict starts as a draft; it is published with its claim, after review."))
        verdict.author = user
        verdict.published_at = verdict.modified_at = None
        save_versioned(instance=verdict, user=user, expected_version=None)
        verdict.contributors.add(user)
        return verdict

    roles.require(user, "claims.change_verdict", _("edit verdicts"))
    stored = locked(verdict)
    if verdict.author_id != stored.author_id:
        raise NotAllowed(_("A verdict's author is whoever wrote it; it cannot be changed."))
    if any(getattr(verdict, name) != getattr(stored, name) for name in SUBSTANCE):
        # Whoever changes the substance shares its authorship: they do not publish it either.
        verdict.contributors.add(user)
    for name in WORKFLOW_FIELDS:
        if getattr(verdict, name) != getattr(stored, name):
            label = Verdict._meta.get_field(name.removesuffix("_id")).verbose_name
            raise NotAllowed(_("The verdict's %(field)s changes only through the workflow.") % {"field": label})
    if stored.status != VerdictStatus.PUBLISHED:
        return save_versioned(instance=verdict, user=user, expected_version=expected_version)

    roles.require(user, roles.CORRECT_PERMISSION, _("change a published verdict"))
    missing = transitions.publishing_problems(verdict.claim, verdict)
    if missing:
        # What publishing needs, a published verdict keeps (its English text included).
        raise PublishingBlocked(missing)
    changed = [name for name in SUBSTANCE if getattr(verdict, name) != getattr(stored, name)]
    if not needs_correction(changed, minor_edit=minor_edit):
        return save_versioned(instance=verdict, user=user, expected_version=expected_version)
    if correction is None or not correction.complete:
        raise correction_required_error(changed)
    verdict.modified_at = timezone.now()
    save_versioned(instance=verdict, user=user, expected_version=expected_version)
    entry = Correction(
        verdict=verdict,
        corrected_at=verdict.modified_at,
        previous_rating=stored.rating if "rating" in changed else None,
        what_changed_fr=correction.what_changed_fr,
        what_changed_en=correction.what_changed_en,
        reason_fr=correction.reason_fr,
        reason_en=correction.reason_en,
    )
    save_validated(entry, user)
    return verdict


@transaction.atomic
def delete_verdict(*, verdict: Verdict, user) -> None:
    """Delete a draft verdict. A published one stays: it is corrected, or its claim unpublished."""
    roles.require(user, "claims.delete_verdict", _("delete verdicts"))
    stored = locked(verdict)
    if stored.status == VerdictStatus.PUBLISHED or stored.claim.status == ClaimStatus.PUBLISHED:
        raise WorkflowError(_("A published verdict is not deleted: correct it, or unpublish its claim first."))
    stored._history_user = user
    stored.delete()
    publication.refresh(stored.claim)
