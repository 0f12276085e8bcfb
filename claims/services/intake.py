"""From an article to candidate claims: the article created, the intake's proposals stored, and the
desk's decisions on them (accept, adjust, reject, or a claim from any selected text).

The admin's "Add article" and workbench, and ``POST /api/v1/articles``, call these functions.
Offsets always come from a selection made in the article, never typed: each one is checked here
against the stored text (``text[start:end] == quote``), whatever the door.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from ..intake import propose
from ..intake.dates import find_dates
from ..intake.evaluation import matches
from ..intake.language import SUPPORTED_LANGUAGES, detect_language
from ..intake.quantities import find_quantities
from ..intake.sources import ArticleText, SourceError, article_from_html, fetch_article
from ..models import Article, Claim, Claimant, ClaimantKind, ClaimKind, Proposal, ProposalStatus, Quantity
from . import roles
from .editing import save_claim, save_quantity
from .errors import WorkflowError
from .versioning import locked, save_validated

ADD_ARTICLE_PERMISSION = "claims.add_article"
ADD_CLAIM_PERMISSION = "claims.add_claim"
DECIDE_PERMISSION = "claims.change_claim"

__all__ = [
    "SourceError",
    "accept_proposal",
    "article_text",
    "claim_from_selection",
    "create_article",
    "reject_proposal",
]


def article_text(*, text: str = "", url: str = "", html: str = "") -> ArticleText:
    """The article's text from exactly one of: pasted ``text``, a ``url`` to fetch, an ``html`` page.

    Raises ``SourceError`` (one line, for the editor) when none or several are given, or nothing
    readable comes out.
    """
    given = [name for name, value in (("text", text), ("url", url), ("html", html)) if value and value.strip()]
    if len(given) != 1:
        raise SourceError(_("Give the article's text, its URL or its HTML page: one of the three."))
    if text.strip():
        return ArticleText(text=normalise_text(text))
    if url.strip():
        fetched = fetch_article(url.strip())
        return ArticleText(normalise_text(fetched.text), fetched.published_on, fetched.title, url.strip())
    page = article_from_html(html, source=_("the page"))
    return ArticleText(normalise_text(page.text), page.published_on, page.title, page.url)


def normalise_text(text: str) -> str:
    """The text as stored: Unix line ends (a browser's selection counts one character per line end)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\ufeff").strip()


@transaction.atomic
def create_article(
    *,
    user,
    text: str,
    title: str,
    publisher: str,
    published_on: dt.date,
    language: str | None = None,
    url: str = "",
) -> Article:
    """Create an article and run the intake on it; its proposals are in ``article.proposals``."""
    roles.require(user, ADD_ARTICLE_PERMISSION, _("add articles"))
    text = normalise_text(text)
    language = language or detect_language(text)
    if language not in SUPPORTED_LANGUAGES:
        raise ValidationError({"language": _("The intake reads French and English articles only.")})
    article = Article(
        title=title.strip(),
        slug=_unique_slug(Article, title, max_length=100),
        publisher=publisher.strip(),
        url=url,
        language=language,
        published_on=published_on,
        text=text,
    )
    article.full_clean()
    article.save()
    run_intake(article=article)
    return article


def intake_article(*, user, article: Article) -> list[Proposal]:
    """Run the intake on an article again (or for the first time, for one added another way)."""
    roles.require(user, ADD_CLAIM_PERMISSION, _("add claims"))
    return run_intake(article=article)


@transaction.atomic
def run_intake(*, article: Article) -> list[Proposal]:
    """Store the intake's proposals for ``article``; the article's proposals in text order.

    A span already decided (accepted or rejected) keeps its decision; one still open is refreshed.
    A span that an existing claim of the article already covers is recorded as accepted with it.
    """
    result = propose(article.text, language=article.language, published_on=article.published_on, find_similar=True)
    stored = {(p.start, p.end): p for p in Proposal.objects.filter(article=article)}
    claims = list(article.claims.only("pk", "start", "end"))
    for found in result.proposals:
        values = {
            "quote": found.quote,
            "score": found.score,
            "kind": found.kind,
            "reasons": list(found.reasons),
            "speaker": found.speaker or "",
            "quantities": [q.to_dict() for q in found.quantities],
            "dates": [d.to_dict() for d in found.dates],
            "similar": [s.to_dict() for s in found.similar],
        }
        existing = stored.get((found.start, found.end))
        if existing is not None:
            if existing.status == ProposalStatus.PROPOSED:
                Proposal.objects.filter(pk=existing.pk).update(**values)
            continue
        covering = next((c for c in claims if matches(found.start, found.end, c.start, c.end)), None)
        Proposal.objects.create(
            article=article,
            start=found.start,
            end=found.end,
            status=ProposalStatus.ACCEPTED if covering else ProposalStatus.PROPOSED,
            claim=covering,
            **values,
        )
    return list(Proposal.objects.workbench(article))


def check_span(article: Article, start: int, end: int, quote: str) -> None:
    """Refuse offsets that are not those of ``quote`` in the article's stored text."""
    if not 0 <= start < end <= len(article.text):
        raise ValidationError({"start": _("The selection is outside the article's text.")})
    if article.text[start:end] != quote:
        raise ValidationError({"quote": _("The selection does not match the article's text; reload the page.")})
    if not quote.strip():
        raise ValidationError({"quote": _("Select some words of the article.")})


@transaction.atomic
def accept_proposal(
    *, user, proposal: Proposal, start: int | None = None, end: int | None = None, quote: str | None = None
) -> Claim:
    """A candidate claim from an open proposal, at its own span or at the adjusted one given."""
    roles.require(user, ADD_CLAIM_PERMISSION, _("add claims"))
    proposal = locked(proposal)
    if proposal.status != ProposalStatus.PROPOSED:
        raise WorkflowError(
            _("This proposal was already decided (%(status)s).") % {"status": proposal.get_status_display()}
        )
    article = proposal.article
    if start is None or end is None:
        start, end, quote = proposal.start, proposal.end, proposal.quote
    else:
        check_span(article, start, end, quote or "")
    claim = _create_claim(user=user, article=article, start=start, end=end, basis=proposal)
    _decide(proposal, user=user, status=ProposalStatus.ACCEPTED, claim=claim)
    return claim


@transaction.atomic
def claim_from_selection(*, user, article: Article, start: int, end: int, quote: str) -> Claim:
    """A candidate claim from any text selected in the article.

    An open proposal the selection covers most of is taken as its basis (speaker, kind, score) and
    recorded as accepted with the new claim.
    """
    roles.require(user, ADD_CLAIM_PERMISSION, _("add claims"))
    check_span(article, start, end, quote)
    basis = next(
        (p for p in Proposal.objects.filter(article=article).open() if matches(start, end, p.start, p.end)),
        None,
    )
    claim = _create_claim(user=user, article=article, start=start, end=end, basis=basis)
    if basis is not None:
        _decide(locked(basis), user=user, status=ProposalStatus.ACCEPTED, claim=claim)
    return claim


@transaction.atomic
def reject_proposal(*, user, proposal: Proposal) -> Proposal:
    """Set a proposal aside; it stays, so the intake does not propose its span again."""
    roles.require(user, DECIDE_PERMISSION, _("decide on proposals"))
    proposal = locked(proposal)
    if proposal.status != ProposalStatus.PROPOSED:
        raise WorkflowError(
            _("This proposal was already decided (%(status)s).") % {"status": proposal.get_status_display()}
        )
    _decide(proposal, user=user, status=ProposalStatus.REJECTED)
    return proposal


def _decide(proposal: Proposal, *, user, status: str, claim: Claim | None = None) -> None:
    proposal.status = status
    proposal.claim = claim
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "claim", "decided_by", "decided_at"])


