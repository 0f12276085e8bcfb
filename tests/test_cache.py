"""The cache of anonymous reads: served until published content changes, revalidated with 304s."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.core.signing import get_cookie_signer
from django.test import Client

from claims.models import Claim, Rating, Topic, Verdict
from claims.services import editing, transitions
from claims.services.publication import stored_version
from factcheck.middleware import READ_YOUR_WRITES_COOKIE, READ_YOUR_WRITES_SALT

from .helpers import PEACEKEEPERS, admin_form_data

pytestmark = pytest.mark.django_db

LIST = "/api/v1/claims?page_size=100"


@pytest.fixture
def cache_on(settings):
    settings.ANONYMOUS_CACHE_SECONDS = 300


def listed(client) -> set[str]:
    return {row["slug"] for row in client.get(LIST).json()["results"]}


def test_a_publish_through_the_services_shows_at_once_in_the_cached_list(
    client, claim_in_review, editor, cache_on, django_capture_on_commit_callbacks
):
    assert PEACEKEEPERS not in listed(client)
    # The cached list is served as it was: a change behind the services' back does not show...
    Claim.objects.filter(slug="guerre-ukraine-neuvieme-mois").update(restatement="Changé en douce")
    assert "Changé en douce" not in client.get(LIST).content.decode()
    # ...while a publish moves the content version, and the next read is the database's.
    with django_capture_on_commit_callbacks(execute=True):
        transitions.perform("publish", claim=claim_in_review, user=editor)
    assert PEACEKEEPERS in listed(client)
    assert "Changé en douce" in client.get(LIST).content.decode()


def test_the_database_records_each_new_version_too_for_processes_that_do_not_share_the_cache(
    claim_in_review, editor, django_capture_on_commit_callbacks
):
    before = stored_version()
    Claim.objects.filter(slug="guerre-ukraine-neuvieme-mois").update(restatement="Changé en douce")
    assert stored_version() == before  # only the services move it
    with django_capture_on_commit_callbacks(execute=True):
        transitions.perform("publish", claim=claim_in_review, user=editor)
    published = stored_version()
    assert published > before
    cache.clear()  # another process, with a cache of its own
    with django_capture_on_commit_callbacks(execute=True):
        transitions.perform("unpublish", claim=claim_in_review, user=editor)
    assert stored_version() > published


def test_an_unpublish_in_another_worker_makes_this_workers_kept_pages_stale(
    client, published_claim, editor, cache_on, django_capture_on_commit_callbacks
):
    # Each gunicorn worker keeps pages in its own memory (no Redis): the version must come from
    # the database, or a worker that did not see the unpublish keeps serving the claim.
    page = published_claim.get_absolute_url()
    assert client.get(page).status_code == 200
    assert PEACEKEEPERS in listed(client)
    kept = dict(cache._cache)  # this worker's memory, as it was
    with django_capture_on_commit_callbacks(execute=True):
        transitions.perform("unpublish", claim=published_claim, user=editor)  # done by another worker
    cache._cache.clear()
    cache._cache.update(kept)  # ...whose new version this worker's memory never saw
    assert client.get(page).status_code == 404
    assert PEACEKEEPERS not in listed(client)


def test_an_update_note_and_an_unpublish_each_make_the_pages_current(
    client, published_claim, editor, cache_on, django_capture_on_commit_callbacks
):
    page = published_claim.get_absolute_url()
    assert "Trêve signée" not in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        editing.save_update_note(user=editor, claim=published_claim, since=dt.date(2025, 1, 2), note_fr="Trêve signée")
    assert "Trêve signée" in client.get(page).content.decode()
    assert PEACEKEEPERS in listed(client)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.perform("unpublish", claim=published_claim, user=editor)
    assert client.get(page).status_code == 404
    assert PEACEKEEPERS not in listed(client)


def test_a_conditional_get_with_the_etag_is_a_304_until_the_content_changes(
    client, claim_in_review, editor, cache_on, django_capture_on_commit_callbacks
):
    first = client.get("/claims/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    again = client.get("/claims/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get("/claims/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get("/en/claims/", HTTP_IF_NONE_MATCH=etag).status_code == 200  # another page, another tag
    with django_capture_on_commit_callbacks(execute=True):
        transitions.perform("publish", claim=claim_in_review, user=editor)
    fresh = client.get("/claims/", HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and fresh["ETag"] != etag


def test_the_desk_is_never_served_from_the_cache(client, editor, published_claim, cache_on):
    client.get(LIST)
    Verdict.objects.filter(claim=published_claim).update(summary_fr="Résumé du jour")
    client.force_login(editor)
    assert "Résumé du jour" in client.get(LIST).content.decode()
    assert "ETag" not in client.get("/claims/")


def test_the_anonymous_throttle_also_counts_cached_answers_and_can_be_turned_off(client, seed, cache_on, settings):
    settings.API_ANON_THROTTLE_RATE = "3/minute"
    assert [client.get(LIST).status_code for _ in range(4)] == [200, 200, 200, 429]
    settings.API_ANON_THROTTLE_RATE = "off"
    assert client.get(LIST).status_code == 200


def test_a_cached_verdict_page_names_its_own_nonce_in_its_policy_and_a_304_sends_none(client, seed, cache_on):
    url = Claim.objects.published().get(slug=PEACEKEEPERS).get_absolute_url()
    nonces = []
    for _ in range(2):  # rendered, then from the cache
        response = client.get(url)
        nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)"', response.content.decode())[1]
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] == nonces[1]
    revalidated = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert revalidated.status_code == 304
    assert not revalidated.has_header("Content-Security-Policy")


def test_a_reader_who_has_just_written_reads_the_database_not_the_copy_kept_for_everyone(client, seed, cache_on):
    assert "Changé en douce" not in client.get(LIST).content.decode()  # now kept for everyone
    Claim.objects.filter(slug=PEACEKEEPERS).update(restatement="Changé en douce")
    assert "Changé en douce" not in client.get(LIST).content.decode()
    signer = get_cookie_signer(salt=READ_YOUR_WRITES_COOKIE + READ_YOUR_WRITES_SALT)
    client.cookies[READ_YOUR_WRITES_COOKIE] = signer.sign("1")
    assert "Changé en douce" in client.get(LIST).content.decode()


def test_a_topic_or_rating_renamed_in_the_admin_shows_at_once_in_the_index_menus(
    client, superuser, seed, django_capture_on_commit_callbacks
):
    # With the answer cache off, the menus are still kept per content version.
    assert "Paix et casques bleus" not in client.get("/claims/").content.decode()
    staff = Client()
    staff.force_login(superuser)
    topic = Topic.objects.get(slug="forces-de-maintien-de-la-paix")
    url = f"/admin/claims/topic/{topic.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, admin_form_data(staff.get(url), name_fr="Paix et casques bleus"))
    assert response.status_code == 302
    assert "Paix et casques bleus" in client.get("/claims/").content.decode()

    assert '<option value="false">False</option>' in client.get("/en/claims/").content.decode()
    rating = Rating.objects.get(slug="false")
    url = f"/admin/claims/rating/{rating.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(url, admin_form_data(staff.get(url), label_en="Wrong")).status_code == 302
    assert '<option value="false">Wrong</option>' in client.get("/en/claims/").content.decode()
