"""The claim form and changelist: a claim with its quantities, evidence, verdict and update notes.

Every save goes through ``claims.services``: the claim through ``editing.save_claim``, each inline
row through its own service (``save_quantity``, ``save_evidence``, ``verdicts.save_verdict``,
``save_update_note``, ``delete_part``), the actions through ``transitions.perform``.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from ..models import Claim, ClaimStatus, Evidence, Quantity, Source, UpdateNote, Verdict, VerdictStatus
from ..models.choices import LANGUAGE_CHOICES
from ..services import editing, roles, transitions, verdicts
from ..services.errors import WorkflowError
from .editing import (
    CHANGE_NOTE_FIELDSET,
    RejectionActionForm,
    VersionedAdminMixin,
    VersionedChangeNoteForm,
    VersionedForm,
)
from .filters import CurrentRatingFilter, HasUpdateNoteFilter, WorkflowFilter
from .history import ChangelogAdminMixin

# The claim form's workflow buttons, one per action of ``transitions.TRANSITIONS``.
TRANSITION_BUTTONS = {
    "propose": _("Propose for review"),
    "send_back": _("Send back to the fact-checker"),
    "publish": _("Publish"),
    "unpublish": _("Unpublish"),
    "reject": _("Reject"),
}
TRANSITION_DONE = {
    "propose": _("Claim %(claim)s proposed for review."),
    "send_back": _("Claim %(claim)s sent back."),
    "publish": _("Claim %(claim)s published."),
    "unpublish": _("Claim %(claim)s unpublished."),
    "reject": _("Claim %(claim)s rejected."),
}


class ClaimForm(VersionedChangeNoteForm):
    """The offsets are found from the quote: an editor pastes the words, the service places them."""

    class Meta:
        help_texts = {
            "start": _("Left empty, it is found from the quote."),
            "end": _("Left empty, it is found from the quote."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        article, quote = cleaned.get("article"), cleaned.get("quote")
        if article is None or not quote or "start" not in self.fields:
            return cleaned
        start = cleaned.get("start")
        if start is None:
            try:
                cleaned["start"], cleaned["end"] = editing.place_quote(text=article.text, quote=quote)
            except WorkflowError as error:
                self.add_error("quote", str(error))
        elif cleaned.get("end") is None:
            cleaned["end"] = start + len(quote)
        return cleaned


class EvidenceForm(forms.ModelForm):
    """A piece of evidence cites a source of the list, or a new one described in the same row."""

    new_source_url = forms.URLField(label=_("new source: address"), required=False, assume_scheme="https")
    new_source_title = forms.CharField(label=_("new source: title"), required=False, max_length=300)
    new_source_publisher = forms.CharField(label=_("new source: publisher"), required=False, max_length=200)
    new_source_kind = forms.ChoiceField(
        label=_("new source: kind"), choices=Source.Kind.choices, initial=Source.Kind.NEWS_REPORT, required=False
    )
    new_source_language = forms.ChoiceField(
        label=_("new source: language"),
        choices=[("", _("the article's language"))] + LANGUAGE_CHOICES,
        required=False,
    )
    NEW_SOURCE_REQUIRED = ("new_source_url", "new_source_title", "new_source_publisher")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].required = False
        self.fields["source"].help_text = _("A source already in the list, or describe a new one below.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        described = [name for name in self.NEW_SOURCE_REQUIRED if cleaned.get(name)]
        if cleaned.get("source") is not None:
            if described:
                self.add_error("source", _("Choose a source of the list or describe a new one, not both."))
        elif described or self.has_changed():
            for name in self.NEW_SOURCE_REQUIRED:
                if not cleaned.get(name):
                    self.add_error(name, _("Needed for a new source (or choose one of the list above)."))
        return cleaned

    def new_source_fields(self, article) -> dict | None:
        """What the service needs to create the source this row describes, or None."""
        data = self.cleaned_data
        if data.get("source") is not None or not data.get("new_source_url"):
            return None
        return {
            "url": data["new_source_url"],
            "title": data["new_source_title"],
            "publisher": data["new_source_publisher"],
            "kind": data.get("new_source_kind") or Source.Kind.NEWS_REPORT,
            "language": data.get("new_source_language") or article.language,
        }


class QuantityInline(admin.StackedInline):
    model = Quantity
    extra = 0
    fields = [("text", "qualifier"), ("value", "unit"), "verified_value", "verification_note"]


def without_popups(formfield, db_field, name: str):
    """The claim form opens no popup window for sources: they are chosen, or described in the row."""
    if db_field.name == name and formfield is not None:
        widget = formfield.widget
        widget.can_add_related = widget.can_change_related = widget.can_view_related = False
    return formfield


class EvidenceInline(admin.StackedInline):
    """Sources are chosen or created here, in the row: no popup window."""

    model = Evidence
    form = EvidenceForm
    extra = 0
    autocomplete_fields = ["source"]
    fieldsets = [
        (None, {"fields": ["source", ("stance", "position"), "excerpt", "note"]}),
        (
            _("New source"),
            {
                "fields": [
                    "new_source_url",
                    "new_source_title",
                    ("new_source_publisher", "new_source_kind", "new_source_language"),
                ]
            },
        ),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return without_popups(super().formfield_for_dbfield(db_field, request, **kwargs), db_field, "source")


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
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).current().select_related("rating", "author", "reviewer")

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status", "is_current", "author", "reviewer", "published_at", "modified_at"]
        verdict = obj.current_verdict if obj is not None else None
        if verdict is not None and verdict.status == VerdictStatus.PUBLISHED:
            readonly += list(verdicts.SUBSTANCE)
        return readonly


class UpdateNoteInline(admin.StackedInline):
    """“Overtaken by events” notes: editors add them to published claims; the verdict stays as it was."""

    model = UpdateNote
    extra = 0
    fields = ["since", "note_fr", "note_en", "sources"]
    autocomplete_fields = ["sources"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return without_popups(super().formfield_for_dbfield(db_field, request, **kwargs), db_field, "sources")

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and obj is not None and obj.status == ClaimStatus.PUBLISHED


def save_inline_rows(formset, *, claim: Claim, user, change=None) -> None:
    """Save the rows of one of the claim form's inlines through the service that owns them; on a
    published claim, ``change`` is the editor's note for readers."""
    formset.save(commit=False)
    if formset.model is Verdict:
        for verdict in formset.deleted_objects:
            verdicts.delete_verdict(verdict=verdict, user=user)
        for form in formset.saved_forms:
            verdicts.save_verdict(
                verdict=form.instance, user=user, expected_version=form.cleaned_data.get("base_version")
            )
        return
    for instance in formset.deleted_objects:
        editing.delete_part(user=user, instance=instance, change=change)
    for form in formset.saved_forms:
        if formset.model is Evidence and (fields := form.new_source_fields(claim.article)):
            form.instance.source = editing.save_source(user=user, **fields)
        if formset.model is UpdateNote:
            data = form.cleaned_data
            editing.save_update_note(
                user=user,
                claim=claim,
                note=form.instance,
                since=data["since"],
                note_fr=data["note_fr"],
                note_en=data["note_en"],
                sources=data["sources"],
                change=change,
            )
        elif formset.model is Quantity:
            editing.save_quantity(user=user, quantity=form.instance, change=change)
        else:
            editing.save_evidence(user=user, evidence=form.instance, change=change)


