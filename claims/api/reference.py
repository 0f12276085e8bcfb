"""Reference data: articles, claimants and the rating scale (read-only)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from ..models import Article, Claimant, Rating, TranslationNote
from .base import DeskSeesAllMixin, OptionalURLField, ReadSerializer


class RatingSerializer(ReadSerializer):
    class Meta:
        model = Rating
        fields = ["slug", "label_fr", "label_en", "value", "colour", "definition_fr", "definition_en", "position"]


class ClaimantSerializer(ReadSerializer):
    class Meta:
        model = Claimant
        fields = ["id", "slug", "name", "kind", "role_fr", "role_en"]


class ArticleSummarySerializer(ReadSerializer):
    url = OptionalURLField(read_only=True)

    class Meta:
        model = Article
        fields = ["id", "slug", "title", "publisher", "url", "language", "published_on"]


class TranslationNoteSerializer(ReadSerializer):
    class Meta:
        model = TranslationNote
        fields = ["position", "note_fr", "note_en"]


class ArticleSerializer(ArticleSummarySerializer):
    original_url = OptionalURLField(read_only=True)

    class Meta(ArticleSummarySerializer.Meta):
        fields = [*ArticleSummarySerializer.Meta.fields, "original_url", "original_title", "original_language"]


class ArticleDetailSerializer(ArticleSerializer):
    translation_notes = TranslationNoteSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text", "translation_notes"]


@extend_schema_view(
    list=extend_schema(summary="List articles that have published claims"),
    retrieve=extend_schema(summary="An article with its full text and translation notes"),
)
class ArticleViewSet(DeskSeesAllMixin, viewsets.ReadOnlyModelViewSet):
    model = Article

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    def get_queryset(self):
        queryset = self.base_queryset().order_by("-published_on", "title", "id")
        if self.action == "retrieve":
            return queryset.prefetch_related("translation_notes")
        return queryset.defer("text")


@extend_schema_view(list=extend_schema(summary="List claimants"), retrieve=extend_schema(summary="A claimant"))
class ClaimantViewSet(DeskSeesAllMixin, viewsets.ReadOnlyModelViewSet):
    model = Claimant
    serializer_class = ClaimantSerializer

    def get_queryset(self):
        return self.base_queryset().order_by("name", "id")


@extend_schema_view(list=extend_schema(summary="The rating scale"), retrieve=extend_schema(summary="A rating"))
class RatingViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Rating.objects.order_by("position", "slug")
    serializer_class = RatingSerializer
    lookup_field = "slug"
    pagination_class = None
