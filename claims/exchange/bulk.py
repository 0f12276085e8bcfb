"""Writing thousands of external reviews at once, keyed by URL, inside the caller's transaction.

PostgreSQL: each batch is copied (``COPY``) into a temporary table, then inserted with ``INSERT
... ON CONFLICT (url) DO UPDATE ... WHERE`` the row differs, so a row that did not change is not
written at all and the counts come back from ``RETURNING``. The table's constraints and indexes
stay on. Other databases (SQLite in tests and development): Django's ``bulk_create`` with
``update_conflicts``, after comparing with the stored rows in Python. Both leave the match
fields (``claim``, ``match_status``, ``match_score``) and ``imported_at`` of existing rows alone.
"""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone
from tqdm import tqdm

from .importer import CONTENT_FIELDS
from .models import ExternalReview

JSON_FIELDS = {"appearances", "details"}
STAGING_TABLE = "external_review_staging"


@dataclass
class BulkCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_encode_json = json.JSONEncoder(ensure_ascii=False).encode  # one encoder: json.dumps(...) builds one a call


def _copy_value(value: Any, name: str) -> str:
    """One value in ``COPY``'s text format: ``\\N`` for NULL, backslash escapes for the rest."""
    if value is None:
        return "\\N"
    if name in JSON_FIELDS:
        value = _encode_json(value)
    elif hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).translate(COPY_ESCAPES)


def _column(name: str) -> str:
    return connection.ops.quote_name(ExternalReview._meta.get_field(name.removesuffix("_id")).column)


def _upsert_postgresql(
    rows: list[tuple[str, dict[str, Any]]], *, user_id: int | None, batch_size: int, bar
) -> BulkCounts:
    table = connection.ops.quote_name(ExternalReview._meta.db_table)
    staged = ["url", *CONTENT_FIELDS]
    columns = ", ".join(_column(name) for name in staged)
    updated = [*CONTENT_FIELDS, "imported_by_id", "updated_at"]
    updates = ", ".join(f"{_column(name)} = EXCLUDED.{_column(name)}" for name in updated)
    upsert = (
        f"INSERT INTO {table} ({columns}, {_column('match_status')}, {_column('imported_by_id')}, "
        f"{_column('imported_at')}, {_column('updated_at')}) "
        f"SELECT {columns}, '', %s, %s, %s FROM {STAGING_TABLE} "
        f"ON CONFLICT ({_column('url')}) DO UPDATE SET {updates} "
        f"WHERE ({', '.join(f'{table}.{_column(n)}' for n in CONTENT_FIELDS)}) "
        f"IS DISTINCT FROM ({', '.join(f'EXCLUDED.{_column(n)}' for n in CONTENT_FIELDS)}) "
        "RETURNING (xmax = 0)"
    )
    counts = BulkCounts()
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGING_TABLE} ON COMMIT DROP AS SELECT {columns} FROM {table} WITH NO DATA"
        )
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            buffer = io.StringIO()
            for url, values in batch:
                fields = [_copy_value(url, "url"), *(_copy_value(values[name], name) for name in CONTENT_FIELDS)]
                buffer.write("\t".join(fields) + "\n")
            buffer.seek(0)
            cursor.copy_expert(f"COPY {STAGING_TABLE} ({columns}) FROM STDIN", buffer)
            cursor.execute(upsert, [user_id, now, now])
            inserted = [row[0] for row in cursor.fetchall()]
            cursor.execute(f"TRUNCATE {STAGING_TABLE}")
            counts.created += sum(inserted)
            counts.updated += len(inserted) - sum(inserted)
            counts.unchanged += len(batch) - len(inserted)
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
