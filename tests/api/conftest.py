import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from rest_framework.test import APIClient

from claims.models import Article, Claim, Claimant, Evidence, Quantity, Rating, Source, Topic, UpdateNote, Verdict

from ..helpers import refresh_claims, token_client

SECRET = "zanzibar"  # a word that appears only in the hidden claims below


@pytest.fixture(autouse=True)
def fresh_throttle():
    """The anonymous throttle counts in the cache: every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def _hidden_claim(article: Article, *, slug: str, start: int, end: int, **fields) -> Claim:
    return Claim.objects.create(
        article=article,
        quote=article.text[start:end],
        start=start,
        end=end,
        restatement=f"Affirmation {SECRET} cachée {slug}",
        restatement_en=f"Hidden {SECRET} claim {slug}",
        kind=Claim.Kind.QUANTITY,
        claimed_on=dt.date(2022, 10, 31),
        slug=slug,
        **fields,
    )


@pytest.fixture
def hidden(seed):
    """Two claims no anonymous client may see, with a claimant, a topic and a source of their own.

    - ``draft_claim``: a candidate claim (its verdict is a draft);
    - ``unpublished_verdict_claim``: a claim marked published whose current verdict is still a draft.
    Both use the rating "misleading", which no published claim has, and a quantity of 999,999.
    """
    article = Article.objects.get()
    secret_claimant = Claimant.objects.create(name=f"Porte-parole {SECRET}", slug=f"porte-parole-{SECRET}")
    topic = Topic.objects.create(slug=f"sujet-{SECRET}", name_fr=f"Sujet {SECRET}")
    source = Source.objects.create(url=f"https://example.org/{SECRET}", title=f"Source {SECRET}", publisher="Example")
    misleading = Rating.objects.get(slug="misleading")
    claims = {
        "draft_claim": _hidden_claim(
            article, slug=f"brouillon-{SECRET}", start=0, end=12, claimant=secret_claimant, status="candidate"
        ),
        "unpublished_verdict_claim": _hidden_claim(
            article, slug=f"verdict-brouillon-{SECRET}", start=1, end=13, claimant=secret_claimant, status="published"
        ),
    }
    for claim in claims.values():
        claim.topics.add(topic)
        Quantity.objects.create(claim=claim, text=claim.quote[:5], value=Decimal(999_999))
        Evidence.objects.create(claim=claim, source=source)
        Verdict.objects.create(claim=claim, rating=misleading, summary_fr=f"Résumé {SECRET}", status="draft")
        UpdateNote.objects.create(claim=claim, since=dt.date(2024, 1, 1), note_fr=f"Note {SECRET}").sources.add(source)
    refresh_claims(claims.values())
    return {**claims, "claimant": secret_claimant, "topic": topic, "source": source, "rating": misleading}


@pytest.fixture
def staff_user(db):
    """A member of the desk (a fact-checker): reads drafts through the API."""
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user("checker", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="fact-checker"))
    return user


@pytest.fixture
def staff_api(staff_user):
    """A staff member in no editorial group: may read drafts, may write nothing."""
    return token_client(staff_user)


@pytest.fixture
def roleless_staff_api(db):
    """A staff account in no desk group: reads and writes like the public."""
    user = get_user_model().objects.create_user("no.role", password="x", is_staff=True)
    return token_client(user)


@pytest.fixture
def reader_api(db):
    """A token user who is not staff."""
    return token_client(get_user_model().objects.create_user("reader", password="x"))


@pytest.fixture
def checker_api(fact_checker):
    return token_client(fact_checker)


@pytest.fixture
def editor_api(editor):
    return token_client(editor)
