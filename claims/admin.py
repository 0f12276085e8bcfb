"""The editors' workspace."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Article,
    Claim,
    Claimant,
    Correction,
    Evidence,
    Quantity,
    Rating,
    Source,
    Topic,
    TranslationNote,
    UpdateNote,
    Verdict,
)


class CurrentRatingFilter(admin.SimpleListFilter):
    title = _("rating")
    parameter_name = "rating"

    def lookups(self, request, model_admin):
        return [(rating.slug, rating.label) for rating in Rating.objects.all()] + [("none", _("No rating yet"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.exclude(verdicts__is_current=True, verdicts__rating__isnull=False)
        if self.value():
            return queryset.filter(verdicts__is_current=True, verdicts__rating__slug=self.value())
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


class QuantityInline(admin.TabularInline):
    model = Quantity
    extra = 0
    fields = [
        "text",
        "qualifier",
        "value",
        "unit",
        "verified_value",
        "verification_note",
    ]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["position", "source", "stance", "excerpt", "note"]


class VerdictInline(admin.StackedInline):
    model = Verdict
    extra = 0
    max_num = 1
    fields = [
        "rating",
        ("status", "is_current"),
        "summary_fr",
        "summary_en",
        "explanation_fr",
        "explanation_en",
        ("author", "reviewer"),
        ("published_at", "modified_at"),
    ]
    raw_id_fields = ["author", "reviewer"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(is_current=True).select_related("rating")


class UpdateNoteInline(admin.StackedInline):
    model = UpdateNote
    extra = 0
    fields = ["since", "note_fr", "note_en", "sources"]
    autocomplete_fields = ["sources"]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["excerpt", "claimant", "article", "rating", "status", "updated_at"]
    list_filter = [
        CurrentRatingFilter,
        "status",
        "kind",
        "article",
        "claimant",
        HasUpdateNoteFilter,
    ]
    list_select_related = ["claimant", "article"]
    search_fields = [
        "quote",
        "restatement",
        "restatement_en",
        "claimant__name",
        "speaker__name",
    ]
    autocomplete_fields = ["claimant", "speaker"]
    filter_horizontal = ["topics"]
    prepopulated_fields = {"slug": ["restatement"]}
    date_hierarchy = "claimed_on"
    readonly_fields = ["created_at", "updated_at"]
    inlines = [QuantityInline, EvidenceInline, VerdictInline, UpdateNoteInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "article",
                    "quote",
                    ("start", "end"),
                    "restatement",
                    "restatement_en",
                    "slug",
                ]
            },
        ),
        (
            _("Who and when"),
            {
                "fields": [
                    ("claimant", "speaker"),
                    ("claimed_on", "language"),
                    "kind",
                    "topics",
                ]
            },
        ),
        (
            _("Workflow"),
            {
                "fields": [
                    ("status", "assigned_to"),
                    "rejection_reason",
                    "checkworthiness",
                    ("created_at", "updated_at"),
                ]
            },
        ),
    ]
    raw_id_fields = ["assigned_to"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_overview().with_update_notes()

    @admin.display(description=_("claim"), ordering="quote")
    def excerpt(self, obj: Claim) -> str:
        return Truncator(obj.quote).chars(90)

    @admin.display(description=_("rating"))
    def rating(self, obj: Claim) -> str:
        verdict = obj.current_verdict
        if verdict is None or verdict.rating is None:
            return "—"
        return format_html(
            '<span style="background:{};color:#fff;padding:1px 6px;border-radius:3px">{}</span>',
            verdict.rating.colour,
            verdict.rating.label,
        )


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
class ArticleAdmin(admin.ModelAdmin):
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
class ClaimantAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role_fr", "claim_count"]
    list_filter = ["kind"]
    search_fields = ["name", "role_fr", "role_en"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description=_("claims"), ordering="claim_count")
    def claim_count(self, obj: Claimant) -> int:
        return obj.claim_count


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
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

    @admin.display(description=_("cited by claims"), ordering="cited_by")
    def cited_by(self, obj: Source) -> int:
        return obj.cited_by

    @admin.display(description=_("archived"), boolean=True)
    def has_archive(self, obj: Source) -> bool:
        return bool(obj.archive_url)


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
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


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0


@admin.register(Verdict)
class VerdictAdmin(SimpleHistoryAdmin):
    list_display = [
        "claim",
        "rating",
        "status",
        "is_current",
        "published_at",
        "modified_at",
    ]
    list_filter = ["status", "is_current", "rating"]
    list_select_related = ["claim", "rating"]
    search_fields = ["claim__quote", "claim__restatement", "summary_fr", "summary_en"]
    autocomplete_fields = ["claim"]
    raw_id_fields = ["author", "reviewer"]
    inlines = [CorrectionInline]


@admin.register(UpdateNote)
class UpdateNoteAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "since", "short_note"]
    list_select_related = ["claim"]
    date_hierarchy = "since"
    search_fields = ["note_fr", "note_en", "claim__quote"]
    autocomplete_fields = ["claim", "sources"]

    @admin.display(description=_("note"))
    def short_note(self, obj: UpdateNote) -> str:
        return Truncator(obj.note_fr).chars(100)


@admin.register(Correction)
class CorrectionAdmin(SimpleHistoryAdmin):
    list_display = ["verdict", "corrected_at", "previous_rating"]
    list_select_related = ["verdict__claim", "verdict__rating", "previous_rating"]
    autocomplete_fields = ["verdict"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name_fr", "name_en", "slug", "claim_count"]
    search_fields = ["name_fr", "name_en"]
    prepopulated_fields = {"slug": ["name_fr"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description=_("claims"), ordering="claim_count")
    def claim_count(self, obj: Topic) -> int:
        return obj.claim_count


@admin.register(Quantity)
class QuantityAdmin(SimpleHistoryAdmin):
    list_display = ["text", "claim", "qualifier", "value", "verified_value", "unit"]
    list_filter = ["qualifier"]
    list_select_related = ["claim"]
    search_fields = ["text", "claim__quote"]
    autocomplete_fields = ["claim"]


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "source", "stance"]
    list_filter = ["stance"]
    list_select_related = ["claim", "source"]
    search_fields = ["claim__quote", "source__title", "source__publisher"]
    autocomplete_fields = ["claim", "source"]
