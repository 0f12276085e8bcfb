"""Writes the editorial workflow (``claims.workflow``) does not cover: sources, quantities, evidence.

Keyword-only, atomic, permission-checked (the roles of migration 0003), ``full_clean()`` before
``save()``; the API calls these, as the admin does the workflow's.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from . import workflow
from .models import Evidence, Quantity, Source


def _require(user, model: type[models.Model], instance: models.Model | None) -> None:
    action = "add" if instance is None else "change"
    if not user.has_perm(f"claims.{action}_{model._meta.model_name}"):
        raise workflow.NotAllowed(
            _("You are not allowed to %(action)s %(things)s.")
            % {"action": _("add") if instance is None else _("change"), "things": model._meta.verbose_name_plural}
        )


def _apply(instance: models.Model, fields: dict[str, Any]) -> models.Model:
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


@transaction.atomic
def save_source(*, user, source: Source | None = None, expected_version: int | None = None, **fields: Any) -> Source:
    """Create or edit a source; an edit names the version it started from (no lost edits)."""
    _require(user, Source, source)
    instance = _apply(source or Source(), fields)
    return workflow.save_versioned(instance=instance, user=user, expected_version=expected_version)


@transaction.atomic
def save_quantity(*, user, quantity: Quantity | None = None, **fields: Any) -> Quantity:
    _require(user, Quantity, quantity)
    instance = _apply(quantity or Quantity(), fields)
    workflow.save_validated(instance, user)
    return instance


@transaction.atomic
def save_evidence(*, user, evidence: Evidence | None = None, **fields: Any) -> Evidence:
    _require(user, Evidence, evidence)
    instance = _apply(evidence or Evidence(), fields)
    workflow.save_validated(instance, user)
    return instance
