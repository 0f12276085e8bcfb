"""Full-text search over claims, shared by the API and the public pages.

On PostgreSQL: a real full-text search with the French configuration, accent-insensitive
(``unaccent``), ranked. The text vector is the claim's stored column ``search_vector`` (migration
0007; PostgreSQL computes it with the SQL function ``claims_claim_document`` of 0004), served by the
GIN index ``claim_search_vector_idx``. Only the newest :data:`CANDIDATES` matches (the highest ids)
are ranked, so that a common word costs a bounded amount of work, not one rank per match. Newest,
not "the first found": PostgreSQL starts a scan of a large table wherever another scan is
(``synchronize_seqscans``), so the first ones found change from one request to the next, and a
search's pages with them.

On SQLite (the embedded default): a plain fallback; every word of the query must appear,
case- and accent-insensitively, in the quote or one of the restatements. A trailing plural
``s`` is dropped from each word so that "morts" still finds "mortes".
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Expression, F, Func, Q, Subquery, Value

if TYPE_CHECKING:
    from ..models import ClaimQuerySet

SEARCH_CONFIG = "french"
MAX_QUERY_LENGTH = 200
# How many matches are ranked at most; the rest of a very common word's matches are left out. A
# word in one claim in ten, at a million claims, is a hundred thousand matches: its newest 500 are
# 50 pages of ten, and cost half the reading of 1,000 (claims:search 13.8 to 10.9 ms, ?q= 28.9 to
# 20.9 ms, one request at a time).
CANDIDATES = 500


def fold(text: str | None) -> str | None:
    """Lower-case, accent-free text: the SQLite stand-in for ``unaccent(lower(...))``."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: give SQLite the ``claims_fold`` function the fallback uses."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("claims_fold", 1, fold, deterministic=True)


class ClaimDocument(Expression):
    """The claim's stored tsvector, ``search_vector`` (a column PostgreSQL keeps, unknown to the model)."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.search_vector", []


class BestCandidates(Subquery):
    """The ids of the best-ranked of a search's newest :data:`CANDIDATES` matches, as many as the
    outer query's page reaches (its ``high_mark``); all of them, unranked, for a count.

    The outer query then joins its articles, claimants and verdicts for one page of claims, not
    for every candidate; it ranks those again to order them, the same way."""

    template = (
        "(SELECT best.candidate_id FROM (%(subquery)s) AS best"
        " ORDER BY best.candidate_rank DESC, best.candidate_id LIMIT %(limit)s)"
    )

    def __init__(self, matches: ClaimQuerySet, search: SearchQuery) -> None:
        rank = SearchRank(ClaimDocument(), search)
        candidates = matches.order_by("-pk").annotate(candidate_id=F("pk"), candidate_rank=rank)
        super().__init__(candidates.values("candidate_id", "candidate_rank")[:CANDIDATES])
        self.every_candidate = Subquery(matches.order_by("-pk").values("pk")[:CANDIDATES])

    def resolve_expression(self, *args, **kwargs):
        clone = super().resolve_expression(*args, **kwargs)
        clone.every_candidate = self.every_candidate.resolve_expression(*args, **kwargs)
        return clone

    def as_sql(self, compiler, connection, template=None, **extra_context):
        high_mark = compiler.query.high_mark
        if high_mark is None:  # a count, or every match: nothing to rank here
            return self.every_candidate.as_sql(compiler, connection)
        limit = int(min(high_mark, CANDIDATES))
        return super().as_sql(compiler, connection, template=template, limit=limit, **extra_context)


def _terms(query: str) -> list[str]:
    words = re.findall(r"\w+", fold(query) or "")
    return [word[:-1] if len(word) > 3 and word.endswith("s") else word for word in words]


def search_claims(queryset: ClaimQuerySet, query: str) -> ClaimQuerySet:
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        search = SearchQuery(
            Func(Value(query), function="claims_unaccent"),
            config=SEARCH_CONFIG,
            search_type="websearch",
        )
        matches = queryset.alias(search_document=ClaimDocument()).filter(search_document=search)
        return (
            queryset.filter(pk__in=BestCandidates(matches, search))
            .annotate(search_rank=SearchRank(ClaimDocument(), search))
            .order_by("-search_rank", "pk")
        )
    terms = _terms(query)
    if not terms:
        return queryset.none()
    folded = queryset.alias(
        fold_quote=Func(F("quote"), function="claims_fold"),
        fold_restatement=Func(F("restatement"), function="claims_fold"),
        fold_restatement_en=Func(F("restatement_en"), function="claims_fold"),
    )
    for term in terms:
        folded = folded.filter(
            Q(fold_quote__contains=term) | Q(fold_restatement__contains=term) | Q(fold_restatement_en__contains=term)
        )
    return folded
