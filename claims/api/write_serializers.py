"""Write serializers for staff: they check the input's shape, then hand over to the workflow.

Claims and verdicts go through ``claims.workflow`` (roles, versions, corrections); sources,
quantities and evidence through ``claims.services``. An edit of a claim, verdict or source names
the version it started from, in ``If-Match`` or the body's ``version``; a stale one is a 412.
"""

from __future__ import annotations

from rest_framework import serializers

from .. import services, workflow
from ..models import Article, Claim, Claimant, Evidence, Quantity, Rating, Source, Topic, Verdict
from .serializers import OptionalURLField, SourceSerializer

VERSION_HELP = "On an edit: the version it is based on (or send If-Match). A stale version is a 412."


class ServiceSerializer(serializers.ModelSerializer):
    """``create``/``update`` call a service with the validated data and the requesting user."""

    def user(self):
        return self.context["request"].user

    def expected_version(self, validated_data: dict) -> int | None:
        body = validated_data.pop("version", None)
        return body if body is not None else self.context.get("if_match")


class ClaimWriteSerializer(ServiceSerializer):
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
            "version",
        ]
        read_only_fields = ["status", "rejection_reason"]

    def create(self, validated_data):
        topics = validated_data.pop("topics", [])
        validated_data.pop("version", None)
        claim = workflow.save_claim(claim=Claim(**validated_data), user=self.user(), expected_version=None)
        claim.topics.set(topics)
        return claim

    def update(self, instance, validated_data):
        topics = validated_data.pop("topics", None)
        expected = self.expected_version(validated_data)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        claim = workflow.save_claim(claim=instance, user=self.user(), expected_version=expected)
        if topics is not None:
            claim.topics.set(topics)
        return claim


class TransitionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, help_text="Why the claim is rejected.")
    version = serializers.IntegerField(required=False, min_value=0, help_text=VERSION_HELP)


class TransitionResultSerializer(serializers.Serializer):
    claim = ClaimWriteSerializer(read_only=True)
    warnings = serializers.ListField(child=serializers.CharField(), read_only=True)


class SourceWriteSerializer(ServiceSerializer):
    archive_url = OptionalURLField()
    version = serializers.IntegerField(required=False, min_value=0, help_text=VERSION_HELP)

    class Meta:
        model = Source
        fields = SourceSerializer.Meta.fields

    def create(self, validated_data):
        validated_data.pop("version", None)
        return services.save_source(user=self.user(), **validated_data)

    def update(self, instance, validated_data):
        expected = self.expected_version(validated_data)
        return services.save_source(user=self.user(), source=instance, expected_version=expected, **validated_data)


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


class CorrectionInputSerializer(serializers.Serializer):
    what_changed_fr = serializers.CharField()
    reason_fr = serializers.CharField()
    what_changed_en = serializers.CharField(required=False, allow_blank=True, default="")
    reason_en = serializers.CharField(required=False, allow_blank=True, default="")


class VerdictWriteSerializer(ServiceSerializer):
    """A verdict. Its status and dates change only through the claim's transitions (publish, ...);
    changing a published one in substance needs a ``correction`` (what changed and why)."""

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
            "published_at",
            "modified_at",
            "version",
            "correction",
            "minor_edit",
        ]
        read_only_fields = ["status", "published_at", "modified_at"]

    def create(self, validated_data):
        for name in ("version", "correction", "minor_edit"):
            validated_data.pop(name, None)
        claim = validated_data["claim"]
        if claim.verdicts.filter(is_current=True).exists():
            raise serializers.ValidationError({"claim": ["This claim already has a current verdict: edit that one."]})
        verdict = Verdict(author=self.user(), **validated_data)
        return workflow.save_verdict(verdict=verdict, user=self.user(), expected_version=None)

    def update(self, instance, validated_data):
        if validated_data.get("claim", instance.claim) != instance.claim:
            raise serializers.ValidationError({"claim": ["A verdict stays with its claim."]})
        expected = self.expected_version(validated_data)
        correction = validated_data.pop("correction", None)
        minor_edit = validated_data.pop("minor_edit", False)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return workflow.save_verdict(
            verdict=instance,
            user=self.user(),
            expected_version=expected,
            correction=workflow.CorrectionInput(**correction) if correction else None,
            minor_edit=minor_edit,
        )
