"""One review by another publisher, whatever format it came in, as plain data.

The parsers (JSON-LD, DataFeed, Google's ``claims:search``, LIAR) all produce
``ExternalReviewRecord``; the importers write it. Keeping it free of Django lets the parsing be
tested, compared and round-tripped without a database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any


class SourceFormat:
    """Where a review was read from; stored with it (``ExternalReview.source_format``)."""

    HTML = "html"  # a ClaimReview in a web page's JSON-LD
    JSON = "json"  # a ClaimReview object (or a list, an @graph) published as JSON
    DATAFEED = "datafeed"  # an item of a schema.org DataFeed (Data Commons)
    GOOGLE = "google"  # a review of a Google Fact Check Tools claims:search response
    LIAR = "liar"  # a PolitiFact statement of the LIAR dataset

    CHOICES = [
        (HTML, "web page (JSON-LD)"),
        (JSON, "ClaimReview JSON"),
        (DATAFEED, "DataFeed"),
        (GOOGLE, "Fact Check Tools response"),
        (LIAR, "LIAR dataset"),
    ]


@dataclass
class ExternalReviewRecord:
    """A review published by someone else, normalised.

    ``rating_slug`` is the review's place on our scale (a ``Rating.slug``) when the publisher's
    scale is known, else None; ``textual_rating`` always keeps the publisher's own words.
    ``publisher_name`` is empty when the source names no publishing organisation (the site
    then stands for it when the review is stored).
    """

    url: str
    publisher_name: str = ""
    publisher_site: str = ""
    title: str = ""
    textual_rating: str = ""
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    rating_slug: str | None = None
    claim_text: str = ""
    claimant: str = ""
    claim_date: dt.date | None = None
    review_date: dt.date | None = None
    appearances: list[str] = field(default_factory=list)
    language: str = ""
    context: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    source_format: str = SourceFormat.JSON

    def merged_with(self, other: ExternalReviewRecord) -> ExternalReviewRecord:
        """This record with its empty fields filled from ``other``, the same review found elsewhere.

        A page and a JSON export of the same review often differ only in what they omit (the
        page knows its language, the export does not); merging makes the result independent of
        which one was read first.
        """
        changes = {}
        for item in dataclasses.fields(self):
            mine, theirs = getattr(self, item.name), getattr(other, item.name)
            if mine in (None, "", [], {}) and theirs not in (None, "", [], {}):
                changes[item.name] = theirs
        return dataclasses.replace(self, **changes) if changes else self


@dataclass
class Problem:
    """Something read but not imported, named so that its author can find it."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"
