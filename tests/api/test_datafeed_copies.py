"""The DataFeed's copies on disk: written once per content version and language, served as files,
never once the published content has changed since."""

import gzip
import json

import pytest
from django.core.management import CommandError, call_command
from django.http import FileResponse
from django.urls import set_script_prefix

from claims import datafeed
from claims.api.claimreview import accepts_gzip
from claims.jobs.models import Job, JobStatus
from claims.jobs.runner import run_job
from claims.services import transitions
from claims.services.publication import stored_version

from ..helpers import PEACEKEEPERS

pytestmark = pytest.mark.django_db

URL = "/api/v1/claimreview/feed"


@pytest.fixture(autouse=True)
def datafeed_dir(settings, tmp_path):
    settings.DATAFEED_DIR = tmp_path / "datafeed"
    return settings.DATAFEED_DIR


def written(language: str = "fr") -> datafeed.Built:
    return datafeed.build(version=stored_version(), language=language)


def body(response) -> bytes:
    assert response.status_code == 200
    return response.getvalue()


def test_the_feed_is_answered_from_its_copy_once_written_byte_for_byte_the_live_document(
    api, seed, django_assert_num_queries
):
    live = api.get(URL)
    assert not isinstance(live, FileResponse)
    live = body(live)
    written()
    with django_assert_num_queries(2):  # the content version, the copy's version; nothing of the claims
        response = api.get(URL)
    assert isinstance(response, FileResponse)
    assert int(response["Content-Length"]) == len(live)
    assert "Content-Disposition" not in response and "Content-Encoding" not in response
    assert body(response) == live


def test_the_copy_is_served_with_the_negotiated_content_type(api, seed):
    written()
    response = api.get(URL, HTTP_ACCEPT="application/ld+json")
    assert isinstance(response, FileResponse)
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    assert json.loads(body(response))["@type"] == "DataFeed"


def test_the_feed_names_its_own_address_whatever_else_the_request_adds(api, seed, settings):
    feed = json.loads(body(api.get(URL, {"language": "fr", "page_size": 100})))
    assert feed["url"] == f"{settings.SITE_URL}/api/v1/claimreview/feed"
    feed = json.loads(body(api.get(URL + "/", {"language": "en"})))
    assert feed["url"] == f"{settings.SITE_URL}/api/v1/claimreview/feed?language=en"


def test_the_english_copy_is_its_own_and_the_same_as_the_live_english_feed(api, seed):
    live_en = body(api.get(URL, {"language": "en"}))
    written("fr")
    assert not isinstance(api.get(URL, {"language": "en"}), FileResponse)  # only the French one is written
    written("en")
    response = api.get(URL, {"language": "en"})
    assert isinstance(response, FileResponse) and body(response) == live_en
    assert body(api.get(URL)) != live_en
    assert all("/en/" in element["url"] for element in json.loads(live_en)["dataFeedElement"])


def test_gzip_is_served_only_to_clients_that_accept_it_and_unpacks_to_the_same_bytes(api, seed):
    live = body(api.get(URL))
    built = written()
    packed = api.get(URL, HTTP_ACCEPT_ENCODING="br, gzip;q=0.8")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"] and "Accept" in packed["Vary"]
    assert int(packed["Content-Length"]) == built.packed_size < built.size
    assert gzip.decompress(body(packed)) == live
    for refused in ["", "br", "gzip;q=0", "identity"]:
        plain = api.get(URL, HTTP_ACCEPT_ENCODING=refused)
        assert "Content-Encoding" not in plain and "Accept-Encoding" in plain["Vary"]
        assert body(plain) == live


@pytest.mark.parametrize(
    ("header", "accepted"),
    [("gzip", True), ("GZIP", True), ("deflate, gzip;q=1.0, *;q=0.5", True), ("x-gzip", True), ("*", True)],
)
def test_accept_encoding_that_takes_gzip(header, accepted):
    assert accepts_gzip(header) is accepted


@pytest.mark.parametrize("header", ["", "identity", "br, deflate", "gzip;q=0", "gzip; q=0.0, *", "*;q=0", "gzip;q=x"])
def test_accept_encoding_that_does_not_take_gzip(header):
    assert not accepts_gzip(header)


