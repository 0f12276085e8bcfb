"""Paths of the public pages named by a slug, reversed once per page kind and language, not once a row."""

from __future__ import annotations

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

SLUG_MARK = "slug-mark"
# What the URL patterns' ``<slug:slug>`` matches: any other slug goes through reverse(), which refuses it.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def page_path(url_name: str, slug: str) -> str:
    """``reverse(url_name, kwargs={"slug": slug})`` in the active language, without a reverse() a row."""
    if not SLUG.fullmatch(slug):
        return reverse(url_name, kwargs={"slug": slug})
    before, after = path_around_slug(url_name, translation.get_language())
    return f"{before}{slug}{after}"


def path_around_slug(url_name: str, language: str | None) -> tuple[str, str]:
    """The path of the page ``url_name`` in ``language`` as the two halves around its slug.

    Worked out once per page kind and language (and whatever else a path depends on), not once a
    row: a feed of a million reviews otherwise spends more time in ``reverse()`` than anywhere else.
    """
    return _around_slug(url_name, language, settings.LANGUAGE_CODE, get_script_prefix(), get_urlconf())


@functools.lru_cache(maxsize=32)
def _around_slug(
    url_name: str, language: str | None, default_language: str, script_prefix: str, urlconf: str | None
) -> tuple[str, str]:
    with translation.override(language):
        before, after = reverse(url_name, kwargs={"slug": SLUG_MARK}, urlconf=urlconf).split(SLUG_MARK)
    return before, after
