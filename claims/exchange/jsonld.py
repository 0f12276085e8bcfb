"""Finding ClaimReview objects in the documents other publishers put out.

One reader for every form seen in the wild:

- a web page's ``<script type="application/ld+json">`` blocks, several per page, each holding one
  object, a list, an ``@graph``, or a ClaimReview nested under a WebPage or an Article
  (``mainEntity``, ``review``, ``hasPart``...);
- a bare ClaimReview object or list, as publishers export them;
- a schema.org DataFeed (``dataFeedElement[].item[]``), as Data Commons publishes them;
- a Google Fact Check Tools ``claims:search`` response (``claims[].claimReview[]``), or one claim;
- a captured page, ``{"url": ..., "page": "<html>..."}``.

A broken JSON-LD block is skipped and named ("block 2 of page.html: Expecting ',' ...") while
the rest of the page is still read. ``@id`` references inside a document are followed, so a
ClaimReview whose author or claim is a separate node of the ``@graph`` reads whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from .normalise import Node, record_from_claim_review, record_from_google_review, type_names
from .records import ExternalReviewRecord, Problem, SourceFormat

FEED_TYPES = {"DataFeed", "DataFeedItem"}


@dataclass
class ParsedDocument:
    """What one document held: its reviews (each once), what was skipped, or why it was unreadable."""

    where: str
    records: list[ExternalReviewRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: str = ""

    def add(self, record: ExternalReviewRecord) -> None:
        for index, seen in enumerate(self.records):
            if seen.url == record.url:
                self.records[index] = seen.merged_with(record)
                return
        self.records.append(record)


@dataclass
class _Found:
    node: dict[str, Any]
    source_format: str
    google_claim: dict[str, Any] | None = None


class _PageReader(HTMLParser):
    """The JSON-LD blocks of a page, with its language and its canonical address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.language = ""
        self.canonical = ""
        self._in_block = False
        self._chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: (value or "") for name, value in attrs}
        if tag == "script" and values.get("type", "").split(";")[0].strip().lower() == "application/ld+json":
            self._in_block, self._chunks = True, []
        elif tag == "html" and not self.language:
            self.language = values.get("lang", "").strip()
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split() and not self.canonical:
            self.canonical = values.get("href", "").strip()

    def handle_data(self, data: str) -> None:
        if self._in_block:
            self._chunks.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_block:
            self.blocks.append("".join(self._chunks))
            self._in_block = False


def _block_text(raw: str) -> str:
    """A block's JSON, without the comment or CDATA wrappers some sites put around it."""
    text = raw.strip()
    for opening, closing in (("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>")):
        if text.startswith(opening) and text.endswith(closing):
            text = text[len(opening) : -len(closing)].strip()
    return text


def read_html(text: str, *, where: str, base_url: str = "") -> ParsedDocument:
    """Every ClaimReview in a page's JSON-LD blocks; a broken block is named and skipped."""
    reader = _PageReader()
    reader.feed(text)
    reader.close()
    parsed = ParsedDocument(where=where)
    base = base_url or reader.canonical
    total = len(reader.blocks)
    found = 0
    for number, raw in enumerate(reader.blocks, start=1):
        name = f"block {number} of {where}"
        try:
            data = json.loads(_block_text(raw))
        except json.JSONDecodeError as exc:
            parsed.problems.append(Problem(name, str(exc)))
            continue
        found += _read_value(
            data, parsed, where=name, base_url=base, language=reader.language, source_format=SourceFormat.HTML
        )
    if not total:
        parsed.problems.append(Problem(where, "no JSON-LD block in this page"))
    elif not found and len(parsed.problems) < total:
        parsed.problems.append(Problem(where, "no ClaimReview in the JSON-LD of this page"))
    return parsed


def read_json(data: Any, *, where: str, base_url: str = "") -> ParsedDocument:
    """Every review in a JSON document: ClaimReview(s), DataFeed, Google response, captured page."""
    if isinstance(data, dict) and isinstance(data.get("page"), str) and data["page"].lstrip().startswith("<"):
        url = data.get("url") if isinstance(data.get("url"), str) else ""
        return read_html(data["page"], where=where, base_url=url or base_url)
    parsed = ParsedDocument(where=where)
    if not _read_value(data, parsed, where=where, base_url=base_url, language="", source_format=SourceFormat.JSON):
        parsed.problems.append(Problem(where, "no ClaimReview here"))
    return parsed


def read_text(text: str, *, where: str, base_url: str = "") -> ParsedDocument:
    """A document as fetched or read from a file: HTML when it starts with ``<``, JSON otherwise."""
    text = text.lstrip("\ufeff")
    if text.lstrip().startswith("<"):
        return read_html(text, where=where, base_url=base_url)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = [line for line in text.splitlines() if line.strip()]
        if exc.msg != "Extra data" or len(lines) < 2:
            return ParsedDocument(where=where, unreadable=f"neither JSON nor an HTML page: {exc}")
        try:  # JSON Lines: one document a line
            data = [json.loads(line) for line in lines]
        except json.JSONDecodeError:
            return ParsedDocument(where=where, unreadable=f"neither JSON nor an HTML page: {exc}")
    return read_json(data, where=where, base_url=base_url)


def _read_value(
    data: Any, parsed: ParsedDocument, *, where: str, base_url: str, language: str, source_format: str
) -> int:
    """Reads the reviews of one JSON value into ``parsed``; returns how many were found."""
    ids: dict[str, dict[str, Any]] = {}
    _index_ids(data, ids)
    found = list(_find(data, source_format))
    for number, item in enumerate(found, start=1):
        name = where if len(found) == 1 else f"review {number} of {where}"
        if item.google_claim is not None:
            result = record_from_google_review(item.google_claim, item.node, base_url=base_url)
        else:
            node = Node(item.node, ids)
            result = record_from_claim_review(
                node, base_url=base_url, language=language, source_format=item.source_format
            )
        if isinstance(result, str):
            parsed.problems.append(Problem(name, result))
        else:
            parsed.add(result)
    return len(found)


def _index_ids(value: Any, ids: dict[str, dict[str, Any]]) -> None:
    """Nodes that carry an ``@id`` and more than it, so that bare references can be followed."""
    if isinstance(value, list):
        for item in value:
            _index_ids(item, ids)
    elif isinstance(value, dict):
        node_id = value.get("@id")
        if isinstance(node_id, str) and len(value) > 1:
            ids.setdefault(node_id, value)
        for item in value.values():
            _index_ids(item, ids)


def _find(value: Any, source_format: str) -> Iterator[_Found]:
    if isinstance(value, list):
        for item in value:
            yield from _find(item, source_format)
        return
    if not isinstance(value, dict):
        return
    types = type_names(value)
    if "ClaimReview" in types:
        yield _Found(value, source_format)
        return
    reviews = value.get("claimReview")
    if isinstance(reviews, list) and "@type" not in value:
        for review in reviews:
            if isinstance(review, dict):
                yield _Found(review, SourceFormat.GOOGLE, google_claim=value)
        return
    if types & FEED_TYPES:
        source_format = SourceFormat.DATAFEED
    for key, item in value.items():
        if key != "@context" and isinstance(item, dict | list):
            yield from _find(item, source_format)
