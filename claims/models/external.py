"""Reviews published by other fact-checkers, stored as theirs.

An ``ExternalReview`` is never one of our verdicts: it keeps the publisher's own rating text, and
its place on our scale only when the publisher's scale is known. It may be linked to one of our
claims by a match that the importer proposes and an editor confirms or rejects; only confirmed
matches are meant to be shown beside our verdicts ("Also checked by AFP Factuel: Faux").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..exchange.normalise import LANGUAGE_MAX_LENGTH, MAX_LENGTHS
from ..exchange.records import SourceFormat


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


def unlink_match(collector, field, sub_objs, using) -> None:
    """When one of our claims is deleted, the reviews matched to it lose the match, not their rows.

    The status is cleared before the claim so that every intermediate row still satisfies
    ``external_review_match_names_a_claim``.
    """
    model = field.model
    collector.add_field_update(model._meta.get_field("match_status"), "", sub_objs)
    collector.add_field_update(model._meta.get_field("match_score"), None, sub_objs)
    collector.add_field_update(field, None, sub_objs)


class ExternalReviewQuerySet(models.QuerySet):
    def confirmed(self) -> ExternalReviewQuerySet:
        """Reviews an editor has matched to one of our claims: the ones pages may show."""
        return self.filter(match_status=MatchStatus.CONFIRMED)

    def proposed(self) -> ExternalReviewQuerySet:
        """The desk's queue: matches proposed by the importer, best first."""
        return self.filter(match_status=MatchStatus.PROPOSED).order_by("-match_score", "-id")

    def for_claim(self, claim) -> ExternalReviewQuerySet:
        """Other publishers' confirmed reviews of ``claim``, newest first, with their rating."""
        return self.confirmed().filter(claim=claim).select_related("rating").order_by("-review_date", "-id")


class ExternalReview(models.Model):
    MatchStatus = MatchStatus

    url = models.URLField(
        _("URL"),
        max_length=MAX_LENGTHS["url"],
        help_text=_("The review as its publisher published it; one row per URL, so a new import updates it."),
    )
    publisher_name = models.CharField(_("publisher"), max_length=MAX_LENGTHS["publisher_name"])
    publisher_site = models.CharField(
        _("publisher's site"),
        max_length=MAX_LENGTHS["publisher_site"],
        blank=True,
        help_text=_("Host of the review, without “www.”, e.g. factuel.afp.com."),
    )
    title = models.CharField(_("title"), max_length=MAX_LENGTHS["title"], blank=True)
    textual_rating = models.TextField(
        _("rating as published"), blank=True, help_text=_("The publisher's own words, kept as they are.")
    )
    rating = models.ForeignKey(
        "claims.Rating",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="external_reviews",
        verbose_name=_("on our scale"),
        help_text=_("Empty when the publisher's scale is not known: their words are not our verdict."),
    )
    rating_value = models.FloatField(_("rating value"), null=True, blank=True)
    best_rating = models.FloatField(_("best rating"), null=True, blank=True)
    worst_rating = models.FloatField(_("worst rating"), null=True, blank=True)
    claim_text = models.TextField(_("claim reviewed"))
    claimant_name = models.CharField(_("claimant"), max_length=MAX_LENGTHS["claimant"], blank=True)
    claim_date = models.DateField(_("claim made on"), null=True, blank=True)
    review_date = models.DateField(_("review published on"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=LANGUAGE_MAX_LENGTH, blank=True)
    appearances = models.JSONField(_("appearances"), default=list, blank=True, help_text=_("URLs of the claim."))
    context = models.TextField(_("context"), blank=True, help_text=_("Where the claim was made, as the source says."))
    details = models.JSONField(_("details"), default=dict, blank=True, help_text=_("What else the source gives."))
    source_format = models.CharField(_("read from"), max_length=16, choices=SourceFormat.CHOICES)
    claim = models.ForeignKey(
        "claims.Claim",
        on_delete=unlink_match,
        null=True,
        blank=True,
        db_index=False,  # served by external_review_claim_idx
        related_name="external_reviews",
        verbose_name=_("our claim"),
        help_text=_("The claim of ours this review is about, as matched."),
    )
    match_status = models.CharField(
        _("match"), max_length=16, choices=MatchStatus.choices, blank=True, help_text=_("Empty: no match yet.")
    )
    match_score = models.FloatField(
        _("match score"), null=True, blank=True, help_text=_("Similarity of the two claims, 0 to 1.")
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed by an import"), auto_now=True)

    objects = ExternalReviewQuerySet.as_manager()

    class Meta:
        app_label = "claims"
        ordering = ["-id"]
        verbose_name = _("external review")
        verbose_name_plural = _("external reviews")
        constraints = [
            models.UniqueConstraint(fields=["url"], name="external_review_unique_url"),
            models.CheckConstraint(
                condition=Q(source_format__in=[value for value, _label in SourceFormat.CHOICES]),
                name="external_review_source_format_valid",
            ),
            models.CheckConstraint(
                condition=Q(match_status="") | Q(match_status__in=MatchStatus.values, claim__isnull=False),
                name="external_review_match_names_a_claim",
            ),
            models.CheckConstraint(
                condition=Q(match_score__isnull=True) | Q(match_score__gte=0, match_score__lte=1),
                name="external_review_match_score_range",
            ),
        ]
        indexes = [
            # A claim's verdict page and API: its confirmed external reviews (claim = X, status).
            models.Index(fields=["claim", "match_status"], name="external_review_claim_idx"),
            # The desk's queue of proposed matches, best score first (ExternalReview.objects.proposed()).
            models.Index(
                fields=["-match_score"], condition=Q(match_status="proposed"), name="external_review_proposed_idx"
            ),
            # One publisher's reviews, newest first (list filter by site, claims:search site filter).
            models.Index(fields=["publisher_site", "-review_date"], name="external_review_site_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.publisher_name}: {self.textual_rating or _('(no rating)')} — {self.claim_text[:60]}"
