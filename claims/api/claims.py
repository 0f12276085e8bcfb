"""``/api/v1/claims``: the claims list and detail, their CSV export, their workflow transitions and
their ClaimReview. Anonymous clients see published claims; the desk sees everything."""

from __future__ import annotations

import csv
from collections.abc import Callable
from io import StringIO

from django.http import HttpResponse
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from ..cache import remember
from ..claimreview import REVIEW_LANGUAGES, claim_review, page_url, page_urls, site_url
from ..models import Article, Claim, Claimant, Topic, Verdict
from ..models.external import ExternalReview
from ..services import editing, transitions
from .base import (
    VERSION_HELP,
    WRITE_ACTIONS,
    ChangeNoteMixin,
    ReadSerializer,
    ServiceSerializer,
    WritableViewSet,
    reads_drafts,
)
from .claimreview import CLAIM_REVIEW_SCHEMA
from .filters import ClaimFilter, ClaimOrderingFilter, NamedFiltersBackend
from .pagination import bounded_count
from .parts import (
    PublicEvidenceSerializer,
    PublicMinorUpdateSerializer,
    PublicQuantitySerializer,
    PublicUpdateNoteSerializer,
    VerdictDetailSerializer,
    VerdictSummarySerializer,
)
from .permissions import IsDesk
from .reference import ArticleSummarySerializer, ClaimantSerializer
from .renderers import LINKED_DATA_RENDERERS
from .rows import RowShape
from .versions import claim_etag, parse_if_match


class TopicSlugsField(serializers.ListField):
    """The topics' slugs, which ``ClaimQuerySet.with_topics()`` gives as one space-separated text
    (a claim loaded without it has its topics read one query at a time)."""

    child = serializers.SlugField(help_text=Topic._meta.get_field("slug").help_text)

    def get_attribute(self, claim: Claim):
        if hasattr(claim, "topic_slugs"):
            return self.slugs(claim.topic_slugs)
        return [topic.slug for topic in claim.topics.all()]

    @staticmethod
    def slugs(text: str | None) -> list[str]:
        """The slugs in the annotation's text (SQLite gives NULL for a claim without topics)."""
        return text.split() if text else []

    def to_representation(self, data):
        return list(data)


def claim_page_urls(request: Request | None) -> Callable[[str], str]:
    """A claim's ``page_url`` in an answer to ``request`` (its public verdict page, in French), by slug."""
    return page_urls(Claim, request.build_absolute_uri("/").rstrip("/") if request else "", "fr")


class ClaimSerializer(ReadSerializer):
    """A claim in a list: who, what, when, and its current verdict in short."""

    restatement_fr = serializers.CharField(source="restatement", read_only=True)
    article = ArticleSummarySerializer(read_only=True)
    claimant = ClaimantSerializer(read_only=True)
    speaker = ClaimantSerializer(read_only=True, allow_null=True)
    topics = TopicSlugsField(source="topic_slugs", read_only=True)
    verdict = VerdictSummarySerializer(source="current_verdict", read_only=True, allow_null=True)
    page_url = serializers.SerializerMethodField(help_text="The public verdict page (French).")
    has_quantities = serializers.BooleanField(read_only=True)
    overtaken_by_events = serializers.BooleanField(source="has_update_note", read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "slug",
            "status",
            "quote",
            "start",
            "end",
            "restatement_fr",
            "restatement_en",
            "kind",
            "language",
            "claimed_on",
            "checkworthiness",
            "article",
            "claimant",
            "speaker",
            "topics",
            "has_quantities",
            "overtaken_by_events",
            "verdict",
            "page_url",
            "version",
        ]

    def get_page_url(self, claim: Claim) -> str:
        return self._page_url(claim.slug)

    @cached_property
    def _page_url(self) -> Callable[[str], str]:
        return claim_page_urls(self.context.get("request"))


def published_count(claims) -> int | None:
    """The unfiltered list's ``count`` (``bounded_count``), counted once per content version."""
    # In a list, since None (more than the limit) is what remember() takes for "not kept yet".
    return remember("api-claims-count", lambda: [bounded_count(claims)])[0]


