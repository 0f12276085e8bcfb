"""RSS and Atom feeds of the latest published verdicts."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Claim


class LatestVerdictsFeed(Feed):
    title = _("Latest verdicts")
    link = reverse_lazy("claims:home")
    description = _("The latest fact-checks, with their rating and a one-line summary.")
    size = 50

    def items(self):
        return Claim.objects.published().list_rows().latest_first()[: self.size]

    def item_title(self, claim: Claim) -> str:
        return f"{claim.current_verdict.rating.label} — {claim.restatement_text}"

    def item_description(self, claim: Claim) -> str:
        return claim.current_verdict.summary

    def item_pubdate(self, claim: Claim):
        return claim.current_verdict.published_at

    def item_updateddate(self, claim: Claim):
        return claim.current_verdict.date_modified

    def item_author_name(self, claim: Claim) -> str:
        return settings.SITE_NAME


class LatestVerdictsAtomFeed(LatestVerdictsFeed):
    feed_type = Atom1Feed
    subtitle = LatestVerdictsFeed.description
