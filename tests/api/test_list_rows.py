"""The claims list read as plain values answers what ClaimSerializer answers from model instances, byte for byte."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from rest_framework import mixins, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIRequestFactory

from claims.api.claims import ClaimRows, ClaimSerializer, ClaimViewSet
from claims.api.rows import RowShape
from claims.models import Article, Claim, Claimant, Quantity, Topic, UpdateNote, Verdict

from ..helpers import make_claim, refresh_claims

pytestmark = pytest.mark.django_db

TEXT = "Le ministre a parlé. Plus de 12 000 personnes sont venues. Les impôts ont baissé de 3 %. Rien ne change."
SUMMER = dt.datetime(2024, 7, 1, 22, 30, 15, 250000, tzinfo=dt.UTC)  # the next day in Paris, at +02:00
WINTER = dt.datetime(2023, 1, 15, 9, 0, tzinfo=dt.UTC)  # +01:00 in Paris


class SerializedClaimViewSet(ClaimViewSet):
    """The claims list as ClaimSerializer answers it from model instances (the desk's way)."""

    def list(self, request, *args, **kwargs):
        return mixins.ListModelMixin.list(self, request, *args, **kwargs)


def serialized(url: str) -> bytes:
    request = APIRequestFactory().get(url)
    return SerializedClaimViewSet.as_view({"get": "list"})(request).render().content


@pytest.fixture
def varied(seed):
    """Besides the seed's 22: a bare claim (no speaker, topic, figure, note, check-worthiness, article
    URL; a rating off the scale), a full one (speaker, topics, a figure, update notes, a corrected
    verdict), a claim in review with a draft verdict without rating, and a candidate without verdict."""
    article = Article.objects.create(
        slug="article-varie", title="Varié", publisher="Exemple", text=TEXT, url="", published_on=dt.date(2024, 6, 30)
    )
    claimant, speaker = Claimant.objects.order_by("id")[:2]
    bare = make_claim(article, "Le ministre a parlé.", slug="nue", claimant=claimant, rating="misleading")
    full = make_claim(article, "Plus de 12 000 personnes", slug="complete", claimant=claimant, rating="false")
    full.speaker, full.checkworthiness = speaker, 0.1
    full.save()
    full.topics.set(Topic.objects.order_by("-slug")[:3])
    Quantity.objects.create(claim=full, text="12 000", value=Decimal(12000), verified_value=Decimal("9500.5"))
    UpdateNote.objects.create(claim=full, since=dt.date(2024, 9, 1), note_fr="Les chiffres ont changé.")
    UpdateNote.objects.create(claim=full, since=dt.date(2024, 10, 1), note_fr="Encore.")
    Verdict.objects.filter(claim=full).update(published_at=WINTER, modified_at=SUMMER)
    in_review = make_claim(
        article,
        "Les impôts ont baissé",
        slug="en-relecture",
        claimant=speaker,
        claim_status=Claim.Status.IN_REVIEW,
        verdict_status=Verdict.Status.DRAFT,
    )
    Verdict.objects.filter(claim=in_review).update(rating=None)
    candidate = Claim.objects.create(
        article=article,
        quote="Rien ne change.",
        start=TEXT.index("Rien"),
        end=len(TEXT),
        restatement="Rien ne change",
        claimant=claimant,
        kind=Claim.Kind.QUANTITY,
        claimed_on=dt.date(2024, 7, 2),
        slug="candidate-sans-verdict",
    )
    refresh_claims([bare, full, in_review, candidate])
    return {"bare": bare, "full": full, "in_review": in_review, "candidate": candidate}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "ordering=-published_at",
        "ordering=checkworthiness",
        "ordering=claimed_on",
        "rating=false",
        "has_quantities=true",
        "overtaken_by_events=false",
        "q=soldats",
        "q=personnes",
        "claimed_after=2022-10-31&kind=quantity",
    ],
)
def test_every_page_of_the_list_is_the_serializers_answer(api, varied, query):
    url = f"/api/v1/claims?page_size=10&{query}"
    pages = []
    while url:
        response = api.get(url)
        assert response.status_code == 200
        assert response.content == serialized(url), url
        pages.append(response.json())
        url = pages[-1]["next"]
    assert pages[0]["results"]
    if not query:  # the 24 published claims: three pages, by cursor
        assert [len(page["results"]) for page in pages] == [10, 10, 4] and pages[0]["count"] == 24
        assert "cursor=" in pages[1]["next"]


