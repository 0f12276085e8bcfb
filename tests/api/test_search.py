import pytest
from django.db import connection

from claims.models import Claim
from claims.search import fulltext

from ..helpers import PEACEKEEPERS

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    assert response.status_code == 200
    return [row["slug"] for row in response.json()["results"]]


def test_q_deploye_without_accents_finds_deploye_with_accents(api, seed):
    assert PEACEKEEPERS in slugs(api.get("/api/v1/claims", {"q": "deploye"}))


def test_q_is_case_insensitive(api, seed):
    assert PEACEKEEPERS in slugs(api.get("/api/v1/claims", {"q": "MOSCOU DÉPLOYÉ"}))


def test_q_morts_combats_finds_the_6700_deaths_claim(api, seed):
    # "morts" is not in the quote ("mortes"); PostgreSQL's French stemming matches it, the
    # SQLite fallback by dropping the plural s.
    assert slugs(api.get("/api/v1/claims", {"q": "morts combats"})) == ["guerre-2020-plus-de-6700-morts"]


def test_q_without_a_match_returns_an_empty_page(api, seed):
    response = api.get("/api/v1/claims", {"q": "ornithorynque"})
    assert response.status_code == 200 and response.json()["count"] == 0


def test_the_queryset_search_is_shared_with_the_pages(seed):
    assert list(Claim.objects.published().search("casques bleus").values_list("slug", flat=True)) == [PEACEKEEPERS]
    assert Claim.objects.search("").count() == Claim.objects.count()


def test_q_combines_with_filters(api, seed):
    assert slugs(api.get("/api/v1/claims", {"q": "soldats", "kind": "quantity", "rating": "false"})) == []
    assert PEACEKEEPERS in slugs(api.get("/api/v1/claims", {"q": "soldats"}))


@pytest.mark.postgresql
def test_postgresql_stemming_matches_other_forms_of_a_word(api, seed):
    # "déployés" and "déployé", "soldat" and "soldats" share their French stems.
    assert PEACEKEEPERS in slugs(api.get("/api/v1/claims", {"q": "déployés soldat"}))


@pytest.mark.postgresql
def test_postgresql_results_come_in_rank_order(seed):
    results = list(Claim.objects.published().search("Poutine or Azerbaïdjan"))
    ranks = [claim.search_rank for claim in results]
    assert len(results) > 1 and ranks == sorted(ranks, reverse=True)


@pytest.mark.postgresql
def test_postgresql_search_can_use_the_gin_index(seed):
    queryset = Claim.objects.search("morts combats")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "claim_search_vector_idx" in plan


@pytest.mark.postgresql
def test_postgresql_websearch_syntax_is_safe(api, seed):
    for q in ['"deux mille', "-", "a & b | !c", "'", ":*"]:
        assert api.get("/api/v1/claims", {"q": q}).status_code == 200


@pytest.mark.postgresql
def test_postgresql_pages_of_a_search_follow_the_ranking_of_all_its_matches(seed):
    # Each page ranks only as many candidates as it reaches (BestCandidates): page by page, the
    # same claims in the same order as all of them at once.
    search = Claim.objects.published().search("Poutine or Azerbaïdjan or Arménie or guerre")
    everything = list(search.values_list("slug", flat=True))
    pages = [list(search[start : start + 3].values_list("slug", flat=True)) for start in range(0, len(everything), 3)]
    assert len(everything) > 6 and sum(pages, []) == everything
    assert search.count() == len(everything)


@pytest.mark.postgresql
def test_postgresql_a_page_of_a_search_asks_for_no_more_candidates_than_it_shows(seed):
    sql = str(Claim.objects.published().search("guerre")[2:5].query)
    assert "ORDER BY best.candidate_rank DESC, best.candidate_id LIMIT 5)" in sql


@pytest.mark.postgresql
def test_postgresql_a_common_word_ranks_its_newest_matches_every_time(seed, monkeypatch):
    # Not "the first found", which changes with where PostgreSQL starts a scan of a large table.
    words = "Poutine or Arménie or guerre"
    every = list(Claim.objects.published().search(words).values_list("pk", flat=True))
    assert len(every) > 3
    monkeypatch.setattr(fulltext, "CANDIDATES", 3)
    found = Claim.objects.published().search(words)
    newest = set(sorted(every)[-3:])
    assert set(found.values_list("pk", flat=True)) == newest and found.count() == 3
    assert set(found[:2].values_list("pk", flat=True)) < newest
