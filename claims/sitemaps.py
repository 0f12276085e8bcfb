"""sitemap.xml: an index of sitemaps listing every published page, in French and in English.

Each claim, article and claimant is two URLs (French and English, each naming the other), so a
sitemap covers :data:`ROWS_PER_SITEMAP` rows by primary key range: at most 50,000 URLs, as the
protocol allows. A sitemap is streamed from an iterator over the rows' slugs and dates only (never
an article's text), so a worker's memory stays flat however many claims there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import Max, QuerySet
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from .models import Article, Claim, Claimant
from .paths import path_around_slug

# Two URLs a row: 10,000 URLs and about 6 MB a sitemap, well under the protocol's 50,000 URLs and
# 50 MB, and small enough that a crawler fetching several at once is answered within a second or two.
ROWS_PER_SITEMAP = 5_000
CHUNK = 2_000
URLS_PER_WRITE = 500  # sent to the client in pieces of this many rows rather than one a row
XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
PAGES = ["claims:home", "claims:claim-list", "claims:methodology"]


@dataclass(frozen=True)
class Section:
    """Rows of one model in sitemaps: their slugs and last changes, by primary key range."""

    name: str
    url_name: str

    def rows(self) -> QuerySet:
        """(pk, slug, lastmod) of each published row."""
        if self.name == "claims":
            return (
                Claim.objects.published()
                .values_list("pk", "slug", "published_at", "verdicts__modified_at")
                .filter(verdicts__is_current=True)
            )
        if self.name == "articles":
            return Article.objects.published().values_list("pk", "slug", "updated_at")
        return Claimant.objects.published().values_list("pk", "slug")

    @cached_property
    def model(self):
        return self.rows().model

    def pages(self) -> int:
        highest = self.model.objects.aggregate(highest=Max("pk"))["highest"] or 0
        return max(1, -(-highest // ROWS_PER_SITEMAP))

    def entries(self, page: int) -> Iterator[tuple[str, object]]:
        low, high = (page - 1) * ROWS_PER_SITEMAP, page * ROWS_PER_SITEMAP
        # The path in the default language, around each row's slug.
        before, after = path_around_slug(self.url_name, settings.LANGUAGE_CODE)
        rows = self.rows().filter(pk__gt=low, pk__lte=high).order_by("pk")
        for _pk, slug, *dates in rows.iterator(chunk_size=CHUNK):
            yield f"{before}{slug}{after}", max(filter(None, dates), default=None)


SECTIONS = {
    "claims": Section("claims", "claims:claim-detail"),
    "articles": Section("articles", "claims:article-detail"),
    "claimants": Section("claimants", "claims:claimant-detail"),
}


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _localized(path: str, language: str) -> str:
    """The path in ``language``: French has no prefix (the default language), English has /en."""
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"


def _url(base: str, path: str, lastmod) -> str:
    links = "".join(
        f'<xhtml:link rel="alternate" hreflang="{code}" href="{escape(base + _localized(path, code))}"/>'
        for code, _name in settings.LANGUAGES
    )
    links += f'<xhtml:link rel="alternate" hreflang="x-default" href="{escape(base + path)}"/>'
    date = f"<lastmod>{lastmod.date().isoformat()}</lastmod>" if lastmod is not None else ""
    return "".join(
        f"<url><loc>{escape(base + _localized(path, code))}</loc>{date}{links}</url>\n"
        for code, _name in settings.LANGUAGES
    )


def _urlset(base: str, entries: Iterable[tuple[str, object]]) -> Iterator[bytes]:
    yield (XML + URLSET).encode()
    piece: list[str] = []
    for path, lastmod in entries:
        piece.append(_url(base, path, lastmod))
        if len(piece) == URLS_PER_WRITE:
            yield "".join(piece).encode()
            piece = []
    yield ("".join(piece) + "</urlset>\n").encode()


def sitemap_index(request) -> HttpResponse:
    """The list of sitemaps: the site's pages, then each section's pages."""
    base = _base(request)
    locations = [reverse("sitemap-section", kwargs={"section": "pages", "page": 1})]
    for name, section in SECTIONS.items():
        locations += [
            reverse("sitemap-section", kwargs={"section": name, "page": n}) for n in range(1, section.pages() + 1)
        ]
    body = "".join(f"<sitemap><loc>{escape(base + location)}</loc></sitemap>\n" for location in locations)
    xml = f'{XML}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</sitemapindex>\n'
    return HttpResponse(xml, content_type="application/xml")


def sitemap_section(request, section: str, page: int) -> StreamingHttpResponse:
    """One sitemap: the fixed pages, or up to :data:`ROWS_PER_SITEMAP` rows of a section, streamed."""
    base = _base(request)
    if section == "pages" and page == 1:
        with translation.override(settings.LANGUAGE_CODE):
            entries: Iterable = [(reverse(name), None) for name in PAGES]
    elif section in SECTIONS and page >= 1:
        entries = SECTIONS[section].entries(page)
    else:
        raise Http404("No such sitemap.")
    return StreamingHttpResponse(_urlset(base, entries), content_type="application/xml")
