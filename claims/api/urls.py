"""Mounted at ``/api/`` outside ``i18n_patterns``: the API answers the same in every language."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import views, write_views
from .claimreview_views import ClaimReviewFeedView
from .exceptions import api_not_found
from .google import ClaimsSearchView

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False


router = Router(trailing_slash="")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("claimants", views.ClaimantViewSet, basename="claimant")
router.register("sources", views.SourceViewSet, basename="source")
router.register("ratings", views.RatingViewSet, basename="rating")
router.register("quantities", write_views.QuantityViewSet, basename="quantity")
router.register("evidence", write_views.EvidenceViewSet, basename="evidence")
router.register("verdicts", write_views.VerdictViewSet, basename="verdict")

urlpatterns = [
    path("v1/claimreview/feed", ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("v1/", include(router.urls)),
    path("v1alpha1/claims:search", ClaimsSearchView.as_view(), name="claims-search"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", api_not_found),
]
