"""Minor updates: the logged, public way to change a published claim's parts without a correction.

On a published claim, a change to its quantities, evidence, update notes or a source it cites is
the editors' business, and it is never silent: the editor says in a short note what changed, and
readers see it on the verdict page ("Minor update on …: …"). A change of finding is a correction of
the verdict instead (``claims.services.verdicts``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Claim, ClaimStatus, MinorUpdate
from . import roles
from .errors import ChangeNoteRequired
from .versioning import save_validated


@dataclass(frozen=True)
class ChangeNote:
    """What an editor changed in published content, for readers. One note covers one edit, however
    many rows it touches: it is recorded once per claim."""

    note_fr: str = ""
    note_en: str = ""
    recorded: set[int] = field(default_factory=set, compare=False, repr=False)

    @property
    def complete(self) -> bool:
        return bool(self.note_fr.strip())


NO_NOTE = ChangeNote()


def is_published(claim: Claim | None) -> bool:
    return claim is not None and claim.status == ClaimStatus.PUBLISHED


def require_published_change(*, user, what: str, change: ChangeNote | None) -> None:
    """Refuse a change to published content unless an editor makes it and says what changed."""
    roles.require(user, roles.PUBLISH_PERMISSION, _("change published content (%(what)s)") % {"what": what})
    if change is None or not change.complete:
        raise ChangeNoteRequired(
            _(
                "This changes published content (%(what)s): say in a short note what changed; readers see it "
                "as a minor update. A change of finding is a correction of the verdict instead."
            )
            % {"what": what}
        )


def record(*, claims: Iterable[Claim], user, change: ChangeNote) -> list[MinorUpdate]:
    """Log ``change`` as a minor update of each published claim among ``claims`` (once per claim)."""
    made = []
    for claim in claims:
        if not is_published(claim) or claim.pk in change.recorded:
            continue
        update = MinorUpdate(claim=claim, note_fr=change.note_fr.strip(), note_en=change.note_en.strip(), user=user)
        save_validated(update, user)
        change.recorded.add(claim.pk)
        made.append(update)
    return made
