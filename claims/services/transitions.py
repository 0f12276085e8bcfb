"""A claim's way through the desk: candidate → in review → published, or rejected.

``TRANSITIONS`` is the whole workflow in one table: for each action, the permission it needs, the
statuses it starts from and the status it leads to. ``perform()`` applies a row of it; publishing
adds its own checks (what the claim lacks, and a second pair of eyes). The admin's actions and
buttons and the API's endpoints all call ``perform()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Claim, ClaimStatus, Verdict, VerdictStatus
from . import publication, roles
from .errors import NotAllowed, PublishingBlocked, WorkflowError
from .versioning import claim_version, save_validated

# Search engines cut `claimReviewed` after about 75 characters.
RESTATEMENT_WARNING_LENGTH = 75


@dataclass(frozen=True)
class Transition:
    action: Promise  # for "Cannot publish claim #3: it is a candidate."
    allowed: Promise  # for "You are not allowed to publish claims."
    permission: str
    sources: tuple[str, ...]
    target: str


TRANSITIONS: dict[str, Transition] = {
    "propose": Transition(
        gettext_lazy("propose for review"),
        gettext_lazy("propose claims for review"),
        roles.PROPOSE_PERMISSION,
        (ClaimStatus.CANDIDATE,),
        ClaimStatus.IN_REVIEW,
    ),
    "send_back": Transition(
        gettext_lazy("send back"),
        gettext_lazy("review claims"),
        roles.REVIEW_PERMISSION,
        (ClaimStatus.IN_REVIEW,),
        ClaimStatus.CANDIDATE,
    ),
    "publish": Transition(
        gettext_lazy("publish"),
        gettext_lazy("publish claims"),
        roles.PUBLISH_PERMISSION,
        (ClaimStatus.IN_REVIEW,),
        ClaimStatus.PUBLISHED,
    ),
    "unpublish": Transition(
        gettext_lazy("unpublish"),
        gettext_lazy("unpublish claims"),
        roles.PUBLISH_PERMISSION,
        (ClaimStatus.PUBLISHED,),
        ClaimStatus.IN_REVIEW,
    ),
    "reject": Transition(
        gettext_lazy("reject"),
        gettext_lazy("reject claims"),
        roles.REVIEW_PERMISSION,
        (ClaimStatus.CANDIDATE, ClaimStatus.IN_REVIEW),
        ClaimStatus.REJECTED,
    ),
}


@dataclass
class Outcome:
    """What a transition did, with warnings worth showing the user (it succeeded nonetheless)."""

    claim: Claim
    warnings: list[str] = field(default_factory=list)


def available(*, claim: Claim, user) -> list[str]:
    """The actions of ``TRANSITIONS`` that ``user`` may take on ``claim`` as it stands."""
    return [
        name
        for name, transition in TRANSITIONS.items()
        if claim.status in transition.sources and user.has_perm(transition.permission)
    ]


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
        # The English pages and ClaimReview say lang="en": they publish English text or nothing.
        if not verdict.summary_en.strip():
            missing.append(_("an English summary"))
        if not verdict.explanation_en.strip():
            missing.append(_("an English explanation"))
    if claim.pk is None or not claim.evidence.exists():
        missing.append(_("at least one source (evidence)"))
    return missing


def four_eyes_refusal(verdict: Verdict, user) -> str:
    """Why ``user`` may not publish ``verdict`` (empty when they may): review is a second pair of
    eyes, so neither its author nor anyone who wrote or changed its substance publishes it."""
    if verdict.author_id is not None and verdict.author_id == user.pk:
        return _("You wrote this verdict: another editor must review and publish it.")
    if verdict.contributors.filter(pk=user.pk).exists():
        return _(
            "You changed this verdict's rating, summary or explanation: another editor must review and publish it."
        )
    return ""


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


def move(claim: Claim, *, user, expected_version: int, **changes) -> Claim:
    """Write ``changes`` to a locked claim, claiming its version: the last step of every transition."""
    for name, value in changes.items():
        setattr(claim, name, value)
    claim.full_clean()
    claim_version(claim, expected_version)
    save_validated(claim, user)
    return claim


def _publish_verdict(claim: Claim, user) -> None:
    verdict = Verdict.objects.select_for_update().current().filter(claim=claim).first()
    missing = publishing_problems(claim, verdict)
    if missing:
        raise PublishingBlocked(missing)
    refusal = four_eyes_refusal(verdict, user)
    if refusal:
        raise NotAllowed(refusal)
    if verdict.status != VerdictStatus.PUBLISHED or verdict.reviewer_id != user.pk:
        verdict.status = VerdictStatus.PUBLISHED
        verdict.published_at = verdict.published_at or timezone.now()
        verdict.reviewer = user
        verdict.full_clean()
        claim_version(verdict, verdict.version)
        save_validated(verdict, user)


@transaction.atomic
def perform(name: str, *, claim: Claim, user, expected_version: int | None = None, reason: str = "") -> Outcome:
    """Apply the transition ``name`` of ``TRANSITIONS`` to ``claim`` for ``user``, or refuse it."""
    transition = TRANSITIONS[name]
    roles.require(user, transition.permission, transition.allowed)
    changes: dict = {"status": transition.target}
    if name == "reject":
        if not reason.strip():
            raise WorkflowError(_("Say why the claim is rejected."))
        changes["rejection_reason"] = reason.strip()
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    version = claim.version if expected_version is None else expected_version
    if claim.status not in transition.sources:
        raise WorkflowError(
            _("Cannot %(action)s claim %(claim)s: it is %(status)s.")
            % {"action": transition.action, "claim": claim.number_label, "status": claim.get_status_display()}
        )
    if name == "publish":
        _publish_verdict(claim, user)
    move(claim, user=user, expected_version=version, **changes)
    publication.refresh(claim)
    warnings = publishing_warnings(claim) if name in ("propose", "publish") else []
    return Outcome(claim, warnings)


@transaction.atomic
def assign(*, claim: Claim, user, assignee, expected_version: int | None = None) -> Outcome:
    """Give the claim to a member of the desk (or to nobody, with ``assignee=None``)."""
    roles.require(user, roles.PROPOSE_PERMISSION, _("assign claims"))
    if assignee is not None and not roles.desk_members().filter(pk=assignee.pk).exists():
        raise WorkflowError(_("%(user)s is not a fact-checker or an editor.") % {"user": assignee})
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    version = claim.version if expected_version is None else expected_version
    move(claim, user=user, expected_version=version, assigned_to=assignee)
    return Outcome(claim)