@admin.register(Claim)
class ClaimAdmin(ChangelogAdminMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    form = ClaimForm
    list_display = ["excerpt", "claimant", "article_title", "verdict_rating", "status", "assigned_to", "updated_at"]
    list_filter = [WorkflowFilter, CurrentRatingFilter, "status", "kind", "article", "claimant", HasUpdateNoteFilter]
    list_select_related = ["claimant", "article", "assigned_to"]
    search_fields = ["quote", "restatement", "restatement_en", "claimant__name", "speaker__name"]
    autocomplete_fields = ["claimant", "speaker"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    prepopulated_fields = {"slug": ["restatement"]}
    date_hierarchy = "claimed_on"
    readonly_fields = ["status", "rejection_reason", "created_at", "updated_at", "similar_claims"]
    inlines = [QuantityInline, EvidenceInline, VerdictInline, UpdateNoteInline]
    fieldsets = [
        (None, {"fields": ["article", "quote", ("start", "end"), "restatement", "restatement_en", "slug"]}),
        (_("Who and when"), {"fields": [("claimant", "speaker"), ("claimed_on", "language"), "kind", "topics"]}),
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
    workflow_owned_fields = ("status", "rejection_reason")
    action_form = RejectionActionForm
    actions = ["propose_for_review", "publish", "unpublish", "send_back", "reject", "assign_to_me"]

    def get_queryset(self, request):
        return super().get_queryset(request).list_rows()

    def get_view_on_site_url(self, obj=None):
        """“View on site”: the public page once published, the desk's preview of it before."""
        if obj is None or obj.pk is None:
            return None
        if obj.status == ClaimStatus.PUBLISHED:
            return obj.get_absolute_url()
        return reverse("claims:claim-preview", kwargs={"slug": obj.slug})

    def get_urls(self):
        transition = self.admin_site.admin_view(self.transition_view)
        return [
            path("<path:object_id>/transition/", transition, name="claims_claim_transition"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if claim is not None:
            context.update(self.workflow_context(request, claim))
        return super().change_view(request, object_id, form_url, context)

    def workflow_context(self, request, claim: Claim) -> dict:
        """What the claim form's workflow panel shows: the moves this user may make, and what
        publishing still needs (the checks ``transitions.perform`` runs)."""
        names = transitions.available(claim=claim, user=request.user)
        problems = []
        if claim.status in (ClaimStatus.CANDIDATE, ClaimStatus.IN_REVIEW):
            problems = transitions.publishing_problems(claim, claim.current_verdict)
        return {
            "workflow_buttons": [(name, TRANSITION_BUTTONS[name]) for name in names],
            "publishing_problems": problems,
            "workflow_url": reverse("admin:claims_claim_transition", args=[claim.pk]),
            "claim_version": claim.version,
        }

    def transition_view(self, request, object_id):
        """The claim form's workflow buttons: one transition through ``transitions.perform``."""
        claim = get_object_or_404(Claim, pk=object_id)
        change_url = reverse("admin:claims_claim_change", args=[claim.pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        if not self.has_view_or_change_permission(request, claim):
            raise PermissionDenied
        name = request.POST.get("transition", "")
        if name not in transitions.available(claim=claim, user=request.user):
            self.message_user(request, _("This action is not open to you on this claim."), messages.ERROR)
            return HttpResponseRedirect(change_url)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            outcome = transitions.perform(
                name, claim=claim, user=request.user, expected_version=version, reason=request.POST.get("reason", "")
            )
        except WorkflowError as error:
            self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
            return HttpResponseRedirect(change_url)
        self.message_user(request, TRANSITION_DONE[name] % {"claim": claim.number_label}, messages.SUCCESS)
        for warning in outcome.warnings:
            self.message_user(request, warning, messages.WARNING)
        return HttpResponseRedirect(change_url)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return [fieldset for fieldset in fieldsets if "similar_claims" not in fieldset[1]["fields"]]
        if obj.status == ClaimStatus.PUBLISHED:
            return [*fieldsets, CHANGE_NOTE_FIELDSET]
        return fieldsets

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == ClaimStatus.PUBLISHED and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            # Claims are assigned to the desk only (the rule of ``transitions.assign``).
            kwargs["queryset"] = roles.desk_members()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(roles.PUBLISH_PERMISSION)

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm(roles.REVIEW_PERMISSION)

    def save_model(self, request, obj, form, change) -> None:
        editing.save_claim(
            claim=obj, user=request.user, expected_version=form.cleaned_data.get("base_version"), change=form.change()
        )

    def save_formset(self, request, form, formset, change) -> None:
        save_inline_rows(formset, claim=form.instance, user=request.user, change=form.change())

    @admin.display(description=_("claim"), ordering="quote")
    def excerpt(self, obj: Claim) -> str:
        return Truncator(obj.quote).chars(90)

    @admin.display(description=_("article"), ordering="article__title")
    def article_title(self, obj: Claim) -> str:
        # Short, so that the rating and status columns stay on screen.
        return Truncator(obj.article.title).chars(32)

    @admin.display(description=_("rating"))
    def verdict_rating(self, obj: Claim) -> str:
        verdict = obj.current_verdict
        if verdict is None or verdict.rating is None:
            return "—"
        return format_html(
            '<span class="rating-badge" data-rating="{}">{}</span>', verdict.rating.slug, verdict.rating.label
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

    def _run(self, request, queryset, move, done_message) -> None:
        """Apply ``move(claim)`` to each selected claim; report each refusal, then count what succeeded."""
        done = 0
        for claim in queryset:
            try:
                outcome = move(claim)
            except WorkflowError as error:
                self.message_user(request, f"{claim.number_label}: {error}", messages.ERROR)
                continue
            done += 1
            for warning in outcome.warnings:
                self.message_user(request, f"{claim.number_label}: {warning}", messages.WARNING)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    def _transition(self, request, queryset, name: str, done_message, **kwargs) -> None:
        self._run(
            request,
            queryset,
            lambda claim: transitions.perform(name, claim=claim, user=request.user, **kwargs),
            done_message,
        )

    @admin.action(description=_("Propose for review"), permissions=["change"])
    def propose_for_review(self, request, queryset) -> None:
        self._transition(
            request,
            queryset,
            "propose",
            ngettext_lazy("%(count)d claim proposed for review.", "%(count)d claims proposed for review.", "count"),
        )

    @admin.action(description=_("Publish (after review)"), permissions=["publish"])
    def publish(self, request, queryset) -> None:
        self._transition(
            request,
            queryset,
            "publish",
            ngettext_lazy("%(count)d claim published.", "%(count)d claims published.", "count"),
        )

    @admin.action(description=_("Unpublish"), permissions=["publish"])
    def unpublish(self, request, queryset) -> None:
        self._transition(
            request,
            queryset,
            "unpublish",
            ngettext_lazy("%(count)d claim unpublished.", "%(count)d claims unpublished.", "count"),
        )

    @admin.action(description=_("Send back to the fact-checker"), permissions=["review"])
    def send_back(self, request, queryset) -> None:
        self._transition(
            request,
            queryset,
            "send_back",
            ngettext_lazy("%(count)d claim sent back.", "%(count)d claims sent back.", "count"),
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
            "reject",
            ngettext_lazy("%(count)d claim rejected.", "%(count)d claims rejected.", "count"),
            reason=reason,
        )

    @admin.action(description=_("Assign to me"), permissions=["change"])
    def assign_to_me(self, request, queryset) -> None:
        self._run(
            request,
            queryset,
            lambda claim: transitions.assign(claim=claim, user=request.user, assignee=request.user),
            ngettext_lazy("%(count)d claim assigned to you.", "%(count)d claims assigned to you.", "count"),
        )
