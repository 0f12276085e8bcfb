"""Other publishers' reviews in the newsroom: the list, the match decisions and the upload.

Reviews stay theirs: the admin shows them read-only (an import is the only way in or to change
them); editors decide only whether one is about a claim of ours.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from ..exchange.importer import import_claimreview_texts
from ..exchange.matching import confirm_match, reject_match
from ..models.external import ExternalReview

# An upload larger than this is refused before it is read (a whole DataFeed of thousands of reviews fits).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    document = forms.FileField(
        label=_("File"), help_text=_("A web page (HTML with JSON-LD), a JSON-LD document or a DataFeed.")
    )

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        try:
            return upload.name, upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None


@admin.register(ExternalReview)
class ExternalReviewAdmin(admin.ModelAdmin):
    list_display = ["claim_text", "publisher_name", "textual_rating", "rating", "match_status", "match_score", "claim"]
    list_filter = ["match_status", "publisher_name", "language", "source_format"]
    search_fields = ["claim_text", "url", "publisher_name", "claimant_name"]
    list_select_related = ["rating", "claim"]
    raw_id_fields = ["claim"]
    actions = ["confirm_matches", "reject_matches"]
    change_list_template = "admin/claims/externalreview/change_list.html"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields if field.name not in ("claim",)]

    def save_model(self, request: HttpRequest, obj: ExternalReview, form, change: bool) -> None:
        """The only field an editor sets is our claim: naming one confirms the match."""
        if "claim" in form.changed_data and obj.claim_id:
            confirm_match(review=ExternalReview.objects.get(pk=obj.pk), user=request.user, claim=obj.claim)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # reviews come in through an import

    def get_urls(self):
        upload = path(
            "import/",
            self.admin_site.admin_view(self.import_view),
            name="claims_externalreview_import",
        )
        return [upload, *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Reads one uploaded file and imports every review in it, reporting what it skipped."""
        if not request.user.has_perm("claims.add_externalreview"):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            report = import_claimreview_texts([form.cleaned_data["document"]], user=request.user)
            level = messages.WARNING if report.skipped or report.failed else messages.SUCCESS
            self.message_user(request, report.summary(), level)
            for problem in [*report.skipped, *report.failed]:
                self.message_user(request, str(problem), messages.WARNING)
            return HttpResponseRedirect(reverse("admin:claims_externalreview_changelist"))
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form}
        context["title"] = _("Import reviews from another publisher")
        return TemplateResponse(request, "admin/claims/externalreview/import.html", context)

    @admin.action(description=_("Confirm the proposed match"), permissions=["change"])
    def confirm_matches(self, request: HttpRequest, queryset) -> None:
        done = 0
        for review in queryset:
            try:
                confirm_match(review=review, user=request.user)
                done += 1
            except ValueError as error:
                self.message_user(request, f"{review.url}: {error}", messages.ERROR)
        self.message_user(request, _("%d matches confirmed.") % done, messages.SUCCESS)

    @admin.action(description=_("Reject the proposed match"), permissions=["change"])
    def reject_matches(self, request: HttpRequest, queryset) -> None:
        done = 0
        for review in queryset:
            try:
                reject_match(review=review, user=request.user)
                done += 1
            except ValueError as error:
                self.message_user(request, f"{review.url}: {error}", messages.ERROR)
        self.message_user(request, _("%d matches rejected.") % done, messages.SUCCESS)
