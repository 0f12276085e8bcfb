"""The intake in the admin: "Add article" (pasted text, a URL or an HTML file) and the workbench.

The workbench shows the article's text with the intake's proposals highlighted by score. For each
one the desk accepts (a candidate claim, filled in), adjusts (selects the right words: the browser
computes the offsets, the service checks them) or rejects (kept, never proposed again); any text
selected in the article can become a claim too. Every write goes through ``claims.services.intake``.
Scripts and styles are static files: the pages carry no inline script or style.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ..intake.scoring import THRESHOLD
from ..models import Article, Claim, ClaimKind, Proposal, ProposalStatus, QuantityQualifier
from ..services import intake
from ..services.errors import WorkflowError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
HIGH_SCORE = 0.75

# The intake's reasons are English words of the JSON contract; the editor reads them in their language.
REASONS = {
    "a figure": _("a figure"),
    "a date": _("a date"),
    "a superlative": _("a superlative"),
    "a comparison": _("a comparison"),
    "a past event": _("a past event"),
    "nothing specific to check": _("nothing specific to check"),
    "an opinion": _("an opinion"),
    "a prescription": _("a prescription"),
    "a judgement": _("a judgement"),
    "a prediction": _("a prediction"),
    "too short to stand alone": _("too short to stand alone"),
    "worded like check-worthy statements": _("worded like check-worthy statements"),
    "worded like statements not worth checking": _("worded like statements not worth checking"),
    "neutral wording": _("neutral wording"),
    "a question": _("a question"),
    "framing, not a claim": _("framing, not a claim"),
    "an intention, not a fact": _("an intention, not a fact"),
    "no verb: a description": _("no verb: a description"),
}
REASON_PATTERNS = [
    ("attributed to ", "", _("attributed to %(name)s")),
    ("quoted from ", "", _("quoted from %(name)s")),
    ("names ", "", _("names %(name)s")),
    ("a vague source (", ")", _("a vague source (%(name)s)")),
]


def reason_label(reason: str) -> str:
    if reason in REASONS:
        return str(REASONS[reason])
    for prefix, suffix, label in REASON_PATTERNS:
        if reason.startswith(prefix) and reason.endswith(suffix):
            return label % {"name": reason[len(prefix) : len(reason) - len(suffix)]}
    return reason


def figure_label(quantity: dict) -> str:
    """« plus de 6 700 = 6700 personnes (more than) », from a quantity of the intake's JSON."""
    unit = f" {quantity['unit']}" if quantity.get("unit") else ""
    qualifier = quantity.get("qualifier", "exact")
    label = QuantityQualifier(qualifier).label if qualifier in QuantityQualifier.values else qualifier
    return f"{quantity['text']} = {quantity['value']}{unit} ({label})"


def score_level(score: float) -> str:
    if score >= HIGH_SCORE:
        return "high"
    return "medium" if score >= THRESHOLD else "low"


class AddArticleForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=300, required=False, help_text=_("Taken from the page when left empty.")
    )
    publisher = forms.CharField(label=_("Publisher"), max_length=200, help_text=_("Who published this text."))
    published_on = forms.DateField(
        label=_("Published on"),
        required=False,
        help_text=_("YYYY-MM-DD. Taken from the page, or today, when left empty; « lundi » is read against it."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Detect")), ("fr", _("French")), ("en", _("English"))],
        required=False,
    )
    text = forms.CharField(label=_("Pasted text"), widget=forms.Textarea(attrs={"rows": 12}), required=False)
    url = forms.URLField(label=_("or the article's URL"), max_length=500, required=False, assume_scheme="https")
    html = forms.FileField(label=_("or a saved web page (HTML)"), required=False)

    def clean_html(self) -> str:
        upload = self.cleaned_data.get("html")
        if not upload:
            return ""
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text.")) from None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        sources = [name for name in ("text", "url", "html") if cleaned.get(name)]
        if len(sources) != 1:
            raise ValidationError(_("Give the article's text, its URL or its HTML page: one of the three."))
        try:
            article = intake.article_text(text=cleaned["text"], url=cleaned["url"], html=cleaned["html"])
        except intake.SourceError as error:
            self.add_error(sources[0], str(error))
            return cleaned
        cleaned["article"] = article
        if not cleaned.get("title"):
            if not article.title:
                self.add_error("title", _("The page gives no title: write one."))
            cleaned["title"] = article.title
        cleaned["published_on"] = cleaned.get("published_on") or article.published_on or dt.date.today()
        return cleaned


class SpanForm(forms.Form):
    """A decision posted from the workbench; offsets come from the browser's selection."""

    action = forms.ChoiceField(choices=[(name, name) for name in ("accept", "reject", "claim", "intake")])
    proposal = forms.IntegerField(required=False)
    start = forms.IntegerField(required=False, min_value=0)
    end = forms.IntegerField(required=False, min_value=0)
    quote = forms.CharField(required=False, strip=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "claim" and (cleaned.get("start") is None or cleaned.get("end") is None):
            raise ValidationError(_("Select the words of the claim in the article first."))
        if cleaned.get("action") in {"accept", "reject"} and cleaned.get("proposal") is None:
            raise ValidationError(_("Which proposal? Reload the page."))
        return cleaned


class WorkbenchAdminMixin:
    """Adds "Add article" and the workbench to the article admin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("intake/", view(self.add_article_view), name="claims_article_intake"),
            path("<int:article_id>/workbench/", view(self.workbench_view), name="claims_article_workbench"),
            *super().get_urls(),
        ]

    def add_article_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm(intake.ADD_ARTICLE_PERMISSION):
            raise PermissionDenied
        form = AddArticleForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                article = intake.create_article(
                    user=request.user,
                    text=data["article"].text,
                    title=data["title"],
                    publisher=data["publisher"],
                    published_on=data["published_on"],
                    language=data["language"] or None,
                    url=data["url"] or data["article"].url,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                count = article.proposals.filter(score__gte=THRESHOLD).count()
                self.message_user(
                    request,
                    _("Article added; the intake proposes %(count)d claim(s) worth checking.") % {"count": count},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:claims_article_workbench", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Add an article"),
        }
        return TemplateResponse(request, "admin/claims/workbench_add.html", context)

    def workbench_view(self, request: HttpRequest, article_id: int) -> HttpResponse:
        article = get_object_or_404(Article, pk=article_id)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        if request.method == "POST":
            return self._decide(request, article)
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        proposals = list(Proposal.objects.workbench(article))
        claims = list(article.claims.only("pk", "article_id", "start", "end", "quote", "status").order_by("start"))
        similar_ids = {entry["claim_id"] for p in proposals for entry in p.similar}
        similar = {claim.pk: claim for claim in Claim.objects.filter(pk__in=similar_ids).list_rows()}
        for proposal in proposals:
            proposal.level = score_level(proposal.score)
            proposal.reason_labels = [reason_label(reason) for reason in proposal.reasons]
            proposal.figures = [figure_label(quantity) for quantity in proposal.quantities]
            proposal.kind_label = ClaimKind(proposal.kind).label if proposal.kind in ClaimKind.values else proposal.kind
            proposal.similar_claims = [
                (similar[entry["claim_id"]], entry["score"])
                for entry in proposal.similar
                if entry["claim_id"] in similar
            ]
        open_ = [p for p in proposals if p.status == ProposalStatus.PROPOSED]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "article": article,
            "title": _("Workbench: %(title)s") % {"title": article.title},
            "article_html": render_text(article.text, claims, open_),
            "worth_checking": [p for p in open_ if p.score >= THRESHOLD],
            "lower": [p for p in open_ if p.score < THRESHOLD],
            "decided": [p for p in proposals if p.status != ProposalStatus.PROPOSED],
            "claims": claims,
            "can_decide": request.user.has_perm(intake.ADD_CLAIM_PERMISSION),
            "threshold": THRESHOLD,
            "intake_run": bool(proposals),
        }
        return TemplateResponse(request, "admin/claims/workbench.html", context)

    def _decide(self, request: HttpRequest, article: Article) -> HttpResponse:
        back = reverse("admin:claims_article_workbench", args=[article.pk])
        form = SpanForm(request.POST)
        if not form.is_valid():
            self.message_user(request, " ".join(form.non_field_errors()) or _("Invalid request."), messages.ERROR)
            return HttpResponseRedirect(back)
        data = form.cleaned_data
        proposal = None
        if data["proposal"] is not None:
            proposal = get_object_or_404(Proposal, pk=data["proposal"], article=article)
        try:
            if data["action"] == "intake":
                intake.intake_article(user=request.user, article=article)
                self.message_user(request, _("The intake has read the article again."), messages.SUCCESS)
                return HttpResponseRedirect(back)
            if data["action"] == "reject":
                intake.reject_proposal(user=request.user, proposal=proposal)
                self.message_user(request, _("Proposal rejected; it will not be proposed again."), messages.SUCCESS)
                return HttpResponseRedirect(back)
            if data["action"] == "accept":
                claim = intake.accept_proposal(user=request.user, proposal=proposal)
            elif proposal is not None:
                claim = intake.accept_proposal(
                    user=request.user, proposal=proposal, start=data["start"], end=data["end"], quote=data["quote"]
                )
            else:
                claim = intake.claim_from_selection(
                    user=request.user, article=article, start=data["start"], end=data["end"], quote=data["quote"]
                )
        except (WorkflowError, ValidationError) as error:
            if isinstance(error, WorkflowError) and isinstance(error, PermissionDenied):
                raise
            self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
            return HttpResponseRedirect(back)
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Candidate claim created:"),
                reverse("admin:claims_claim_change", args=[claim.pk]),
                claim.number_label,
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(back)


def render_text(text: str, claims: list[Claim], proposals: list[Proposal]) -> SafeString:
    """The article's text, character for character, with claims and open proposals marked.

    The browser counts offsets on this text, so nothing but the marks is added. Where spans
    overlap, the claim wins, then the earlier proposal.
    """
    spans: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, html_open: str) -> None:
        if any(start < b and a < end for a, b in taken):
            return
        taken.append((start, end))
        spans.append((start, end, html_open))

    for claim in claims:
        add(claim.start, claim.end, f'<mark class="wb-mark wb-claim" id="text-claim-{claim.pk}">')
    for proposal in proposals:
        level = score_level(proposal.score)
        add(
            proposal.start,
            proposal.end,
            f'<mark class="wb-mark wb-{level}" id="text-proposal-{proposal.pk}" data-proposal="{proposal.pk}">',
        )
    parts, position = [], 0
    for start, end, html_open in sorted(spans):
        parts.append(escape(text[position:start]))
        parts.append(html_open + escape(text[start:end]) + "</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above
