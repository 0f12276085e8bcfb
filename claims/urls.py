from django.urls import path

from . import feeds, views

app_name = "claims"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("claims/", views.ClaimListView.as_view(), name="claim-list"),
    path("claims/<slug:slug>/", views.ClaimDetailView.as_view(), name="claim-detail"),
    path("claims/<slug:slug>/preview/", views.ClaimPreviewView.as_view(), name="claim-preview"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("claimants/<slug:slug>/", views.ClaimantDetailView.as_view(), name="claimant-detail"),
    path("methodology/", views.MethodologyView.as_view(), name="methodology"),
    path("feed/", feeds.LatestVerdictsFeed(), name="feed"),
    path("feed/atom/", feeds.LatestVerdictsAtomFeed(), name="feed-atom"),
]
