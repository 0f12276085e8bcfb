"""Reference data: topics, claimants (who makes claims) and the rating scale."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from ..paths import page_path
from .choices import ClaimantKind, pick_language


class TopicQuerySet(models.QuerySet):
    def published(self) -> TopicQuerySet:
        """Topics of at least one published claim."""
        from .claims import Claim

        return self.filter(Exists(Claim.objects.published().filter(topics=OuterRef("pk"))))


class Topic(models.Model):
    slug = models.SlugField(unique=True, help_text=_("Used in URLs and API filters."))
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_language(self.name_fr, self.name_en)


class ClaimantQuerySet(models.QuerySet):
    def published(self) -> ClaimantQuerySet:
        """Claimants with at least one published claim, as claimant or as quoted speaker."""
        from .claims import Claim

        published = Claim.objects.published()
        return self.filter(
            Exists(published.filter(claimant=OuterRef("pk"))) | Exists(published.filter(speaker=OuterRef("pk")))
        )


class Claimant(models.Model):
    Kind = ClaimantKind

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("As readers know them, e.g. “Vladimir Poutine”."),
    )
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PERSON)
    role_fr = models.CharField(
        _("role (French)"),
        max_length=200,
        blank=True,
        help_text=_("Title or role, e.g. “Président de la Russie”."),
    )
    role_en = models.CharField(_("role (English)"), max_length=200, blank=True)

    objects = ClaimantQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("claimant")
        verbose_name_plural = _("claimants")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ClaimantKind.values), name="claimant_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_path("claims:claimant-detail", self.slug)

    @property
    def role(self) -> str:
        return pick_language(self.role_fr, self.role_en)


class Rating(models.Model):
    slug = models.SlugField(
        unique=True,
        help_text=_("Stable identifier used by the API, e.g. “mostly_false”."),
    )
    label_fr = models.CharField(_("label (French)"), max_length=60)
    label_en = models.CharField(_("label (English)"), max_length=60)
    value = models.PositiveSmallIntegerField(
        _("value"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (false) to 5 (true); empty for ratings off the scale, such as “Misleading”."),
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a hex colour such as #1b7f3b."))],
        help_text=_("Badge background; white text must stay readable on it."),
    )
    definition_fr = models.TextField(_("definition (French)"), help_text=_("Shown on the methodology page."))
    definition_en = models.TextField(_("definition (English)"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order on the scale and in charts.")
    )

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1, value__lte=5),
                name="rating_value_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return pick_language(self.label_fr, self.label_en)

    @property
    def definition(self) -> str:
        return pick_language(self.definition_fr, self.definition_en)
