"""Google's own Python client, with the discovery document it ships for factchecktools v1alpha1,
works against a running server given only the site's root as its endpoint."""

import json

import pytest
from django.core.cache import cache

from claims.seed import load_seed

discovery = pytest.importorskip("googleapiclient.discovery")
errors = pytest.importorskip("googleapiclient.errors")


@pytest.fixture
def factchecktools(live_server, transactional_db):
    load_seed()
    cache.clear()
    service = discovery.build(
        "factchecktools",
        "v1alpha1",
        developerKey="unused",  # Google wants a key; we ignore it
        static_discovery=True,  # the document shipped with the client: nothing is downloaded
        client_options={"api_endpoint": live_server.url + "/"},
    )
    yield service.claims()
    service.close()


def test_googles_client_searches_our_reviews_from_the_site_root(factchecktools):
    answer = factchecktools.search(query="soldats", pageSize=1).execute()
    assert answer["claims"][0]["claimReview"][0]["url"].startswith("http")
    follow = factchecktools.search(query="soldats", pageSize=1, pageToken=answer["nextPageToken"]).execute()
    assert follow["claims"][0]["text"] != answer["claims"][0]["text"]


def test_googles_client_reads_our_errors_message(factchecktools):
    with pytest.raises(errors.HttpError) as raised:
        factchecktools.search(languageCode="fr").execute()
    assert raised.value.status_code == 400
    assert raised.value.reason.startswith("query: ")  # our message, not just "Bad Request"
    assert json.loads(raised.value.content)["error"]["status"] == "INVALID_ARGUMENT"
