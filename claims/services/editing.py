"""Edits to a claim and its parts: the claim itself, sources, quantities, evidence and update notes.

Each function checks the user's role, validates (``full_clean()``), writes in one transaction and
records the user in the history. A published claim is the editors' business: changing it, any of
its parts, or a source it cites needs the publishing permission and a ``ChangeNote`` that readers
see as a minor update (``claims.services.updates``), whichever door (admin form, inline, API) it
comes through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from ..models import Claim, ClaimStatus, Evidence, Quantity, Source, UpdateNote
from . import publication, roles, updates
from .errors import NotAllowed, WorkflowError
from .updates import ChangeNote
from .versioning import locked, save_validated, save_versioned

# What a claim's own edit may change without a note: the workflow's and the desk's bookkeeping.
CLAIM_BOOKKEEPING = {
    "id",
    "version",
    "created_at",
    "updated_at",
    "assigned_to_id",
    "checkworthiness",
    "published_at",
    "rating_id",
}


def _require_model(user, model: type[models.Model], action: str) -> None:
    if not user.has_perm(f"claims.{action}_{model._meta.model_name}"):
        labels = {"add": _("add"), "change": _("change"), "delete": _("delete")}
        raise NotAllowed(
            _("You are not allowed to %(action)s %(things)s.")
            % {"action": labels[action], "things": model._meta.verbose_name_plural}
        )


def _published_change(user, claims: Iterable[Claim | None], what: str, change: ChangeNote | None) -> None:
    """A change touching a published claim: by an editor, with a note logged as its minor update."""
    published = [claim for claim in claims if updates.is_published(claim)]
    if published:
        updates.require_published_change(user=user, what=what, change=change)
        updates.record(claims=published, user=user, change=change)


def _apply(instance: models.Model, fields: dict[str, Any]) -> models.Model:
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


def place_quote(*, text: str, quote: str) -> tuple[int, int]:
    """The offsets of ``quote`` in an article's ``text``, so that nobody types them by hand.

    Refused (``WorkflowError``) when the quote is not in the text, or stands there more than once
    (then the editor gives the start offset of the one they mean).
    """
    found = text.find(quote) if quote else -1
    if found < 0:
        raise WorkflowError(
            _("The quote is not in the article text: copy it from the article, character for character.")
        )
    if text.find(quote, found + 1) >= 0:
        raise WorkflowError(
            _("The quote stands %(count)d times in the article: give the start offset of the one you mean.")
            % {"count": text.count(quote)}
        )
    return found, found + len(quote)


@transaction.atomic
def save_claim(*, claim: Claim, user, expected_version: int | None, change: ChangeNote | None = None) -> Claim:
    """Create or edit a claim; its status only changes through ``transitions``; a published one's
    edit is a minor update."""
    if claim._state.adding:
        _require_model(user, Claim, "add")
        if claim.status != ClaimStatus.CANDIDATE:
            raise NotAllowed(_("A new claim starts as a candidate; it is published after review."))
        return save_versioned(instance=claim, user=user, expected_version=None)
    _require_model(user, Claim, "change")
    stored = locked(claim)
    if claim.status != stored.status or claim.rejection_reason != stored.rejection_reason:
        raise NotAllowed(_("The status changes only through the workflow: propose, publish, unpublish or reject."))
    if updates.is_published(stored):
        roles.require(user, roles.PUBLISH_PERMISSION, _("edit a published claim"))
        changed = [
            f.attname
            for f in Claim._meta.concrete_fields
            if f.attname not in CLAIM_BOOKKEEPING and getattr(claim, f.attname) != getattr(stored, f.attname)
        ]
        if changed:
            _published_change(user, [stored], str(Claim._meta.verbose_name), change)
    publication.bump()
    save_versioned(instance=claim, user=user, expected_version=expected_version)
    # Whatever the instance carried (a revert from the history has no copy of the verdict's date and
    # rating), the claim shows its current verdict.
    publication.refresh(claim)
    return claim


@transaction.atomic
def save_source(
    *,
    user,
    source: Source | None = None,
    expected_version: int | None = None,
    change: ChangeNote | None = None,
    **fields: Any,
) -> Source:
    """Create or edit a source; an edit names the version it started from (no lost edits). Editing a
    source that a published claim cites is a minor update of each such claim."""
    instance = _apply(source or Source(), fields)
    _require_model(user, Source, "add" if instance._state.adding else "change")
    if not instance._state.adding:
        citing = Claim.objects.filter(
            models.Q(evidence__source=instance) | models.Q(update_notes__sources=instance)
        ).distinct()
        _published_change(user, citing.published().order_by("pk"), str(Source._meta.verbose_name), change)
    publication.bump()
    return save_versioned(instance=instance, user=user, expected_version=expected_version)


def _save_part(instance: Quantity | Evidence, user, fields: dict[str, Any], change: ChangeNote | None):
    model = type(instance)
    _require_model(user, model, "add" if instance._state.adding else "change")
    before = None if instance._state.adding else locked(instance).claim
    _apply(instance, fields)
    after = instance.claim if instance.claim_id is not None else None
    _published_change(user, [before, after if after != before else None], str(model._meta.verbose_name), change)
    save_validated(instance, user)
    publication.bump()
    return instance


@transaction.atomic
def save_quantity(
    *, user, quantity: Quantity | None = None, change: ChangeNote | None = None, **fields: Any
) -> Quantity:
    return _save_part(quantity or Quantity(), user, fields, change)


@transaction.atomic
def save_evidence(
    *, user, evidence: Evidence | None = None, change: ChangeNote | None = None, **fields: Any
) -> Evidence:
    return _save_part(evidence or Evidence(), user, fields, change)


@transaction.atomic
def delete_part(*, user, instance: Quantity | Evidence | UpdateNote, change: ChangeNote | None = None) -> None:
    """Delete a quantity, a piece of evidence or an update note, under the same rules as editing it."""
    _require_model(user, type(instance), "delete")
    stored = locked(instance)
    _published_change(user, [stored.claim], str(type(instance)._meta.verbose_name), change)
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
    change: ChangeNote | None = None,
) -> UpdateNote:
    """Add (``note`` new or None) or edit an "overtaken by events" note on a published claim.

    The claim's verdict stays as it was: the note tells readers what happened since. Rewording a
    note readers have seen is a minor update.
    """
    roles.require(user, roles.UPDATE_NOTE_PERMISSION, _("add update notes"))
    if claim.status != ClaimStatus.PUBLISHED:
        raise WorkflowError(_("Update notes are for published claims; edit the draft verdict instead."))
    if note is not None and not note._state.adding:
        stored = locked(note)
        sources = list(sources)
        if (stored.since, stored.note_fr, stored.note_en) != (since, note_fr, note_en) or {
            s.pk for s in stored.sources.all()
        } != {s.pk for s in sources}:
            _published_change(user, [claim], str(UpdateNote._meta.verbose_name), change)
    instance = _apply(note or UpdateNote(), {"claim": claim, "since": since, "note_fr": note_fr, "note_en": note_en})
    save_validated(instance, user)
    instance.sources.set(list(sources))
    publication.bump()
    return instance
