"""Pages of the public lists read without counting the list: a page's rows and whether another follows.

A page number past the last is a 404, as with Django's paginator; the total is counted only up to
:data:`COUNT_LIMIT` (``None`` beyond), since counting a million claims costs more than the page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404
from django.utils.translation import gettext as _

COUNT_LIMIT = 1000


class Listing:
    """What templates read of a paginator: ``count`` (None past the limit) and ``num_pages`` (None then)."""

    def __init__(self, count: int | None, per_page: int) -> None:
        self.count = count
        self.per_page = per_page
        self.num_pages = None if count is None else max(1, -(-count // per_page))
        self.count_limit = COUNT_LIMIT


class Window:
    """One page: ``object_list``, ``number``, ``has_next()``, ``has_previous()`` and their numbers."""

    def __init__(self, queryset, number: int, per_page: int, *, count: Callable[[], int | None] | None = None) -> None:
        """``count`` gives the list's length up to :data:`COUNT_LIMIT` (``queryset.count_up_to()`` by default)."""
        offset = (number - 1) * per_page
        rows = list(queryset[offset : offset + per_page + 1])
        if not rows and number > 1:
            raise Http404(_("Invalid page."))
        self.object_list = rows[:per_page]
        self.number = number
        self._more = len(rows) > per_page
        self.paginator = Listing(count() if count else queryset.count_up_to(COUNT_LIMIT), per_page)

    def has_next(self) -> bool:
        return self._more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self._more or self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(raw: str | None) -> int:
    try:
        number = int(raw or 1)
    except ValueError:
        raise Http404(_("Invalid page.")) from None
    if number < 1:
        raise Http404(_("Invalid page."))
    return number
