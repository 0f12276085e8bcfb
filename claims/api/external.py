"""``/api/v1/external-reviews``: other publishers' reviews, for the desk; and their import.

``POST /api/v1/external-reviews/import`` takes what the importer reads (a JSON-LD document, a
DataFeed, a ``claims:search`` answer, a web page) as the request body, or as the ``file`` of a
multipart upload, and answers with what it did and what it skipped, by name.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from ..exchange.importer import import_claimreview_texts
from ..models.external import ExternalReview
from .parsers import LimitedJSONParser
from .permissions import IsDesk

MAX_IMPORT_BYTES = 20 * 1024 * 1024


class ExternalReviewSerializer(serializers.ModelSerializer):
    rating = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = ExternalReview
        fields = [
            "id",
            "url",
            "publisher_name",
            "publisher_site",
            "title",
            "textual_rating",
            "rating",
            "claim_text",
            "claimant_name",
            "claim_date",
            "review_date",
            "language",
            "appearances",
            "source_format",
            "claim",
            "match_status",
            "match_score",
            "imported_at",
            "updated_at",
        ]
        read_only_fields = fields


class ImportReportSerializer(serializers.Serializer):
    summary = serializers.CharField()
    found = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    proposed = serializers.IntegerField()
    skipped = serializers.ListField(child=serializers.CharField())
    failed = serializers.ListField(child=serializers.CharField())


def _document(request: Request) -> tuple[str, str]:
    """The uploaded file, or else the raw body, as ``(name, text)``."""
    if request.content_type.startswith("multipart/"):
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["Send the document as the multipart field “file”."]})
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError({"file": ["The file is larger than 20 MB."]})
        name, raw = upload.name, upload.read()
    else:
        name, raw = "the request body", request.body
    if not raw.strip():
        raise ValidationError({"document": ["The document is empty."]})
    try:
        return name, raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"document": ["The document is not UTF-8 text."]}) from None


@extend_schema(tags=["external-reviews"])
class ExternalReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Reviews by other fact-checkers, as imported, with the match to our claims (desk only)."""

    serializer_class = ExternalReviewSerializer
    permission_classes = [IsDesk]
    queryset = ExternalReview.objects.select_related("rating").order_by("-imported_at", "-id")

    @extend_schema(
        summary="Import other publishers' ClaimReview (JSON-LD, DataFeed, claims:search answer or HTML page)",
        request={
            "application/json": OpenApiTypes.OBJECT,
            "application/ld+json": OpenApiTypes.OBJECT,
            "text/html": OpenApiTypes.STR,
            "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}},
        },
        responses={
            200: ImportReportSerializer,
            400: OpenApiResponse(description="Nothing could be read from the document."),
        },
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser, LimitedJSONParser])
    def import_reviews(self, request: Request) -> Response:
        report = import_claimreview_texts([_document(request)], user=request.user)
        body = {
            "summary": report.summary(),
            "found": len(report.found),
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "proposed": report.proposed,
            "skipped": [str(problem) for problem in report.skipped],
            "failed": [str(problem) for problem in report.failed],
        }
        unreadable = not report.found and (report.failed or report.skipped)
        return Response(body, status=status.HTTP_400_BAD_REQUEST if unreadable else status.HTTP_200_OK)
