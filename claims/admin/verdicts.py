"""Verdicts and their public corrections, and update notes, each saved through ``claims.services``."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import Correction, MinorUpdate, UpdateNote, Verdict, VerdictStatus
from ..services import editing, roles, verdicts
from .editing import ChangeNoteForm, ServiceAdminMixin, VersionedAdminMixin, VersionedForm
from .history import ChangelogAdminMixin


class CorrectionInline(admin.StackedInline):
    """Corrections already made; a new one is made by changing the verdict with the fields below."""

    model = Correction
    extra = 0
    can_delete = False
    fields = ["corrected_at", "previous_rating", "what_changed_fr", "what_changed_en", "reason_fr", "reason_en"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class VerdictForm(VersionedForm):
    """A published verdict changes in substance only with a public correction (what changed and why)."""

    correction_what_changed_fr = forms.CharField(
        label=_("what changed (French)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to change the rating, summary or explanation of a published verdict."),
    )
    correction_what_changed_en = forms.CharField(
        label=_("what changed (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    correction_reason_fr = forms.CharField(
        label=_("why (French)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    correction_reason_en = forms.CharField(
        label=_("why (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    minor_edit = forms.BooleanField(
        label=_("minor edit"),
        required=False,
        help_text=_("A typo or wording fix that changes no fact: no correction is published. Not for ratings."),
    )

    def correction(self) -> verdicts.CorrectionInput | None:
        data = self.cleaned_data
        if not data.get("correction_what_changed_fr") and not data.get("correction_reason_fr"):
            return None
        return verdicts.CorrectionInput(
            what_changed_fr=data["correction_what_changed_fr"],
            reason_fr=data["correction_reason_fr"],
            what_changed_en=data.get("correction_what_changed_en", ""),
            reason_en=data.get("correction_reason_en", ""),
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or self.instance.status != VerdictStatus.PUBLISHED:
            return cleaned
        # The service's own rule, checked here too so that the editor sees it next to the fields.
        if verdicts.needs_correction(self.changed_data, minor_edit=bool(cleaned.get("minor_edit"))):
            errors = {
                name: _("This verdict is published: say what changed and why; readers will see it.")
                for name in ("correction_what_changed_fr", "correction_reason_fr")
                if not cleaned.get(name, "").strip()
            }
            if errors:
                raise ValidationError(errors)
        return cleaned


@admin.register(Verdict)
class VerdictAdmin(ChangelogAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    form = VerdictForm
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
    inlines = [CorrectionInline]
    workflow_owned_fields = ("status", "is_current", "reviewer_id", "published_at", "modified_at")
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "claim",
                    "rating",
                    "summary_fr",
                    "summary_en",
                    "explanation_fr",
                    "explanation_en",
                    "base_version",
                ]
            },
        ),
        (
            _("Workflow"),
            {
                "fields": [
                    ("status", "is_current"),
                    ("author", "reviewer"),
                    "contributor_names",
                    ("published_at", "modified_at"),
                ]
            },
        ),
    ]
    correction_fieldset = (
        _("Public correction"),
        {
            "fields": [
                "minor_edit",
                "correction_what_changed_fr",
                "correction_reason_fr",
                "correction_what_changed_en",
                "correction_reason_en",
            ],
            "description": _(
                "Changing the rating, summary or explanation of a published verdict is a public correction: "
                "readers see what changed, why, and the previous rating."
            ),
        },
    )

    def get_readonly_fields(self, request, obj=None):
        # A new verdict may be entered as not current; the database keeps one current verdict per claim.
        if obj is None:
            return ["status", "author", "reviewer", "contributor_names", "published_at", "modified_at"]
        return [
            "claim",
            "status",
            "is_current",
            "author",
            "reviewer",
            "contributor_names",
            "published_at",
            "modified_at",
        ]

    @admin.display(description=_("contributors"))
    def contributor_names(self, obj: Verdict) -> str:
        """Who wrote or changed the substance (set by the service): none of them may publish it."""
        if obj.pk is None:
            return "—"
        return ", ".join(str(user) for user in obj.contributors.all()) or "—"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.status == VerdictStatus.PUBLISHED:
            return [*fieldsets, self.correction_fieldset]
        return fieldsets

    def has_change_permission(self, request, obj=None):
        if (
            obj is not None
            and obj.status == VerdictStatus.PUBLISHED
            and not request.user.has_perm(roles.CORRECT_PERMISSION)
        ):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        verdicts.save_verdict(
            verdict=obj,
            user=request.user,
            expected_version=form.cleaned_data.get("base_version"),
            correction=form.correction(),
            minor_edit=form.cleaned_data.get("minor_edit", False),
        )

    def delete_model(self, request, obj) -> None:
        verdicts.delete_verdict(verdict=obj, user=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for verdict in queryset:
            verdicts.delete_verdict(verdict=verdict, user=request.user)


@admin.register(UpdateNote)
class UpdateNoteAdmin(ChangelogAdminMixin, ServiceAdminMixin, SimpleHistoryAdmin):
    form = ChangeNoteForm
    list_display = ["claim", "since", "short_note"]
    list_select_related = ["claim"]
    date_hierarchy = "since"
    search_fields = ["note_fr", "note_en", "claim__quote"]
    autocomplete_fields = ["claim", "sources"]

    @admin.display(description=_("note"))
    def short_note(self, obj: UpdateNote) -> str:
        return Truncator(obj.note_fr).chars(100)

    def save_model(self, request, obj, form, change) -> None:
        editing.save_update_note(
            user=request.user,
            claim=obj.claim,
            note=obj,
            since=obj.since,
            note_fr=obj.note_fr,
            note_en=obj.note_en,
            sources=form.cleaned_data["sources"],
            change=form.change(),
        )

    def save_related(self, request, form, formsets, change) -> None:
        """The sources were saved with the note, by the service."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class PublicRecordMixin:
    """A record readers rely on, made only by the services: shown, never added, edited or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MinorUpdate)
class MinorUpdateAdmin(PublicRecordMixin, admin.ModelAdmin):
    """Minor updates are public record too: made by changing published content with a note."""

    list_display = ["claim", "created_at", "note_fr", "user"]
    list_select_related = ["claim", "user"]
    date_hierarchy = "created_at"
    search_fields = ["note_fr", "note_en", "claim__quote"]


@admin.register(Correction)
class CorrectionAdmin(PublicRecordMixin, ChangelogAdminMixin, SimpleHistoryAdmin):
    """Corrections are public record: made by correcting a verdict, never edited or deleted afterwards."""

    list_display = ["verdict", "corrected_at", "previous_rating"]
    list_select_related = ["verdict__claim", "verdict__rating", "previous_rating"]
