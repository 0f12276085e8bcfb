"""Edits to a claim and its parts: the claim itself, sources, quantities, evidence and update notes.

Each function checks the user's role, validates (``full_clean()``), writes in one transaction and
records the user in the history. A published claim is the editors' business: changing it, or any
of its parts, needs the publishing permission, whichever door (admin form, inline, API) it comes
through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from ..models import Claim, ClaimStatus, Evidence, Quantity, Source, UpdateNote
from . import publication, roles
from .errors import NotAllowed, WorkflowError
from .versioning import locked, save_validated, save_versioned


def _require_model(user, model: type[models.Model], action: str) -> None:
    if not user.has_perm(f"claims.{action}_{model._meta.model_name}"):
        labels = {"add": _("add"), "change": _("change"), "delete": _("delete")}
        raise NotAllowed(
            _("You are not allowed to %(action)s %(things)s.")
            % {"action": labels[action], "things": model._meta.verbose_name_plural}
        )


def _require_claim_editable(user, claim: Claim | None) -> None:
    """The parts of a published claim are changed by editors only."""
    if claim is not None and claim.status == ClaimStatus.PUBLISHED:
        roles.require(user, roles.PUBLISH_PERMISSION, _("edit a published claim"))


def _apply(instance: models.Model, fields: dict[str, Any]) -> models.Model:
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


@transaction.atomic
def save_claim(*, claim: Claim, user, expected_version: int | None) -> Claim:
    """Create or edit a claim; its status only changes through ``transitions``."""
    if claim._state.adding:
        _require_model(user, Claim, "add")
        if claim.status != ClaimStatus.CANDIDATE:
            raise NotAllowed(_("A new claim starts as a candidate; it is published after review."))
        return save_versioned(instance=claim, user=user, expected_version=None)
    _require_model(user, Claim, "change")
    stored = locked(claim)
    _require_claim_editable(user, stored)
    if claim.status != stored.status or claim.rejection_reason != stored.rejection_reason:
        raise NotAllowed(_("The status changes only through the workflow: propose, publish, unpublish or reject."))
    save_versioned(instance=claim, user=user, expected_version=expected_version)
    # Whatever the instance carried (a revert from the history has no copy of the verdict's date and
    # rating), the claim shows its current verdict.
    publication.refresh(claim)
    return claim


@transaction.atomic
def save_source(*, user, source: Source | None = None, expected_version: int | None = None, **fields: Any) -> Source:
    """Create or edit a source; an edit names the version it started from (no lost edits)."""
    instance = _apply(source or Source(), fields)
    _require_model(user, Source, "add" if instance._state.adding else "change")
    publication.bump()
    return save_versioned(instance=instance, user=user, expected_version=expected_version)


def _save_part(instance: Quantity | Evidence, user, fields: dict[str, Any]) -> models.Model:
    model = type(instance)
    _require_model(user, model, "add" if instance._state.adding else "change")
    if not instance._state.adding:
        _require_claim_editable(user, locked(instance).claim)
    _apply(instance, fields)
    if instance.claim_id is not None:
        _require_claim_editable(user, instance.claim)
    save_validated(instance, user)
    publication.bump()
    return instance


@transaction.atomic
def save_quantity(*, user, quantity: Quantity | None = None, **fields: Any) -> Quantity:
    return _save_part(quantity or Quantity(), user, fields)


@transaction.atomic
def save_evidence(*, user, evidence: Evidence | None = None, **fields: Any) -> Evidence:
    return _save_part(evidence or Evidence(), user, fields)


@transaction.atomic
def delete_part(*, user, instance: Quantity | Evidence | UpdateNote) -> None:
    """Delete a quantity, a piece of evidence or an update note, under the same rules as editing it."""
    _require_model(user, type(instance), "delete")
    stored = locked(instance)
    _require_claim_editable(user, stored.claim)
    stored._history_user = user
    stored.delete()
    publication.bump()


@transaction.atomic
def save_update_note(
    *,
    user,
    claim: Claim,
    note: UpdateNote | None = None,
    since: dt.date,
    note_fr: str,
    note_en: str = "",
    sources: Iterable[Source] = (),
) -> UpdateNote:
    """Add (``note`` new or None) or edit an "overtaken by events" note on a published claim.

    The claim's verdict stays as it was: the note tells readers what happened since.
    """
    roles.require(user, roles.UPDATE_NOTE_PERMISSION, _("add update notes"))
    if claim.status != ClaimStatus.PUBLISHED:
        raise WorkflowError(_("Update notes are for published claims; edit the draft verdict instead."))
    instance = _apply(note or UpdateNote(), {"claim": claim, "since": since, "note_fr": note_fr, "note_en": note_en})
    save_validated(instance, user)
    instance.sources.set(list(sources))
    publication.bump()
    return instance
