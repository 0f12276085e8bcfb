"""``/api/v1/claimreview/feed``: every published review as a schema.org DataFeed, paginated."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Max, OuterRef
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..claimreview import claim_review, data_feed
from ..models import Claim, Verdict
from .claimreview_schema import DATA_FEED_SCHEMA
from .pagination import MAX_PAGE_SIZE, PageNumberPagination


def published_reviews():
    """Published claims, latest verdict first, loaded for ``claim_review()``."""
    published_at = Verdict.objects.filter(claim=OuterRef("pk"), is_current=True).values("published_at")[:1]
    return (
        Claim.objects.published()
        .with_overview()
        .annotate(verdict_published_at=published_at)
        .order_by("-verdict_published_at", "-pk")
    )


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
        claims = published_reviews()
        page = paginator.paginate_queryset(claims, request, view=self)
        reviews = [claim_review(claim, settings.SITE_URL) for claim in page]
        latest = Verdict.objects.filter(claim__in=Claim.objects.published(), is_current=True).aggregate(
            latest=Max("modified_at"), published=Max("published_at")
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
