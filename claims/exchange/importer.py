"""Importing other publishers' ClaimReview from files, folders and URLs.

Idempotent by review URL: a review already stored is updated when its publisher changed it and
left alone otherwise, so importing the same sources again changes nothing. Every source is read
before anything is written, and the writes form one transaction. A field a source leaves out
does not erase what another source gave (a JSON export does not know the page's language).
The rows are written by the project's bulk path (``claims.bulk.BulkWriter.upsert``), as LIAR's
are. Each review without a match gets one proposed from our claims (``matching.propose_match``);
a proposal, confirmation or rejection already made is never touched by an import.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from claims.models import Rating

from ..bulk import BulkWriter
from ..models.external import ExternalReview
from .jsonld import ParsedDocument, read_text
from .matching import propose_match
from .records import ExternalReviewRecord, Problem

ADD_PERMISSION = "claims.add_externalreview"
DOCUMENT_SUFFIXES = {".json", ".jsonld", ".html", ".htm"}
FETCH_TIMEOUT = 30
FETCH_MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = "factcheck-claims ClaimReview importer (+https://schema.org/ClaimReview)"
LOOKUP_BATCH = 500
# The stored fields an import writes, in the order ``model_values`` gives them.
CONTENT_FIELDS = [
    "publisher_name",
    "publisher_site",
    "title",
    "textual_rating",
    "rating_id",
    "rating_value",
    "best_rating",
    "worst_rating",
    "claim_text",
    "claimant_name",
    "claim_date",
    "review_date",
    "language",
    "appearances",
    "context",
    "details",
    "source_format",
]
EMPTY = (None, "", [], {})


@dataclass
class ImportReport:
    """What an import did, review by review, and what it could not read, with the reasons."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    proposed: int = 0
    found: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    unplaced: int = 0
    elapsed: float = 0.0

    def summary(self) -> str:
        return (
            f"{len(self.found)} reviews: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged; {len(self.skipped)} skipped, {len(self.failed)} unreadable sources; "
            f"{self.proposed} matches proposed; {self.unplaced} ratings not on our scale; {self.elapsed:.2f} s"
        )


def model_values(record: ExternalReviewRecord, rating_ids: dict[str, int]) -> dict[str, Any]:
    """The stored form of a record, one value per name of ``CONTENT_FIELDS``."""
    return {
        "publisher_name": record.publisher_name or record.publisher_site,
        "publisher_site": record.publisher_site,
        "title": record.title,
        "textual_rating": record.textual_rating,
        "rating_id": rating_ids.get(record.rating_slug) if record.rating_slug else None,
        "rating_value": record.rating_value,
        "best_rating": record.best_rating,
        "worst_rating": record.worst_rating,
        "claim_text": record.claim_text,
        "claimant_name": record.claimant,
        "claim_date": record.claim_date,
        "review_date": record.review_date,
        "language": record.language,
        "appearances": record.appearances,
        "context": record.context,
        "details": record.details,
        "source_format": record.source_format,
    }


def rating_ids() -> dict[str, int]:
    return dict(Rating.objects.values_list("slug", "pk"))


def _fetch(url: str) -> tuple[str, str]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/json"})
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # only http(s) URLs reach here
        body = response.read(FETCH_MAX_BYTES + 1)
        if len(body) > FETCH_MAX_BYTES:
            raise ValueError(f"larger than {FETCH_MAX_BYTES // (1024 * 1024)} MB")
        charset = response.headers.get_content_charset() or "utf-8"
        return body.decode(charset, errors="replace"), response.geturl()


def expand_sources(sources: Iterable[str | Path]) -> list[str | Path]:
    """URLs as given; a folder becomes its documents (``.json``, ``.jsonld``, ``.html``), sorted."""
    expanded: list[str | Path] = []
    for source in [sources] if isinstance(sources, str | Path) else sources:
        if isinstance(source, str) and source.startswith(("http://", "https://")):
            expanded.append(source)
            continue
        path = Path(source)
        if path.is_dir():
            expanded.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES))
        else:
            expanded.append(path)
    return expanded


def read_source(source: str | Path, *, base_url: str = "") -> ParsedDocument:
    """One file or URL read into records; an unreadable source says why instead of raising."""
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        try:
            text, final_url = _fetch(source)
        except urllib.error.HTTPError as exc:
            return ParsedDocument(where=source, unreadable=f"cannot fetch it: HTTP {exc.code} {exc.reason}")
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            return ParsedDocument(where=source, unreadable=f"cannot fetch it: {getattr(exc, 'reason', exc)}")
        return read_text(text, where=source, base_url=final_url)
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return ParsedDocument(where=str(path), unreadable="no such file")
    except UnicodeDecodeError:
        return ParsedDocument(where=str(path), unreadable="not UTF-8 text")
    except OSError as exc:
        return ParsedDocument(where=str(path), unreadable=exc.strerror or str(exc))
    return read_text(text, where=str(path), base_url=base_url)


