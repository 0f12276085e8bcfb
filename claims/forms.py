"""The claims index filter form: every choice comes from published content only."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Article, Claimant, Rating, Topic


class SlugChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class ClaimFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    rating = SlugChoiceField(Rating.objects.all(), label=_("Rating"), empty_label=_("All ratings"))
    claimant = SlugChoiceField(Claimant.objects.published(), label=_("Claimant"), empty_label=_("Everyone"))
    topic = SlugChoiceField(
        Topic.objects.published(),
        label=_("Topic"),
        empty_label=_("All topics"),
    )
    article = SlugChoiceField(Article.objects.published(), label=_("Article"), empty_label=_("All articles"))

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