@dataclass(frozen=True)
class _Reading:
    speaker: str
    kind: str
    score: float | None


def _create_claim(*, user, article: Article, start: int, end: int, basis: Proposal | None) -> Claim:
    """The candidate claim at ``start:end``: claimant (the publisher), speaker, date, kind, score, figures."""
    quote = article.text[start:end]
    quantities = [q for q in find_quantities(article.text, article.language) if start <= q.start and q.end <= end]
    dates = [d for d in find_dates(article.text, article.language, article.published_on) if start <= d.start < end]
    reading = _reading(basis, quantities)
    speaker = _claimant(reading.speaker, ClaimantKind.PERSON, user) if reading.speaker else None
    claim = Claim(
        article=article,
        quote=quote,
        start=start,
        end=end,
        restatement=Truncator(" ".join(quote.split())).chars(255),
        slug=_unique_slug(Claim, quote, max_length=80),
        claimant=_claimant(article.publisher, ClaimantKind.OUTLET, user),
        speaker=speaker,
        kind=reading.kind,
        language=article.language,
        claimed_on=_claimed_on(article, dates, speaker is not None),
        checkworthiness=reading.score,
    )
    save_claim(claim=claim, user=user, expected_version=None)
    seen: set[str] = set()
    for mention in quantities:
        if mention.text in seen:
            continue
        seen.add(mention.text)
        save_quantity(
            user=user,
            quantity=Quantity(claim=claim),
            text=mention.text[:200],
            value=Decimal(str(mention.value)),
            unit=(mention.unit or "")[:60],
            qualifier=mention.qualifier,
        )
    return claim


def _reading(basis: Proposal | None, quantities) -> _Reading:
    if basis is not None:
        return _Reading(basis.speaker, basis.kind, basis.score)
    counted = [q for q in quantities if q.unit not in {"année", "year"}]
    return _Reading("", ClaimKind.QUANTITY if counted else ClaimKind.STATUS, None)


def _claimed_on(article: Article, dates, attributed: bool) -> dt.date:
    """When the claim was made: the day a speaker said it (« a déclaré lundi »), else the publication date."""
    if attributed:
        for mention in dates:
            if mention.value and len(mention.value) == 10:
                try:
                    day = dt.date.fromisoformat(mention.value)
                except ValueError:
                    continue
                if day <= article.published_on:
                    return day
    return article.published_on


def _claimant(name: str, kind: str, user) -> Claimant:
    """The claimant of that name, created when the database does not know it yet."""
    name = name.strip()[:200]
    existing = Claimant.objects.filter(name__iexact=name).first()
    if existing is not None:
        return existing
    roles.require(user, "claims.add_claimant", _("add claimants"))
    claimant = Claimant(name=name, slug=_unique_slug(Claimant, name, max_length=100), kind=kind)
    save_validated(claimant, user)
    return claimant


def _unique_slug(model, text: str, *, max_length: int) -> str:
    base = slugify(text)[:max_length].strip("-") or model._meta.model_name
    slug, number = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{number}"
        number += 1
    return slug
