from decimal import Decimal

import pytest

from claims.models import Article, Claim, Correction, Evidence, Quantity, Source, UpdateNote

from ..helpers import (
    PEACEKEEPERS,
    VERDICT_PAGE_BARE_QUERIES,
    VERSION_QUERY,
    get_counting_queries,
    verdict_page_queries,
)

pytestmark = pytest.mark.django_db

# The page of claims (article, claimant, flags and topics in its row) and their current verdicts; the
# unfiltered list's count is kept per content version (a filtered list counts: one more query).
LIST_QUERIES = 2 + VERSION_QUERY


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def test_the_claims_list_shows_the_22_published_seed_claims_with_their_verdict(api, seed):
    response = api.get("/api/v1/claims", {"page_size": 100})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 22 == len(body["results"])
    first = body["results"][0]
    assert first["verdict"]["rating"]["slug"] and first["verdict"]["summary_en"]
    assert first["claimant"]["name"] and first["article"]["slug"]
    assert first["page_url"].startswith("http://testserver/claims/")


def test_a_claim_detail_nests_quantities_verdict_evidence_corrections_and_update_notes(api, seed):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    response = api.get(f"/api/v1/claims/{claim.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["quantities"] == [
        {
            "id": claim.quantities.get().pk,
            "text": "environ 2 000",
            "value": "2000.0000",
            "unit": "soldats",
            "qualifier": "about",
            "verified_value": "1960.0000",
            "verification_note": "point 3 de la déclaration du 10 novembre 2020",
            "deviation": "-2.00",
        }
    ]
    assert body["verdict"]["explanation_fr"] and body["verdict"]["author"] == "La rédaction (démonstration)"
    assert body["verdict"]["reviewer"] == "Relecture (démonstration)"
    # The seed's own public correction of this verdict: "Vrai" became "Plutôt vrai".
    [correction] = body["verdict"]["corrections"]
    assert correction["previous_rating"] == "true" and body["verdict"]["rating"]["slug"] == "mostly_true"
    assert body["evidence"] and body["evidence"][0]["source"]["url"].startswith("http")
    assert body["update_notes"][0]["since"] == "2024-06-12"
    assert body["update_notes"][0]["sources"]
    assert body["overtaken_by_events"] is True and body["has_quantities"] is True


def test_each_request_reads_its_own_host_into_the_fields_its_serializers_share(api, seed, settings):
    # Serializers build their fields once and hand each request copies bound to it: a copy still
    # bound to the request before would give this one the other host's addresses.
    settings.ALLOWED_HOSTS = ["desk.example", "mirror.example"]
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    seen = [api.get(f"/api/v1/claims/{claim.pk}", HTTP_HOST=host).json() for host in ("desk.example", "mirror.example")]
    assert [body["page_url"].split("/")[2] for body in seen] == ["desk.example", "mirror.example"]
    listed = api.get("/api/v1/claims?page_size=1", HTTP_HOST="desk.example").json()["results"][0]
    assert listed["page_url"].startswith("http://desk.example/")
    assert seen[0]["evidence"] == seen[1]["evidence"] and seen[0]["quantities"] == seen[1]["quantities"]


@pytest.mark.parametrize("size", [1, 50])
def test_the_claims_list_runs_a_fixed_number_of_queries_for_1_row_and_for_22(
    api, seed, django_assert_num_queries, size
):
    response = get_counting_queries(api, "/api/v1/claims", django_assert_num_queries, LIST_QUERIES, page_size=size)
    assert len(response.json()["results"]) == min(size, 22)


def test_the_claim_detail_runs_a_fixed_number_of_queries_however_many_sources_and_notes(
    api, seed, django_assert_num_queries
):
    claim = Claim.objects.get(slug=PEACEKEEPERS)  # sources, a figure, update notes with their sources
    url = f"/api/v1/claims/{claim.pk}"
    expected = verdict_page_queries(claim)
    before = get_counting_queries(api, url, django_assert_num_queries, expected).json()
    for number, source in enumerate(Source.objects.exclude(evidence__claim=claim)[:4]):
        Evidence.objects.create(claim=claim, source=source, position=10 + number)
    Quantity.objects.create(claim=claim, text="2 000", value=2000, verified_value=1960)
    UpdateNote.objects.create(claim=claim, since="2025-01-01", note_fr="Encore une note.").sources.set(
        Source.objects.all()[:3]
    )
    after = get_counting_queries(api, url, django_assert_num_queries, expected).json()
    assert len(after["evidence"]) == len(before["evidence"]) + 4
    assert len(after["update_notes"]) == len(before["update_notes"]) + 1


