"""``/api/v1/claimreview/feed``: every published review as one schema.org DataFeed, from its copy on
disk or streamed live (``claims.datafeed``); and the OpenAPI schemas (raw JSON Schema) of the
JSON-LD this API answers with."""

from __future__ import annotations

from django.http import FileResponse, StreamingHttpResponse
from django.utils.cache import patch_vary_headers
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from .. import datafeed
from ..claimreview import REVIEW_LANGUAGES, site_url
from .renderers import JSONLDRenderer

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


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an ``Accept-Encoding`` header takes gzip (named, or ``*``, with a quality above 0)."""
    qualities = {}
    for part in accept_encoding.split(","):
        coding, *parameters = (item.strip() for item in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        qualities[coding.lower()] = quality
    for coding in ("gzip", "x-gzip", "*"):
        if coding in qualities:
            return qualities[coding] > 0
    return False


class ClaimReviewFeedView(APIView):
    """The whole feed in one response: the copy on disk of the current content version when it is
    written (a file the server sends as it is, gzipped to clients that take it), the live document
    streamed from the database otherwise. Constant memory however many reviews are published."""

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
        content_type = f"{request.accepted_renderer.media_type}; charset=utf-8"
        packed = accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        copy = datafeed.current_copy(language=language, base_url=base_url, packed=packed)
        if copy is None:
            return StreamingHttpResponse(
                datafeed.live_chunks(language=language, base_url=base_url), content_type=content_type
            )
        response = FileResponse(copy.file, content_type=content_type)
        response.headers.pop("Content-Disposition", None)  # FileResponse names the file; the live answer does not
        if copy.packed:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ["Accept-Encoding"])
        return response
