"""Verdicts on claims, their public corrections, and the update notes of claims overtaken by events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import VerdictStatus, pick_language
from .claims import Claim
from .reference import Rating
from .sources import Source


class VerdictQuerySet(models.QuerySet):
    def current(self) -> VerdictQuerySet:
        """The verdict of each claim that counts (the database keeps one current verdict per claim)."""
        return self.filter(is_current=True)

    def published(self) -> VerdictQuerySet:
        return self.filter(status=VerdictStatus.PUBLISHED)


class Verdict(models.Model):
    Status = VerdictStatus

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    rating = models.ForeignKey(
        Rating,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verdicts",
        verbose_name=_("rating"),
    )
    summary_fr = models.CharField(
        _("summary (French)"),
        max_length=400,
        blank=True,
        help_text=_("One sentence that starts with the rating."),
    )
    summary_en = models.CharField(_("summary (English)"), max_length=400, blank=True)
    explanation_fr = models.TextField(
        _("explanation (French)"),
        blank=True,
        help_text=_("The reasoning, with the sources named. Markdown allowed."),
    )
    explanation_en = models.TextField(_("explanation (English)"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_verdicts",
        verbose_name=_("author"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_verdicts",
        verbose_name=_("reviewer"),
    )
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="contributed_verdicts",
        verbose_name=_("contributors"),
        help_text=_("Everyone who wrote or changed its rating, summaries or explanations: none of them publishes it."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    is_current = models.BooleanField(
        _("current"),
        default=True,
        help_text=_("Only one verdict per claim is current."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    modified_at = models.DateTimeField(
        _("modified at"),
        null=True,
        blank=True,
        help_text=_("Last public change (a correction)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by every save; a save based on an older version is refused (no lost edits)."),
    )

    objects = VerdictQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        permissions = [("correct_verdict", _("Can correct a published verdict"))]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(is_current=True),
                name="verdict_one_current_per_claim",
            ),
            models.CheckConstraint(
                condition=Q(status__in=VerdictStatus.values),
                name="verdict_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=VerdictStatus.DRAFT) | Q(published_at__isnull=False, rating__isnull=False),
                name="verdict_published_has_rating_and_date",
            ),
        ]
        indexes = [
            # Latest verdicts (home page, feeds, ClaimReview DataFeed).
            models.Index(fields=["status", "-published_at"], name="verdict_status_published_idx"),
            # Whether a claim's current verdict is published: the test in every ``published()`` query,
            # read from this index alone (a search's thousand candidates: 1.5 ms against 12 ms).
            models.Index(
                fields=["claim"],
                condition=Q(is_current=True, status=VerdictStatus.PUBLISHED),
                name="verdict_current_published_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating or _('(no rating)')} — {self.claim}"

    @property
    def summary(self) -> str:
        return pick_language(self.summary_fr, self.summary_en)

    @property
    def explanation(self) -> str:
        return pick_language(self.explanation_fr, self.explanation_en)

    @property
    def date_modified(self):
        return self.modified_at or self.published_at


class Correction(models.Model):
    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="corrections")
    corrected_at = models.DateTimeField(_("corrected at"), default=timezone.now)
    previous_rating = models.ForeignKey(
        Rating,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous rating"),
    )
    what_changed_fr = models.TextField(_("what changed (French)"), help_text=_("Shown to readers on the verdict page."))
    what_changed_en = models.TextField(_("what changed (English)"), blank=True)
    reason_fr = models.TextField(_("why (French)"))
    reason_en = models.TextField(_("why (English)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["verdict", "corrected_at"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.corrected_at:%Y-%m-%d} — {self.what_changed_fr[:60]}"

    @property
    def what_changed(self) -> str:
        return pick_language(self.what_changed_fr, self.what_changed_en)

    @property
    def reason(self) -> str:
        return pick_language(self.reason_fr, self.reason_en)


class UpdateNote(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="update_notes")
    since = models.DateField(_("since"), help_text=_("From when the claim is overtaken by events."))
    note_fr = models.TextField(
        _("note (French)"),
        help_text=_("What has changed since; the verdict itself stays as it was."),
    )
    note_en = models.TextField(_("note (English)"), blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="update_notes", verbose_name=_("sources"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["claim", "since"]
        verbose_name = _("update note")
        verbose_name_plural = _("update notes")
        constraints = [
            models.UniqueConstraint(fields=["claim", "since"], name="update_note_unique_date_per_claim"),
        ]

    def __str__(self) -> str:
        return f"{self.since:%Y-%m-%d} — {self.note_fr[:60]}"

    @property
    def note(self) -> str:
        return pick_language(self.note_fr, self.note_en)
