"""Read endpoints of ``/api/v1/``. Anonymous clients start from the ``published()`` QuerySets;
staff see everything. Each ``get_queryset`` loads exactly what its serializer reads, so a page
of 1 and a page of 100 run the same number of queries."""

from __future__ import annotations

import csv
from io import StringIO

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from .. import workflow
from ..claimreview import claim_review
from ..models import Article, Claim, Claimant, Evidence, Quantity, Rating, Source, UpdateNote, Verdict
from .claimreview_schema import CLAIM_REVIEW_SCHEMA
from .filters import ClaimFilter, ClaimOrderingFilter
from .permissions import IsStaff
from .serializers import (
    ArticleDetailSerializer,
    ArticleSerializer,
    ClaimantSerializer,
    ClaimDetailSerializer,
    ClaimSerializer,
    RatingSerializer,
    SourceSerializer,
)
from .versions import IfMatchMixin, claim_etag, parse_if_match
from .write_serializers import (
    ClaimWriteSerializer,
    SourceWriteSerializer,
    TransitionResultSerializer,
    TransitionSerializer,
)

WRITE_ACTIONS = {"create", "update", "partial_update"}

# The languages a ClaimReview is built in: the site's two.
REVIEW_LANGUAGES = ("fr", "en")


def transition_schema(summary: str):
    return extend_schema(
        summary=summary, filters=False, request=TransitionSerializer, responses=TransitionResultSerializer
    )