def test_a_conditional_get_is_still_a_304_for_the_copy_plain_and_gzipped(api, seed):
    written()
    first = api.get(URL)
    again = api.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    packed = api.get(URL, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["ETag"] == f"W/{first['ETag']}"  # another representation of the same content
    assert api.get(URL, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"]).status_code == 304
    assert api.get(URL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_an_unpublish_after_the_copy_was_written_is_never_served_from_that_copy(
    api, published_claim, editor, django_capture_on_commit_callbacks
):
    built = written()
    assert PEACEKEEPERS in body(api.get(URL)).decode()
    with django_capture_on_commit_callbacks(execute=True):
        transitions.perform("unpublish", claim=published_claim, user=editor)
    response = api.get(URL)
    assert not isinstance(response, FileResponse)
    assert PEACEKEEPERS not in body(response).decode()
    assert PEACEKEEPERS not in body(api.get(URL, HTTP_ACCEPT_ENCODING="gzip")).decode()
    assert built.path.exists()  # still on disk until the next version's copy is written, and unused


def test_a_publish_after_the_copy_was_written_shows_at_once(
    api, claim_in_review, editor, django_capture_on_commit_callbacks
):
    written()
    assert PEACEKEEPERS not in body(api.get(URL)).decode()
    with django_capture_on_commit_callbacks(execute=True):
        transitions.perform("publish", claim=claim_in_review, user=editor)
    assert PEACEKEEPERS in body(api.get(URL)).decode()


def test_the_copy_of_a_newer_version_removes_the_older_ones(
    api, published_claim, editor, django_capture_on_commit_callbacks
):
    old_fr, old_en = written("fr"), written("en")
    with django_capture_on_commit_callbacks(execute=True):
        transitions.perform("unpublish", claim=published_claim, user=editor)
    new = written("fr")
    assert new.path != old_fr.path and new.path.exists()
    assert not old_fr.path.exists() and not old_en.path.exists()
    assert sorted(path.name for path in new.path.parent.iterdir()) == [new.path.name, new.path.name + ".gz"]
    response = api.get(URL)
    assert isinstance(response, FileResponse) and PEACEKEEPERS not in body(response).decode()


def test_the_copies_of_another_database_in_the_same_folder_are_left_alone(seed, datafeed_dir):
    datafeed_dir.mkdir(parents=True, exist_ok=True)
    theirs = datafeed_dir / "claimreview-feed-1-fr-0000beef.json"
    theirs.write_text("{}")
    ours_older = datafeed.copy_path(1, "fr")
    ours_older.write_text("{}")
    written()
    assert theirs.exists() and not ours_older.exists()


def test_a_write_that_fails_midway_leaves_no_copy_behind(seed, monkeypatch, datafeed_dir):
    def broken(**kwargs):
        yield b'{"@type": "DataFeed", "dataFeedElement": ['
        raise RuntimeError("the database went away")

    monkeypatch.setattr(datafeed, "live_chunks", broken)
    with pytest.raises(RuntimeError):
        written()
    assert list(datafeed_dir.iterdir()) == []


def test_a_request_for_other_urls_than_site_urls_is_answered_live(api, seed, settings):
    settings.SITE_URL_FROM_REQUEST = True
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    settings.DATAFEED_BUILD_ON_REQUEST = True
    written()
    response = api.get(URL, HTTP_HOST="127.0.0.1:8840")
    assert not isinstance(response, FileResponse)
    assert "http://127.0.0.1:8840/" in body(response).decode()
    assert not Job.objects.exists()  # and no copy is asked for: it would hold SITE_URL's


def test_a_server_mounted_under_another_path_is_answered_live(api, seed, settings):
    settings.DATAFEED_BUILD_ON_REQUEST = True
    written()
    set_script_prefix("/verif/")  # as a WSGI server mounting the site at /verif sets it
    try:
        response = api.get(URL, SCRIPT_NAME="/verif")
        assert not isinstance(response, FileResponse)
        assert f"{settings.SITE_URL}/verif/claims/" in body(response).decode()
    finally:
        set_script_prefix("/")
    assert not Job.objects.exists()


def test_a_missing_copy_is_not_asked_for_when_jobs_would_run_inside_the_request(api, seed, settings):
    settings.DATAFEED_BUILD_ON_REQUEST = False  # what no broker means
    assert not isinstance(api.get(URL), FileResponse)
    assert not Job.objects.exists()


def test_a_missing_copy_is_written_by_one_background_job_however_many_requests_ask(
    api, seed, settings, django_capture_on_commit_callbacks
):
    settings.DATAFEED_BUILD_ON_REQUEST = True
    with django_capture_on_commit_callbacks(execute=True):
        first, second = api.get(URL), api.get(URL)  # both live; the job runs once these commit
    assert not isinstance(first, FileResponse)
    live = body(first)
    assert body(second) == live
    job = Job.objects.get()
    assert (job.kind, job.status) == ("build_datafeed", JobStatus.SUCCEEDED)
    assert job.params == {"version": stored_version(), "language": "fr"}
    response = api.get(URL)
    assert isinstance(response, FileResponse) and body(response) == live
    assert Job.objects.count() == 1


def test_the_job_writes_nothing_for_a_version_that_is_no_longer_current(
    seed, django_capture_on_commit_callbacks, datafeed_dir
):
    with django_capture_on_commit_callbacks(execute=True):
        job = run_job(kind="build_datafeed", params={"version": stored_version() - 1, "language": "fr"})
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and "no longer the current one" in job.log[-1]["message"]
    assert not datafeed_dir.exists() or list(datafeed_dir.iterdir()) == []


def test_the_command_writes_both_languages_of_the_current_version(api, seed):
    call_command("build_datafeed")
    version = stored_version()
    for language in ("fr", "en"):
        assert datafeed.copy_path(version, language).exists()
        assert datafeed.copy_path(version, language, packed=True).exists()
    assert isinstance(api.get(URL, {"language": "en"}), FileResponse)


def test_the_command_leaves_the_current_versions_copies_alone_unless_forced(seed):
    call_command("build_datafeed", language="fr")
    path = datafeed.copy_path(stored_version(), "fr")
    path.write_bytes(b"kept")
    call_command("build_datafeed", language="fr")
    assert path.read_bytes() == b"kept"
    call_command("build_datafeed", "--force", language="fr")
    assert path.read_bytes().startswith(b"{")


def test_the_command_writes_one_language_when_asked(seed):
    call_command("build_datafeed", language="en")
    version = stored_version()
    assert datafeed.copy_path(version, "en").exists() and not datafeed.copy_path(version, "fr").exists()


def test_the_command_fails_in_one_line_when_it_cannot_write(seed, settings, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    settings.DATAFEED_DIR = tmp_path / "a-file" / "datafeed"
    with pytest.raises(CommandError) as failure:
        call_command("build_datafeed")
    assert failure.value.returncode == 1
    assert str(failure.value) == f"cannot write to {settings.DATAFEED_DIR}: Not a directory"


def test_the_command_refuses_an_unknown_language(seed):
    with pytest.raises(CommandError, match="invalid choice: 'de'"):
        call_command("build_datafeed", "--language", "de")