class ClaimRows:
    """``ClaimSerializer``'s rows read as plain values, for the lists that anonymous clients read.

    The claims with their article, claimant, speaker, flags and topics in one query of ``values()``,
    their current verdicts with their ratings in a second; each row shaped by the serializer's
    :class:`~claims.api.rows.RowShape`, the same dict the serializer gives for the same claim.
    """

    # ClaimSerializer's fields that are not columns of the claim's row.
    GIVEN = ("topics", "verdict", "page_url")

    def __init__(self) -> None:
        serializer = ClaimSerializer()
        self.claim = RowShape(serializer, given=self.GIVEN)
        self.verdict = RowShape(serializer.fields["verdict"])
        self.topics = serializer.fields["topics"]
        self.columns = [*self.claim.columns, self.topics.source]
        # Built once, filtered for each page (selecting the columns costs as much as the rest of it),
        # in no order: one verdict per claim.
        self.current_verdicts = Verdict.objects.current().order_by().values("claim", *self.verdict.columns)

    def shape(self, rows: list[dict], request: Request) -> list[dict]:
        """``rows`` (of ``self.columns``) as ``ClaimSerializer(many=True)`` shows them."""
        current = list(self.current_verdicts.filter(claim__in=[row["id"] for row in rows]))
        verdicts = {
            verdict["claim"]: shaped for verdict, shaped in zip(current, self.verdict.shape(current), strict=True)
        }
        page_url = claim_page_urls(request)
        slugs = self.topics.slugs
        for row in rows:
            row["topics"] = slugs(row[self.topics.source])
            row["verdict"] = verdicts.get(row["id"])
            row["page_url"] = page_url(row["slug"])
        return self.claim.shape(rows)


class AlsoCheckedBySerializer(ReadSerializer):
    """Another publisher's review of the claim: theirs, never our verdict."""

    publisher = serializers.CharField(source="publisher_name")
    rating = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = ExternalReview
        fields = ["publisher", "publisher_site", "textual_rating", "rating", "url", "review_date", "language"]
        read_only_fields = fields


class ClaimDetailSerializer(ClaimSerializer):
    """A claim with everything its verdict page shows."""

    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    verdict = VerdictDetailSerializer(source="current_verdict", read_only=True, allow_null=True)
    quantities = PublicQuantitySerializer(many=True, read_only=True)
    evidence = PublicEvidenceSerializer(many=True, read_only=True)
    update_notes = PublicUpdateNoteSerializer(many=True, read_only=True)
    minor_updates = PublicMinorUpdateSerializer(
        many=True,
        read_only=True,
        help_text="Logged changes to the published claim's quantities, evidence or sources that are not corrections.",
    )
    also_checked_by = AlsoCheckedBySerializer(
        source="confirmed_external_reviews",
        many=True,
        read_only=True,
        help_text="Other publishers' reviews of this claim, as matched and confirmed by an editor.",
    )

    class Meta(ClaimSerializer.Meta):
        fields = [
            *ClaimSerializer.Meta.fields,
            "quantities",
            "evidence",
            "update_notes",
            "minor_updates",
            "also_checked_by",
        ]


