"""Existing claims that say what a proposal says, so that nothing is checked twice.

``Claim.objects.similar_to`` compares trigrams on PostgreSQL (one indexed query per proposal)
and falls back on difflib elsewhere. Only proposals at or over the check-worthiness threshold
are looked up, and none when the database holds no claim.
"""

from __future__ import annotations

from django.db import DatabaseError

from .results import Proposal, SimilarClaim
from .scoring import THRESHOLD

SIMILAR_LIMIT = 3


def attach_similar(proposals: list[Proposal], *, threshold: float = THRESHOLD, limit: int = SIMILAR_LIMIT) -> None:
    from claims.models import Claim

    try:
        if not Claim.objects.exists():
            return
        for proposal in proposals:
            if proposal.score < threshold:
                continue
            proposal.similar = [
                SimilarClaim(claim_id=claim.pk, score=round(float(claim.similarity), 2))
                for claim in Claim.objects.similar_to(proposal.quote, limit=limit)
            ]
    except DatabaseError:
        return  # no database, or not migrated yet: the proposals stand without matches
