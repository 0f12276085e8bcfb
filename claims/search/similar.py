"""Claims that say nearly the same thing as a text: the claim form's "similar claims" and intake's matching.

PostgreSQL compares trigrams (pg_trgm) with GIN indexes; other databases fall back on difflib,
which is fine at a desk's scale.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from django.db import connections, models
from django.db.models import Q
from django.db.models.functions import Greatest

if TYPE_CHECKING:
    from ..models import ClaimQuerySet

SIMILARITY_FALLBACK_THRESHOLD = 0.45


def _normalise_for_similarity(text: str) -> str:
    """Lower case, one space between words, and figures written without thousands separators."""
    text = re.sub(r"(?<=\d)[\s\u00a0\u202f.,](?=\d{3}\b)", "", text)
    return " ".join(text.lower().split())


def _difflib_similarity(text: str, other: str) -> float:
    return difflib.SequenceMatcher(None, text, _normalise_for_similarity(other), autojunk=False).ratio()


def similar_claims(queryset: ClaimQuerySet, text: str, *, limit: int = 5) -> ClaimQuerySet:
    """Claims that say nearly what ``text`` says, most similar first, each with ``similarity`` (0 to 1).

    PostgreSQL compares trigrams (pg_trgm) of the restatement and of the quote, filtered with the
    ``%`` operator (``pg_trgm.similarity_threshold``, 0.3 by default) that the GIN indexes of
    migration 0004 serve. Other databases fall back on
    difflib over every claim, which is fine at a desk's scale.
    """
    text = _normalise_for_similarity(text)
    if not text:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        return (
            queryset.filter(Q(restatement__trigram_similar=text) | Q(quote__trigram_similar=text))
            .annotate(similarity=Greatest(TrigramSimilarity("restatement", text), TrigramSimilarity("quote", text)))
            .order_by("-similarity", "pk")[:limit]
        )
    scores = {}
    for pk, restatement, quote in queryset.values_list("pk", "restatement", "quote"):
        score = max(_difflib_similarity(text, restatement), _difflib_similarity(text, quote))
        if score >= SIMILARITY_FALLBACK_THRESHOLD:
            scores[pk] = score
    best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
    if not best:
        return queryset.none()
    return (
        queryset.filter(pk__in=[pk for pk, _score in best])
        .annotate(
            similarity=models.Case(
                *(models.When(pk=pk, then=models.Value(score)) for pk, score in best),
                output_field=models.FloatField(),
            )
        )
        .order_by("-similarity", "pk")
    )