@pytest.mark.parametrize("has_notes", [True, False])
def test_a_claim_detail_runs_the_same_queries_as_its_verdict_page(
    api, client, seed, django_assert_num_queries, has_notes
):
    claim = Claim.objects.filter(update_notes__isnull=not has_notes).order_by("start").first()
    expected = verdict_page_queries(claim)
    get_counting_queries(api, f"/api/v1/claims/{claim.pk}", django_assert_num_queries, expected)
    get_counting_queries(client, claim.get_absolute_url(), django_assert_num_queries, expected)


def test_a_claim_with_nothing_but_its_verdict_and_sources_asks_for_nothing_else(
    api, client, seed, django_assert_num_queries
):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    claim.topics.clear()
    claim.quantities.all().delete()
    claim.update_notes.all().delete()
    claim.minor_updates.all().delete()
    Correction.objects.filter(verdict__claim=claim).delete()
    body = get_counting_queries(
        api, f"/api/v1/claims/{claim.pk}", django_assert_num_queries, VERDICT_PAGE_BARE_QUERIES
    ).json()
    assert body["evidence"] and body["verdict"]["rating"]
    assert body["topics"] == body["quantities"] == body["update_notes"] == body["verdict"]["corrections"] == []
    page = get_counting_queries(client, claim.get_absolute_url(), django_assert_num_queries, VERDICT_PAGE_BARE_QUERIES)
    assert claim.quote in page.content.decode()


def test_a_page_size_over_the_maximum_is_refused_not_clamped(api, seed):
    response = api.get("/api/v1/claims", {"page_size": 101})
    assert response.status_code == 400
    assert "page_size" in response.json()


@pytest.mark.parametrize("size", ["0", "-1", "ten"])
def test_a_page_size_that_is_not_a_positive_number_is_a_400(api, seed, size):
    response = api.get("/api/v1/claims", {"page_size": size})
    assert response.status_code == 400
    assert "page_size" in response.json()


def test_pages_follow_each_other_without_repeats(api, seed):
    seen: list[int] = []
    url = "/api/v1/claims?page_size=5"
    while url:
        body = api.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 22


def test_the_rating_scale_lists_all_seven_ratings(api, seed):
    response = api.get("/api/v1/ratings")
    assert response.status_code == 200
    assert [r["slug"] for r in response.json()][:2] == ["true", "mostly_true"]
    assert len(response.json()) == 7
    assert api.get("/api/v1/ratings/misleading").json()["value"] is None


def test_articles_claimants_and_sources_list_published_ones(api, seed):
    assert api.get("/api/v1/articles").json()["count"] == 1
    article = api.get("/api/v1/articles").json()["results"][0]
    detail = api.get(f"/api/v1/articles/{article['id']}").json()
    assert len(detail["translation_notes"]) == 6 and detail["text"] == Article.objects.get().text
    assert {c["slug"] for c in api.get("/api/v1/claimants").json()["results"]} >= {"associated-press"}
    sources = api.get("/api/v1/sources", {"page_size": 100}).json()
    assert sources["count"] == Source.objects.published().count() > 0


def test_an_unknown_claim_is_a_json_404(api, seed):
    response = api.get("/api/v1/claims/999999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_staff_see_drafts_and_may_filter_by_status(staff_api, hidden):
    response = staff_api.get("/api/v1/claims", {"status": "candidate"})
    assert response.status_code == 200
    assert ids(response) == {hidden["draft_claim"].pk}
    detail = staff_api.get(f"/api/v1/claims/{hidden['unpublished_verdict_claim'].pk}").json()
    assert detail["verdict"]["status"] == "draft"


def test_an_anonymous_status_filter_cannot_reach_drafts(api, hidden):
    response = api.get("/api/v1/claims", {"status": "candidate"})
    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "expected_slugs"),
    [
        ({"rating": "false"}, {"poutine-conflit-une-decennie-citation"}),
        ({"speaker": "nikol-pashinyan"}, None),
        ({"kind": "quote"}, None),
        ({"quantity_min": "2000"}, {"guerre-2020-plus-de-6700-morts", "russie-deploie-2000-soldats-maintien-paix"}),
        ({"quantity_min": "100", "quantity_max": "300"}, {"septembre-2022-plus-de-200-soldats-tues"}),
    ],
)
def test_filters_narrow_the_list(api, seed, params, expected_slugs):
    response = api.get("/api/v1/claims", {**params, "page_size": 100})
    assert response.status_code == 200
    slugs = {row["slug"] for row in response.json()["results"]}
    assert 0 < len(slugs) < 22
    if expected_slugs is not None:
        assert slugs == expected_slugs


