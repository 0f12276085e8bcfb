"""One ClaimReview object (or one review of a Google response) made into an ``ExternalReviewRecord``.

Publishers fill ClaimReview loosely, and every liberty below was seen in real exports: dates
as ``"2022-01-28 18:35"`` or with an offset, numbers as strings or ``""``, ``claimReviewed`` as a
list, an author given as a list or with a list of names, ``@type`` as a list, HTML entities in
text, URLs without a scheme (``aosfatos.org/...``) or relative to the site (``/estadao-verifica/...``).
A review without an absolute URL of its own cannot be imported (the URL is its identity), nor
one without a claim; both are reported with the reason instead.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from .ratings import place_rating
from .records import ExternalReviewRecord, SourceFormat

MAX_LENGTHS = {"url": 1000, "publisher_name": 200, "publisher_site": 200, "title": 500, "claimant": 300}
LANGUAGE_MAX_LENGTH = 16
DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
BARE_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?(/|$)")


def type_names(value: dict[str, Any]) -> set[str]:
    """``"ClaimReview"`` for ``"ClaimReview"``, ``["Review", "ClaimReview"]`` or ``"schema:ClaimReview"``."""
    types = value.get("@type")
    types = types if isinstance(types, list) else [types]
    return {re.split(r"[/:#]", name)[-1] for name in types if isinstance(name, str) and name}


class Node:
    """A JSON-LD object whose bare ``{"@id": ...}`` references read as the nodes they name."""

    def __init__(self, data: dict[str, Any], ids: dict[str, dict[str, Any]] | None = None) -> None:
        self.data = data
        self.ids = ids or {}

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {"@id"}:
            return self.ids.get(value["@id"], value)
        return value

    def get(self, key: str) -> Any:
        return self.resolve(self.data.get(key))

    def nodes(self, key: str) -> list[Node]:
        value = self.get(key)
        values = value if isinstance(value, list) else [value]
        return [Node(item, self.ids) for item in map(self.resolve, values) if isinstance(item, dict)]

    def node(self, key: str) -> Node | None:
        nodes = self.nodes(key)
        return nodes[0] if nodes else None

    def text(self, *keys: str) -> str:
        """The first of ``keys`` that holds some text."""
        for key in keys:
            text = clean_text(self.get(key))
            if text:
                return text
        return ""

    @property
    def types(self) -> set[str]:
        return type_names(self.data)


def clean_text(value: Any, separator: str = ", ") -> str:
    """Text as a reader should see it: entities decoded, spaces collapsed; lists joined."""
    if isinstance(value, list):
        parts = [clean_text(item) for item in value]
        return separator.join(dict.fromkeys(part for part in parts if part))
    if isinstance(value, dict):
        return clean_text(value.get("name") or value.get("@value"))
    if isinstance(value, str):
        return " ".join(html.unescape(value).split())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def parse_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            return None
    return None


def parse_date(value: Any) -> dt.date | None:
    """The calendar date a publisher wrote, whatever follows it (a time, an offset, ``Z``)."""
    if not isinstance(value, str):
        return None
    match = DATE.match(value)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def absolute_url(value: Any, base_url: str = "") -> str:
    """An ``http(s)`` URL, resolved against ``base_url`` when relative; ``""`` when it cannot be."""
    if not isinstance(value, str) or not value.strip():
        return ""
    url = value.strip()
    if url.startswith("//"):
        url = "https:" + url
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https"):
        return url
    if scheme:
        return ""
    if BARE_HOST.match(url):
        return "https://" + url
    if base_url:
        resolved = urljoin(base_url, url)
        return resolved if urlsplit(resolved).scheme in ("http", "https") else ""
    return ""


def site_of(url: str) -> str:
    """``factuel.afp.com`` for ``https://factuel.afp.com/...``: the host without ``www.``."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def clip(record: ExternalReviewRecord) -> ExternalReviewRecord:
    for name, length in MAX_LENGTHS.items():
        value = getattr(record, name)
        if len(value) > length:
            setattr(record, name, value[: length - 1] + "…")
    record.language = record.language[:LANGUAGE_MAX_LENGTH]
    return record


def _language(node: Node) -> str:
    value = node.get("inLanguage")
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name") or ""
    return clean_text(value)


