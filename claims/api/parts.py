"""The parts of a claim: quantities, evidence, verdicts (the desk's endpoints), and the read shapes
that a claim's detail nests (verdict, corrections, update notes)."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from ..models import Correction, Evidence, MinorUpdate, Quantity, Rating, UpdateNote, Verdict
from ..services import editing, verdicts
from ..services.roles import public_name
from .base import VERSION_HELP, ChangeNoteMixin, DeskViewSet, ReadSerializer, ServiceSerializer
from .reference import RatingSerializer
from .sources import SourceSerializer


class QuantitySerializer(ChangeNoteMixin, ServiceSerializer):
    deviation = serializers.SerializerMethodField(help_text="Verified value's difference from the claimed one, in %.")

    class Meta:
        model = Quantity
        fields = [
            "id",
            "claim",
            "text",
            "value",
            "unit",
            "qualifier",
            "verified_value",
            "verification_note",
            "deviation",
            *ChangeNoteMixin.CHANGE_NOTE_FIELDS,
        ]

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True))
    def get_deviation(self, quantity: Quantity) -> str | None:
        deviation = quantity.deviation
        return None if deviation is None else str(deviation.quantize(Decimal("0.01")))

    def create(self, validated_data):
        change = self.change(validated_data)
        return editing.save_quantity(user=self.user(), change=change, **validated_data)

    def update(self, instance, validated_data):
        change = self.change(validated_data)
        return editing.save_quantity(user=self.user(), quantity=instance, change=change, **validated_data)


class EvidenceSerializer(ChangeNoteMixin, ServiceSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "claim", "source", "stance", "excerpt", "note", "position", *ChangeNoteMixin.CHANGE_NOTE_FIELDS]

    def create(self, validated_data):
        change = self.change(validated_data)
        return editing.save_evidence(user=self.user(), change=change, **validated_data)

    def update(self, instance, validated_data):
        change = self.change(validated_data)
        return editing.save_evidence(user=self.user(), evidence=instance, change=change, **validated_data)


class CorrectionInputSerializer(serializers.Serializer):
    what_changed_fr = serializers.CharField()
    reason_fr = serializers.CharField()
    what_changed_en = serializers.CharField(required=False, allow_blank=True, default="")
    reason_en = serializers.CharField(required=False, allow_blank=True, default="")


class VerdictSerializer(ServiceSerializer):
    """A verdict. Its author is whoever created it; its status and dates change only through the
    claim's transitions (publish, ...); changing a published one in substance needs a ``correction``."""

    # Set by the service, never by a client: an attempt is a 400 rather than silently ignored.
    SERVICE_OWNED = ("author", "contributors", "reviewer")

    rating = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rating.objects.all(), allow_null=True, required=False
    )
    version = serializers.IntegerField(required=False, min_value=0, help_text=VERSION_HELP)
    correction = CorrectionInputSerializer(required=False, write_only=True)
    minor_edit = serializers.BooleanField(
        required=False, default=False, write_only=True, help_text="Typos and wording only: no correction needed."
    )

    class Meta:
        model = Verdict
        fields = [
            "id",
            "claim",
            "rating",
            "summary_fr",
            "summary_en",
            "explanation_fr",
            "explanation_en",
            "status",
            "author",
            "contributors",
            "reviewer",
            "published_at",
            "modified_at",
            "version",
            "correction",
            "minor_edit",
        ]
        read_only_fields = ["status", "author", "contributors", "reviewer", "published_at", "modified_at"]
        extra_kwargs = {
            "author": {"help_text": "Whoever created the verdict (set by the service, never changed)."},
            "contributors": {"help_text": "Everyone who wrote or changed its substance; none of them publishes it."},
        }

    def validate(self, attrs):
        sent = [name for name in self.SERVICE_OWNED if name in self.initial_data]
        if sent:
            raise serializers.ValidationError(
                {name: ["Set by the desk's workflow from who writes and reviews; it cannot be sent."] for name in sent}
            )
        return attrs

    def create(self, validated_data):
        for name in ("version", "correction", "minor_edit"):
            validated_data.pop(name, None)
        if validated_data["claim"].verdicts.current().exists():
            raise serializers.ValidationError({"claim": ["This claim already has a current verdict: edit that one."]})
        return verdicts.save_verdict(verdict=Verdict(**validated_data), user=self.user(), expected_version=None)

    def update(self, instance, validated_data):
        if validated_data.get("claim", instance.claim) != instance.claim:
            raise serializers.ValidationError({"claim": ["A verdict stays with its claim."]})
        expected = self.expected_version(validated_data)
        correction = validated_data.pop("correction", None)
        minor_edit = validated_data.pop("minor_edit", False)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return verdicts.save_verdict(
            verdict=instance,
            user=self.user(),
            expected_version=expected,
            correction=verdicts.CorrectionInput(**correction) if correction else None,
            minor_edit=minor_edit,
        )


