"""Pages of a list without counting the whole table.

``next`` links carry a ``cursor``: the ordering values of the page's last row, so that the next page
starts from an index instead of skipping rows (keyset pagination). ``page=N`` still works (it skips
rows, so it is for the first pages). ``count`` is exact up to :data:`COUNT_LIMIT` and ``null``
beyond: counting a million rows on every page is the cost this module avoids.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
COUNT_LIMIT = 1000


def parse_page_size(raw: str | None, *, default: int, maximum: int, name: str) -> int:
    """A page size from the query string: a whole number from 1 to ``maximum``, else a 400."""
    if raw is None or raw == "":
        return default
    try:
        size = int(raw)
    except ValueError:
        raise ValidationError({name: [_("A whole number is required.")]}) from None
    if size < 1 or size > maximum:
        raise ValidationError(
            {name: [_("Must be between 1 and %(maximum)d.") % {"maximum": maximum}]},
        )
    return size


def bounded_count(queryset: QuerySet, limit: int | None = None) -> int | None:
    """How many rows ``queryset`` has, or None when more than ``limit`` (:data:`COUNT_LIMIT`; no row
    past it is read)."""
    limit = COUNT_LIMIT if limit is None else limit
    found = queryset.order_by().values("pk")[: limit + 1].count()
    return found if found <= limit else None


def keyset(queryset: QuerySet) -> list[tuple[str, bool]] | None:
    """The ordering of ``queryset`` as (column attribute, descending) pairs ending with the primary key,
    or None when it orders by something other than plain columns (a search rank, a relation's field)."""
    query = queryset.query
    terms = list(query.order_by) or (list(queryset.model._meta.ordering) if query.default_ordering else [])
    keys = []
    for term in terms:
        if not isinstance(term, str) or "__" in term or term.lstrip("-") in query.annotations:
            return None
        name = term.lstrip("-")
        try:
            field = queryset.model._meta.pk if name == "pk" else queryset.model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - an unknown name: no keyset, the page is skipped to instead
            return None
        if not getattr(field, "concrete", False) or field.many_to_many:
            return None
        keys.append((field.attname, term.startswith("-")))
        if field.primary_key:
            return keys
    return [*keys, (queryset.model._meta.pk.attname, keys[0][1] if keys else False)]


def _after(keys: list[tuple[str, bool]], values: list) -> Q:
    """Rows after the row whose ordering values are ``values``, in the order ``keys``."""
    condition = Q()
    equal = Q()
    for (name, descending), value in zip(keys, values, strict=True):
        condition |= equal & Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
        equal &= Q(**{name: value})
    first, descending = keys[0]
    # The first key's bound, which an index can start from.
    return Q(**{f"{first}__{'lte' if descending else 'gte'}": values[0]}) & condition


def _column(row, name: str):
    """A column of a row: a model instance's attribute, or a key of a dict of ``values()``."""
    return row[name] if isinstance(row, dict) else getattr(row, name)


def _plain(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class PageNumberPagination(pagination.BasePagination):
    """``?page_size=`` (default 20, at most 100; more is refused, not clamped), ``next`` links with a
    ``cursor``, ``?page=`` for the first pages, and a ``count`` that stops at :data:`COUNT_LIMIT`."""

    page_size = DEFAULT_PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    page_query_param = "page"
    cursor_query_param = "cursor"

    def get_page_size(self, request) -> int:
        return parse_page_size(
            request.query_params.get(self.page_size_query_param),
            default=self.page_size,
            maximum=self.max_page_size,
            name=self.page_size_query_param,
        )

    def _page_number(self, request) -> int:
        raw = request.query_params.get(self.page_query_param) or "1"
        try:
            number = int(raw)
        except ValueError:
            raise NotFound(_("Invalid page.")) from None
        if number < 1:
            raise NotFound(_("Invalid page."))
        return number

    def _cursor(self, request, keys) -> dict | None:
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None
        try:
            cursor = json.loads(base64.urlsafe_b64decode(raw.encode() + b"=" * (-len(raw) % 4)))
            valid = isinstance(cursor, dict) and (
                (isinstance(cursor.get("o"), int) and cursor["o"] >= 0)
                or (
                    keys is not None
                    and cursor.get("k") == [name for name, _d in keys]
                    and len(cursor["v"]) == len(keys)
                )
            )
        except (ValueError, TypeError, KeyError, binascii.Error):
            valid = False
        if not valid:
            raise ValidationError({self.cursor_query_param: [_("Invalid cursor: follow the next link as given.")]})
        return cursor

    def paginate_queryset(
        self,
        queryset,
        request,
        view=None,
        *,
        values: Iterable[str] | None = None,
        count: Callable[[QuerySet], int | None] = bounded_count,
    ):
        """The page's rows: model instances, or with ``values`` (names as ``QuerySet.values()`` takes
        them) dicts of those columns, and of the ones the ``next`` cursor reads. ``count`` gives the
        list's ``count`` (by default :func:`bounded_count`, a query)."""
        self.request = request
        size = self.get_page_size(request)
        keys = keyset(queryset)
        if keys is not None:
            queryset = queryset.order_by(*(f"{'-' if descending else ''}{name}" for name, descending in keys))
        cursor = self._cursor(request, keys)
        self.count = count(queryset)
        self.number = None if cursor else self._page_number(request)
        offset = 0
        if cursor is None:
            offset = (self.number - 1) * size
        elif "v" in cursor:
            queryset = queryset.filter(_after(keys, cursor["v"]))
        else:
            offset = cursor["o"]
        if values is not None:
            # Only now: a count or a filter on a QuerySet of values() would keep the joins of its columns.
            queryset = queryset.values(*dict.fromkeys([*values, *(name for name, _d in keys or ())]))
        rows = list(queryset[offset : offset + size + 1])
        if not rows and offset and cursor is None:
            raise NotFound(_("Invalid page."))
        self.next_cursor = None
        if len(rows) > size:
            rows = rows[:size]
            last = [_plain(_column(rows[-1], name)) for name, _d in keys] if keys else None
            if last is not None and None not in last:
                self.next_cursor = {"k": [name for name, _d in keys], "v": last}
            else:
                self.next_cursor = {"o": offset + size}
        return rows

    def get_next_link(self) -> str | None:
        if self.next_cursor is None:
            return None
        token = base64.urlsafe_b64encode(json.dumps(self.next_cursor, separators=(",", ":")).encode())
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, token.decode().rstrip("="))

    def get_previous_link(self) -> str | None:
        if not self.number or self.number == 1:
            return None
        url = self.request.build_absolute_uri()
        if self.number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.number - 1)

    def get_paginated_response(self, data):
        return Response(
            {"count": self.count, "next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "nullable": True,
                    "description": f"How many match, up to {COUNT_LIMIT}; null beyond (follow `next`).",
                },
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": "Results per page (default 20).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts: as given in the previous page's `next` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, for the first pages (`next` links are faster).",
                "schema": {"type": "integer", "minimum": 1},
            },
        ]