def _is_organisation(node: Node) -> bool:
    """An author that is the publishing organisation, not a journalist.

    Some sites type their journalists as organisations; an author page URL (``/author/...``)
    gives them away.
    """
    if not any(name.endswith("Organization") for name in node.types):
        return False
    return "/author" not in urlsplit(clean_text(node.get("url"))).path


def _publisher_name(review: Node) -> str:
    """The ``publisher``, else the organisation among the authors; Google's ``sdPublisher`` is not one."""
    publisher = review.node("publisher")
    if publisher is not None and "Person" in publisher.types:
        publisher = None
    organisation = publisher or next((author for author in review.nodes("author") if _is_organisation(author)), None)
    return organisation.text("name", "legalName") if organisation else ""


def _claimant(claim: Node | None) -> str:
    if claim is None:
        return ""
    author = claim.get("author")
    if isinstance(author, str):
        return clean_text(author)
    return ", ".join(dict.fromkeys(name for node in claim.nodes("author") if (name := node.text("name"))))


def _appearances(claim: Node | None, base_url: str) -> list[str]:
    if claim is None:
        return []
    urls = []
    for key in ("appearance", "firstAppearance"):
        value = claim.get(key)
        for item in value if isinstance(value, list) else [value]:
            item = claim.resolve(item)
            urls.append(absolute_url(item.get("url") if isinstance(item, dict) else item, base_url))
    urls.append(absolute_url(claim.get("url"), base_url))
    return [url for url in dict.fromkeys(urls) if url]


def record_from_claim_review(
    review: Node, *, base_url: str = "", language: str = "", source_format: str
) -> ExternalReviewRecord | str:
    """The record of one ClaimReview object, or the reason it cannot be imported."""
    raw_url = review.get("url")
    if not raw_url and isinstance(review.data.get("@id"), str):
        raw_url = review.data["@id"].split("#")[0]
    url = absolute_url(raw_url, base_url)
    if not url:
        if raw_url:
            return f"its url {clean_text(raw_url)!r} is relative and no page address resolves it"
        return "no url: a review is known by its url"
    claim = review.node("itemReviewed")
    claim_text = clean_text(review.get("claimReviewed"), separator=" / ")
    if not claim_text and claim is not None:
        claim_text = claim.text("name", "text", "headline")
    if not claim_text:
        return "no claimReviewed: nothing says which claim is reviewed"
    rating = review.node("reviewRating")
    textual = rating.text("alternateName", "name") if rating else ""
    value = parse_number(rating.get("ratingValue")) if rating else None
    best = parse_number(rating.get("bestRating")) if rating else None
    worst = parse_number(rating.get("worstRating")) if rating else None
    return clip(
        ExternalReviewRecord(
            url=url,
            publisher_name=_publisher_name(review),
            publisher_site=site_of(url),
            title=review.text("headline", "name", "title"),
            textual_rating=textual,
            rating_value=value,
            best_rating=best,
            worst_rating=worst,
            rating_slug=place_rating(textual, value=value, best=best, worst=worst),
            claim_text=claim_text,
            claimant=_claimant(claim),
            claim_date=parse_date(claim.get("datePublished")) if claim else None,
            review_date=parse_date(review.get("datePublished")) or parse_date(review.get("dateModified")),
            appearances=_appearances(claim, base_url),
            language=_language(review) or language,
            source_format=source_format,
        )
    )


def record_from_google_review(
    claim: dict[str, Any], review: dict[str, Any], *, base_url: str = ""
) -> ExternalReviewRecord | str:
    """The record of one review of a Fact Check Tools ``claims:search`` claim."""
    url = absolute_url(review.get("url"), base_url)
    if not url:
        return "no url: a review is known by its url"
    claim_text = clean_text(claim.get("text"))
    if not claim_text:
        return "no claim text"
    publisher = review.get("publisher") if isinstance(review.get("publisher"), dict) else {}
    site = clean_text(publisher.get("site")) or site_of(url)
    textual = clean_text(review.get("textualRating"))
    return clip(
        ExternalReviewRecord(
            url=url,
            publisher_name=clean_text(publisher.get("name")),
            publisher_site=site,
            title=clean_text(review.get("title")),
            textual_rating=textual,
            rating_slug=place_rating(textual),
            claim_text=claim_text,
            claimant=clean_text(claim.get("claimant")),
            claim_date=parse_date(claim.get("claimDate")),
            review_date=parse_date(review.get("reviewDate")),
            language=clean_text(review.get("languageCode")),
            source_format=SourceFormat.GOOGLE,
        )
    )
