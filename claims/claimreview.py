"""schema.org ClaimReview, one object per published verdict (SPEC §5).

Independent of Django REST Framework: the API (``/api/v1/claims/{id}/claimreview``, the
DataFeed) and the verdict pages' JSON-LD block build it with the same function. The claim
must carry its article, claimant and current verdict with its rating, as
``Claim.objects.published().list_rows()`` loads them, to avoid extra queries.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from .models import Article, Claim, ClaimantKind
from .paths import path_around_slug

CONTEXT = "https://schema.org"
# The languages a review is built in: the site's two.
REVIEW_LANGUAGES = ("fr", "en")
BEST_RATING = 5
WORST_RATING = 1


def site_url(request: HttpRequest | None = None) -> str:
    """The base of every absolute URL we answer with, without a trailing slash.

    ``SITE_URL`` in production; in development with ``SITE_URL`` unset, the request's own scheme,
    host and port, so that a server on another port (``PORT=8840 make run``) links to itself.
    """
    if request is not None and getattr(settings, "SITE_URL_FROM_REQUEST", False):
        return request.build_absolute_uri("/").rstrip("/")
    return settings.SITE_URL


def publisher_site(base_url: str | None = None) -> str:
    """The host of ``SITE_URL`` without ``www.``, as Google's API names a review publisher."""
    host = urlsplit(base_url or settings.SITE_URL).hostname or ""
    return host.removeprefix("www.")


def organisation(base_url: str | None = None) -> dict[str, str]:
    return {"@type": "Organization", "name": settings.SITE_NAME, "url": base_url or settings.SITE_URL}


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value else None


PAGE_URL_NAMES = {Claim: "claims:claim-detail", Article: "claims:article-detail"}


def page_url(obj: Claim | Article, base_url: str, language: str = "fr") -> str:
    """The absolute URL of a public page in ``language``, whatever language the request is in."""
    url_name = PAGE_URL_NAMES.get(type(obj))
    if url_name is None:  # any other page: its own get_absolute_url()
        with translation.override(language):
            return base_url + obj.get_absolute_url()
    before, after = path_around_slug(url_name, language)
    return f"{base_url}{before}{obj.slug}{after}"


def page_urls(model: type[Claim] | type[Article], base_url: str, language: str = "fr") -> Callable[[str], str]:
    """``page_url`` of many objects of one kind, as a function of their slug: for rows read as plain
    values (``values()``), with the path worked out once."""
    before, after = path_around_slug(PAGE_URL_NAMES[model], language)
    start = base_url + before
    return lambda slug: f"{start}{slug}{after}"


def claim_review(claim: Claim, base_url: str, language: str = "fr") -> dict:
    """The ClaimReview JSON-LD of ``claim``'s current verdict, which must be published.

    ``language`` ("fr" or "en") picks the restatement, the rating label and the verdict page.
    Raises ``ValueError`` for a claim without a published current verdict: no review of a
    draft is ever built.
    """
    verdict = claim.current_verdict
    if verdict is None or verdict.status != verdict.Status.PUBLISHED or verdict.rating is None:
        raise ValueError(f"claim {claim.pk} has no published verdict")
    base_url = base_url.rstrip("/")
    english = language == "en"
    rating = verdict.rating
    review_rating: dict[str, Any] = {"@type": "Rating"}
    if rating.value is not None:
        review_rating.update({"ratingValue": rating.value, "bestRating": BEST_RATING, "worstRating": WORST_RATING})
    review_rating["alternateName"] = rating.label_en if english else rating.label_fr

    claimant = claim.claimant
    article = claim.article
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "url": article.url or page_url(article, base_url, language),
        "headline": article.title,
        "datePublished": _iso(article.published_on),
        "publisher": {"@type": "Organization", "name": article.publisher},
    }
    first_appearance = appearance
    if article.original_url:
        first_appearance = {
            "@type": "CreativeWork",
            "url": article.original_url,
            "headline": article.original_title or article.title,
            "inLanguage": article.original_language or None,
        }
        first_appearance = {key: value for key, value in first_appearance.items() if value}

    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": page_url(claim, base_url, language),
        "claimReviewed": (claim.restatement_en or claim.restatement) if english else claim.restatement,
        "datePublished": _iso(verdict.published_at),
        "dateModified": _iso(verdict.date_modified),
        "author": organisation(base_url),
        "reviewRating": review_rating,
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": "Person" if claimant.kind == ClaimantKind.PERSON else "Organization",
                "name": claimant.name,
            },
            "datePublished": _iso(claim.claimed_on),
            "appearance": [appearance],
            "firstAppearance": first_appearance,
        },
        "inLanguage": "en" if english else "fr",
    }


def _feed_head(*, url: str, date_modified: dt.datetime | None) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "DataFeed",
        "name": f"{settings.SITE_NAME} — ClaimReview",
        "url": url,
        "dateModified": _iso(date_modified),
    }


def data_feed_item(review: dict) -> dict:
    """One ``dataFeedElement``: the review's page as its ``url``, its dates, the review as ``item``."""
    return {
        "@type": "DataFeedItem",
        "url": review["url"],
        "dateCreated": review["datePublished"],
        "dateModified": review["dateModified"],
        "item": [review],
    }


def data_feed(reviews: Iterable[dict], *, url: str, date_modified: dt.datetime | None) -> dict:
    """A schema.org DataFeed (the format Data Commons publishes) holding ``reviews``."""
    return {**_feed_head(url=url, date_modified=date_modified), "dataFeedElement": list(map(data_feed_item, reviews))}


def stream_data_feed(reviews: Iterable[dict], *, url: str, date_modified: dt.datetime | None) -> Iterator[str]:
    """The same document as ``data_feed``, written piece by piece: one review in memory at a time,
    however many the feed holds (Data Commons and Google read the whole feed as one document)."""
    head = json.dumps(_feed_head(url=url, date_modified=date_modified), ensure_ascii=False)
    yield head[:-1] + ', "dataFeedElement": ['
    separator = ""
    for review in reviews:
        yield separator + json.dumps(data_feed_item(review), ensure_ascii=False)
        separator = ", "
    yield "]}"