def test_the_quantity_filters_match_the_database(api, seed):
    with_numbers = set(Claim.objects.filter(quantities__isnull=False).values_list("pk", flat=True))
    assert ids(api.get("/api/v1/claims", {"has_quantities": "true", "page_size": 100})) == with_numbers
    without = ids(api.get("/api/v1/claims", {"has_quantities": "false", "page_size": 100}))
    assert without.isdisjoint(with_numbers) and len(without) + len(with_numbers) == 22
    big = set(Quantity.objects.filter(value__gt=Decimal(1000)).values_list("claim", flat=True))
    assert ids(api.get("/api/v1/claims", {"quantity_min": "1001", "page_size": 100})) == big


def test_the_overtaken_by_events_filter_returns_the_nine_claims_with_an_update_note(api, seed):
    response = api.get("/api/v1/claims", {"overtaken_by_events": "true", "page_size": 100})
    assert response.json()["count"] == 9
    assert all(row["overtaken_by_events"] for row in response.json()["results"])


def test_date_filters_on_claim_and_verdict_dates(api, seed):
    assert api.get("/api/v1/claims", {"claimed_after": "2022-10-31"}).json()["count"] == 22
    assert api.get("/api/v1/claims", {"claimed_before": "2022-10-30"}).json()["count"] == 0
    assert api.get("/api/v1/claims", {"published_after": "2026-11-29"}).json()["count"] == 22
    assert api.get("/api/v1/claims", {"published_before": "2026-11-28"}).json()["count"] == 0


def test_claimant_article_topic_and_language_filters(api, seed):
    assert api.get("/api/v1/claims", {"claimant": "associated-press"}).json()["count"] == 22
    assert api.get("/api/v1/claims", {"article": "poutine-sotchi-armenie-azerbaidjan-2022"}).json()["count"] == 22
    topic = api.get("/api/v1/claims", {"topic": "haut-karabakh", "page_size": 100}).json()
    assert 0 < topic["count"] < 22 and all("haut-karabakh" in row["topics"] for row in topic["results"])
    assert api.get("/api/v1/claims", {"language": "en"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"rating": "nope"}, "rating"),
        ({"claimant": "nobody"}, "claimant"),
        ({"claimed_after": "31/10/2022"}, "claimed_after"),
        ({"published_before": "2022-13-01"}, "published_before"),
        ({"kind": "rumour"}, "kind"),
        ({"quantity_min": "lots"}, "quantity_min"),
        ({"has_quantities": "maybe"}, "has_quantities"),
    ],
)
def test_bad_filter_values_are_400s_naming_the_field(api, seed, params, field):
    response = api.get("/api/v1/claims", params)
    assert response.status_code == 400
    assert field in response.json()


def test_ordering_by_checkworthiness(api, seed):
    rows = api.get("/api/v1/claims", {"ordering": "-checkworthiness", "page_size": 100}).json()["results"]
    scores = [row["checkworthiness"] for row in rows]
    assert scores == sorted(scores, reverse=True)


def test_the_csv_export_keeps_accents_and_applies_the_filters(api, seed):
    response = api.get("/api/v1/claims/csv", {"kind": "quantity"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    lines = text.strip().splitlines()
    assert lines[0].startswith("id,slug,status")
    expected = Claim.objects.published().filter(kind="quantity").count()
    assert len(lines) == 1 + expected
    assert "Moscou a déployé environ 2 000 soldats" in text


def test_the_csv_export_refuses_bad_filters(api, seed):
    assert api.get("/api/v1/claims/csv", {"rating": "nope"}).status_code == 400


def test_each_row_of_the_list_names_the_same_topics_in_the_same_order_as_the_claim_detail(api, seed):
    rows = api.get("/api/v1/claims", {"page_size": 50}).json()["results"]
    assert any(len(row["topics"]) > 1 for row in rows)
    for row in rows:
        assert row["topics"] == api.get(f"/api/v1/claims/{row['id']}").json()["topics"], row["slug"]


def test_a_claim_row_loaded_without_its_topic_slugs_still_names_its_topics(seed, rf):
    from claims.api.claims import ClaimSerializer
    from claims.models import Claim

    claim = Claim.objects.published().list_rows().filter(topics__isnull=False).first()
    plain = ClaimSerializer(claim, context={"request": rf.get("/")}).data
    annotated = ClaimSerializer(
        Claim.objects.list_rows().with_topics().get(pk=claim.pk), context={"request": rf.get("/")}
    ).data
    assert plain["topics"] == annotated["topics"] != []
