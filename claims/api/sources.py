"""Sources: read by everyone (those cited by published claims), written by the desk."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from ..models import Source
from ..services import editing
from .base import VERSION_HELP, ChangeNoteMixin, DeskSeesAllMixin, OptionalURLField, ServiceSerializer, WritableViewSet


class SourceSerializer(ChangeNoteMixin, ServiceSerializer):
    """One shape for reading and writing; an edit names the version it is based on."""

    archive_url = OptionalURLField()
    version = serializers.IntegerField(required=False, min_value=0, help_text=VERSION_HELP)

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
            *ChangeNoteMixin.CHANGE_NOTE_FIELDS,
        ]

    def create(self, validated_data):
        validated_data.pop("version", None)
        self.change(validated_data)
        return editing.save_source(user=self.user(), **validated_data)

    def update(self, instance, validated_data):
        expected = self.expected_version(validated_data)
        change = self.change(validated_data)
        return editing.save_source(
            user=self.user(), source=instance, expected_version=expected, change=change, **validated_data
        )


@extend_schema_view(
    list=extend_schema(summary="List sources cited by published claims"),
    retrieve=extend_schema(summary="A source"),
    create=extend_schema(summary="Create a source (desk)"),
    update=extend_schema(summary="Replace a source (desk)"),
    partial_update=extend_schema(summary="Update a source (desk)"),
)
class SourceViewSet(DeskSeesAllMixin, WritableViewSet):
    model = Source
    serializer_class = SourceSerializer

    def get_queryset(self):
        return self.base_queryset().order_by("publisher", "title", "id")
