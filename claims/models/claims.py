"""Claims: the exact words of an article that the desk checks, the figures inside them, their evidence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..paths import page_path
from .articles import Article
from .choices import LANGUAGE_CHOICES, ClaimKind, ClaimStatus, EvidenceStance, QuantityQualifier, pick_language
from .reference import Claimant, Rating, Topic
from .sources import Source

if TYPE_CHECKING:
    from .verdicts import Verdict


def current_verdict_prefetch(verdicts: models.QuerySet[Verdict] | None = None) -> models.Prefetch:
    """Prefetch each claim's current verdict, with its rating, into ``claim.current_verdicts``:
    read from ``verdicts`` (a ``Verdict`` QuerySet with more loaded or less) when given."""
    from .verdicts import Verdict

    verdicts = Verdict.objects.all() if verdicts is None else verdicts
    return models.Prefetch("verdicts", queryset=verdicts.current().select_related("rating"), to_attr="current_verdicts")


class KnownEmptyIterable(models.query.ModelIterable):
    """Model instances, each relation that a flag of its own row says is empty already prefetched as
    empty: ``prefetch_related`` then sends no query for it. Made for one set of relations by
    :func:`skip_known_empty`."""

    relations: tuple[tuple[str, str, type[models.Model] | None], ...] = ()

    def __iter__(self):
        relations = self.relations
        for obj in super().__iter__():
            for flag, name, model in relations:
                if getattr(obj, flag, True):
                    continue
                if model is None:  # a Prefetch's to_attr: a plain list
                    setattr(obj, name, [])
                else:  # a related manager's cache, as prefetch_related leaves it
                    empty = model._base_manager.none()
                    empty._result_cache, empty._prefetch_done = [], True
                    obj.__dict__.setdefault("_prefetched_objects_cache", {})[name] = empty
            yield obj


_known_empty_iterables: dict[tuple, type[KnownEmptyIterable]] = {}


def skip_known_empty(queryset: models.QuerySet, **relations: str) -> models.QuerySet:
    """``queryset``, with no prefetch query for a relation its row's flag says is empty.

    ``relations`` maps a prefetched relation (or a ``Prefetch``'s ``to_attr``) to the name of a
    boolean annotation of the same query, such as ``has_quantities``: most claims have no
    correction, minor update or other publisher's review, and a claim's page then asks for only
    what it shows. Each flag is an ``EXISTS`` in the row's own query, far cheaper than a query.
    """
    model = queryset.model
    key = (model, tuple(sorted(relations.items())))
    iterable = _known_empty_iterables.get(key)
    if iterable is None:
        bound = []
        for name, flag in sorted(relations.items()):
            try:
                related = model._meta.get_field(name).related_model
            except FieldDoesNotExist:
                related = None  # a to_attr
            bound.append((flag, name, related))
        iterable = type(f"KnownEmpty{model.__name__}Iterable", (KnownEmptyIterable,), {"relations": tuple(bound)})
        _known_empty_iterables[key] = iterable
    clone = queryset.all()
    clone._iterable_class = iterable
    return clone


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in the site's time zone: a date filter on a timestamp that keeps its index."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class ExistsPerRow(Exists):
    """``EXISTS`` looked up row by row. In a SELECT list PostgreSQL otherwise may hash the whole
    subquery's table first (every quantity of every claim), however few rows the page shows;
    ``OFFSET 0`` keeps it from rewriting the lookup that way."""

    template = "EXISTS(%(subquery)s OFFSET 0)"


class TopicSlugs(models.Subquery):
    """A claim's topic slugs, in the topics' order, as one space-separated text: looked up in the
    row's own query rather than by a prefetch (a query, its model instances and its bookkeeping)."""

    output_field = models.TextField()

    def __init__(self) -> None:
        tagged = Claim.topics.through.objects.filter(claim=OuterRef("pk"))
        super().__init__(tagged.order_by("topic__name_fr", "topic_id").values(slug=models.F("topic__slug")))

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="ARRAY_TO_STRING(ARRAY(%(subquery)s), ' ')", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite concatenates in the inner query's order.
        template = "(SELECT group_concat(topic_slugs.slug, ' ') FROM (%(subquery)s) AS topic_slugs)"
        return self.as_sql(compiler, connection, template=template, **extra)


class ClaimQuerySet(models.QuerySet):
    def published(self) -> ClaimQuerySet:
        """Claims readers and anonymous clients may see: published, with a published current verdict."""
        from .verdicts import Verdict

        return self.filter(
            Exists(Verdict.objects.current().published().filter(claim=OuterRef("pk"))),
            status=ClaimStatus.PUBLISHED,
        )

    def counted_as_published(self) -> ClaimQuerySet:
        """The rows of ``published()`` as the claims' own columns tell them (published, with the
        publication date the services copy from the current verdict, which is empty while that
        verdict is a draft), without looking up each verdict: for figures over the whole table, such
        as the home page's count per rating (an index-only scan: 0.3 s at a million claims against
        1.25 s). Pages and lists show ``published()``, which checks the verdict itself."""
        return self.filter(status=ClaimStatus.PUBLISHED, published_at__isnull=False)

    def _rows(self, verdicts: models.QuerySet[Verdict] | None = None) -> ClaimQuerySet:
        return self.select_related("article", "claimant", "speaker").with_current_verdict(verdicts).with_flags()

    def with_current_verdict(self, verdicts: models.QuerySet[Verdict] | None = None) -> ClaimQuerySet:
        """Each claim's current verdict and its rating, in one more query (``current_verdict_prefetch``)."""
        return self.prefetch_related(current_verdict_prefetch(verdicts))

    def with_flags(self) -> ClaimQuerySet:
        """Whether each claim has quantities (``has_quantities``) and update notes (``has_update_note``),
        looked up in the row's own query. Part of ``list_rows()``; alone, for lists read as plain
        values (``values()``), such as the API's claims list."""
        from .verdicts import UpdateNote

        return self.annotate(
            has_quantities=ExistsPerRow(Quantity.objects.filter(claim=OuterRef("pk"))),
            has_update_note=ExistsPerRow(UpdateNote.objects.filter(claim=OuterRef("pk"))),
        )

    def list_rows(self) -> ClaimQuerySet:
        """What a list of claims shows in one row (pages, API, feeds, admin): its article (without the
        text), claimant, speaker, current verdict and rating, and whether it has quantities or update
        notes. The API adds the topics (``with_topics()``). The texts a row never shows (the article's,
        the verdict's explanations) are left in the database.

        The current verdict comes by a prefetch rather than a join in the same query: two more joins
        (the verdict, its rating) cost PostgreSQL about 4 ms more of planning a query, more than the
        prefetch costs on the pages' short lists."""
        from .verdicts import Verdict

        return self._rows(Verdict.objects.defer("explanation_fr", "explanation_en")).defer("article__text")

    def with_topics(self) -> ClaimQuerySet:
        """Each claim's topic slugs as ``topic_slugs``, space-separated (see ``TopicSlugs``)."""
        return self.annotate(topic_slugs=TopicSlugs())

    def verdict_page(self) -> ClaimQuerySet:
        """Everything a verdict page shows, loaded for the page and the API's claim detail alike.

        What a claim lacks (topics, quantities, corrections, update notes, minor updates, other
        publishers' reviews: most claims have few of these) is known from a flag in its own row or
        its verdict's, and not asked for again (``skip_known_empty``)."""
        from .external import ExternalReview
        from .updates import MinorUpdate
        from .verdicts import Correction, UpdateNote, Verdict

        verdicts = Verdict.objects.select_related("author", "reviewer").annotate(
            has_corrections=ExistsPerRow(Correction.objects.filter(verdict=OuterRef("pk")))
        )
        confirmed_reviews = ExternalReview.objects.confirmed()
        claims = (
            self._rows(skip_known_empty(verdicts, corrections="has_corrections"))
            .annotate(
                has_topics=ExistsPerRow(Claim.topics.through.objects.filter(claim=OuterRef("pk"))),
                has_minor_updates=ExistsPerRow(MinorUpdate.objects.filter(claim=OuterRef("pk"))),
                has_confirmed_reviews=ExistsPerRow(confirmed_reviews.filter(claim=OuterRef("pk"))),
            )
            .prefetch_related(
                "topics",
                models.Prefetch(
                    "current_verdicts__corrections", queryset=Correction.objects.select_related("previous_rating")
                ),
                "quantities",
                models.Prefetch("evidence", queryset=Evidence.objects.select_related("source")),
                models.Prefetch("update_notes", queryset=UpdateNote.objects.prefetch_related("sources")),
                "minor_updates",
                # "Also checked by": other publishers' reviews an editor confirmed as about this claim.
                models.Prefetch(
                    "external_reviews",
                    queryset=confirmed_reviews.select_related("rating").order_by("-review_date", "-id"),
                    to_attr="confirmed_external_reviews",
                ),
            )
        )
        return skip_known_empty(
            claims,
            topics="has_topics",
            quantities="has_quantities",
            update_notes="has_update_note",
            minor_updates="has_minor_updates",
            confirmed_external_reviews="has_confirmed_reviews",
        )

    def latest_first(self) -> ClaimQuerySet:
        """Newest verdict first (home page, feeds, DataFeed, ``claims:search`` without a query), from
        the claim's own ``published_at`` and the index ``claim_status_published_idx``."""
        return self.order_by("-published_at", "-pk")

    def rated(self, rating) -> ClaimQuerySet:
        """Claims whose current verdict carries ``rating`` (a ``Rating``)."""
        return self.filter(rating=rating)

    def verdict_published_between(self, after=None, before=None) -> ClaimQuerySet:
        """Claims whose current verdict was published on or after ``after`` and on or before ``before``."""
        claims = self
        if after is not None:
            claims = claims.filter(published_at__gte=_day_start(after))
        if before is not None:
            claims = claims.filter(published_at__lt=_day_start(before + dt.timedelta(days=1)))
        return claims

    def count_up_to(self, limit: int) -> int | None:
        """How many claims, or None when more than ``limit``: no row past the limit is read."""
        found = self.order_by().values("pk")[: limit + 1].count()
        return found if found <= limit else None

    # The desk's dashboard: each person's work, then what the desk as a whole must look at.

    def open_work(self) -> ClaimQuerySet:
        """Claims still being worked on: neither published nor rejected."""
        return self.exclude(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.REJECTED])

    def assigned_to(self, user) -> ClaimQuerySet:
        """Claims assigned to ``user`` that are still being worked on."""
        return self.open_work().filter(assigned_to=user)

    def waiting_for_review_by(self, user) -> ClaimQuerySet:
        """Claims in review whose current verdict ``user`` did not write: the ones they can review."""
        from .verdicts import Verdict

        return self.filter(status=ClaimStatus.IN_REVIEW).exclude(
            Exists(Verdict.objects.current().filter(claim=OuterRef("pk"), author=user))
        )

    def sent_back_to(self, user) -> ClaimQuerySet:
        """Candidates assigned to ``user`` that were once in review: a reviewer sent them back."""
        history = Claim.history.model.objects.filter(id=OuterRef("pk"), status=ClaimStatus.IN_REVIEW)
        return self.filter(status=ClaimStatus.CANDIDATE, assigned_to=user).filter(Exists(history))

    def recently_published(self) -> ClaimQuerySet:
        """Published claims, the latest verdict first."""
        return self.published().latest_first()

    def overtaken_by_events(self) -> ClaimQuerySet:
        """Published claims with update notes, the latest events first; ``missing_english_note`` marks
        those whose notes still lack their English version."""
        from .verdicts import UpdateNote

        return (
            self.published()
            .filter(Exists(UpdateNote.objects.filter(claim=OuterRef("pk"))))
            .annotate(
                latest_update=Max("update_notes__since"),
                missing_english_note=Exists(UpdateNote.objects.filter(claim=OuterRef("pk"), note_en="")),
            )
            .order_by("-missing_english_note", "-latest_update", "pk")
        )

    def search(self, query: str) -> ClaimQuerySet:
        """Full-text search, ranked; see ``claims.search.fulltext``."""
        from ..search.fulltext import search_claims

        return search_claims(self, query)

    def similar_to(self, text: str, *, limit: int = 5) -> ClaimQuerySet:
        """Claims that say nearly what ``text`` says, most similar first; see ``claims.search.similar``."""
        from ..search.similar import similar_claims

        return similar_claims(self, text, limit=limit)


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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by every save; a save based on an older version is refused (no lost edits)."),
    )
    # The current verdict's publication date and rating, copied onto the claim by the services
    # (``claims.services.publication.refresh``) and the bulk path, so that lists order and filter on
    # indexed columns of the claim instead of looking up a verdict per row.
    published_at = models.DateTimeField(_("verdict published at"), null=True, blank=True, editable=False)
    rating = models.ForeignKey(
        Rating,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        db_index=False,  # claim_rating_published_idx starts with it
        related_name="rated_claims",
        verbose_name=_("rating"),
    )

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[topics], excluded_fields=["version", "published_at", "rating"])

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
            # One index per order of the public lists, each read from the top (no sort, no count):
            # the API's default order, newest verdict first (home, feeds, ?ordering=-published_at),
            # a rating's newest verdicts, the index page's order, check-worthiness.
            models.Index(fields=["status", "-claimed_on", "article", "start", "id"], name="claim_status_date_idx"),
            models.Index(fields=["status", "-published_at", "-id"], name="claim_status_published_idx"),
            models.Index(fields=["rating", "status", "-published_at", "-id"], name="claim_rating_published_idx"),
            models.Index(fields=["status", "article", "start", "id"], name="claim_status_article_idx"),
            models.Index(fields=["status", "-checkworthiness", "-id"], name="claim_status_worthiness_idx"),
        ]

    def __str__(self) -> str:
        return self.restatement or self.quote[:80]

    def get_absolute_url(self) -> str:
        return page_path("claims:claim-detail", self.slug)

    @property
    def number_label(self) -> str:
        return f"#{self.pk}"

    @property
    def restatement_text(self) -> str:
        return pick_language(self.restatement, self.restatement_en)

    @property
    def current_verdict(self) -> Verdict | None:
        """The current verdict, from the prefetch of ``list_rows()`` when there is one."""
        if hasattr(self, "current_verdicts"):
            return self.current_verdicts[0] if self.current_verdicts else None
        return self.verdicts.current().select_related("rating").first()

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
