"""Articles, the texts claims are taken from, and their translation notes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from ..paths import page_path
from .choices import LANGUAGE_CHOICES, pick_language


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        """Articles with at least one published claim: an article has no page of its own otherwise."""
        from .claims import Claim

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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return page_path("claims:article-detail", self.slug)

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