def collect(documents: Iterable[ParsedDocument], *, report: ImportReport) -> list[ExternalReviewRecord]:
    """Every review of every document, each once: the same review found twice is merged."""
    records: dict[str, ExternalReviewRecord] = {}
    for parsed in documents:
        if parsed.unreadable:
            report.failed.append(Problem(parsed.where, parsed.unreadable))
            continue
        report.skipped.extend(parsed.problems)
        for record in parsed.records:
            records[record.url] = records[record.url].merged_with(record) if record.url in records else record
    report.found = list(records)
    return list(records.values())


def _changes(review: ExternalReview, values: dict[str, Any], record: ExternalReviewRecord) -> list[str]:
    """The fields a new reading changes; a value the source left out keeps the stored one."""
    left_out = {name for name, value in values.items() if value in EMPTY}
    if not record.publisher_name:
        left_out.add("publisher_name")  # the site standing in for a name nobody gave
    return [name for name, value in values.items() if name not in left_out and getattr(review, name) != value]


def _existing(urls: list[str]) -> dict[str, ExternalReview]:
    found: dict[str, ExternalReview] = {}
    for start in range(0, len(urls), LOOKUP_BATCH):
        for review in ExternalReview.objects.filter(url__in=urls[start : start + LOOKUP_BATCH]):
            found[review.url] = review
    return found


def write_records(
    records: list[ExternalReviewRecord], *, user=None, propose: bool = True, report: ImportReport
) -> None:
    """Creates or updates one row per record through the bulk path (``BulkWriter.upsert``).

    A new review is checked (``full_clean``) first and skipped with its reason when invalid; a
    stored one gets the fields the source gives, the others keep what they hold, and it is
    rewritten only when that changes something. Inside the caller's transaction.
    """
    ratings = rating_ids()
    existing = _existing([record.url for record in records])
    rows = []
    for record in records:
        values = model_values(record, ratings)
        report.unplaced += values["rating_id"] is None
        review = existing.get(record.url)
        if review is None:
            review = ExternalReview(url=record.url, imported_by=user, **values)
            try:
                review.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                report.skipped.append(Problem(record.url, "; ".join(exc.messages)))
                continue
            imported_by_id = user.pk if user else None
        else:
            for name in _changes(review, values, record):
                setattr(review, name, values[name])
            imported_by_id = user.pk if user else review.imported_by_id
        rows.append(
            {"url": review.url, "imported_by_id": imported_by_id}
            | {name: getattr(review, name) for name in CONTENT_FIELDS}
        )
    with BulkWriter(history=False) as writer:
        counts = writer.upsert(ExternalReview, rows, key=["url"], compare=CONTENT_FIELDS, touch=["imported_by"])
    report.created += counts.created
    report.updated += counts.updated
    report.unchanged += counts.unchanged
    if propose:
        urls = [row["url"] for row in rows]
        for start in range(0, len(urls), LOOKUP_BATCH):
            for review in ExternalReview.objects.filter(url__in=urls[start : start + LOOKUP_BATCH], match_status=""):
                report.proposed += propose_match(review)


def check_may_import(user) -> None:
    """No user (a command run by whoever runs the site) or one of the desk's roles."""
    if user is not None and not user.has_perm(ADD_PERMISSION):
        raise PermissionDenied("Importing other publishers' reviews is for the desk's fact-checkers and editors.")


def _import(documents: Iterable[ParsedDocument], *, user, propose: bool) -> ImportReport:
    check_may_import(user)
    started = time.perf_counter()
    report = ImportReport()
    records = collect(documents, report=report)
    with transaction.atomic():
        write_records(records, user=user, propose=propose, report=report)
    report.elapsed = time.perf_counter() - started
    return report


def import_claimreview(
    paths_or_urls: Iterable[str | Path], *, user=None, base_url: str = "", propose: bool = True
) -> ImportReport:
    """Imports every ClaimReview found in ``paths_or_urls`` (files, folders, http(s) URLs).

    ``base_url`` resolves the relative review URLs of files saved from a site. With a ``user``,
    the user must be allowed to add external reviews. Every source is read before the first write.
    """
    check_may_import(user)  # before fetching anything
    sources = expand_sources(paths_or_urls)
    return _import([read_source(source, base_url=base_url) for source in sources], user=user, propose=propose)


def import_claimreview_texts(
    documents: Iterable[tuple[str, str]], *, user=None, base_url: str = "", propose: bool = True
) -> ImportReport:
    """Imports ``(name, text)`` documents already in memory: an upload in the admin, a request body.

    ``name`` is how problems refer to the document ("block 2 of page.html: ...").
    """
    parsed = [read_text(text, where=name, base_url=base_url) for name, text in documents]
    return _import(parsed, user=user, propose=propose)
