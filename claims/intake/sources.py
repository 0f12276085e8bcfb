"""Getting an article's text: pasted text, a saved ``.txt`` or ``.html`` file, or a URL.

HTML, saved or fetched, goes through ``trafilatura``, which keeps the article's main text and
drops menus, comments and boilerplate; its metadata gives the publication date when the page
states one. The admin's "Add article" (pasted text, URL, uploaded HTML) uses the same functions.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path


class SourceError(Exception):
    """The article could not be read; the message says why, in one line."""


@dataclass(frozen=True)
class ArticleText:
    text: str
    published_on: date | None = None
    title: str = ""
    url: str = ""


def read_article(location: str) -> ArticleText:
    """The article at ``location``: an http(s) URL, or the path of a ``.html``/``.htm`` or text file."""
    if location.startswith(("http://", "https://")):
        return fetch_article(location)
    path = Path(location)
    if not path.is_file():
        raise SourceError(f"{location}: no such file")
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{location}: not UTF-8 text") from exc
    if path.suffix.lower() in {".html", ".htm"}:
        return article_from_html(content, source=location)
    text = content.strip("\ufeff")
    if not text.strip():
        raise SourceError(f"{location}: the file is empty")
    return ArticleText(text=text)


def fetch_article(url: str) -> ArticleText:
    import trafilatura

    # Its own log would add lines to the one-line reason the caller gives.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    html = trafilatura.fetch_url(url)
    if not html:
        raise SourceError(f"{url}: the page could not be fetched")
    return article_from_html(html, source=url, url=url)


def article_from_html(html: str, *, source: str = "the page", url: str = "") -> ArticleText:
    """The main text of an HTML page, with its title and publication date when the page gives them."""
    import trafilatura

    text = trafilatura.extract(html, url=url or None, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise SourceError(f"{source}: no article text found in the page")
    metadata = trafilatura.extract_metadata(html, default_url=url or None)
    published_on = None
    if metadata is not None and metadata.date:
        try:
            published_on = date.fromisoformat(metadata.date[:10])
        except ValueError:
            published_on = None
    title = (metadata.title or "") if metadata is not None else ""
    return ArticleText(text=text, published_on=published_on, title=title, url=url)
