"""Mounted at ``/api/`` outside ``i18n_patterns``: the API answers the same in every language."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from .claimreview import ClaimReviewFeedView
from .claims import ClaimViewSet
from .exceptions import api_not_found
from .external import ExternalReviewViewSet
from .google import ClaimsSearchView
from .intake import ArticleViewSet
from .parts import EvidenceViewSet, QuantityViewSet, VerdictViewSet
from .reference import ClaimantViewSet, RatingViewSet
from .sources import SourceViewSet

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False

    def __init__(self) -> None:
        super().__init__()
        self.trailing_slash = "/?"  # /api/v1/claims and /api/v1/claims/ alike


router = Router()
router.register("claims", ClaimViewSet, basename="claim")
router.register("articles", ArticleViewSet, basename="article")
router.register("claimants", ClaimantViewSet, basename="claimant")
router.register("sources", SourceViewSet, basename="source")
router.register("ratings", RatingViewSet, basename="rating")
router.register("quantities", QuantityViewSet, basename="quantity")
router.register("evidence", EvidenceViewSet, basename="evidence")
router.register("verdicts", VerdictViewSet, basename="verdict")
router.register("external-reviews", ExternalReviewViewSet, basename="external-review")

urlpatterns = [
    re_path(r"^v1/claimreview/feed/?$", ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("v1/", include(router.urls)),
    path("v1alpha1/claims:search", ClaimsSearchView.as_view(), name="claims-search"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script from a URL: no inline script (CSP).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    re_path(r"^.*$", api_not_found),
]
