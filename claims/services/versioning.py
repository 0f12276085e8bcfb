"""No lost edits: optimistic locking on claims, verdicts and sources.

Every save of a versioned row claims its version with a conditional
``UPDATE ... SET version = version + 1 WHERE id = %s AND version = %s``. Of two saves based on the
same version, the database lets exactly one through; the other finds no row and is refused.
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .errors import EditConflict


def conflict_error(instance: models.Model, expected_version: int) -> EditConflict:
    """The refusal of a save based on ``expected_version``, naming who changed the row and when."""
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


def claim_version(instance: models.Model, expected_version: int) -> None:
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


def locked(instance: models.Model) -> models.Model:
    """The stored row of ``instance``, locked until the transaction ends."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


@transaction.atomic
def save_versioned(*, instance: models.Model, user, expected_version: int | None) -> models.Model:
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
        claim_version(instance, expected_version)
    save_validated(instance, user)
    return instance
