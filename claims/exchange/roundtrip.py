"""Round trip: our own ClaimReview DataFeed, read back by our importer, gives our reviews again.

``expected_record`` says what the importer must read from the ClaimReview of one of our published
claims (``claims.claimreview.claim_review``), straight from the database: its page URL, our
name, the rating's label and its place on our scale, the restatement, the claimant, the dates
and the article as appearance. ``round_trip_differences`` reads a DataFeed document and lists,
in words, every way it departs from that; an empty list is a faithful round trip.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from claims.claimreview import page_url
from claims.models import Claim

from .jsonld import read_json
from .normalise import site_of
from .records import ExternalReviewRecord, SourceFormat


def expected_record(
    claim: Claim, *, base_url: str, language: str = "fr", source_format: str = SourceFormat.DATAFEED
) -> ExternalReviewRecord:
    """The record an importer must make of the ClaimReview of ``claim``'s published verdict."""
    verdict = claim.current_verdict
    rating = verdict.rating
    english = language == "en"
    url = page_url(claim, base_url, language)
    article = claim.article
    appearances = [article.url or page_url(article, base_url, language)]
    if article.original_url and article.original_url not in appearances:
        appearances.append(article.original_url)
    numbers = (float(rating.value), 5.0, 1.0) if rating.value is not None else (None, None, None)
    return ExternalReviewRecord(
        url=url,
        publisher_name=settings.SITE_NAME,
        publisher_site=site_of(url),
        textual_rating=rating.label_en if english else rating.label_fr,
        rating_value=numbers[0],
        best_rating=numbers[1],
        worst_rating=numbers[2],
        rating_slug=rating.slug,
        claim_text=(claim.restatement_en or claim.restatement) if english else claim.restatement,
        claimant=claim.claimant.name,
        claim_date=claim.claimed_on,
        review_date=verdict.published_at.date() if verdict.published_at else None,
        appearances=appearances,
        language=language,
        source_format=source_format,
    )


def round_trip_differences(
    document: dict[str, Any], claims: Iterable[Claim], *, base_url: str, language: str = "fr"
) -> list[str]:
    """Every difference between the reviews read from ``document`` and those of ``claims``."""
    parsed = read_json(document, where="the DataFeed")
    differences = [str(problem) for problem in parsed.problems]
    read = {record.url: record for record in parsed.records}
    for claim in claims:
        expected = expected_record(claim, base_url=base_url, language=language)
        found = read.pop(expected.url, None)
        if found is None:
            differences.append(f"{expected.url}: missing from the feed")
            continue
        for item in dataclasses.fields(expected):
            if getattr(found, item.name) != getattr(expected, item.name):
                differences.append(
                    f"{expected.url}: {item.name} is {getattr(found, item.name)!r}, "
                    f"expected {getattr(expected, item.name)!r}"
                )
    differences.extend(f"{url}: in the feed but not among the claims" for url in read)
    return differences
