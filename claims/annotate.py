"""Cutting an article's text into paragraphs of plain and highlighted runs, for the article page."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Run:
    text: str
    claim: Any = None  # the claim highlighted by this run, None for plain text
    first: bool = True  # False for the continuation of a claim cut by a paragraph break


def annotate(text: str, claims: Iterable[Any]) -> list[list[Run]]:
    """Paragraphs of runs; each claim's run covers ``text[claim.start:claim.end]`` exactly.

    Claims are placed by their offsets, in order. A claim that overlaps the previous one,
    or whose offsets fall outside the text, is left out rather than garbling the text.
    """
    runs: list[Run] = []
    position = 0
    for claim in sorted(claims, key=lambda c: (c.start, c.end)):
        if claim.start < position or claim.end > len(text) or claim.start >= claim.end:
            continue
        if claim.start > position:
            runs.append(Run(text[position : claim.start]))
        runs.append(Run(text[claim.start : claim.end], claim))
        position = claim.end
    if position < len(text):
        runs.append(Run(text[position:]))

    paragraphs: list[list[Run]] = [[]]
    for run in runs:
        pieces = PARAGRAPH_BREAK.split(run.text)
        for index, piece in enumerate(pieces):
            if index:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append(Run(piece, run.claim, first=index == 0 or run.claim is None))
    return [paragraph for paragraph in paragraphs if paragraph]
