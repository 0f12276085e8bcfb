"""Filters of the claims list (and its CSV export). Unknown values and bad dates are 400s.

A slug filter knows only what its client may see: for everyone but the desk, a claimant, article
or topic with no published claim is as unknown as one that does not exist (the same 400), so the
filters tell nobody which unpublished records exist.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.filters import OrderingFilter

from ..models import (
    LANGUAGE_CHOICES,
    Article,
    Claim,
    Claimant,
    ClaimKind,
    ClaimStatus,
    Quantity,
    Rating,
    Topic,
)
from ..services import roles


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(filters.ModelChoiceFilter):
    """A related object named by its slug; an unknown slug is a 400."""


ISO_DATE = ["%Y-%m-%d"]
BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]


def IsoDateFilter(**kwargs) -> filters.DateFilter:  # noqa: N802 - used like a filter class
    """A date written YYYY-MM-DD and nothing else, whatever the request's language."""
    return filters.DateFilter(input_formats=ISO_DATE, **kwargs)


def StrictBooleanFilter(**kwargs) -> filters.ChoiceFilter:  # noqa: N802
    """``true`` or ``false``, which the filter method reads; anything else is a 400 rather than ignored."""
    return filters.ChoiceFilter(choices=BOOLEAN_CHOICES, **kwargs)


class ClaimFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="filter_q",
        max_length=200,
        help_text=_("Full-text search in the quote and restatements (French stemming, accents ignored)."),
    )
    rating = SlugFilter(
        queryset=Rating.objects.all(),
        to_field_name="slug",
        method="filter_rating",
        help_text=_("Rating slug of the current verdict, e.g. mostly_false."),
    )
    claimant = filters.ModelChoiceFilter(queryset=Claimant.objects.all(), to_field_name="slug")
    speaker = filters.ModelChoiceFilter(queryset=Claimant.objects.all(), to_field_name="slug")
    article = filters.ModelChoiceFilter(queryset=Article.objects.all(), to_field_name="slug")
    topic = filters.ModelChoiceFilter(queryset=Topic.objects.all(), to_field_name="slug", field_name="topics")
    kind = filters.ChoiceFilter(choices=ClaimKind.choices)
    language = filters.ChoiceFilter(choices=LANGUAGE_CHOICES)
    status = filters.ChoiceFilter(
        choices=ClaimStatus.choices,
        help_text=_("Workflow status; anonymous clients only ever see published claims."),
    )
    claimed_after = IsoDateFilter(field_name="claimed_on", lookup_expr="gte", help_text=_("Made on or after."))
    claimed_before = IsoDateFilter(field_name="claimed_on", lookup_expr="lte", help_text=_("Made on or before."))
    published_after = IsoDateFilter(method="filter_published_after", help_text=_("Verdict published on or after."))
    published_before = IsoDateFilter(method="filter_published_before", help_text=_("Verdict published on or before."))
    has_quantities = StrictBooleanFilter(method="filter_has_quantities")
    quantity_min = filters.NumberFilter(
        method="filter_quantity_min", help_text=_("Some claimed quantity is at least this value.")
    )
    quantity_max = filters.NumberFilter(
        method="filter_quantity_max", help_text=_("Some claimed quantity is at most this value.")
    )
    overtaken_by_events = StrictBooleanFilter(method="filter_overtaken", help_text=_("Has an update note."))

    class Meta:
        model = Claim
        fields = []

    def __init__(self, *args, request=None, **kwargs) -> None:
        super().__init__(*args, request=request, **kwargs)
        if not roles.is_desk(getattr(request, "user", None)):
            published = {"claimant": Claimant, "speaker": Claimant, "article": Article, "topic": Topic}
            for name in published.keys() & self.data.keys():  # only the filters asked for
                self.filters[name].queryset = published[name].objects.published()

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_rating(self, queryset, name, value):
        return queryset.rated(value)

    def filter_published_after(self, queryset, name, value):
        return queryset.verdict_published_between(after=value)

    def filter_published_before(self, queryset, name, value):
        return queryset.verdict_published_between(before=value)

    def filter_has_quantities(self, queryset, name, value):
        return queryset.filter(has_quantities=value == "true")

    def filter_quantity_min(self, queryset, name, value):
        return queryset.filter(Exists(Quantity.objects.filter(claim=OuterRef("pk"), value__gte=value)))

    def filter_quantity_max(self, queryset, name, value):
        return queryset.filter(Exists(Quantity.objects.filter(claim=OuterRef("pk"), value__lte=value)))

    def filter_overtaken(self, queryset, name, value):
        return queryset.filter(has_update_note=value == "true")


class NamedFiltersBackend(DjangoFilterBackend):
    """django-filter's backend, skipped when the request names none of the filters.

    The filter set builds and validates a form on every request, a claim's detail included: a few
    milliseconds for nothing when no filter is asked for, which is most requests. With no filter
    named the QuerySet would come back unchanged anyway.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and request.query_params.keys().isdisjoint(filterset_class.base_filters):
            return queryset
        return super().filter_queryset(request, queryset, view)


class ClaimOrderingFilter(OrderingFilter):
    """``?ordering=``; with a search and no explicit ordering, results stay in rank order."""

    def get_default_ordering(self, view):
        if view.request.query_params.get("q", "").strip():
            return None
        return super().get_default_ordering(view)
