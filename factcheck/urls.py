from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from claims.api.google import ClaimsSearchView
from claims.sitemaps import sitemap_index, sitemap_section
from claims.views import favicon, ratings_css, robots_txt
from factcheck.health import healthz

# The admin is the newsroom's workspace: it carries the site's name, in the editor's language.
admin.site.site_header = format_lazy("{site} — {desk}", site=settings.SITE_NAME, desk=_("newsroom"))
admin.site.site_title = admin.site.site_header
admin.site.index_title = _("Claims, sources and verdicts")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("claims.api.urls")),
    # Google's path at the site's root: a Google client needs only the site's root as its endpoint.
    path("v1alpha1/claims:search", ClaimsSearchView.as_view(), name="google-claims-search"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>-<int:page>.xml", sitemap_section, name="sitemap-section"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("ratings.css", ratings_css, name="ratings-css"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", include("claims.urls")),
    prefix_default_language=False,
)

# JSON for /api/ URLs, Django's page elsewhere.
handler500 = "claims.api.exceptions.server_error"
