"""Public pages. Every view starts from a ``published()`` QuerySet: drafts answer 404."""

from __future__ import annotations

import re

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView

from .annotate import annotate
from .cache import remember
from .claimreview import claim_review, site_url
from .forms import ClaimFilterForm
from .models import Article, Claim, Claimant, Rating
from .paging import COUNT_LIMIT, Window, page_number
from .services import roles


def rating_distribution(claims) -> list[dict]:
    """Every rating of the scale with how many of ``claims`` (published ones) carry it: two queries."""
    counts = dict(claims.order_by().values_list("rating").annotate(n=Count("pk")).values_list("rating", "n"))
    ratings = list(Rating.objects.all())
    return [{"rating": rating, "count": counts.get(rating.pk, 0)} for rating in ratings]


def chart_context(distribution: list[dict]) -> dict:
    counts = [row["count"] for row in distribution]
    return {"distribution": distribution, "total": sum(counts), "max_count": max(counts, default=0)}


class HomeView(TemplateView):
    template_name = "claims/home.html"
    latest_count = 6
    # Built once per process and cloned for each request, as DRF does with a view's ``queryset``.
    latest = Claim.objects.published().list_rows().latest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Counting every published claim is the page's one cost that grows with the database: from
        # the claims' own columns, and kept until the content changes.
        published_rows = Claim.objects.counted_as_published()
        distribution = remember("home-distribution", lambda: rating_distribution(published_rows))
        context.update(
            latest=self.latest.all()[: self.latest_count],
            **chart_context(distribution),
            form=ClaimFilterForm(),
        )
        return context


class ClaimListView(ListView):
    template_name = "claims/claim_list.html"
    context_object_name = "claims"
    paginate_by = 10
    # Built once per process and cloned for each request; a request's filters narrow the clone.
    rows = Claim.objects.published().list_rows()

    def get(self, request, *args, **kwargs):
        self.form = ClaimFilterForm(request.GET)
        response = super().get(request, *args, **kwargs)
        if not self.form.is_valid():
            response.status_code = 400
        return response

    def get_queryset(self):
        if not self.form.is_valid():
            return Claim.objects.none()
        claims = self.form.filter(self.rows.all())
        # A search keeps its rank order; otherwise the newest verdicts first, read from an index.
        return claims if self.form.cleaned_data.get("q") else claims.latest_first()

    def paginate_queryset(self, queryset, page_size):
        """A page without counting the whole list (see ``claims.paging``)."""
        number = page_number(self.request.GET.get(self.page_kwarg))
        page = Window(queryset, number, page_size, count=lambda: self.count(queryset))
        return page.paginator, page, page.object_list, page.has_other_pages()

    def count(self, queryset) -> int | None:
        """How many claims the list holds, up to the limit: a figure over published claims, kept until
        the content changes for each set of filters, except a search's (free text)."""
        key = self.form.filters_key() if self.form.is_valid() else None
        if key is None:
            return queryset.count_up_to(COUNT_LIMIT)
        # In a list, since None (more than the limit) is what remember() takes for "not kept yet".
        return remember(f"index-count:{key}", lambda: [queryset.count_up_to(COUNT_LIMIT)])[0]

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class ClaimDetailView(DetailView):
    template_name = "claims/claim_detail.html"
    context_object_name = "claim"
    # Built once per process; Django clones it for each request.
    queryset = Claim.objects.published().verdict_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim = self.object
        context["verdict"] = claim.current_verdict
        # The object the API serves (same base URL), in the page's language.
        language = "en" if (get_language() or "").startswith("en") else "fr"
        context["claim_review"] = claim_review(claim, site_url(self.request), language=language)
        context["share_url"] = self.request.build_absolute_uri(claim.get_absolute_url())
        return context


class ClaimPreviewView(ClaimDetailView):
    """The verdict page of any claim, draft or not, for the desk alone: marked as a draft, kept out of
    search engines and caches, and absent from feeds and the sitemap (which read ``published()``)."""

    def get_queryset(self):
        if not roles.is_desk(self.request.user):
            raise Http404
        return Claim.objects.verdict_page()

    def get_context_data(self, **kwargs):
        # The public page's context without its ClaimReview: a draft is no review yet.
        context = super(ClaimDetailView, self).get_context_data(**kwargs)
        context.update(preview=True, verdict=self.object.current_verdict)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response


class ArticleDetailView(DetailView):
    template_name = "claims/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().prefetch_related("translation_notes")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claims = list(Claim.objects.published().list_rows().filter(article=self.object).order_by("start"))
        context["claims"] = claims
        context["paragraphs"] = annotate(self.object.text, claims)
        return context


class ClaimantDetailView(DetailView):
    template_name = "claims/claimant_detail.html"
    context_object_name = "claimant"

    def get_queryset(self):
        return Claimant.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claims = Claim.objects.published().filter(Q(claimant=self.object) | Q(speaker=self.object))
        distribution = rating_distribution(claims)
        context.update(
            claims=claims.list_rows().order_by("article", "start"),
            **chart_context(distribution),
        )
        return context


class MethodologyView(TemplateView):
    template_name = "claims/methodology.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(ratings=Rating.objects.all(), contact_email=settings.CONTACT_EMAIL, **kwargs)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the site's icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /i18n/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


def ratings_css(request):
    """Each rating's colour as ``--rating`` on whatever carries its ``data-rating``.

    A stylesheet rather than ``style`` attributes: the Content-Security-Policy allows no inline
    style. Ratings are data (a superuser may recolour one), so it is made from the table.
    """
    rules = [
        f'[data-rating="{slug}"] {{ --rating: {colour}; }}'
        for slug, colour in Rating.objects.values_list("slug", "colour")
        if COLOUR.match(colour) and SLUG.match(slug)
    ]
    response = HttpResponse(
        "\n".join(["/* Rating colours, from the ratings table. */", *rules, ""]), content_type="text/css"
    )
    response["Cache-Control"] = "public, max-age=300"
    return response
