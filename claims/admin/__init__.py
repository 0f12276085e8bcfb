"""The editors' workspace."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .. import workflow
from ..models import (
    Article,
    Claim,
    Claimant,
    ClaimStatus,
    Correction,
    Evidence,
    Quantity,
    Rating,
    Source,
    Topic,
    TranslationNote,
    UpdateNote,
    Verdict,
    VerdictStatus,
)
from .editing import RejectionActionForm, VersionedAdminMixin, VersionedForm, WorkflowFilter


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
    """The claim's current verdict. Drafts are edited here; a published verdict is corrected on its own page."""

    model = Verdict
    form = VersionedForm
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
        "base_version",
    ]
    raw_id_fields = ["author"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).filter(is_current=True).select_related("rating")

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status", "is_current", "reviewer", "published_at", "modified_at"]
        verdict = obj.current_verdict if obj is not None else None
        if verdict is not None and verdict.status == VerdictStatus.PUBLISHED:
            readonly += list(workflow.VERDICT_SUBSTANCE)
        return readonly


class UpdateNoteInline(admin.StackedInline):
    """“Overtaken by events” notes: editors add them to published claims; the verdict stays as it was."""

    model = UpdateNote
    extra = 0
    fields = ["since", "note_fr", "note_en", "sources"]
    autocomplete_fields = ["sources"]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and obj is not None and obj.status == ClaimStatus.PUBLISHED


