"""``POST /api/v1/articles``: the desk sends an article (text, URL or HTML page) and gets it back with
the intake's proposals, in the shape of ``manage.py intake --format json``."""

from __future__ import annotations

import datetime as dt

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from ..intake.language import SUPPORTED_LANGUAGES
from ..models import Article, Proposal
from ..services import intake
from .reference import ArticleDetailSerializer
from .reference import ArticleViewSet as ReadOnlyArticleViewSet

SOURCES = ("text", "url", "html")


class ProposalSerializer(serializers.ModelSerializer):
    """One proposal, with the names of the intake's JSON contract."""

    speaker = serializers.SerializerMethodField()
    quantities = serializers.ListField(child=serializers.DictField(), read_only=True)
    dates = serializers.ListField(child=serializers.DictField(), read_only=True)
    similar = serializers.ListField(child=serializers.DictField(), read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Proposal
        fields = ["start", "end", "quote", "score", "kind", "reasons", "speaker", "quantities", "dates", "similar"]

    def get_speaker(self, proposal: Proposal) -> str | None:
        return proposal.speaker or None


class ArticleIntakeSerializer(serializers.Serializer):
    """The article to take in: exactly one of ``text``, ``url`` (fetched) or ``html`` (a saved page)."""

    title = serializers.CharField(
        max_length=300, required=False, allow_blank=True, help_text="Taken from the page when empty."
    )
    publisher = serializers.CharField(max_length=200)
    published_on = serializers.DateField(
        required=False, allow_null=True, help_text="Taken from the page, or today, when not given."
    )
    language = serializers.ChoiceField(choices=SUPPORTED_LANGUAGES, required=False, allow_null=True)
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    html = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)

    def validate(self, attrs: dict) -> dict:
        given = [name for name in SOURCES if (attrs.get(name) or "").strip()]
        if len(given) != 1:
            message = "Give exactly one of text, url or html."
            raise serializers.ValidationError({name: [message] for name in (given or SOURCES)})
        try:
            article = intake.article_text(**{name: attrs.get(name) or "" for name in SOURCES})
        except intake.SourceError as error:
            raise serializers.ValidationError({given[0]: [str(error)]}) from error
        title = (attrs.get("title") or "").strip() or article.title
        if not title:
            raise serializers.ValidationError({"title": ["The page gives no title: send one."]})
        return {
            "text": article.text,
            "title": title,
            "publisher": attrs["publisher"],
            "published_on": attrs.get("published_on") or article.published_on or dt.date.today(),
            "language": attrs.get("language"),
            "url": attrs.get("url") or article.url,
        }


class ArticleWithProposalsSerializer(ArticleDetailSerializer):
    proposals = serializers.SerializerMethodField()

    class Meta(ArticleDetailSerializer.Meta):
        fields = [*ArticleDetailSerializer.Meta.fields, "proposals"]

    @extend_schema_field(ProposalSerializer(many=True))
    def get_proposals(self, article: Article) -> list:
        return ProposalSerializer(Proposal.objects.workbench(article), many=True).data


class ArticleViewSet(ReadOnlyArticleViewSet):
    """The articles' resource, with ``create``: the article is created through the intake service."""

    def get_serializer_class(self):
        if self.action == "create":
            return ArticleIntakeSerializer
        return super().get_serializer_class()

    @extend_schema(
        summary="Add an article and get the intake's proposals (desk)",
        request=ArticleIntakeSerializer,
        responses={201: ArticleWithProposalsSerializer},
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = ArticleIntakeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        article = intake.create_article(user=request.user, **serializer.validated_data)
        article = Article.objects.prefetch_related("translation_notes").get(pk=article.pk)
        return Response(ArticleWithProposalsSerializer(article).data, status=status.HTTP_201_CREATED)
