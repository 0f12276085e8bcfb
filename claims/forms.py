"""The claims index filter form: every choice comes from published content only.

The claimant and article menus offer a few recent ones (:data:`OFFERED`), not every row: with a
million claims a menu of every claimant is megabytes of HTML. Any published one is still accepted
(a link, the API's slugs), and the search box finds the rest.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q, Subquery
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from .models import Article, Claim, Claimant, Rating, Topic


class SlugChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


OFFERED = 30


class OfferedChoiceField(SlugChoiceField):
    """Accepts any row of ``queryset`` by its slug; its menu offers only the rows of ``offered``."""

    def __init__(self, queryset, *, offered, **kwargs):
        self.offered = offered
        super().__init__(queryset, **kwargs)

    def _get_choices(self):
        iterator = ModelChoiceIterator(self)
        iterator.queryset = self.offered.all()  # a fresh query per form, never a cached list
        return iterator

    choices = property(_get_choices, SlugChoiceField.choices.fset)


def recent(model, column: str, claims: int):
    """The rows of ``model`` that ``column`` names in the latest ``claims`` published claims."""
    latest = Claim.objects.published().latest_first().values(column)[:claims]
    return model.objects.filter(pk__in=Subquery(latest))


class ClaimFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    rating = SlugChoiceField(Rating.objects.all(), label=_("Rating"), empty_label=_("All ratings"))
    claimant = OfferedChoiceField(
        Claimant.objects.published(),
        offered=recent(Claimant, "claimant_id", OFFERED * 5).order_by("name")[:OFFERED],
        label=_("Claimant"),
        empty_label=_("Everyone"),
    )
    topic = SlugChoiceField(
        Topic.objects.published(),
        label=_("Topic"),
        empty_label=_("All topics"),
    )
    article = OfferedChoiceField(
        Article.objects.published().defer("text"),
        offered=recent(Article, "article_id", OFFERED * 40).defer("text").order_by("-published_on", "-pk")[:OFFERED],
        label=_("Article"),
        empty_label=_("All articles"),
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
