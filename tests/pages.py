"""Helpers of the page tests: parse HTML, and make claims that stand at real offsets."""

from __future__ import annotations

import datetime as dt

import lxml.html
from django.utils import timezone

from claims.models import Article, Claim, Claimant, Evidence, Rating, Source, Verdict


def parse(response) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(response.content.decode())


def texts(tree, xpath: str) -> list[str]:
    return [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]


def make_claim(
    article: Article,
    quote: str,
    *,
    slug: str,
    claimant: Claimant,
    rating: str = "misleading",
    claim_status: str = Claim.Status.PUBLISHED,
    verdict_status: str = Verdict.Status.PUBLISHED,
    restatement: str = "",
    explanation: str = "",
) -> Claim:
    """A claim on ``article`` at the first place ``quote`` stands, with one source and a current verdict."""
    start = article.text.index(quote)
    claim = Claim.objects.create(
        article=article,
        quote=quote,
        start=start,
        end=start + len(quote),
        restatement=restatement or f"Restatement of {slug}",
        claimant=claimant,
        kind=Claim.Kind.EVENT,
        claimed_on=dt.date(2022, 10, 31),
        status=claim_status,
        slug=slug,
    )
    source, _ = Source.objects.get_or_create(
        url="https://example.org/source", defaults={"title": "A source", "publisher": "Example"}
    )
    Evidence.objects.create(claim=claim, source=source)
    published = verdict_status == Verdict.Status.PUBLISHED
    Verdict.objects.create(
        claim=claim,
        rating=Rating.objects.get(slug=rating),
        summary_fr=f"Résumé de {slug}",
        explanation_fr=explanation,
        status=verdict_status,
        published_at=timezone.now() if published else None,
    )
    return claim
