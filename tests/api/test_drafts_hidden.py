"""A draft claim and an unpublished verdict never reach an anonymous client, on any endpoint."""

import pytest

from .conftest import SECRET

pytestmark = pytest.mark.django_db


def test_no_public_endpoint_shows_a_draft_claim_or_an_unpublished_verdict(api, hidden):
    draft, unpublished = hidden["draft_claim"], hidden["unpublished_verdict_claim"]
    walked = [
        "/api/v1/claims?page_size=100",
        f"/api/v1/claims?q={SECRET}",
        "/api/v1/claims?q=Moscou",
        "/api/v1/claims?rating=misleading",
        "/api/v1/claims?quantity_min=999999",
        "/api/v1/claims?has_quantities=true&page_size=100",
        "/api/v1/claims?overtaken_by_events=true&page_size=100",
        "/api/v1/claims?status=candidate",
        "/api/v1/claims?status=published&page_size=100",
        "/api/v1/claims?kind=quantity&page_size=100",
        "/api/v1/claims?claimed_after=2022-10-31&page_size=100",
        "/api/v1/claims/csv",
        f"/api/v1/claims/csv?q={SECRET}",
        "/api/v1/claims/csv?rating=misleading",
        "/api/v1/articles",
        "/api/v1/claimants?page_size=100",
        "/api/v1/sources?page_size=100",
        "/api/v1/claimreview/feed",
        f"/api/v1alpha1/claims:search?query={SECRET}",
        "/api/v1alpha1/claims:search?reviewPublisherSiteFilter=127.0.0.1&pageSize=100",
        "/api/v1alpha1/claims:search?query=Moscou&pageSize=100",
    ]
    for url in walked:
        response = api.get(url)
        assert response.status_code == 200, url
        body = response.getvalue().decode("utf-8")
        assert SECRET not in body, url
        for claim in (draft, unpublished):
            assert claim.slug not in body, url

    # An unpublished claimant or topic is as unknown to the filters as one that does not exist.
    for url in (f"/api/v1/claims?claimant={hidden['claimant'].slug}", f"/api/v1/claims?topic={hidden['topic'].slug}"):
        response = api.get(url)
        assert response.status_code == 400 and SECRET not in response.json()[url.split("?")[1].split("=")[0]][0]

    for claim in (draft, unpublished):
        for url in (f"/api/v1/claims/{claim.pk}", f"/api/v1/claims/{claim.pk}/claimreview"):
            response = api.get(url)
            assert response.status_code == 404, url
            assert SECRET not in response.content.decode("utf-8")
    assert api.get(f"/api/v1/claimants/{hidden['claimant'].pk}").status_code == 404
    assert api.get(f"/api/v1/sources/{hidden['source'].pk}").status_code == 404


def test_the_hidden_claims_are_there_for_staff(staff_api, hidden):
    """The walk above would pass on an empty database; this proves the hidden rows exist and match."""
    body = staff_api.get(f"/api/v1/claims?q={SECRET}").json()
    assert {row["slug"] for row in body["results"]} == {
        hidden["draft_claim"].slug,
        hidden["unpublished_verdict_claim"].slug,
    }
    assert staff_api.get("/api/v1/claims?rating=misleading").json()["count"] == 2
    assert staff_api.get(f"/api/v1/sources/{hidden['source'].pk}").status_code == 200


def test_staff_without_a_desk_role_see_no_draft(roleless_staff_api, hidden):
    assert roleless_staff_api.get(f"/api/v1/claims?q={SECRET}").json()["results"] == []
    assert roleless_staff_api.get(f"/api/v1/claims/{hidden['draft_claim'].pk}").status_code == 404
    assert roleless_staff_api.get("/api/v1/verdicts").status_code == 403