class ClaimWriteSerializer(ChangeNoteMixin, ServiceSerializer):
    """What the desk sends to create or edit a claim; the answer is the claim's detail."""

    restatement_fr = serializers.CharField(source="restatement", max_length=255)
    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all())
    claimant = serializers.SlugRelatedField(slug_field="slug", queryset=Claimant.objects.all())
    speaker = serializers.SlugRelatedField(
        slug_field="slug", queryset=Claimant.objects.all(), allow_null=True, required=False
    )
    topics = serializers.SlugRelatedField(slug_field="slug", queryset=Topic.objects.all(), many=True, required=False)
    version = serializers.IntegerField(required=False, min_value=0, help_text=VERSION_HELP)

    class Meta:
        model = Claim
        fields = [
            "slug",
            "article",
            "quote",
            "start",
            "end",
            "restatement_fr",
            "restatement_en",
            "claimant",
            "speaker",
            "kind",
            "language",
            "claimed_on",
            "topics",
            "checkworthiness",
            "version",
            *ChangeNoteMixin.CHANGE_NOTE_FIELDS,
        ]

    def create(self, validated_data):
        topics = validated_data.pop("topics", [])
        validated_data.pop("version", None)
        self.change(validated_data)
        claim = editing.save_claim(claim=Claim(**validated_data), user=self.user(), expected_version=None)
        claim.topics.set(topics)
        return claim

    def update(self, instance, validated_data):
        topics = validated_data.pop("topics", None)
        expected = self.expected_version(validated_data)
        change = self.change(validated_data)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        claim = editing.save_claim(claim=instance, user=self.user(), expected_version=expected, change=change)
        if topics is not None:
            claim.topics.set(topics)
        return claim


class TransitionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, help_text="Why the claim is rejected.")
    version = serializers.IntegerField(required=False, min_value=0, help_text=VERSION_HELP)


class TransitionResultSerializer(serializers.Serializer):
    claim = ClaimDetailSerializer(read_only=True)
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)


def transition_schema(summary: str):
    return extend_schema(
        summary=summary, filters=False, request=TransitionSerializer, responses=TransitionResultSerializer
    )


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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A text cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR) gets a ``'`` first."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(claim: Claim, page: str) -> list:
    verdict = claim.current_verdict
    rating = verdict.rating if verdict else None
    return [
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
        page,
    ]


