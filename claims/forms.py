"""The claims index filter form: every choice comes from published content only.

The claimant and article menus offer a few recent ones (:data:`OFFERED`), not every row: with a
million claims a menu of every claimant is megabytes of HTML. Any published one is still accepted
(a link, the API's slugs), and the search box finds the rest.

Each menu, and its HTML for each choice it can show as selected, is kept until published content
changes (``claims.cache.remember``): a page reads four menus that change only with the content.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.db.models import Q, Subquery
from django.forms.models import ModelChoiceIterator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .cache import remember
from .models import Article, Claim, Claimant, Rating, Topic

OFFERED = 30


class KeptMenu(ModelChoiceIterator):
    """A menu's choices as ``(slug, label)`` pairs, read once per content version and language."""

    def __init__(self, field):
        self.field = field

    @property
    def queryset(self):
        return self.field.offered.all()  # a fresh query, never a list left on the field

    @property
    def key(self) -> str:
        return f"menu:{self.field.menu}:{get_language()}"

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)  # read alone by Select.use_required_attribute()
        yield from remember(self.key, self._read)

    def __len__(self):
        return len(remember(self.key, self._read)) + (self.field.empty_label is not None)

    def _read(self) -> list[tuple[str, str]]:
        return [(str(value), str(label)) for value, label in map(self.choice, self.queryset)]


class MenuSelect(forms.Select):
    """A ``<select>`` of a :class:`KeptMenu`, its HTML kept per content version for each option it
    shows as selected (or none) and each set of attributes (an invalid value adds ``aria-invalid``)."""

    def render(self, name, value, attrs=None, renderer=None):
        menu = self.choices
        values = self.format_value(value)
        if values == [""]:
            selected = ""  # nothing chosen (the empty label, if the menu has one): no need of the choices
        else:
            # Only an offered value marks an option: any other renders as none selected, whatever it is.
            offered = {slug for slug, _label in menu}
            selected = next((slug for slug in values if slug in offered), None)
        shape = hashlib.sha256(repr((name, selected, sorted((attrs or {}).items()))).encode()).hexdigest()[:16]
        html = remember(
            f"{menu.key}:html:{shape}", lambda: super(MenuSelect, self).render(name, value, attrs, renderer)
        )
        return mark_safe(html)  # noqa: S308 -- the widget's own rendering, kept


class MenuChoiceField(forms.ModelChoiceField):
    """A slug of any row of ``queryset`` (a link's, the API's); the menu offers the rows of ``offered``
    (the whole ``queryset`` unless given), kept under the name ``menu`` (see :class:`KeptMenu`)."""

    widget = MenuSelect
    iterator = KeptMenu

    def __init__(self, queryset, *, menu: str, offered=None, **kwargs):
        self.menu = menu
        self.offered = queryset if offered is None else offered
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


def recent(model, column: str, claims: int):
    """The rows of ``model`` that ``column`` names in the latest ``claims`` published claims."""
    latest = Claim.objects.published().latest_first().values(column)[:claims]
    return model.objects.filter(pk__in=Subquery(latest))


class ClaimFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    rating = MenuChoiceField(Rating.objects.all(), menu="rating", label=_("Rating"), empty_label=_("All ratings"))
    claimant = MenuChoiceField(
        Claimant.objects.published(),
        menu="claimant",
        offered=recent(Claimant, "claimant_id", OFFERED * 5).order_by("name")[:OFFERED],
        label=_("Claimant"),
        empty_label=_("Everyone"),
    )
    topic = MenuChoiceField(
        Topic.objects.published(),
        menu="topic",
        label=_("Topic"),
        empty_label=_("All topics"),
    )
    article = MenuChoiceField(
        Article.objects.published().defer("text"),
        menu="article",
        offered=recent(Article, "article_id", OFFERED * 40).defer("text").order_by("-published_on", "-pk")[:OFFERED],
        label=_("Article"),
        empty_label=_("All articles"),
    )

    def filters_key(self) -> str | None:
        """The valid menus' choices as one string (slugs, published ones), or None for a search."""
        data = self.cleaned_data
        if data.get("q"):
            return None
        return ":".join(
            data[name].slug if data.get(name) else "" for name in ("rating", "claimant", "topic", "article")
        )

    def filter(self, claims):
        """Narrow a QuerySet of published claims by the valid choices."""
        data = self.cleaned_data
        if data.get("rating"):
            claims = claims.rated(data["rating"])
        if data.get("claimant"):
            claims = claims.filter(Q(claimant=data["claimant"]) | Q(speaker=data["claimant"]))
        if data.get("topic"):
            claims = claims.filter(topics=data["topic"])
        if data.get("article"):
            claims = claims.filter(article=data["article"])
        if data.get("q"):
            claims = claims.search(data["q"])
        return claims
