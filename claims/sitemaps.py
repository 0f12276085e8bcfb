"""sitemap.xml: every published page, in French and in English."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Claim, Claimant


class I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class ClaimSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Claim.objects.published().list_rows().order_by("pk")

    def lastmod(self, claim: Claim):
        return claim.current_verdict.date_modified


class ArticleSitemap(I18nSitemap):
    def items(self):
        return Article.objects.published().order_by("pk")

    def lastmod(self, article: Article):
        return article.updated_at


class ClaimantSitemap(I18nSitemap):
    def items(self):
        return Claimant.objects.published().order_by("pk")


class PageSitemap(I18nSitemap):
    def items(self):
        return ["claims:home", "claims:claim-list", "claims:methodology"]

    def location(self, name: str) -> str:
        return reverse(name)


sitemaps = {"pages": PageSitemap, "claims": ClaimSitemap, "articles": ArticleSitemap, "claimants": ClaimantSitemap}
