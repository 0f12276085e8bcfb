"""Articles, claimants, sources, ratings and topics; quantities and evidence on their own pages."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import Article, Claim, Claimant, Evidence, Quantity, Rating, Source, Topic, TranslationNote
from ..services import editing, publication
from .editing import ServiceAdminMixin, VersionedAdminMixin, VersionedChangeNoteForm
from .history import ChangelogAdminMixin
from .workbench import WorkbenchAdminMixin


class NewContentVersionMixin:
    """Readers see these rows' names, labels, colours and titles on pages kept per content version
    (``claims.cache``): a save or a delete here starts a new version once it commits."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        publication.bump()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        publication.bump()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        publication.bump()


class ClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    fields = ["start", "end", "quote", "claimant", "status"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    ordering = ["start"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claimant")


class TranslationNoteInline(admin.TabularInline):
    model = TranslationNote
    extra = 0


@admin.register(Article)
class ArticleAdmin(NewContentVersionMixin, WorkbenchAdminMixin, admin.ModelAdmin):
    list_display = ["title", "publisher", "published_on", "language", "claim_count"]
    list_filter = ["language", "publisher"]
    search_fields = ["title", "publisher", "text"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_on"
    inlines = [TranslationNoteInline, ClaimInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "publisher",
                    "url",
                    ("published_on", "language"),
                    "text",
                ]
            },
        ),
        (
            _("Original of a translation"),
            {"fields": ["original_url", "original_title", "original_language"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description=_("claims"), ordering="claim_count")
    def claim_count(self, obj: Article) -> int:
        return obj.claim_count


@admin.register(Claimant)
class ClaimantAdmin(NewContentVersionMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "role_fr", "claim_count"]
    list_filter = ["kind"]
    search_fields = ["name", "role_fr", "role_en"]
    ordering = ["name"]  # also the order of the claim form's autocomplete
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description=_("claims"), ordering="claim_count")
    def claim_count(self, obj: Claimant) -> int:
        return obj.claim_count


@admin.register(Source)
class SourceAdmin(ChangelogAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    form = VersionedChangeNoteForm
    list_display = [
        "title",
        "publisher",
        "kind",
        "published_on",
        "language",
        "cited_by",
        "has_archive",
    ]
    list_filter = ["kind", "language"]
    search_fields = ["title", "publisher", "url"]
    date_hierarchy = "published_on"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(cited_by=Count("evidence__claim", distinct=True))

    def save_model(self, request, obj, form, change) -> None:
        """Through the service: the version claimed, the role checked, the history recorded."""
        editing.save_source(
            user=request.user,
            source=obj,
            expected_version=form.cleaned_data.get("base_version"),
            change=form.change(),
        )

    @admin.display(description=_("cited by claims"), ordering="cited_by")
    def cited_by(self, obj: Source) -> int:
        return obj.cited_by

    @admin.display(description=_("archived"), boolean=True)
    def has_archive(self, obj: Source) -> bool:
        return bool(obj.archive_url)


@admin.register(Rating)
class RatingAdmin(NewContentVersionMixin, admin.ModelAdmin):
    list_display = [
        "label_fr",
        "label_en",
        "slug",
        "value",
        "colour",
        "position",
        "verdict_count",
    ]
    list_editable = ["label_fr", "label_en", "value", "colour", "position"]
    list_display_links = ["slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(verdict_count=Count("verdicts"))

    @admin.display(description=_("verdicts"), ordering="verdict_count")
    def verdict_count(self, obj: Rating) -> int:
        return obj.verdict_count


@admin.register(Topic)
class TopicAdmin(NewContentVersionMixin, admin.ModelAdmin):
    list_display = ["name_fr", "name_en", "slug", "claim_count"]
    search_fields = ["name_fr", "name_en"]
    prepopulated_fields = {"slug": ["name_fr"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description=_("claims"), ordering="claim_count")
    def claim_count(self, obj: Topic) -> int:
        return obj.claim_count


@admin.register(Quantity)
class QuantityAdmin(ChangelogAdminMixin, ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["text", "claim", "qualifier", "value", "verified_value", "unit"]
    list_filter = ["qualifier"]
    list_select_related = ["claim"]
    search_fields = ["text", "claim__quote"]
    autocomplete_fields = ["claim"]


@admin.register(Evidence)
class EvidenceAdmin(ChangelogAdminMixin, ServiceAdminMixin, SimpleHistoryAdmin):
    list_display = ["claim", "source", "stance"]
    list_filter = ["stance"]
    list_select_related = ["claim", "source"]
    search_fields = ["claim__quote", "source__title", "source__publisher"]
    autocomplete_fields = ["claim", "source"]
