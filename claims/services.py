"""Writes with rules, shared by the admin and the API: keyword-only, atomic, ``full_clean()`` before ``save()``.

Kept deliberately small: the editorial workflow (roles, review, corrections) extends it.
``can_publish`` is the one place that says who may publish.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Claim, ClaimStatus, Evidence, Quantity, Source, Topic, Verdict, VerdictStatus


def can_publish(user) -> bool:
    """Who may publish or unpublish. Until the editorial roles exist: active superusers only."""
    return bool(user and user.is_active and user.is_superuser)


def require_publisher(user) -> None:
    if not can_publish(user):
        raise PermissionDenied(_("Only an editor may publish or unpublish."))


def _save(instance, fields: dict[str, Any]):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def create_claim(*, user, topics: Iterable[Topic] = (), **fields: Any) -> Claim:
    if fields.get("status") == ClaimStatus.PUBLISHED:
        require_publisher(user)
    claim = _save(Claim(), fields)
    claim.topics.set(topics)
    return claim


@transaction.atomic
def update_claim(*, claim: Claim, user, topics: Iterable[Topic] | None = None, **fields: Any) -> Claim:
    status = fields.get("status", claim.status)
    if (status == ClaimStatus.PUBLISHED) != (claim.status == ClaimStatus.PUBLISHED):
        require_publisher(user)
    _save(claim, fields)
    if topics is not None:
        claim.topics.set(topics)
    return claim


@transaction.atomic
def save_source(*, user, source: Source | None = None, **fields: Any) -> Source:
    return _save(source or Source(), fields)


@transaction.atomic
def save_quantity(*, user, quantity: Quantity | None = None, **fields: Any) -> Quantity:
    return _save(quantity or Quantity(), fields)


@transaction.atomic
def save_evidence(*, user, evidence: Evidence | None = None, **fields: Any) -> Evidence:
    return _save(evidence or Evidence(), fields)


@transaction.atomic
def save_draft_verdict(*, user, verdict: Verdict | None = None, **fields: Any) -> Verdict:
    """Create the current verdict of a claim, or edit one that is not published yet."""
    if verdict is None:
        claim = fields["claim"]
        if claim.verdicts.filter(is_current=True).exists():
            raise ValidationError({"claim": _("This claim already has a current verdict: edit that one.")})
        verdict = Verdict(author=user, status=VerdictStatus.DRAFT)
    elif verdict.status == VerdictStatus.PUBLISHED:
        raise ValidationError(_("This verdict is published: it changes through a correction."))
    return _save(verdict, fields)


@transaction.atomic
def publish_verdict(*, verdict: Verdict, user) -> Verdict:
    """Publish a verdict and its claim: it needs a rating, a summary, a source and a claimant."""
    require_publisher(user)
    verdict = Verdict.objects.select_for_update().select_related("claim").get(pk=verdict.pk)
    claim = verdict.claim
    errors: dict[str, str] = {}
    if verdict.rating_id is None:
        errors["rating"] = _("A verdict is published with a rating.")
    if not verdict.summary_fr:
        errors["summary_fr"] = _("A verdict is published with a summary.")
    if not claim.evidence.exists():
        errors["claim"] = _("The claim cites no source yet.")
    if not verdict.is_current:
        errors["is_current"] = _("Only the current verdict is published.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    _save(
        verdict,
        {"status": VerdictStatus.PUBLISHED, "published_at": verdict.published_at or now, "reviewer": user},
    )
    if claim.status != ClaimStatus.PUBLISHED:
        _save(claim, {"status": ClaimStatus.PUBLISHED})
    return verdict