@admin.register(Claim)
class ClaimAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["excerpt", "claimant", "article_title", "rating", "status", "assigned_to", "updated_at"]
    list_filter = [
        WorkflowFilter,
        CurrentRatingFilter,
        "status",
        "kind",
        "article",
        "claimant",
        HasUpdateNoteFilter,
    ]
    list_select_related = ["claimant", "article", "assigned_to"]
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
    readonly_fields = ["status", "rejection_reason", "created_at", "updated_at", "similar_claims"]
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
        (_("Similar claims"), {"fields": ["similar_claims"]}),
    ]
    raw_id_fields = ["assigned_to"]
    history_list_display = ["status"]
    workflow_owned_fields = ("status", "rejection_reason")
    action_form = RejectionActionForm
    actions = ["propose_for_review", "publish", "unpublish", "send_back", "reject", "assign_to_me"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_overview().with_update_notes()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return [fieldset for fieldset in fieldsets if "similar_claims" not in fieldset[1]["fields"]]
        return fieldsets

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == ClaimStatus.PUBLISHED and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            # Claims are assigned to the desk only (the rule of ``workflow.assign``).
            kwargs["queryset"] = workflow.desk_members()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(workflow.PUBLISH_PERMISSION)

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm(workflow.REVIEW_PERMISSION)

    def save_model(self, request, obj, form, change) -> None:
        workflow.save_claim(claim=obj, user=request.user, expected_version=form.cleaned_data.get("base_version"))

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is Verdict:
            formset.save(commit=False)
            for verdict in formset.deleted_objects:
                verdict.delete()
            for verdict_form in formset.saved_forms:
                workflow.save_verdict(
                    verdict=verdict_form.instance,
                    user=request.user,
                    expected_version=verdict_form.cleaned_data.get("base_version"),
                )
        elif formset.model is UpdateNote:
            formset.save(commit=False)
            for note in formset.deleted_objects:
                note.delete()
            for note_form in formset.saved_forms:
                if note_form.instance._state.adding:
                    workflow.add_update_note(
                        claim=form.instance,
                        user=request.user,
                        since=note_form.cleaned_data["since"],
                        note_fr=note_form.cleaned_data["note_fr"],
                        note_en=note_form.cleaned_data["note_en"],
                        sources=note_form.cleaned_data["sources"],
                    )
                else:
                    note_form.instance.save()
                    note_form.save_m2m()
        else:
            super().save_formset(request, form, formset, change)

    @admin.display(description=_("claim"), ordering="quote")
    def excerpt(self, obj: Claim) -> str:
        return Truncator(obj.quote).chars(90)

    @admin.display(description=_("article"), ordering="article__title")
    def article_title(self, obj: Claim) -> str:
        # Short, so that the rating and status columns stay on screen.
        return Truncator(obj.article.title).chars(32)

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

    @admin.display(description=_("claims that say nearly the same"))
    def similar_claims(self, obj: Claim) -> str:
        similar = Claim.objects.exclude(pk=obj.pk).similar_to(obj.restatement or obj.quote)
        if not similar:
            return _("None found.")
        return format_html(
            '<ul class="similar-claims">{}</ul>',
            format_html_join(
                "",
                '<li><a href="{}">{}</a> — {} ({})</li>',
                (
                    (
                        reverse("admin:claims_claim_change", args=[claim.pk]),
                        claim.number_label,
                        Truncator(claim.restatement or claim.quote).chars(90),
                        f"{claim.similarity:.0%}",
                    )
                    for claim in similar
                ),
            ),
        )

    def _transition(self, request, queryset, transition, done: str, **kwargs) -> None:
        count = 0
        for claim in queryset:
            try:
                outcome = transition(claim=claim, user=request.user, **kwargs)
            except workflow.WorkflowError as error:
                self.message_user(request, f"{claim.number_label}: {error}", messages.ERROR)
                continue
            count += 1
            for warning in outcome.warnings:
                self.message_user(request, f"{claim.number_label}: {warning}", messages.WARNING)
        if count:
            self.message_user(request, done % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Propose for review"), permissions=["change"])
    def propose_for_review(self, request, queryset) -> None:
        self._transition(
            request,
            queryset,
            workflow.propose_for_review,
            ngettext("%(count)d claim proposed for review.", "%(count)d claims proposed for review.", queryset.count()),
        )

    @admin.action(description=_("Publish (after review)"), permissions=["publish"])
    def publish(self, request, queryset) -> None:
        self._transition(
            request,
            queryset,
            workflow.publish,
            ngettext("%(count)d claim published.", "%(count)d claims published.", queryset.count()),
        )

    @admin.action(description=_("Unpublish"), permissions=["publish"])
    def unpublish(self, request, queryset) -> None:
        self._transition(
            request,
            queryset,
            workflow.unpublish,
            ngettext("%(count)d claim unpublished.", "%(count)d claims unpublished.", queryset.count()),
        )

    @admin.action(description=_("Send back to the fact-checker"), permissions=["review"])
    def send_back(self, request, queryset) -> None:
        self._transition(
            request,
            queryset,
            workflow.send_back,
            ngettext("%(count)d claim sent back.", "%(count)d claims sent back.", queryset.count()),
        )

    @admin.action(description=_("Reject (give the reason)"), permissions=["review"])
    def reject(self, request, queryset) -> None:
        reason = request.POST.get("reason", "")
        if not reason.strip():
            self.message_user(request, _("Give the reason for rejecting in the “Reason” box."), messages.ERROR)
            return
        self._transition(
            request,
            queryset,
            workflow.reject,
            ngettext("%(count)d claim rejected.", "%(count)d claims rejected.", queryset.count()),
            reason=reason,
        )

    @admin.action(description=_("Assign to me"), permissions=["change"])
    def assign_to_me(self, request, queryset) -> None:
        self._transition(
            request,
            queryset,
            workflow.assign,
            ngettext("%(count)d claim assigned to you.", "%(count)d claims assigned to you.", queryset.count()),
            assignee=request.user,
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
class SourceAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
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

    def correction(self) -> workflow.CorrectionInput | None:
        data = self.cleaned_data
        if not data.get("correction_what_changed_fr") and not data.get("correction_reason_fr"):
            return None
        return workflow.CorrectionInput(
            what_changed_fr=data["correction_what_changed_fr"],
            reason_fr=data["correction_reason_fr"],
            what_changed_en=data.get("correction_what_changed_en", ""),
            reason_en=data.get("correction_reason_en", ""),
        )

    def clean(self):
        cleaned = super().clean()
        stored = self.instance
        if stored.pk is None or stored.status != VerdictStatus.PUBLISHED:
            return cleaned
        changed = [name for name in workflow.VERDICT_SUBSTANCE if name in self.changed_data]
        if changed and ("rating" in changed or not cleaned.get("minor_edit")):
            errors = {}
            for name in ("correction_what_changed_fr", "correction_reason_fr"):
                if not cleaned.get(name, "").strip():
                    errors[name] = _("This verdict is published: say what changed and why; readers will see it.")
            if errors:
                raise ValidationError(errors)
        return cleaned


@admin.register(Verdict)
class VerdictAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
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
    raw_id_fields = ["author"]
    inlines = [CorrectionInline]
    history_list_display = ["rating", "status"]
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
                    "author",
                    "base_version",
                ]
            },
        ),
        (_("Workflow"), {"fields": [("status", "is_current"), "reviewer", ("published_at", "modified_at")]}),
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
            return ["status", "reviewer", "published_at", "modified_at"]
        return ["claim", "status", "is_current", "reviewer", "published_at", "modified_at"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.status == VerdictStatus.PUBLISHED:
            return [*fieldsets, self.correction_fieldset]
        return fieldsets

    def has_change_permission(self, request, obj=None):
        if (
            obj is not None
            and obj.status == VerdictStatus.PUBLISHED
            and not request.user.has_perm(workflow.CORRECT_PERMISSION)
        ):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        workflow.save_verdict(
            verdict=obj,
            user=request.user,
            expected_version=form.cleaned_data.get("base_version"),
            correction=form.correction(),
            minor_edit=form.cleaned_data.get("minor_edit", False),
        )


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


from ..jobs import admin as jobs_admin  # noqa: E402, F401  (the jobs page)
