from django.urls import path

from . import views

app_name = "claims"

urlpatterns = [
    path("", views.ClaimListView.as_view(), name="home"),
    path("claims/<slug:slug>/", views.ClaimDetailView.as_view(), name="claim-detail"),
    path(
        "articles/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article-detail",
    ),
    path(
        "claimants/<slug:slug>/",
        views.ClaimantDetailView.as_view(),
        name="claimant-detail",
    ),
]
