"""Minor updates: logged, public changes to a published claim's parts that are not corrections."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import pick_language
from .claims import Claim


class MinorUpdate(models.Model):
    """A change to a published claim's quantities, evidence or cited sources that alters no finding
    (a typo, a wording, a stance label): made by an editor, with a short note shown to readers."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="minor_updates")
    note_fr = models.CharField(
        _("what changed (French)"),
        max_length=300,
        help_text=_("Shown to readers on the verdict page, e.g. “Coquille corrigée dans la note de la source S6.”"),
    )
    note_en = models.CharField(_("what changed (English)"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made at"), default=timezone.now)

    class Meta:
        ordering = ["claim", "created_at", "id"]
        verbose_name = _("minor update")
        verbose_name_plural = _("minor updates")
        constraints = [
            models.CheckConstraint(condition=~models.Q(note_fr=""), name="minor_update_has_note"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} — {self.note_fr[:60]}"

    @property
    def note(self) -> str:
        return pick_language(self.note_fr, self.note_en)
