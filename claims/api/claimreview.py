"""``/api/v1/claimreview/feed``: every published review as one schema.org DataFeed, streamed; and the
OpenAPI schemas (raw JSON Schema) of the JSON-LD this API answers with."""

from __future__ import annotations

from django.db.models import Max
from django.http import StreamingHttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from ..claimreview import REVIEW_LANGUAGES, claim_review, site_url, stream_data_feed
from ..models import Claim, Verdict
from .renderers import JSONLDRenderer

# Claims read from the database per query while streaming (each with its prefetched verdict).
FEED_CHUNK = 200

_STRING = {"type": "string"}
_DATE_TIME = {"type": "string", "format": "date-time"}
_NULLABLE_STRING = {"type": "string", "nullable": True}

_THING = {
    "type": "object",
    "properties": {"@type": _STRING, "name": _STRING, "url": _STRING},
    "required": ["@type", "name"],
}

_CREATIVE_WORK = {
    "type": "object",
    "properties": {"@type": _STRING, "url": _STRING, "headline": _STRING},
    "required": ["@type", "url"],
}

_APPEARANCE = {
    **_CREATIVE_WORK,
    "properties": {
        **_CREATIVE_WORK["properties"],
        "datePublished": {"type": "string", "format": "date", "nullable": True},
        "publisher": _THING,
    },
}

_FIRST_APPEARANCE = {
    **_CREATIVE_WORK,
    "properties": {**_CREATIVE_WORK["properties"], **_APPEARANCE["properties"], "inLanguage": _STRING},
}

CLAIM_REVIEW_SCHEMA = {
    "type": "object",
    "properties": {
        "@context": _STRING,
        "@type": {"type": "string", "enum": ["ClaimReview"]},
        "url": {"type": "string", "format": "uri"},
        "claimReviewed": _STRING,
        "datePublished": _DATE_TIME,
        "dateModified": _DATE_TIME,
        "author": _THING,
        "reviewRating": {
            "type": "object",
            "properties": {
                "@type": _STRING,
                "ratingValue": {"type": "integer", "minimum": 1, "maximum": 5},
                "bestRating": {"type": "integer"},
                "worstRating": {"type": "integer"},
                "alternateName": _STRING,
            },
            "required": ["@type", "alternateName"],
        },
        "itemReviewed": {
            "type": "object",
            "properties": {
                "@type": _STRING,
                "author": _THING,
                "datePublished": {"type": "string", "format": "date"},
                "appearance": {"type": "array", "items": _APPEARANCE},
                "firstAppearance": _FIRST_APPEARANCE,
            },
            "required": ["@type", "author"],
        },
        "inLanguage": _STRING,
    },
    "required": ["@context", "@type", "url", "claimReviewed", "datePublished", "reviewRating", "itemReviewed"],
}

DATA_FEED_SCHEMA = {
    "type": "object",
    "properties": {
        "@context": _STRING,
        "@type": {"type": "string", "enum": ["DataFeed"]},
        "name": _STRING,
        "url": _STRING,
        "dateModified": {**_DATE_TIME, "nullable": True},
        "dataFeedElement": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "@type": _STRING,
                    "url": {"type": "string", "format": "uri"},
                    "dateCreated": _DATE_TIME,
                    "dateModified": _DATE_TIME,
                    "item": {"type": "array", "items": CLAIM_REVIEW_SCHEMA},
                },
                "required": ["@type", "url", "item"],
            },
        },
    },
    "required": ["@context", "@type", "dataFeedElement"],
}


class ClaimReviewFeedView(APIView):
    """The whole feed in one response, streamed: constant memory however many reviews are published."""

    renderer_classes = [JSONRenderer, JSONLDRenderer]

    @extend_schema(
        summary="Every published ClaimReview as one schema.org DataFeed document",
        parameters=[
            OpenApiParameter(
                "language",
                str,
                enum=list(REVIEW_LANGUAGES),
                default="fr",
                description="The language of the reviews (restatement, rating label, verdict page).",
            )
        ],
        responses={200: OpenApiResponse(DATA_FEED_SCHEMA, description="schema.org DataFeed (JSON-LD).")},
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        language = request.query_params.get("language", "fr")
        if language not in REVIEW_LANGUAGES:
            raise ValidationError({"language": [f"Choose one of: {', '.join(REVIEW_LANGUAGES)}."]})
        base_url = site_url(request)
        claims = Claim.objects.published().list_rows().latest_first()
        latest = {
            "published": Claim.objects.published().aggregate(published=Max("published_at"))["published"],
            "latest": Verdict.objects.current()
            .filter(modified_at__isnull=False, claim__in=Claim.objects.published())
            .aggregate(latest=Max("modified_at"))["latest"],
        }
        reviews = (claim_review(claim, base_url, language=language) for claim in claims.iterator(chunk_size=FEED_CHUNK))
        chunks = stream_data_feed(
            reviews,
            url=request.build_absolute_uri(),
            date_modified=max(filter(None, [latest["latest"], latest["published"]]), default=None),
        )
        media_type = request.accepted_renderer.media_type
        return StreamingHttpResponse((chunk.encode() for chunk in chunks), content_type=f"{media_type}; charset=utf-8")
