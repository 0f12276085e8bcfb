"""Linking other publishers' reviews to our claims: proposed by the importer, decided by an editor.

A match is only ever a link. Confirming one makes the review eligible to be shown beside our
verdict; it never changes our verdict, and a rejected match is kept so that the same pairing is
not proposed again.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from claims.models import Claim

from ..models.external import ExternalReview, MatchStatus

CHANGE_PERMISSION = "claims.change_externalreview"


def propose_match(review: ExternalReview) -> bool:
    """Proposes our claim most similar to the review's claim, if any is similar enough.

    Only a review without a match gets one: a proposal, a confirmation or a rejection already
    made stays as it is. Returns whether a match was proposed.
    """
    if review.match_status or not review.claim_text:
        return False
    best = Claim.objects.similar_to(review.claim_text, limit=1).first()
    if best is None:
        return False
    review.claim = best
    review.match_status = MatchStatus.PROPOSED
    review.match_score = round(min(max(float(best.similarity), 0.0), 1.0), 4)
    review.save(update_fields=["claim", "match_status", "match_score"])
    return True


def _check(user) -> None:
    if not user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied("Only editors decide whether another publisher's review matches one of our claims.")


@transaction.atomic
def confirm_match(*, review: ExternalReview, user, claim: Claim | None = None) -> ExternalReview:
    """Confirms the proposed claim, or links ``claim`` instead (a match the importer missed)."""
    _check(user)
    if claim is not None and claim.pk != review.claim_id:
        review.claim, review.match_score = claim, None
    if review.claim_id is None:
        raise ValueError("there is no claim to confirm: name one")
    review.match_status = MatchStatus.CONFIRMED
    review.save(update_fields=["claim", "match_status", "match_score"])
    return review


@transaction.atomic
def reject_match(*, review: ExternalReview, user) -> ExternalReview:
    """Rejects the proposed claim; the pairing is remembered so that no import proposes it again."""
    _check(user)
    if review.claim_id is None:
        raise ValueError("this review has no match to reject")
    review.match_status = MatchStatus.REJECTED
    review.save(update_fields=["match_status"])
    return review
