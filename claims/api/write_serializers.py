"""Write serializers for staff: they check the input's shape, then hand over to ``claims.services``."""

from __future__ import annotations

from rest_framework import serializers

from .. import services
from ..models import Article, Claim, Claimant, Evidence, Quantity, Rating, Source, Topic, Verdict
from .serializers import OptionalURLField


class ServiceSerializer(serializers.ModelSerializer):
    """``create``/``update`` call a service with the validated data and the requesting user."""

    def user(self):
        return self.context["request"].user


class ClaimWriteSerializer(ServiceSerializer):
    restatement_fr = serializers.CharField(source="restatement", max_length=255)
    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all())
    claimant = serializers.SlugRelatedField(slug_field="slug", queryset=Claimant.objects.all())
    speaker = serializers.SlugRelatedField(
        slug_field="slug", queryset=Claimant.objects.all(), allow_null=True, required=False
    )
    topics = serializers.SlugRelatedField(slug_field="slug", queryset=Topic.objects.all(), many=True, required=False)

    class Meta:
        model = Claim
        fields = [
            "id",
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
            "status",
            "rejection_reason",
        ]

    def create(self, validated_data):
        return services.create_claim(user=self.user(), **validated_data)

    def update(self, instance, validated_data):
        return services.update_claim(claim=instance, user=self.user(), **validated_data)


class SourceWriteSerializer(ServiceSerializer):
    archive_url = OptionalURLField()

    class Meta:
        model = Source
        fields = ["id", "url", "title", "publisher", "published_on", "accessed_on", "archive_url", "kind", "language"]

    def create(self, validated_data):
        return services.save_source(user=self.user(), **validated_data)

    def update(self, instance, validated_data):
        return services.save_source(user=self.user(), source=instance, **validated_data)


class QuantityWriteSerializer(ServiceSerializer):
    class Meta:
        model = Quantity
        fields = ["id", "claim", "text", "value", "unit", "qualifier", "verified_value", "verification_note"]

    def create(self, validated_data):
        return services.save_quantity(user=self.user(), **validated_data)

    def update(self, instance, validated_data):
        return services.save_quantity(user=self.user(), quantity=instance, **validated_data)


class EvidenceWriteSerializer(ServiceSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "claim", "source", "stance", "excerpt", "note", "position"]

    def create(self, validated_data):
        return services.save_evidence(user=self.user(), **validated_data)

    def update(self, instance, validated_data):
        return services.save_evidence(user=self.user(), evidence=instance, **validated_data)


class VerdictWriteSerializer(ServiceSerializer):
    """A draft verdict; ``status`` and dates change only through ``POST /verdicts/{id}/publish``."""

    rating = serializers.SlugRelatedField(
        slug_field="slug", queryset=Rating.objects.all(), allow_null=True, required=False
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
            "published_at",
            "modified_at",
        ]
        read_only_fields = ["status", "published_at", "modified_at"]

    def create(self, validated_data):
        return services.save_draft_verdict(user=self.user(), **validated_data)

    def update(self, instance, validated_data):
        if validated_data.get("claim", instance.claim) != instance.claim:
            raise serializers.ValidationError({"claim": ["A verdict stays with its claim."]})
        return services.save_draft_verdict(user=self.user(), verdict=instance, **validated_data)
