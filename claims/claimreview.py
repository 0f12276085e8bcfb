"""schema.org ClaimReview for one verdict (SPEC §5): the object the API returns and the
verdict page embeds as JSON-LD."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation

from .models import Claim, ClaimantKind


def _reader_language(claim: Claim) -> str:
    """The site language closest to the claim's own: its verdict page is read in it."""
    codes = {code for code, _name in settings.LANGUAGES}
    return claim.language if claim.language in codes else settings.LANGUAGE_CODE


def _date(value) -> str | None:
    if value is None:
        return None
    return timezone.localdate(value).isoformat() if hasattr(value, "tzinfo") else value.isoformat()


def claim_review(claim: Claim, request: HttpRequest) -> dict[str, Any]:
    """The ClaimReview of the claim's current verdict, in the claim's language."""
    verdict = claim.current_verdict
    rating = verdict.rating
    english = claim.language == "en"
    with translation.override(_reader_language(claim)):
        url = request.build_absolute_uri(claim.get_absolute_url())
        article_url = claim.article.url or request.build_absolute_uri(claim.article.get_absolute_url())

    review_rating: dict[str, Any] = {"@type": "Rating"}
    if rating.value is not None:
        review_rating["ratingValue"] = rating.value
    review_rating.update(
        {
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": (rating.label_en if english else rating.label_fr) or rating.label_fr,
        }
    )

    claimant = claim.claimant
    appearance = {"@type": "CreativeWork", "url": article_url}
    first_appearance = (
        {"@type": "CreativeWork", "url": claim.article.original_url} if claim.article.original_url else appearance
    )
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": (claim.restatement_en if english else claim.restatement) or claim.restatement,
        "datePublished": _date(verdict.published_at),
        "dateModified": _date(verdict.date_modified),
        "author": {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL},
        "reviewRating": review_rating,
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": "Person" if claimant.kind == ClaimantKind.PERSON else "Organization",
                "name": claimant.name,
            },
            "datePublished": _date(claim.claimed_on),
            "appearance": [appearance],
            "firstAppearance": first_appearance,
        },
        "inLanguage": claim.language,
    }
