"""Plain helpers shared by the test modules: names from the seed, staff members, API clients, admin forms, pages.

Fixtures live in ``conftest.py``; what a test calls directly lives here, once.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import lxml.html
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Article, Claim, Claimant, Evidence, Rating, Source, Verdict

SHARED_DIR = Path(__file__).resolve().parent.parent.parent / "shared"

# Claims of the seed that tests name: the richest one (2 sources, a figure, an update note) and others.
PEACEKEEPERS = "russie-deploie-2000-soldats-maintien-paix"
DEATHS = "guerre-2020-plus-de-6700-morts"
NINTH_MONTH = "guerre-ukraine-neuvieme-mois"
MANDATE = "prolongation-mandat-russe-maintien-paix"

# An anonymous request first reads the content version (claims.cache): from the database while the
# cache is each process's own memory, as here and on one machine without Redis, so that a publish in
# one worker makes every worker's kept pages stale.
VERSION_QUERY = 1

# Queries of a verdict page (and of the API's claim detail): the claim, its current verdict and its
# evidence with their sources; then one for each kind of thing the claim has, however many of that
# kind: topics, corrections, figures, minor updates, other publishers' confirmed reviews, and update
# notes (two: the notes, their sources). What a claim lacks its own row says (Claim.verdict_page).
VERDICT_PAGE_BARE_QUERIES = 3 + VERSION_QUERY
VERDICT_PAGE_FULL_QUERIES = 10 + VERSION_QUERY


def verdict_page_queries(claim: Claim) -> int:
    """The queries of ``claim``'s verdict page: the bare ones and one for each kind it has."""
    verdict = claim.verdicts.get(is_current=True)
    kinds = [
        claim.topics.exists(),
        verdict.corrections.exists(),
        claim.quantities.exists(),
        claim.minor_updates.exists(),
        claim.external_reviews.confirmed().exists(),
    ]
    notes = 2 if claim.update_notes.exists() else 0
    return VERDICT_PAGE_BARE_QUERIES + sum(kinds) + notes


def shared_file(relative: str) -> Path:
    """A file of ../shared; skipped when absent, except in CI where its absence is a failure."""
    path = SHARED_DIR / relative
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI runs with ../shared beside the repository")
        pytest.skip(f"{path} is not here")
    return path


def refresh_claims(claims=None) -> None:
    """After a test rewrites verdicts with ``update()``: their claims show them, as the services keep them."""
    from claims.services import publication

    for claim in claims if claims is not None else Claim.objects.all():
        publication.refresh(claim)


def staff_member(username: str, group: str):
    """An active staff user in one of the editorial groups ("fact-checker", "editor")."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "correct horse battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def token_client(user) -> APIClient:
    """An API client that authenticates as ``user`` with a token, as a script would."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def empty_claims_tables() -> None:
    """Delete every row of the project's tables, history included, inside the current transaction.

    For the tests of loading the seed into an empty database; the test's rollback brings the
    session's seed back. Foreign keys are checked at commit, so the order of the tables is free.
    """
    tables = [model._meta.db_table for model in apps.get_app_config("claims").get_models(include_auto_created=True)]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def snapshot() -> dict[str, list[tuple]]:
    """Every row of the project's tables, history and users included: to prove a refused write changed nothing."""
    models = [*apps.get_app_config("claims").get_models(include_auto_created=True), get_user_model()]
    rows = {}
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")
            rows[model._meta.db_table] = sorted(cursor.fetchall(), key=repr)
    return rows


def admin_form_data(response, **changes) -> dict:
    """The POST data of an admin change form as the page shows it, with ``changes`` applied."""
    data = {}

    def add(form, name):
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            return
        if isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif value is True:
            data[key] = "on"
        else:
            data[key] = str(value)

    form = response.context["adminform"].form
    for name in form.fields:
        add(form, name)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for name in formset.management_form.fields:
            data[formset.management_form.add_prefix(name)] = str(formset.management_form[name].value())
        for inline_form in formset.initial_forms:
            for name in inline_form.fields:
                add(inline_form, name)
    data.update(changes)
    return data


def get_counting_queries(client, url: str, assert_num_queries, expected: int, **params):
    """GET ``url`` twice and pin the second request's query count at exactly ``expected``.

    The first request fills process-wide caches (content types, translations), so the count
    does not depend on which tests ran before on this worker.
    """
    assert client.get(url, params).status_code == 200, url
    with assert_num_queries(expected):
        response = client.get(url, params)
        if response.streaming:  # its queries run as it is read
            response = HttpResponse(b"".join(response.streaming_content), status=response.status_code)
    assert response.status_code == 200, url
    return response


# --- Pages ---------------------------------------------------------------------------------------


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
    refresh_claims([claim])
    return claim
