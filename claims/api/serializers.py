"""Read serializers. Each lists its fields; the viewsets load exactly what they read."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    Article,
    Claim,
    Claimant,
    Correction,
    Evidence,
    Quantity,
    Rating,
    Source,
    Topic,
    TranslationNote,
    UpdateNote,
    Verdict,
)


class OptionalURLField(serializers.URLField):
    """A URL the database keeps blank when unknown: ``null`` in JSON, since "" is not a URI."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 500)
        super().__init__(**kwargs)

    def run_validation(self, data=serializers.empty):
        if data is None or data == "":
            return ""
        return super().run_validation(data)

    def to_representation(self, value):
        return value or None


class RatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["slug", "label_fr", "label_en", "value", "colour", "definition_fr", "definition_en", "position"]


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["slug", "name_fr", "name_en"]


class ClaimantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Claimant
        fields = ["id", "slug", "name", "kind", "role_fr", "role_en"]


class ArticleSummarySerializer(serializers.ModelSerializer):
    url = OptionalURLField(read_only=True)

    class Meta:
        model = Article
        fields = ["id", "slug", "title", "publisher", "url", "language", "published_on"]


class TranslationNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = TranslationNote
        fields = ["position", "note_fr", "note_en"]


class ArticleSerializer(serializers.ModelSerializer):
    url = OptionalURLField(read_only=True)
    original_url = OptionalURLField(read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "slug",
            "title",
            "publisher",
            "url",
            "language",
            "published_on",
            "original_url",
            "original_title",
            "original_language",
        ]


class ArticleDetailSerializer(ArticleSerializer):
    translation_notes = TranslationNoteSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text", "translation_notes"]


class SourceSerializer(serializers.ModelSerializer):
    archive_url = OptionalURLField(read_only=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "title",
            "publisher",
            "published_on",
            "accessed_on",
            "archive_url",
            "kind",
            "language",
            "version",
        ]


class QuantitySerializer(serializers.ModelSerializer):
    deviation = serializers.SerializerMethodField(help_text="Verified value's difference from the claimed one, in %.")

    class Meta:
        model = Quantity
        fields = ["id", "text", "value", "unit", "qualifier", "verified_value", "verification_note", "deviation"]

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True))
    def get_deviation(self, quantity: Quantity) -> str | None:
        deviation = quantity.deviation
        return None if deviation is None else str(deviation.quantize(Decimal("0.01")))


class EvidenceSerializer(serializers.ModelSerializer):
    source = SourceSerializer(read_only=True)

    class Meta:
        model = Evidence
        fields = ["id", "stance", "excerpt", "note", "position", "source"]


class CorrectionSerializer(serializers.ModelSerializer):
    previous_rating = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Correction
        fields = ["corrected_at", "previous_rating", "what_changed_fr", "what_changed_en", "reason_fr", "reason_en"]


class UpdateNoteSerializer(serializers.ModelSerializer):
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = UpdateNote
        fields = ["since", "note_fr", "note_en", "sources"]


class VerdictSummarySerializer(serializers.ModelSerializer):
    rating = RatingSerializer(read_only=True)

    class Meta:
        model = Verdict
        fields = ["id", "status", "rating", "summary_fr", "summary_en", "published_at", "modified_at", "version"]


def _person(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


class VerdictSerializer(VerdictSummarySerializer):
    author = serializers.SerializerMethodField()
    reviewer = serializers.SerializerMethodField()
    corrections = CorrectionSerializer(many=True, read_only=True)

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
        return _person(verdict.author)

    def get_reviewer(self, verdict: Verdict) -> str | None:
        return _person(verdict.reviewer)


class ClaimSerializer(serializers.ModelSerializer):
    """A claim in a list: who, what, when, and its current verdict in short."""

    restatement_fr = serializers.CharField(source="restatement", read_only=True)
    article = ArticleSummarySerializer(read_only=True)
    claimant = ClaimantSerializer(read_only=True)
    speaker = ClaimantSerializer(read_only=True, allow_null=True)
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    verdict = serializers.SerializerMethodField()
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

    verdict_serializer = VerdictSummarySerializer

    @extend_schema_field(VerdictSummarySerializer(allow_null=True))
    def get_verdict(self, claim: Claim) -> dict | None:
        verdict = claim.current_verdict
        return None if verdict is None else self.verdict_serializer(verdict, context=self.context).data

    def get_page_url(self, claim: Claim) -> str:
        request = self.context.get("request")
        path = claim.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class ClaimDetailSerializer(ClaimSerializer):
    """A claim with everything its verdict page shows."""

    quantities = QuantitySerializer(many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    update_notes = UpdateNoteSerializer(many=True, read_only=True)

    verdict_serializer = VerdictSerializer

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "quantities", "evidence", "update_notes"]

    @extend_schema_field(VerdictSerializer(allow_null=True))
    def get_verdict(self, claim: Claim) -> dict | None:
        return super().get_verdict(claim)
