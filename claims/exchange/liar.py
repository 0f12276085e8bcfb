"""Loading the LIAR dataset (Wang, ACL 2017): PolitiFact statements as external reviews, in bulk.

Each TSV file has 14 tab-separated columns and no header: id (``NNNN.json``), label, statement,
subjects, speaker, speaker's job, state, party, five credit-history counts, context. Quotes are
text, not CSV quoting (``csv.QUOTE_NONE``): with default quoting a statement that opens a quote
swallows the rows after it.

Every file is read and checked before anything is written, so a malformed row stops the load
with its file and line and leaves the database as it was; the writes are batched upserts
(``COPY`` then ``INSERT ... ON CONFLICT`` on PostgreSQL) in one transaction, constraints on. A
statement's URL is built from its id, so loading the files again creates nothing and, when
nothing changed, writes nothing (see ``bulk``).
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction

from .bulk import upsert_reviews
from .importer import ImportReport, check_may_import, model_values, rating_ids
from .ratings import POLITIFACT
from .records import ExternalReviewRecord, SourceFormat

URL_PREFIX = "https://www.politifact.com/liar/"
PUBLISHER = "PolitiFact"
PUBLISHER_SITE = "politifact.com"
COLUMNS = 14
STATEMENT_ID = re.compile(r"^(\d+)\.json$")
COUNT_NAMES = ["barely_true", "false", "half_true", "mostly_true", "pants_on_fire"]
BATCH_SIZE = 2000


class LiarFormatError(ValueError):
    """A LIAR file that cannot be read, or one of its rows; the message names the file and line."""


def _record(row: list[str], where: str) -> tuple[str, ExternalReviewRecord]:
    if len(row) != COLUMNS:
        raise LiarFormatError(f"{where}: expected {COLUMNS} tab-separated columns, found {len(row)}")
    statement_id, label, statement, subjects, speaker, job, state, party, *counts, context = (
        value.strip() for value in row
    )
    match = STATEMENT_ID.match(statement_id)
    if not match:
        raise LiarFormatError(f"{where}: the statement id {statement_id!r} is not of the form NNNN.json")
    if label not in POLITIFACT:
        raise LiarFormatError(f"{where}: unknown label {label!r} (expected one of {', '.join(POLITIFACT)})")
    if not statement:
        raise LiarFormatError(f"{where}: the statement is empty")
    bad_count = next((count for count in counts if count and not count.isdigit()), None)
    if bad_count is not None:
        raise LiarFormatError(f"{where}: the credit-history count {bad_count!r} is not a whole number")
    record = ExternalReviewRecord(
        url=URL_PREFIX + match.group(1),
        publisher_name=PUBLISHER,
        publisher_site=PUBLISHER_SITE,
        textual_rating=label,
        rating_slug=POLITIFACT[label],
        claim_text=statement,
        claimant=speaker[:300],
        language="en",
        context=context,
        details={
            "liar_id": statement_id,
            "subjects": [subject for subject in subjects.split(",") if subject],
            "speaker_job": job,
            "state": state,
            "party": party,
            "credit_history": {
                name: int(count) if count else None for name, count in zip(COUNT_NAMES, counts, strict=True)
            },
        },
        source_format=SourceFormat.LIAR,
    )
    return statement_id, record


def read_liar(paths: Iterable[str | Path]) -> list[ExternalReviewRecord]:
    """Every statement of the files, checked; raises ``LiarFormatError`` at the first bad row."""
    records: list[ExternalReviewRecord] = []
    seen: dict[str, str] = {}
    for path in map(Path, [paths] if isinstance(paths, str | Path) else paths):
        try:
            with path.open(newline="", encoding="utf-8") as handle:
                reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                for row in reader:
                    if not row or row == [""]:
                        continue
                    where = f"{path}, line {reader.line_num}"
                    statement_id, record = _record(row, where)
                    if statement_id in seen:
                        raise LiarFormatError(
                            f"{where}: statement {statement_id} was already read at {seen[statement_id]}"
                        )
                    seen[statement_id] = where
                    records.append(record)
        except FileNotFoundError as exc:
            raise LiarFormatError(f"{path}: no such file") from exc
        except UnicodeDecodeError as exc:
            raise LiarFormatError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        except OSError as exc:
            raise LiarFormatError(f"{path}: {exc.strerror or exc}") from exc
        except csv.Error as exc:
            raise LiarFormatError(f"{path}: {exc}") from exc
    return records


def import_liar(
    paths: Iterable[str | Path], *, user=None, batch_size: int = BATCH_SIZE, progress: bool | None = None
) -> ImportReport:
    """Loads LIAR statements as PolitiFact's external reviews; all of them or, on any error, none.

    ``progress`` shows a progress bar on stderr; by default only when stderr is a terminal.
    No match is proposed here: thousands of US statements would flood the desk's queue.
    """
    check_may_import(user)
    started = time.perf_counter()
    report = ImportReport()
    records = read_liar(paths)
    report.found = [record.url for record in records]
    with transaction.atomic():
        ratings = rating_ids()
        rows = [(record.url, model_values(record, ratings)) for record in records]
        report.unplaced = sum(values["rating_id"] is None for _url, values in rows)
        counts = upsert_reviews(
            rows, user_id=user.pk if user else None, batch_size=batch_size, progress=progress, label="LIAR"
        )
    report.created, report.updated, report.unchanged = counts.created, counts.updated, counts.unchanged
    report.elapsed = time.perf_counter() - started
    return report
