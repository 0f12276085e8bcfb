"""``/api/v1/claimreview/feed``: every published review as a schema.org DataFeed, paginated; and the
OpenAPI schemas (raw JSON Schema) of the JSON-LD this API answers with."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Max
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..claimreview import claim_review, data_feed
from ..models import Claim, Verdict
from .pagination import MAX_PAGE_SIZE, PageNumberPagination

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
                "appearance": {"type": "array", "items": _CREATIVE_WORK},
                "firstAppearance": _CREATIVE_WORK,
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
        "numberOfItems": {"type": "integer"},
        "next": {"type": "string", "nullable": True},
        "previous": {"type": "string", "nullable": True},
        "dataFeedElement": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "@type": _STRING,
                    "dateCreated": _DATE_TIME,
                    "dateModified": _DATE_TIME,
                    "item": {"type": "array", "items": CLAIM_REVIEW_SCHEMA},
                },
                "required": ["@type", "item"],
            },
        },
    },
    "required": ["@context", "@type", "dataFeedElement"],
}


class ClaimReviewFeedView(APIView):
    pagination_class = PageNumberPagination

    @extend_schema(
        summary="Every published ClaimReview as a schema.org DataFeed",
        parameters=[
            OpenApiParameter("page", int, description="Page number, from 1."),
            OpenApiParameter("page_size", int, description=f"Reviews per page, at most {MAX_PAGE_SIZE}."),
        ],
        responses={200: OpenApiResponse(DATA_FEED_SCHEMA, description="schema.org DataFeed (JSON-LD).")},
    )
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        claims = Claim.objects.published().list_rows().latest_first()
        page = paginator.paginate_queryset(claims, request, view=self)
        reviews = [claim_review(claim, settings.SITE_URL) for claim in page]
        latest = (
            Verdict.objects.current()
            .filter(claim__in=Claim.objects.published())
            .aggregate(latest=Max("modified_at"), published=Max("published_at"))
        )
        feed = data_feed(
            reviews,
            url=request.build_absolute_uri(),
            date_modified=max(filter(None, [latest["latest"], latest["published"]]), default=None),
        )
        feed["numberOfItems"] = paginator.page.paginator.count
        feed["next"] = paginator.get_next_link()
        feed["previous"] = paginator.get_previous_link()
        return Response(feed)
