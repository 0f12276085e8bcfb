"""History pages that read like a changelog: field labels, choice labels, people's names, dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import ManyToManyField
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

NOTHING = "—"


def person(user) -> str:
    """A desk member as colleagues know them: their full name, else their username."""
    if user is None:
        return NOTHING
    return user.get_full_name() or user.get_username()


def readable(field, value: Any) -> Any:
    """One value of a historical record as an editor would write it."""
    if isinstance(value, DeletedObject):
        return NOTHING if value.pk is None else _("(deleted)")
    if value is None or value == "":
        return NOTHING
    if isinstance(value, get_user_model()):
        return person(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    return value


class ChangelogHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        value = super().prepare_delta_change_value(change, value)
        if isinstance(field, ManyToManyField):
            return ", ".join(str(item) for item in value) or NOTHING
        return readable(field, value)


class ChangelogAdminMixin:
    """For ``SimpleHistoryAdmin`` subclasses: the history list in the desk's words."""

    object_history_list_template = "admin/claims/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ChangelogHelper(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        # The fields the history keeps (a claim's copy of its verdict's rating is not one of them).
        names = {field.name for field in self.model.history.model._meta.fields}
        columns = {"show_status": "status" in names, "show_rating": "rating" in names}
        return super().history_view(request, object_id, {**columns, **(extra_context or {})})
