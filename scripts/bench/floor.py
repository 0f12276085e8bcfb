"""The floor of ``make bench``: a bare WSGI app answering the same 50-claim page with one SQL query.

No framework, no ORM, no serializer: one psycopg2 query per request on a connection kept per
process, rows turned into JSON. Whatever the Django app takes beyond this, on the same data and the
same gunicorn settings, is the cost of the stack and of the queries it makes.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import os
from urllib.parse import urlsplit

import psycopg2

PAGE_SIZE = 50
# The published claims, in the API's default order, with what a list row shows.
QUERY = """
SELECT c.id, c.slug, c.quote, c.restatement, c.restatement_en, c.kind, c.language, c.claimed_on,
       cl.slug, cl.name, a.slug, a.title, r.slug, r.label_fr, r.label_en,
       v.summary_fr, v.summary_en, v.published_at
  FROM claims_claim c
  JOIN claims_claimant cl ON cl.id = c.claimant_id
  JOIN claims_article a ON a.id = c.article_id
  JOIN claims_verdict v ON v.claim_id = c.id AND v.is_current AND v.status = 'published'
  JOIN claims_rating r ON r.id = v.rating_id
 WHERE c.status = 'published'
 ORDER BY c.claimed_on DESC, c.article_id, c.start, c.id
 LIMIT %s
"""
FIELDS = [
    "id", "slug", "quote", "restatement", "restatement_en", "kind", "language", "claimed_on",
    "claimant_slug", "claimant_name", "article_slug", "article_title", "rating", "rating_label_fr",
    "rating_label_en", "summary_fr", "summary_en", "published_at",
]  # fmt: skip

_connection = None


def _connect():
    global _connection
    if _connection is None or _connection.closed:
        url = urlsplit(os.environ["DATABASE_URL"])
        _connection = psycopg2.connect(
            host=url.hostname, port=url.port or 5432, user=url.username, password=url.password, dbname=url.path[1:]
        )
        _connection.autocommit = True
    return _connection


def _default(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(type(value))


def application(environ, start_response):
    with _connect().cursor() as cursor:
        cursor.execute(QUERY, [PAGE_SIZE])
        rows = cursor.fetchall()
    body = json.dumps(
        {"next": None, "results": [dict(zip(FIELDS, row, strict=True)) for row in rows]}, default=_default
    ).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
