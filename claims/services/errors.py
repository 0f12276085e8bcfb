"""Why a service refused a change. ``str(error)`` is written for people; callers map the class:

- ``NotAllowed``: the user's role does not allow it (a ``PermissionDenied``: 403 in the API);
- ``PublishingBlocked``: what the claim lacks before it can be published (400);
- ``CorrectionRequired``: a published verdict changed in substance without a correction (400);
- ``ChangeNoteRequired``: published content changed without the note readers see (400);
- ``EditConflict``: the row changed since the version the user started from (412, or 428 when
  the user did not say which version);
- any other ``WorkflowError``: the transition does not apply to the claim as it stands (409).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class WorkflowError(Exception):
    """A rule refused the change."""


class NotAllowed(WorkflowError, PermissionDenied):
    """The user's role does not allow this."""


class PublishingBlocked(WorkflowError):
    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(
            _("This claim cannot be published yet; it lacks: %(missing)s.") % {"missing": ", ".join(missing)}
        )


class CorrectionRequired(WorkflowError):
    field = "correction"  # the input that was missing


class ChangeNoteRequired(CorrectionRequired):
    field = "change_note"


class EditConflict(WorkflowError):
    def __init__(self, message: str, *, current_version: int | None) -> None:
        self.current_version = current_version
        super().__init__(message)
