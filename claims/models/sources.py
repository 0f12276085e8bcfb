"""Sources: the documents verdicts rest on, reusable across claims."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import SourceKind


class SourceQuerySet(models.QuerySet):
    def published(self) -> SourceQuerySet:
        """Sources cited by a published claim, as evidence or in an update note."""
        from .claims import Claim, Evidence
        from .verdicts import UpdateNote

        published = Claim.objects.published()
        return self.filter(
            Exists(Evidence.objects.filter(source=OuterRef("pk"), claim__in=published))
            | Exists(UpdateNote.sources.through.objects.filter(source=OuterRef("pk"), updatenote__claim__in=published))
        )


class Source(models.Model):
    Kind = SourceKind

    url = models.URLField(
        _("URL"),
        max_length=500,
        unique=True,
        help_text=_("The page as published; one source per URL."),
    )
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200)
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("Leave empty for undated pages (reference works)."),
    )
    accessed_on = models.DateField(
        _("accessed on"),
        null=True,
        blank=True,
        help_text=_("When the team last read it."),
    )
    archive_url = models.URLField(
        _("archived copy"),
        max_length=500,
        blank=True,
        help_text=_("A permanent copy, e.g. on the Wayback Machine."),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.NEWS_REPORT)
    language = models.CharField(
        _("language"),
        max_length=8,
        default="en",
        help_text=_("Language code, e.g. fr, en, ru."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by every save; a save based on an older version is refused (no lost edits)."),
    )

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["publisher", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values),
                name="source_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publisher} — {self.title}"