class WritableViewSet(
    IfMatchMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Everyone reads; staff create and update (through the write serializers' services). No deletes."""

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        """The object, with its version as ``ETag``: what to send back in ``If-Match`` when changing it."""
        instance = self.get_object()
        return Response(self.get_serializer(instance).data, headers={"ETag": f'"{instance.version}"'})


def is_staff(request: Request) -> bool:
    user = request.user
    return bool(user and user.is_authenticated and user.is_staff)


class StaffSeesAllMixin:
    """``published()`` for everyone, the whole table for staff."""

    model = None

    def base_queryset(self):
        manager = self.model.objects
        return manager.all() if is_staff(self.request) else manager.published()


CSV_COLUMNS = [
    "id",
    "slug",
    "status",
    "claimed_on",
    "claimant",
    "speaker",
    "kind",
    "language",
    "quote",
    "restatement_fr",
    "restatement_en",
    "rating",
    "rating_label_fr",
    "rating_label_en",
    "summary_fr",
    "summary_en",
    "published_at",
    "article",
    "page_url",
]


@extend_schema_view(
    list=extend_schema(summary="List claims", description="Published claims with their current verdict, filtered."),
    retrieve=extend_schema(summary="A claim with its verdict, quantities, evidence, corrections and update notes"),
    create=extend_schema(summary="Create a claim (staff)", filters=False),
    update=extend_schema(summary="Replace a claim (staff)", filters=False),
    partial_update=extend_schema(summary="Update a claim (staff)", filters=False),
)
class ClaimViewSet(StaffSeesAllMixin, WritableViewSet):
    model = Claim
    etag_part = "claim"

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        """The claim, with an ``ETag`` naming its version and its verdict's: either goes in ``If-Match``."""
        claim = self.get_object()
        return Response(self.get_serializer(claim).data, headers={"ETag": claim_etag(claim)})

    filter_backends = [DjangoFilterBackend, ClaimOrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ["claimed_on", "published_at", "checkworthiness", "id"]
    ordering = ["-claimed_on", "article", "start", "id"]

    def get_serializer_class(self):
        if self.action in WRITE_ACTIONS:
            return ClaimWriteSerializer
        return ClaimDetailSerializer if self.action == "retrieve" else ClaimSerializer

    def get_queryset(self):
        current = Verdict.objects.filter(is_current=True).select_related("rating")
        if self.action == "retrieve":
            current = current.select_related("author", "reviewer").prefetch_related("corrections__previous_rating")
        queryset = (
            self.base_queryset()
            .select_related("article", "claimant", "speaker")
            .prefetch_related("topics", Prefetch("verdicts", queryset=current, to_attr="current_verdicts"))
            .with_update_notes()
            .annotate(
                has_quantities=Exists(Quantity.objects.filter(claim=OuterRef("pk"))),
                published_at=Verdict.objects.filter(claim=OuterRef("pk"), is_current=True).values("published_at")[:1],
            )
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "quantities",
                Prefetch("evidence", queryset=Evidence.objects.select_related("source")),
                Prefetch("update_notes", queryset=UpdateNote.objects.prefetch_related("sources")),
            )
        return queryset

    @extend_schema(
        summary="The claims list as CSV (same filters)",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="UTF-8 CSV, one claim a row.")},
    )
    @action(detail=False, url_path="csv", pagination_class=None)
    def export_csv(self, request: Request) -> HttpResponse:
        claims = self.filter_queryset(self.get_queryset())
        buffer = StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for claim in claims:
            verdict = claim.current_verdict
            rating = verdict.rating if verdict else None
            writer.writerow(
                [
                    claim.pk,
                    claim.slug,
                    claim.status,
                    claim.claimed_on.isoformat(),
                    claim.claimant.name,
                    claim.speaker.name if claim.speaker else "",
                    claim.kind,
                    claim.language,
                    claim.quote,
                    claim.restatement,
                    claim.restatement_en,
                    rating.slug if rating else "",
                    rating.label_fr if rating else "",
                    rating.label_en if rating else "",
                    verdict.summary_fr if verdict else "",
                    verdict.summary_en if verdict else "",
                    verdict.published_at.isoformat() if verdict and verdict.published_at else "",
                    claim.article.slug,
                    request.build_absolute_uri(claim.get_absolute_url()),
                ]
            )
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response

    def transition(self, request: Request, move, **kwargs) -> Response:
        parameters = TransitionSerializer(data=request.data)
        parameters.is_valid(raise_exception=True)
        if_match = parse_if_match(request.headers.get("If-Match"), part="claim", pk=self.kwargs.get("pk"))
        version = parameters.validated_data.get("version", if_match)
        if move is workflow.reject:
            kwargs["reason"] = parameters.validated_data.get("reason", "")
        outcome = move(claim=self.get_object(), user=request.user, expected_version=version, **kwargs)
        body = {"claim": outcome.claim, "warnings": outcome.warnings}
        return Response(TransitionResultSerializer(body, context=self.get_serializer_context()).data)

    @transition_schema("Candidate → in review: hand the claim to an editor (fact-checkers)")
    @action(detail=True, methods=["post"], url_path="propose", permission_classes=[IsStaff])
    def propose(self, request: Request, pk: str | None = None) -> Response:
        return self.transition(request, workflow.propose_for_review)

    @transition_schema("In review → candidate: send the claim back to its fact-checker (editors)")
    @action(detail=True, methods=["post"], url_path="send-back", permission_classes=[IsStaff])
    def send_back(self, request: Request, pk: str | None = None) -> Response:
        return self.transition(request, workflow.send_back)

    @transition_schema("In review → published, with its current verdict (editors)")
    @action(detail=True, methods=["post"], url_path="publish", permission_classes=[IsStaff])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        return self.transition(request, workflow.publish)

    @transition_schema("Published → in review (editors)")
    @action(detail=True, methods=["post"], url_path="unpublish", permission_classes=[IsStaff])
    def unpublish(self, request: Request, pk: str | None = None) -> Response:
        return self.transition(request, workflow.unpublish)

    @transition_schema("Reject the claim as not worth checking, with a reason (editors)")
    @action(detail=True, methods=["post"], url_path="reject", permission_classes=[IsStaff])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return self.transition(request, workflow.reject)

    @extend_schema(
        summary="The schema.org ClaimReview of the claim's published verdict",
        filters=False,
        parameters=[
            OpenApiParameter(
                "language",
                str,
                enum=list(REVIEW_LANGUAGES),
                default="fr",
                description="The review's language, as the verdict page in that language embeds it.",
            )
        ],
        responses={200: OpenApiResponse(CLAIM_REVIEW_SCHEMA, description="ClaimReview JSON-LD (SPEC §5).")},
    )
    @action(detail=True, url_path="claimreview", filter_backends=[], pagination_class=None)
    def claimreview(self, request: Request, pk: str | None = None) -> Response:
        language = request.query_params.get("language", "fr")
        if language not in REVIEW_LANGUAGES:
            raise ValidationError({"language": [f"Choose one of: {', '.join(REVIEW_LANGUAGES)}."]})
        # Always the published QuerySet, staff or not: there is no review of a draft.
        claim = get_object_or_404(Claim.objects.published().with_overview(), pk=pk)
        return Response(claim_review(claim, settings.SITE_URL, language=language))


@extend_schema_view(
    list=extend_schema(summary="List articles that have published claims"),
    retrieve=extend_schema(summary="An article with its full text and translation notes"),
)
class ArticleViewSet(StaffSeesAllMixin, viewsets.ReadOnlyModelViewSet):
    model = Article

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    def get_queryset(self):
        queryset = self.base_queryset().order_by("-published_on", "title", "id")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("translation_notes")
        return queryset


@extend_schema_view(list=extend_schema(summary="List claimants"), retrieve=extend_schema(summary="A claimant"))
class ClaimantViewSet(StaffSeesAllMixin, viewsets.ReadOnlyModelViewSet):
    model = Claimant
    serializer_class = ClaimantSerializer

    def get_queryset(self):
        return self.base_queryset().order_by("name", "id")


@extend_schema_view(
    list=extend_schema(summary="List sources cited by published claims"),
    retrieve=extend_schema(summary="A source"),
    create=extend_schema(summary="Create a source (staff)"),
    update=extend_schema(summary="Replace a source (staff)"),
    partial_update=extend_schema(summary="Update a source (staff)"),
)
class SourceViewSet(StaffSeesAllMixin, WritableViewSet):
    model = Source

    def get_serializer_class(self):
        return SourceWriteSerializer if self.action in WRITE_ACTIONS else SourceSerializer

    def get_queryset(self):
        return self.base_queryset().order_by("publisher", "title", "id")


@extend_schema_view(list=extend_schema(summary="The rating scale"), retrieve=extend_schema(summary="A rating"))
class RatingViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Rating.objects.order_by("position", "slug")
    serializer_class = RatingSerializer
    lookup_field = "slug"
    pagination_class = None
