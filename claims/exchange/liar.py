"""Loading the LIAR dataset (Wang, ACL 2017): PolitiFact statements as external reviews, in bulk.

Each TSV file has 14 tab-separated columns and no header: id (``NNNN.json``), label, statement,
subjects, speaker, speaker's job, state, party, five credit-history counts, context. Quotes are
text, not CSV quoting (``csv.QUOTE_NONE``): with default quoting a statement that opens a quote
swallows the rows after it.

The statements go through the project's bulk path (``claims.bulk.BulkWriter.upsert``): read,
checked and written batch by batch in one transaction, constraints on, each batch merged while
the next is read. A malformed row stops the load with its file and line, and the rollback leaves
the database as it was. A statement's URL is built from its id, so loading the files again
creates nothing and, when nothing changed, writes nothing.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from tqdm import tqdm

from ..bulk import BulkWriter
from ..models.external import ExternalReview
from .importer import CONTENT_FIELDS, ImportReport, check_may_import, model_values, rating_ids
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


def _record(row: list[str], path: Path, line: int) -> tuple[str, ExternalReviewRecord]:
    """One row checked and read; the messages of ``LiarFormatError`` name its file and line."""
    if len(row) != COLUMNS:
        raise LiarFormatError(f"{path}, line {line}: expected {COLUMNS} tab-separated columns, found {len(row)}")
    statement_id, label, statement, subjects, speaker, job, state, party, *counts, context = [
        value.strip() for value in row
    ]
    match = STATEMENT_ID.match(statement_id)
    if not match:
        raise LiarFormatError(f"{path}, line {line}: the statement id {statement_id!r} is not of the form NNNN.json")
    rating_slug = POLITIFACT.get(label)
    if rating_slug is None:
        raise LiarFormatError(f"{path}, line {line}: unknown label {label!r} (expected one of {', '.join(POLITIFACT)})")
    if not statement:
        raise LiarFormatError(f"{path}, line {line}: the statement is empty")
    if all(map(str.isdigit, counts)):
        credit_history = dict(zip(COUNT_NAMES, map(int, counts), strict=True))
    else:
        bad_count = next((count for count in counts if count and not count.isdigit()), None)
        if bad_count is not None:
            raise LiarFormatError(f"{path}, line {line}: the credit-history count {bad_count!r} is not a whole number")
        credit_history = {name: int(count) if count else None for name, count in zip(COUNT_NAMES, counts, strict=True)}
    record = ExternalReviewRecord(
        url=URL_PREFIX + match.group(1),
        publisher_name=PUBLISHER,
        publisher_site=PUBLISHER_SITE,
        textual_rating=label,
        rating_slug=rating_slug,
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
            "credit_history": credit_history,
        },
        source_format=SourceFormat.LIAR,
    )
    return statement_id, record


def _read_texts(paths: Iterable[str | Path]) -> list[tuple[Path, str]]:
    texts = []
    for path in map(Path, [paths] if isinstance(paths, str | Path) else paths):
        try:
            texts.append((path, path.read_text(encoding="utf-8")))
        except FileNotFoundError as exc:
            raise LiarFormatError(f"{path}: no such file") from exc
        except UnicodeDecodeError as exc:
            raise LiarFormatError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        except OSError as exc:
            raise LiarFormatError(f"{path}: {exc.strerror or exc}") from exc
    return texts


def _records(texts: list[tuple[Path, str]]) -> Iterator[ExternalReviewRecord]:
    """The statements in file order, each checked as it is read; ``LiarFormatError`` at the first bad row."""
    seen: dict[str, tuple[Path, int]] = {}
    for path, text in texts:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
        try:
            for row in reader:
                if not row or row == [""]:
                    continue
                line = reader.line_num
                statement_id, record = _record(row, path, line)
                if statement_id in seen:
                    first_path, first_line = seen[statement_id]
                    raise LiarFormatError(
                        f"{path}, line {line}: statement {statement_id} was already read at "
                        f"{first_path}, line {first_line}"
                    )
                seen[statement_id] = path, line
                yield record
        except csv.Error as exc:
            raise LiarFormatError(f"{path}: {exc}") from exc


def _count_rows(texts: list[tuple[Path, str]]) -> int:
    return sum(1 for _path, text in texts for line in text.splitlines() if line.strip())


def read_liar(paths: Iterable[str | Path]) -> list[ExternalReviewRecord]:
    """Every statement of the files, checked; raises ``LiarFormatError`` at the first bad row."""
    return list(_records(_read_texts(paths)))


def import_liar(
    paths: Iterable[str | Path], *, user=None, batch_size: int = BATCH_SIZE, progress: bool | None = None
) -> ImportReport:
    """Loads LIAR statements as PolitiFact's external reviews; all of them or, on any error, none.

    ``progress`` shows a progress bar on stderr; by default only when stderr is a terminal.
    No match is proposed here: thousands of US statements would flood the desk's queue.
    ``report.elapsed`` is the import time: from reading the files to the commit.
    """
    check_may_import(user)
    started = time.perf_counter()
    report = ImportReport()
    texts = _read_texts(paths)
    user_id = user.pk if user else None
    show = sys.stderr.isatty() if progress is None else progress
    label = ExternalReview._meta.label
    with tqdm(total=_count_rows(texts), unit=" statements", disable=not show, file=sys.stderr, desc="LIAR") as bar:

        def advance(written) -> None:
            bar.update(written[label] - bar.n)

        def rows() -> Iterator[dict]:
            ratings = rating_ids()
            for record in _records(texts):
                values = model_values(record, ratings)
                values["url"] = record.url
                values["imported_by_id"] = user_id
                report.found.append(record.url)
                report.unplaced += values["rating_id"] is None
                yield values

        # A load that can simply be run again: its commit does not wait for the disk (for the
        # whole transaction, the caller's if there is one; the command has none).
        with BulkWriter(history=False, progress=advance, synchronous_commit=False) as writer:
            counts = writer.upsert(
                ExternalReview,
                rows(),
                key=["url"],
                compare=CONTENT_FIELDS,
                touch=["imported_by"],
                batch_size=batch_size,
            )
    report.created, report.updated, report.unchanged = counts.created, counts.updated, counts.unchanged
    report.elapsed = time.perf_counter() - started
    return report
