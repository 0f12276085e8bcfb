"""The claims database: articles, the claims checked in them, and their verdicts.

Every public surface (pages, API, feeds) starts from ``Claim.objects.published()`` so that a
draft claim or an unpublished verdict can never leak through one of them.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connections, models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

LANGUAGE_CHOICES = [
    ("fr", _("French")),
    ("en", _("English")),
    ("ru", _("Russian")),
    ("other", _("Other")),
]


def pick_language(fr: str, en: str) -> str:
    """Return the English text for English readers when there is one, else the French."""
    if (get_language() or "fr").startswith("en") and en:
        return en
    return fr


class ClaimantKind(models.TextChoices):
    PERSON = "person", _("person")
    ORGANISATION = "organisation", _("organisation")
    OUTLET = "outlet", _("news outlet")


class SourceKind(models.TextChoices):
    PRIMARY_DOCUMENT = "primary_document", _("primary document")
    OFFICIAL_STATEMENT = "official_statement", _("official statement")
    TRANSCRIPT = "transcript", _("transcript")
    NEWS_REPORT = "news_report", _("news report")
    REFERENCE = "reference", _("reference work")
    DATASET = "dataset", _("dataset")
    EXPERT = "expert", _("expert")


class ClaimStatus(models.TextChoices):
    CANDIDATE = "candidate", _("candidate")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")


class ClaimKind(models.TextChoices):
    QUANTITY = "quantity", _("quantity")
    EVENT = "event", _("event")
    STATUS = "status", _("state of affairs")
    QUOTE = "quote", _("quote")
    ATTRIBUTION = "attribution", _("attribution")


class QuantityQualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    ABOUT = "about", _("about")
    MORE_THAN = "more_than", _("more than")
    LESS_THAN = "less_than", _("less than")
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")
    UP_TO = "up_to", _("up to")


class EvidenceStance(models.TextChoices):
    SUPPORTS = "supports", _("supports")
    REFUTES = "refutes", _("refutes")
    CONTEXT = "context", _("context")


class VerdictStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class Topic(models.Model):
    slug = models.SlugField(unique=True, help_text=_("Used in URLs and API filters."))
    name_fr = models.CharField(_("name (French)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_language(self.name_fr, self.name_en)


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        """Articles with at least one published claim: an article has no page of its own otherwise."""
        return self.filter(Exists(Claim.objects.published().filter(article=OuterRef("pk"))))


class Article(models.Model):
    slug = models.SlugField(max_length=120, unique=True, help_text=_("Used in the article's public URL."))
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, help_text=_("Who published this text."))
    url = models.URLField(
        _("URL"),
        max_length=500,
        blank=True,
        help_text=_("Where this text was published, if online."),
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="fr")
    published_on = models.DateField(
        _("published on"),
        help_text=_("Date of publication; relative dates in the text are read against it."),
    )
    text = models.TextField(
        _("full text"),
        help_text=_("The article exactly as published. Claims point into it by character offsets, so edit with care."),
    )
    original_url = models.URLField(
        _("original URL"),
        max_length=500,
        blank=True,
        help_text=_("For a translation: the original article."),
    )
    original_title = models.CharField(_("original title"), max_length=300, blank=True)
    original_language = models.CharField(_("original language"), max_length=8, choices=LANGUAGE_CHOICES, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("claims:article-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.pk is None:
            return
        broken = [
            claim.number_label
            for claim in self.claims.only("start", "end", "quote")
            if self.text[claim.start : claim.end] != claim.quote
        ]
        if broken:
            raise ValidationError(
                {
                    "text": _("This edit moves the text under claims %(claims)s; fix their offsets first.")
                    % {"claims": ", ".join(broken)}
                }
            )


class TranslationNote(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translation_notes")
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in which notes are listed.")
    )
    note_fr = models.TextField(
        _("note (French)"),
        help_text=_("Where the translation departs from the original, and how."),
    )
    note_en = models.TextField(_("note (English)"), blank=True)

    class Meta:
        ordering = ["article", "position"]
        verbose_name = _("translation note")
        verbose_name_plural = _("translation notes")
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="translation_note_unique_position"),
        ]

    def __str__(self) -> str:
        return self.note_fr[:80]

    @property
    def note(self) -> str:
        return pick_language(self.note_fr, self.note_en)


class ClaimantQuerySet(models.QuerySet):
    def published(self) -> ClaimantQuerySet:
        """Claimants with at least one published claim, as claimant or as quoted speaker."""
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
        return reverse("claims:claimant-detail", kwargs={"slug": self.slug})

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


class SourceQuerySet(models.QuerySet):
    def published(self) -> SourceQuerySet:
        """Sources cited by a published claim, as evidence or in an update note."""
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
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


SIMILARITY_FALLBACK_THRESHOLD = 0.45


def _normalise_for_similarity(text: str) -> str:
    """Lower case, one space between words, and figures written without thousands separators."""
    text = re.sub(r"(?<=\d)[\s\u00a0\u202f.,](?=\d{3}\b)", "", text)
    return " ".join(text.lower().split())


def _difflib_similarity(text: str, other: str) -> float:
    return difflib.SequenceMatcher(None, text, _normalise_for_similarity(other), autojunk=False).ratio()


class ClaimQuerySet(models.QuerySet):
    def published(self) -> ClaimQuerySet:
        """Claims readers and anonymous clients may see: published, with a published current verdict."""
        return self.filter(
            Exists(
                Verdict.objects.filter(
                    claim=OuterRef("pk"),
                    is_current=True,
                    status=Verdict.Status.PUBLISHED,
                )
            ),
            status=Claim.Status.PUBLISHED,
        )

    def with_overview(self) -> ClaimQuerySet:
        """What lists of claims show in one row: article, claimant, speaker, current verdict, rating."""
        return self.select_related("article", "claimant", "speaker").prefetch_related(
            models.Prefetch(
                "verdicts",
                queryset=Verdict.objects.filter(is_current=True).select_related("rating"),
                to_attr="current_verdicts",
            )
        )

    def with_update_notes(self) -> ClaimQuerySet:
        return self.annotate(has_update_note=Exists(UpdateNote.objects.filter(claim=OuterRef("pk"))))

    def similar_to(self, text: str, *, limit: int = 5) -> ClaimQuerySet:
        """Claims that say nearly what ``text`` says, most similar first, each with ``similarity`` (0 to 1).

        PostgreSQL compares trigrams (pg_trgm) of the restatement and of the quote, filtered with the
        ``%`` operator (``pg_trgm.similarity_threshold``, 0.3 by default) that the GIN indexes of
        migration 0003 serve. Other databases fall back on
        difflib over every claim, which is fine at a desk's scale.
        """
        text = _normalise_for_similarity(text)
        if not text:
            return self.none()
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import TrigramSimilarity

            return (
                self.filter(Q(restatement__trigram_similar=text) | Q(quote__trigram_similar=text))
                .annotate(similarity=Greatest(TrigramSimilarity("restatement", text), TrigramSimilarity("quote", text)))
                .order_by("-similarity", "pk")[:limit]
            )
        scores = {}
        for pk, restatement, quote in self.values_list("pk", "restatement", "quote"):
            score = max(_difflib_similarity(text, restatement), _difflib_similarity(text, quote))
            if score >= SIMILARITY_FALLBACK_THRESHOLD:
                scores[pk] = score
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        if not best:
            return self.none()
        return (
            self.filter(pk__in=[pk for pk, _score in best])
            .annotate(
                similarity=models.Case(
                    *(models.When(pk=pk, then=models.Value(score)) for pk, score in best),
                    output_field=models.FloatField(),
                )
            )
            .order_by("-similarity", "pk")
        )

    def search(self, query: str) -> ClaimQuerySet:
        """Full-text search (PostgreSQL: French, unaccented, ranked; SQLite: plain); see ``claims.search``."""
        from .search import search_claims

        return search_claims(self, query)


class Claim(models.Model):
    Status = ClaimStatus

    Kind = ClaimKind

    article = models.ForeignKey(
        Article,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("article"),
    )
    quote = models.TextField(
        _("quote"),
        help_text=_("The exact words of the article, character for character."),
    )
    start = models.PositiveIntegerField(
        _("start offset"),
        help_text=_("Index of the quote's first character in the article text (from 0)."),
    )
    end = models.PositiveIntegerField(_("end offset"), help_text=_("Index just after the quote's last character."))
    restatement = models.CharField(
        _("restatement (French)"),
        max_length=255,
        help_text=_("The claim in neutral words; 75 characters or fewer, as search engines cut longer ones."),
    )
    restatement_en = models.CharField(_("restatement (English)"), max_length=255, blank=True)
    claimant = models.ForeignKey(
        Claimant,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("claimant"),
        help_text=_("Who asserts the claim."),
    )
    speaker = models.ForeignKey(
        Claimant,
        on_delete=models.PROTECT,
        related_name="quoted_claims",
        null=True,
        blank=True,
        verbose_name=_("speaker"),
        help_text=_("Who is quoted or reported, if not the claimant."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="fr")
    claimed_on = models.DateField(_("made on"), help_text=_("When the claim was made or published."))
    topics = models.ManyToManyField(Topic, blank=True, related_name="claims", verbose_name=_("topics"))
    checkworthiness = models.FloatField(
        _("check-worthiness"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("From 0 to 1: how much the claim deserves checking."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.CANDIDATE)
    rejection_reason = models.TextField(
        _("reason for rejection"),
        blank=True,
        help_text=_("Why the claim is not worth checking."),
    )
    slug = models.SlugField(max_length=120, unique=True, help_text=_("Used in the verdict page's URL."))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
        verbose_name=_("assigned to"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by every save; a save based on an older version is refused (no lost edits)."),
    )

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[topics], excluded_fields=["version"])

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        permissions = [
            ("review_claim", _("Can review claims: reject them or send them back")),
            ("publish_claim", _("Can publish and unpublish claims")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=models.F("end")), name="claim_start_before_end"),
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=ClaimKind.values), name="claim_kind_valid"),
            models.CheckConstraint(
                condition=Q(checkworthiness__isnull=True) | Q(checkworthiness__gte=0, checkworthiness__lte=1),
                name="claim_checkworthiness_range",
            ),
            # The offsets' upper bound and the quote's round trip are checked by the triggers of
            # migration 0002, since a CHECK constraint cannot read the article's text.
        ]
        indexes = [
            # The public lists: published claims, newest first (home page, API default order).
            models.Index(fields=["status", "-claimed_on"], name="claim_status_date_idx"),
        ]

    def __str__(self) -> str:
        return self.restatement or self.quote[:80]

    def get_absolute_url(self) -> str:
        return reverse("claims:claim-detail", kwargs={"slug": self.slug})

    @property
    def number_label(self) -> str:
        return f"#{self.pk}"

    @property
    def restatement_text(self) -> str:
        return pick_language(self.restatement, self.restatement_en)

    @property
    def current_verdict(self) -> Verdict | None:
        """The current verdict, from the prefetch of ``with_overview()`` when there is one."""
        if hasattr(self, "current_verdicts"):
            return self.current_verdicts[0] if self.current_verdicts else None
        return self.verdicts.filter(is_current=True).select_related("rating").first()

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.start is not None and self.end is not None and self.start >= self.end:
            errors["end"] = _("The end offset must be greater than the start offset.")
        elif self.article_id and self.start is not None and self.end is not None:
            text = self.article.text
            if self.end > len(text):
                errors["end"] = _("The end offset is past the end of the article (%(length)d characters).") % {
                    "length": len(text)
                }
            elif text[self.start : self.end] != self.quote:
                message = _("The quote does not match the article text at these offsets.")
                found = text.find(self.quote) if self.quote else -1
                if found >= 0:
                    message += " " + _("The quote stands at %(start)d–%(end)d.") % {
                        "start": found,
                        "end": found + len(self.quote),
                    }
                errors["quote"] = message
        if self.status == self.Status.REJECTED and not self.rejection_reason:
            errors["rejection_reason"] = _("Say why the claim is rejected.")
        if errors:
            raise ValidationError(errors)


class Quantity(models.Model):
    Qualifier = QuantityQualifier

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="quantities")
    text = models.CharField(
        _("text"),
        max_length=200,
        help_text=_("The words of the quote that state the figure, e.g. “Plus de 6 700”."),
    )
    value = models.DecimalField(_("claimed value"), max_digits=20, decimal_places=4)
    unit = models.CharField(
        _("unit"),
        max_length=60,
        blank=True,
        help_text=_("What is counted, e.g. “personnes”."),
    )
    qualifier = models.CharField(
        _("qualifier"),
        max_length=16,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
    )
    verified_value = models.DecimalField(
        _("verified value"),
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("The figure the team established."),
    )
    verification_note = models.TextField(_("how it was established"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "id"]
        verbose_name = _("quantity")
        verbose_name_plural = _("quantities")
        constraints = [
            models.CheckConstraint(
                condition=Q(qualifier__in=QuantityQualifier.values),
                name="quantity_qualifier_valid",
            ),
            models.UniqueConstraint(fields=["claim", "text"], name="quantity_unique_text_per_claim"),
        ]
        indexes = [
            # API filter "quantity value range" (claims about more than 1,000 of something).
            models.Index(fields=["value"], name="quantity_value_idx"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def deviation(self) -> Decimal | None:
        """Relative difference of the verified figure from the claimed one, in percent."""
        if self.verified_value is None or not self.value:
            return None
        return (self.verified_value - self.value) / self.value * 100


class Evidence(models.Model):
    Stance = EvidenceStance

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    # PROTECT here and a plain foreign key in the database: neither the ORM nor raw SQL can
    # delete a source that a claim cites.
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="evidence",
        verbose_name=_("source"),
    )
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices, default=Stance.SUPPORTS)
    excerpt = models.TextField(_("excerpt"), blank=True, help_text=_("The passage of the source relied on."))
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("What this source establishes for the claim."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "position", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.UniqueConstraint(fields=["claim", "source"], name="evidence_unique_source_per_claim"),
            models.CheckConstraint(condition=Q(stance__in=EvidenceStance.values), name="evidence_stance_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.get_stance_display()})"


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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by every save; a save based on an older version is refused (no lost edits)."),
    )

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
    created_at = models.DateTimeField(auto_now_add=True)

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


from .jobs.models import Job, JobStatus  # noqa: E402, F401  (background jobs, claims/jobs/)
