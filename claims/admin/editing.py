"""The admin's side of the editorial workflow: versioned forms, role-aware permissions, filters.

The rules themselves live in ``claims.services``; this module turns them into what editors see:
hidden version fields, read-only fields, the actions a role may run, and messages.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from ..models import Quantity
from ..services import editing, roles
from ..services.errors import WorkflowError
from ..services.updates import ChangeNote
from ..services.versioning import conflict_error, save_versioned


class VersionedForm(forms.ModelForm):
    """Carries the version the editor started from; a form based on an older one is refused."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["base_version"] = self.instance.version

    def _post_clean(self):
        super()._post_clean()
        if not self.errors:
            # ModelForm skips the constraints on fields the form does not show (those the workflow
            # owns, such as a verdict's ``is_current``): check them all, so that a clash is a form
            # error rather than a failed save.
            try:
                self.instance.validate_constraints()
            except ValidationError as error:
                self._update_errors(error)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and not self.instance._state.adding:
            version = cleaned.get("base_version")
            if version is None:
                raise ValidationError(_("This form lacks the version it was based on; reload the page."))
            if version != self.instance.version:
                raise ValidationError(str(conflict_error(self.instance, version)))
        return cleaned


class ChangeNoteForm(forms.ModelForm):
    """What an editor changed in a published claim's content, shown to readers as a minor update."""

    change_note = forms.CharField(
        label=_("what changed (French)"),
        required=False,
        max_length=300,
        help_text=_(
            "Required to change a published claim, its quantities, evidence or update notes, or a source it "
            "cites: readers see it as a minor update. A change of finding is a correction of the verdict instead."
        ),
    )
    change_note_en = forms.CharField(label=_("what changed (English)"), required=False, max_length=300)

    def change(self) -> ChangeNote:
        """One note for the whole save (the form and its inlines): logged once per claim."""
        if not hasattr(self, "_change"):
            data = getattr(self, "cleaned_data", {})
            self._change = ChangeNote(note_fr=data.get("change_note", ""), note_en=data.get("change_note_en", ""))
        return self._change


CHANGE_NOTE_FIELDSET = (
    _("Minor update (published content)"),
    {
        "fields": ["change_note", "change_note_en"],
        "description": _("This claim is public: a change here is shown to readers as a minor update, with your note."),
    },
)


class VersionedChangeNoteForm(ChangeNoteForm, VersionedForm):
    pass


class RefusalsAsMessagesMixin:
    """A service's refusal is shown as a message on the page, and nothing is saved.

    The form validated, then the service refused (a save that raced this one, a rule the form does
    not show): the transaction is rolled back and the editor is told why.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (WorkflowError, ValidationError) as error:
            self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        try:
            with transaction.atomic():
                return super().delete_view(request, object_id, extra_context)
        except WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class VersionedAdminMixin(RefusalsAsMessagesMixin):
    """For the admins of versioned models (claims, verdicts, sources).

    ``save_model`` hands the object to the workflow service, which claims the version atomically;
    a refusal there (a save racing this one, a rule) rolls the whole change form back and is shown
    as a message. Reverting from the history is for editors, and starts from the current version.
    """

    form = VersionedForm

    def save_model(self, request, obj, form, change) -> None:
        save_versioned(instance=obj, user=request.user, expected_version=form.cleaned_data.get("base_version"))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or "base_version" in admin.utils.flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "base_version"]}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and _is_history_form(request):
            # The historical copy carries the old version and workflow fields: a revert restores
            # the content, on top of the row as it stands now.
            current = type(obj)._default_manager.get(pk=obj.pk)
            for name in self.workflow_owned_fields + ("version",):
                setattr(obj, name, getattr(current, name))
        return super().get_form(request, obj, change, **kwargs)

    workflow_owned_fields: tuple[str, ...] = ()

    def revert_disabled(self, request, obj=None) -> bool:
        return not (request.user.has_perm(roles.REVIEW_PERMISSION) and self.has_change_permission(request, obj))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and self.revert_disabled(request, self.get_object(request, object_id)):
            raise PermissionDenied
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


def _is_history_form(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name and match.url_name.endswith("_simple_history"))


class RejectionActionForm(admin.helpers.ActionForm):
    reason = forms.CharField(
        label=_("Reason (for “reject”)"),
        required=False,
        widget=forms.TextInput(attrs={"size": 40}),
    )


class ServiceAdminMixin(RefusalsAsMessagesMixin):
    """For the admins of a claim's parts (quantities, evidence, update notes): saves and deletes go
    through ``claims.services.editing``, under the rules of the claim form's inlines."""

    form = ChangeNoteForm

    def save_model(self, request, obj, form, change) -> None:
        save = editing.save_quantity if isinstance(obj, Quantity) else editing.save_evidence
        save(user=request.user, change=form.change(), **{obj._meta.model_name: obj})

    def delete_model(self, request, obj) -> None:
        editing.delete_part(user=request.user, instance=obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            editing.delete_part(user=request.user, instance=obj)