@extend_schema_view(
    list=extend_schema(summary="Quantities (desk)"),
    retrieve=extend_schema(summary="A quantity (desk)"),
    create=extend_schema(summary="Add a quantity to a claim (desk)"),
    update=extend_schema(summary="Replace a quantity (desk)"),
    partial_update=extend_schema(summary="Update a quantity (desk)"),
)
class QuantityViewSet(DeskViewSet):
    queryset = Quantity.objects.order_by("claim", "id")
    serializer_class = QuantitySerializer

    def etag(self, instance) -> str:
        return f'"quantity-{instance.pk}"'


@extend_schema_view(
    list=extend_schema(summary="Evidence (desk)"),
    retrieve=extend_schema(summary="A piece of evidence (desk)"),
    create=extend_schema(summary="Cite a source for a claim (desk)"),
    update=extend_schema(summary="Replace a piece of evidence (desk)"),
    partial_update=extend_schema(summary="Update a piece of evidence (desk)"),
)
class EvidenceViewSet(DeskViewSet):
    queryset = Evidence.objects.order_by("claim", "position", "id")
    serializer_class = EvidenceSerializer

    def etag(self, instance) -> str:
        return f'"evidence-{instance.pk}"'


@extend_schema_view(
    list=extend_schema(summary="Verdicts, drafts included (desk)"),
    retrieve=extend_schema(summary="A verdict (desk)"),
    create=extend_schema(summary="Write a draft verdict for a claim (fact-checkers)"),
    update=extend_schema(summary="Replace a verdict (a published one needs a correction)"),
    partial_update=extend_schema(summary="Update a verdict (a published one needs a correction)"),
)
class VerdictViewSet(DeskViewSet):
    etag_part = "verdict"
    queryset = Verdict.objects.select_related("rating").prefetch_related("contributors").order_by("-id")
    serializer_class = VerdictSerializer


# Read shapes nested in a claim.


class PublicCorrectionSerializer(ReadSerializer):
    previous_rating = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Correction
        fields = ["corrected_at", "previous_rating", "what_changed_fr", "what_changed_en", "reason_fr", "reason_en"]


class PublicUpdateNoteSerializer(ReadSerializer):
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = UpdateNote
        fields = ["since", "note_fr", "note_en", "sources"]


class PublicMinorUpdateSerializer(ReadSerializer):
    class Meta:
        model = MinorUpdate
        fields = ["created_at", "note_fr", "note_en"]


class PublicEvidenceSerializer(ReadSerializer):
    source = SourceSerializer(read_only=True)

    class Meta:
        model = Evidence
        fields = ["id", "stance", "excerpt", "note", "position", "source"]


class PublicQuantitySerializer(QuantitySerializer):
    class Meta(QuantitySerializer.Meta):
        fields = [name for name in QuantitySerializer.Meta.fields if name != "claim"]


class VerdictSummarySerializer(ReadSerializer):
    rating = RatingSerializer(read_only=True)

    class Meta:
        model = Verdict
        fields = ["id", "status", "rating", "summary_fr", "summary_en", "published_at", "modified_at", "version"]


class VerdictDetailSerializer(VerdictSummarySerializer):
    author = serializers.SerializerMethodField()
    reviewer = serializers.SerializerMethodField()
    corrections = PublicCorrectionSerializer(many=True, read_only=True)

    class Meta(VerdictSummarySerializer.Meta):
        fields = [
            *VerdictSummarySerializer.Meta.fields,
            "explanation_fr",
            "explanation_en",
            "author",
            "reviewer",
            "corrections",
        ]

    def get_author(self, verdict: Verdict) -> str | None:
        return public_name(verdict.author)

    def get_reviewer(self, verdict: Verdict) -> str | None:
        return public_name(verdict.reviewer)
