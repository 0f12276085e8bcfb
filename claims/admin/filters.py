"""List filters of the claims changelist: the desk's views of its work."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from ..models import ClaimStatus, Rating, Verdict


class WorkflowFilter(admin.SimpleListFilter):
    title = _("workflow")
    parameter_name = "workflow"

    def lookups(self, request, model_admin):
        return [
            ("mine", _("My claims (assigned to me, not published)")),
            ("waiting_for_review", _("Waiting for review")),
            ("unassigned", _("Candidates nobody is assigned to")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(assigned_to=request.user).exclude(
                status__in=[ClaimStatus.PUBLISHED, ClaimStatus.REJECTED]
            )
        if self.value() == "waiting_for_review":
            return queryset.filter(status=ClaimStatus.IN_REVIEW)
        if self.value() == "unassigned":
            return queryset.filter(status=ClaimStatus.CANDIDATE, assigned_to__isnull=True)
        return queryset


class CurrentRatingFilter(admin.SimpleListFilter):
    title = _("rating")
    parameter_name = "rating"

    def lookups(self, request, model_admin):
        return [(rating.slug, rating.label) for rating in Rating.objects.all()] + [("none", _("No rating yet"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.exclude(
                Exists(Verdict.objects.current().filter(claim=OuterRef("pk"), rating__isnull=False))
            )
        if self.value():
            rating = Rating.objects.filter(slug=self.value()).first()
            return queryset.rated(rating) if rating else queryset.none()
        return queryset


class HasUpdateNoteFilter(admin.SimpleListFilter):
    title = _("has update note")
    parameter_name = "has_update_note"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            return queryset.filter(has_update_note=self.value() == "yes")
        return queryset
