"""Staff-only endpoints for the parts of a claim: quantities, evidence, verdicts (drafts, and publishing)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from ..models import Evidence, Quantity, Verdict
from .permissions import IsStaff
from .versions import IfMatchMixin
from .write_serializers import EvidenceWriteSerializer, QuantityWriteSerializer, VerdictWriteSerializer


class StaffViewSet(
    IfMatchMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [IsStaff]


@extend_schema_view(
    list=extend_schema(summary="Quantities (staff)"),
    retrieve=extend_schema(summary="A quantity (staff)"),
    create=extend_schema(summary="Add a quantity to a claim (staff)"),
    update=extend_schema(summary="Replace a quantity (staff)"),
    partial_update=extend_schema(summary="Update a quantity (staff)"),
)
class QuantityViewSet(StaffViewSet):
    queryset = Quantity.objects.order_by("claim", "id")
    serializer_class = QuantityWriteSerializer


@extend_schema_view(
    list=extend_schema(summary="Evidence (staff)"),
    retrieve=extend_schema(summary="A piece of evidence (staff)"),
    create=extend_schema(summary="Cite a source for a claim (staff)"),
    update=extend_schema(summary="Replace a piece of evidence (staff)"),
    partial_update=extend_schema(summary="Update a piece of evidence (staff)"),
)
class EvidenceViewSet(StaffViewSet):
    queryset = Evidence.objects.order_by("claim", "position", "id")
    serializer_class = EvidenceWriteSerializer


@extend_schema_view(
    list=extend_schema(summary="Verdicts, drafts included (staff)"),
    retrieve=extend_schema(summary="A verdict (staff)"),
    create=extend_schema(summary="Write a draft verdict for a claim (fact-checkers)"),
    update=extend_schema(summary="Replace a verdict (a published one needs a correction)"),
    partial_update=extend_schema(summary="Update a verdict (a published one needs a correction)"),
)
class VerdictViewSet(StaffViewSet):
    etag_part = "verdict"
    queryset = Verdict.objects.select_related("rating").order_by("-id")
    serializer_class = VerdictWriteSerializer
