"""Proposals: the spans the intake found in an article, and what the desk decided about each."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .articles import Article
from .choices import ClaimKind


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class ProposalQuerySet(models.QuerySet):
    def open(self) -> ProposalQuerySet:
        """Proposals waiting for a decision."""
        return self.filter(status=ProposalStatus.PROPOSED)

    def workbench(self, article: Article) -> ProposalQuerySet:
        """What the workbench lists for ``article``: every proposal in text order, with its claim."""
        return self.filter(article=article).select_related("claim").order_by("start", "-end", "pk")


class Proposal(models.Model):
    """One span of an article the intake proposed as a claim.

    Kept whatever the decision: a rejected span is not proposed again when the article goes
    through the intake once more, and an accepted one points to the claim made from it.
    """

    Status = ProposalStatus

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="proposals")
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    quote = models.TextField(_("quote"))
    score = models.FloatField(_("check-worthiness"))
    kind = models.CharField(_("kind"), max_length=16, choices=ClaimKind.choices)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    quantities = models.JSONField(_("quantities"), default=list, blank=True)
    dates = models.JSONField(_("dates"), default=list, blank=True)
    similar = models.JSONField(_("similar claims"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    claim = models.ForeignKey(
        "claims.Claim",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("claim"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start", "-end"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            # One row per span: the intake run again finds the decision already taken.
            models.UniqueConstraint(fields=["article", "start", "end"], name="proposal_unique_span"),
            models.CheckConstraint(condition=Q(start__lt=models.F("end")), name="proposal_start_before_end"),
            models.CheckConstraint(condition=Q(status__in=ProposalStatus.values), name="proposal_status_valid"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="proposal_score_range"),
        ]

    def __str__(self) -> str:
        return self.quote[:80]
