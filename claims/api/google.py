"""``GET /api/v1alpha1/claims:search``: the shape of Google's Fact Check Tools API, over our published reviews.

An existing client of that API only changes its base URL. Parameters and answer follow
https://developers.google.com/fact-check/tools/api/reference/rest/v1alpha1/claims/search;
as there, an answer with no claims is ``{}`` and ``nextPageToken`` is present only when
another page exists. Page tokens are opaque (an encoded offset).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..claimreview import REVIEW_LANGUAGES, page_url, publisher_site, site_url
from ..models import Claim, Verdict
from ..search.fulltext import CANDIDATES
from .googlestyle import google_exception_handler, parse_fields, select_fields
from .renderers import LINKED_DATA_RENDERERS

_STRING = {"type": "string"}
_DATE_TIME = {"type": "string", "format": "date-time"}

GOOGLE_SEARCH_SCHEMA = {
    "type": "object",
    "description": "The shape of Google's Fact Check Tools API `claims:search`; `{}` when nothing matches.",
    "properties": {
        "claims": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "text": _STRING,
                    "claimant": _STRING,
                    "claimDate": _DATE_TIME,
                    "claimReview": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "publisher": {
                                    "type": "object",
                                    "properties": {"name": _STRING, "site": _STRING},
                                    "required": ["site"],
                                },
                                "url": _STRING,
                                "title": _STRING,
                                "reviewDate": _DATE_TIME,
                                "textualRating": _STRING,
                                "languageCode": _STRING,
                            },
                            "required": ["publisher", "url", "textualRating", "languageCode"],
                        },
                    },
                },
                "required": ["text", "claimReview"],
            },
        },
        "nextPageToken": _STRING,
    },
}

GOOGLE_ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {"code": {"type": "integer"}, "message": _STRING, "status": _STRING},
            "required": ["code", "message", "status"],
        }
    },
    "required": ["error"],
}

DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
MAX_OFFSET = 1_000_000


def encode_page_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def decode_page_token(token: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
        prefix, _sep, number = raw.partition(":")
        offset = int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise serializers.ValidationError(_("Not a page token from this API.")) from None
    if prefix != "offset" or not 0 <= offset <= MAX_OFFSET:
        raise serializers.ValidationError(_("Not a page token from this API."))
    return offset


class ClaimsSearchParameters(serializers.Serializer):
    query = serializers.CharField(required=False, max_length=200, help_text="Textual query string.")
    languageCode = serializers.RegexField(  # noqa: N815 - Google's parameter name
        r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
        required=False,
        max_length=35,
        help_text='BCP-47 language code, e.g. "fr" or "en-US": reviews in that language.',
    )
    maxAgeDays = serializers.IntegerField(  # noqa: N815
        required=False,
        min_value=0,
        max_value=36_500,
        help_text="Only claims made or reviewed within this many days.",
    )
    pageSize = serializers.IntegerField(  # noqa: N815
        required=False, min_value=1, max_value=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE
    )
    pageToken = serializers.CharField(required=False, max_length=100)  # noqa: N815
    fields = serializers.CharField(
        required=False,
        max_length=500,
        help_text='Partial response, as in Google\'s APIs: e.g. "claims(text,claimReview/url),nextPageToken".',
    )
    offset = serializers.IntegerField(required=False, min_value=0, max_value=MAX_OFFSET)
    reviewPublisherSiteFilter = serializers.CharField(required=False, max_length=253)  # noqa: N815

    def validate_pageToken(self, value: str) -> int:  # noqa: N802
        return decode_page_token(value)

    def validate_fields(self, value: str) -> dict:
        return parse_fields(value)

    def validate(self, attrs: dict) -> dict:
        if not attrs.get("query", "").strip() and not attrs.get("reviewPublisherSiteFilter"):
            raise serializers.ValidationError({"query": [_("Required unless reviewPublisherSiteFilter is given.")]})
        return attrs


MAX_RESULTS = CANDIDATES

# What an entry shows (the claim, its claimant, its current verdict and rating), no more: no join a
# page of results does not read. Built once per process and cloned for each request (about 1.5 ms
# of Python saved a search).
PUBLISHED_ROWS = (
    Claim.objects.published()
    .select_related("claimant")
    .with_current_verdict(Verdict.objects.defer("explanation_fr", "explanation_en"))
)


def rfc3339(value: dt.datetime | dt.date) -> str:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time.min, tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def search_claims(params: dict, base_url: str | None = None) -> tuple[list[Claim], bool, str]:
    """The page of published claims that ``params`` asks for, whether more follow, and the review language."""
    language = params.get("languageCode", "fr").split("-")[0].lower()
    claims = PUBLISHED_ROWS.all()
    if language not in REVIEW_LANGUAGES:
        claims = claims.none()
    site = params.get("reviewPublisherSiteFilter")
    if site and site.lower().removeprefix("www.") != publisher_site(base_url):
        claims = claims.none()
    if "maxAgeDays" in params:
        cutoff = timezone.now() - dt.timedelta(days=params["maxAgeDays"])
        claims = claims.filter(Q(claimed_on__gte=cutoff.date()) | Q(published_at__gte=cutoff))
    query = params.get("query", "").strip()
    claims = claims.search(query) if query else claims.latest_first()
    offset = params.get("pageToken", params.get("offset", 0))
    size = params["pageSize"]
    rows = list(claims[offset : offset + size + 1])
    # Pages go no deeper than MAX_RESULTS, as a search ranks no more candidates than that.
    return rows[:size], len(rows) > size and offset + size < MAX_RESULTS, language


def claim_entry(claim: Claim, language: str, base_url: str | None = None) -> dict:
    verdict = claim.current_verdict
    english = language == "en"
    return {
        "text": claim.quote,
        "claimant": claim.claimant.name,
        "claimDate": rfc3339(claim.claimed_on),
        "claimReview": [
            {
                "publisher": {"name": settings.SITE_NAME, "site": publisher_site(base_url)},
                "url": page_url(claim, base_url or settings.SITE_URL, language),
                "title": (claim.restatement_en or claim.restatement) if english else claim.restatement,
                "reviewDate": rfc3339(verdict.published_at),
                "textualRating": verdict.rating.label_en if english else verdict.rating.label_fr,
                "languageCode": language,
            }
        ],
    }


class ClaimsSearchView(APIView):
    """Read-only for everyone, as Google's: any other method is a 405 (not a 401), and every error
    comes in Google's shape."""

    permission_classes = [AllowAny]
    renderer_classes = LINKED_DATA_RENDERERS

    def get_exception_handler(self):
        return google_exception_handler

    @extend_schema(
        operation_id="claims_search",
        summary="Search published reviews, answering like Google's Fact Check Tools API",
        parameters=[ClaimsSearchParameters],
        responses={
            200: OpenApiResponse(GOOGLE_SEARCH_SCHEMA, description="Google's claims:search response shape."),
            400: OpenApiResponse(GOOGLE_ERROR_SCHEMA, description="Google's error shape."),
        },
    )
    def get(self, request: Request) -> Response:
        parameters = ClaimsSearchParameters(data=request.query_params)
        parameters.is_valid(raise_exception=True)
        params = parameters.validated_data
        base_url = site_url(request)
        claims, more, language = search_claims(params, base_url)
        body: dict = {}
        if claims:
            body["claims"] = [claim_entry(claim, language, base_url) for claim in claims]
        if more:
            offset = params.get("pageToken", params.get("offset", 0))
            body["nextPageToken"] = encode_page_token(offset + params["pageSize"])
        if "fields" in params:
            body = select_fields(body, params["fields"])
        return Response(body)
