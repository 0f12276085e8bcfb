"""Writing thousands of external reviews at once, keyed by URL, inside the caller's transaction.

PostgreSQL: each batch is copied (``COPY``) into a temporary table, then one ``INSERT ... SELECT
... WHERE NOT EXISTS`` adds the new rows and, when some were stored already, one ``UPDATE ...
FROM`` rewrites those that differ, so a row that did not change is not written at all.
(``INSERT ... ON CONFLICT`` did the same in twice the time.) The table's constraints and
indexes stay on. Other databases (SQLite in tests and development): Django's ``bulk_create``
with ``update_conflicts``, after comparing with the stored rows in Python. Both leave the match
fields (``claim``, ``match_status``, ``match_score``) and ``imported_at`` of existing rows alone.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.utils import timezone
from tqdm import tqdm

from ..models.external import ExternalReview
from .importer import CONTENT_FIELDS

STAGING_TABLE = "external_review_staging"


@dataclass
class BulkCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


_encode_json = json.JSONEncoder(ensure_ascii=False).encode  # one encoder: json.dumps(...) builds one a call


def _field(name: str) -> models.Field:
    return ExternalReview._meta.get_field(name.removesuffix("_id"))


def _column(name: str) -> str:
    return connection.ops.quote_name(_field(name).column)


def _statements_postgresql() -> tuple[str, str, str, str]:
    """Creating the staging table, copying into it, updating what changed, inserting what is new."""
    table = connection.ops.quote_name(ExternalReview._meta.db_table)
    url = _column("url")
    columns = ", ".join(_column(name) for name in ["url", *CONTENT_FIELDS])
    content = [_column(name) for name in CONTENT_FIELDS]
    create = f"CREATE TEMPORARY TABLE {STAGING_TABLE} ON COMMIT DROP AS SELECT {columns} FROM {table} WITH NO DATA"
    # CSV, written by the csv module in C: None comes out as "", which FORCE_NULL reads as NULL in
    # the nullable columns (numbers, dates, keys); the others never hold None.
    nullable = ", ".join(_column(name) for name in CONTENT_FIELDS if _field(name).null)
    copy = f"COPY {STAGING_TABLE} ({columns}) FROM STDIN WITH (FORMAT csv, FORCE_NULL ({nullable}))"
    update = (
        f"UPDATE {table} AS stored SET {', '.join(f'{c} = staged.{c}' for c in content)}, "
        f"{_column('imported_by_id')} = %s, {_column('updated_at')} = %s "
        f"FROM {STAGING_TABLE} AS staged WHERE stored.{url} = staged.{url} "
        f"AND ({', '.join(f'stored.{c}' for c in content)}) "
        f"IS DISTINCT FROM ({', '.join(f'staged.{c}' for c in content)})"
    )
    insert = (
        f"INSERT INTO {table} ({columns}, {_column('match_status')}, {_column('imported_by_id')}, "
        f"{_column('imported_at')}, {_column('updated_at')}) "
        f"SELECT {columns}, '', %s, %s, %s FROM {STAGING_TABLE} AS staged "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} AS stored WHERE stored.{url} = staged.{url})"
    )
    return create, copy, update, insert


def _upsert_postgresql(
    rows: list[tuple[str, dict[str, Any]]], *, user_id: int | None, batch_size: int, bar
) -> BulkCounts:
    """New rows are inserted and changed ones updated by two set-based statements a batch.

    A row inserted by someone else between the two makes the unique constraint refuse the
    batch, and with it the whole import: nothing is half-written, and running it again works.
    """
    create, copy, update, insert = _statements_postgresql()
    json_positions = [1 + i for i, name in enumerate(CONTENT_FIELDS) if isinstance(_field(name), models.JSONField)]
    counts = BulkCounts()
    now = timezone.now()
    with connection.cursor() as cursor:
        # Rows lost to a crash in the instant after the commit come back with the next run.
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(create)
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            buffer = io.StringIO()
            writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
            for url, values in batch:
                row = [url, *map(values.__getitem__, CONTENT_FIELDS)]
                for position in json_positions:
                    row[position] = _encode_json(row[position])
                writer.writerow(row)
            buffer.seek(0)
            cursor.copy_expert(copy, buffer)
            cursor.execute(insert, [user_id, now, now])
            created = cursor.rowcount
            updated = 0
            if created < len(batch):  # some were stored already: rewrite those that differ
                cursor.execute(update, [user_id, now])
                updated = cursor.rowcount  # the rows just inserted compare equal: not rewritten
            cursor.execute(f"TRUNCATE {STAGING_TABLE}")
            counts.created += created
            counts.updated += updated
            counts.unchanged += len(batch) - created - updated
            bar.update(len(batch))
        cursor.execute(f"DROP TABLE {STAGING_TABLE}")
    return counts


def _upsert_django(rows: list[tuple[str, dict[str, Any]]], *, user_id: int | None, batch_size: int, bar) -> BulkCounts:
    counts = BulkCounts()
    urls = [url for url, _values in rows]
    stored: dict[str, list[Any]] = {}
    for start in range(0, len(urls), batch_size):
        for url, *values in ExternalReview.objects.filter(url__in=urls[start : start + batch_size]).values_list(
            "url", *CONTENT_FIELDS
        ):
            stored[url] = values
    to_write = []
    for url, values in rows:
        old = stored.get(url)
        if old is not None and old == [values[name] for name in CONTENT_FIELDS]:
            counts.unchanged += 1
            bar.update(1)
            continue
        counts.created += old is None
        counts.updated += old is not None
        to_write.append(ExternalReview(url=url, imported_by_id=user_id, **values))
    written = [name.removesuffix("_id") for name in CONTENT_FIELDS] + ["imported_by", "updated_at"]
    for start in range(0, len(to_write), batch_size):
        batch = to_write[start : start + batch_size]
        ExternalReview.objects.bulk_create(batch, update_conflicts=True, unique_fields=["url"], update_fields=written)
        bar.update(len(batch))
    return counts


def upsert_reviews(
    rows: list[tuple[str, dict[str, Any]]],
    *,
    user_id: int | None = None,
    batch_size: int = 2000,
    progress: bool | None = None,
    label: str = "reviews",
) -> BulkCounts:
    """Creates or updates one row per ``(url, values)``; ``values`` as ``importer.model_values`` gives them.

    ``progress`` shows a progress bar on stderr; by default only when stderr is a terminal.
    """
    show = sys.stderr.isatty() if progress is None else progress
    with tqdm(total=len(rows), unit=" rows", disable=not show, file=sys.stderr, desc=label) as bar:
        if connection.vendor == "postgresql":
            return _upsert_postgresql(rows, user_id=user_id, batch_size=batch_size, bar=bar)
        return _upsert_django(rows, user_id=user_id, batch_size=batch_size, bar=bar)