def test_a_page_by_number_is_the_serializers_answer(api, varied):
    for url in ("/api/v1/claims?page_size=10&page=2", "/api/v1/claims?page_size=5&page=3&ordering=-published_at"):
        response = api.get(url)
        assert response.status_code == 200
        assert response.content == serialized(url), url


def test_the_bare_and_the_full_claim_are_listed_as_the_serializer_lists_them(api, varied):
    rows = {row["slug"]: row for row in api.get("/api/v1/claims", {"page_size": 100}).json()["results"]}
    bare, full = rows["nue"], rows["complete"]
    assert bare["speaker"] is None and bare["topics"] == [] and bare["checkworthiness"] is None
    assert bare["article"]["url"] is None and bare["verdict"]["rating"]["value"] is None
    assert not bare["has_quantities"] and not bare["overtaken_by_events"]
    assert full["speaker"]["slug"] and len(full["topics"]) == 3 and full["checkworthiness"] == 0.1
    assert full["has_quantities"] and full["overtaken_by_events"]
    assert full["verdict"]["published_at"] == "2023-01-15T10:00:00+01:00"
    assert full["verdict"]["modified_at"] == "2024-07-02T00:30:15.250000+02:00"
    assert full["page_url"] == "http://testserver/claims/complete/"
    assert "en-relecture" not in rows and "candidate-sans-verdict" not in rows


def test_every_claim_drafts_included_is_shaped_as_the_serializer_shapes_it(varied, settings):
    """The shape itself, on what only the desk sees: a draft verdict without rating, no verdict at all."""
    settings.TIME_ZONE = "America/Sao_Paulo"
    request = APIRequestFactory().get("/api/v1/claims")
    rows = ClaimRows()
    values = list(Claim.objects.with_flags().with_topics().order_by("id").values(*rows.columns))
    claims = Claim.objects.list_rows().with_topics().order_by("id")
    expected = ClaimSerializer(claims, many=True, context={"request": request}).data
    shaped = rows.shape(values, request)
    assert JSONRenderer().render(shaped) == JSONRenderer().render(expected)
    by_slug = {row["slug"]: row for row in json.loads(JSONRenderer().render(shaped))}
    assert by_slug["candidate-sans-verdict"]["verdict"] is None
    draft = by_slug["en-relecture"]["verdict"]
    assert draft["status"] == "draft" and draft["rating"] is None and draft["published_at"] is None
    assert by_slug["complete"]["verdict"]["modified_at"] == "2024-07-01T19:30:15.250000-03:00"


def test_a_field_not_read_from_a_column_must_be_given():
    class WithAMethodField(ClaimSerializer):
        shout = serializers.SerializerMethodField()

        class Meta(ClaimSerializer.Meta):
            fields = [*ClaimSerializer.Meta.fields, "shout"]

        def get_shout(self, claim):
            return claim.quote.upper()

    with pytest.raises(ValueError, match="shout is not read from a column of Claim"):
        RowShape(WithAMethodField(), given=ClaimRows.GIVEN)
    with pytest.raises(ValueError, match="topics is not read from a column of Claim"):
        RowShape(ClaimSerializer(), given=["verdict", "page_url"])
    with pytest.raises(ValueError, match="has no field"):
        RowShape(ClaimSerializer(), given=[*ClaimRows.GIVEN, "nothing"])