@extend_schema_view(
    list=extend_schema(summary="List claims", description="Published claims with their current verdict, filtered."),
    retrieve=extend_schema(summary="A claim with its verdict, quantities, evidence, corrections and update notes"),
    create=extend_schema(summary="Create a claim (desk)", filters=False, responses=ClaimDetailSerializer),
    update=extend_schema(summary="Replace a claim (desk)", filters=False, responses=ClaimDetailSerializer),
    partial_update=extend_schema(summary="Update a claim (desk)", filters=False, responses=ClaimDetailSerializer),
)
class ClaimViewSet(WritableViewSet):
    # ``published()`` for everyone, every claim for the desk (``get_queryset``).
    etag_part = "claim"
    filter_backends = [NamedFiltersBackend, ClaimOrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ["claimed_on", "published_at", "checkworthiness", "id"]
    ordering = ["-claimed_on", "article", "start", "id"]

    def get_serializer_class(self):
        if self.action in WRITE_ACTIONS:
            return ClaimWriteSerializer
        return ClaimDetailSerializer if self.action == "retrieve" else ClaimSerializer

    # What anonymous clients read, built once per process and cloned for each request (``.all()``),
    # as DRF does with a view's ``queryset``: building one anew (its subqueries, prefetches and
    # annotations) is about 1.5 ms of Python, a tenth of a list request.
    public_rows = Claim.objects.published().list_rows().with_topics()
    public_pages = Claim.objects.published().verdict_page()
    # The list as anonymous clients read it: plain values, shaped as ClaimSerializer shapes them.
    claim_rows = ClaimRows()
    public_values = Claim.objects.published().with_flags().with_topics()

    def get_queryset(self):
        rows = self.action in ("list", "export_csv")
        if not reads_drafts(self.request):
            return (self.public_rows if rows else self.public_pages).all()
        claims = Claim.objects.all()
        return claims.list_rows().with_topics() if rows else claims.verdict_page()

    def list(self, request: Request, *args, **kwargs) -> Response:
        """Published claims are read as plain values (``ClaimRows``): the same answer as through
        ``ClaimSerializer``, in a fraction of the time. The desk's lists go through the serializer."""
        if reads_drafts(request):
            return super().list(request, *args, **kwargs)
        claims = self.filter_queryset(self.public_values.all())
        count = bounded_count
        if request.query_params.keys().isdisjoint(self.filterset_class.base_filters):
            count = published_count  # the whole list's: the same for every reader until the content changes
        page = self.paginator.paginate_queryset(claims, request, view=self, values=self.claim_rows.columns, count=count)
        return self.get_paginated_response(self.claim_rows.shape(page, request))

    def etag(self, claim: Claim) -> str:
        """Names the claim's version and its verdict's: either goes in ``If-Match``."""
        return claim_etag(claim)

    @extend_schema(
        summary="The claims list as CSV (same filters)",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="UTF-8 CSV, one claim a row.")},
    )
    @action(detail=False, url_path="csv", pagination_class=None)
    def export_csv(self, request: Request) -> HttpResponse:
        claims = self.filter_queryset(self.get_queryset())
        base = request.build_absolute_uri("/").rstrip("/")
        buffer = StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        writer.writerows([csv_cell(cell) for cell in csv_row(claim, page_url(claim, base, "fr"))] for claim in claims)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response

    def transition(self, request: Request, name: str) -> Response:
        parameters = TransitionSerializer(data=request.data)
        parameters.is_valid(raise_exception=True)
        if_match = parse_if_match(request.headers.get("If-Match"), part="claim", pk=self.kwargs.get("pk"))
        outcome = transitions.perform(
            name,
            claim=self.get_object(),
            user=request.user,
            expected_version=parameters.validated_data.get("version", if_match),
            reason=parameters.validated_data.get("reason", ""),
        )
        self.action = "retrieve"
        claim = self.get_queryset().get(pk=outcome.claim.pk)
        body = {"claim": claim, "warnings": outcome.warnings}
        return Response(
            TransitionResultSerializer(body, context=self.get_serializer_context()).data,
            headers={"ETag": claim_etag(claim)},
        )

    @transition_schema("Candidate → in review: hand the claim to an editor (fact-checkers)")
    @action(detail=True, methods=["post"], url_path="propose", permission_classes=[IsDesk])
    def propose(self, request: Request, pk: str | None = None) -> Response:
        return self.transition(request, "propose")

    @transition_schema("In review → candidate: send the claim back to its fact-checker (editors)")
    @action(detail=True, methods=["post"], url_path="send-back", permission_classes=[IsDesk])
    def send_back(self, request: Request, pk: str | None = None) -> Response:
        return self.transition(request, "send_back")

    @transition_schema("In review → published, with its current verdict (editors)")
    @action(detail=True, methods=["post"], url_path="publish", permission_classes=[IsDesk])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        return self.transition(request, "publish")

    @transition_schema("Published → in review (editors)")
    @action(detail=True, methods=["post"], url_path="unpublish", permission_classes=[IsDesk])
    def unpublish(self, request: Request, pk: str | None = None) -> Response:
        return self.transition(request, "unpublish")

    @transition_schema("Reject the claim as not worth checking, with a reason (editors)")
    @action(detail=True, methods=["post"], url_path="reject", permission_classes=[IsDesk])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return self.transition(request, "reject")

    @extend_schema(
        summary="The schema.org ClaimReview of the claim's published verdict",
        filters=False,
        parameters=[
            OpenApiParameter(
                "language",
                str,
                enum=[*REVIEW_LANGUAGES],
                default="fr",
                description="The review's language, as the verdict page in that language embeds it.",
            )
        ],
        responses={200: OpenApiResponse(CLAIM_REVIEW_SCHEMA, description="ClaimReview JSON-LD (SPEC §5).")},
    )
    @action(
        detail=True,
        url_path="claimreview",
        filter_backends=[],
        pagination_class=None,
        renderer_classes=LINKED_DATA_RENDERERS,
    )
    def claimreview(self, request: Request, pk: str | None = None) -> Response:
        language = request.query_params.get("language", "fr")
        if language not in REVIEW_LANGUAGES:
            raise ValidationError({"language": [f"Choose one of: {', '.join(REVIEW_LANGUAGES)}."]})
        # Always the published QuerySet, desk or not: there is no review of a draft.
        claim = get_object_or_404(Claim.objects.published().list_rows(), pk=pk)
        return Response(claim_review(claim, site_url(request), language=language))
