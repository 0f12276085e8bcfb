"""Importing from URLs, against a local web server that serves this suite's fixtures."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claims.exchange.importer import import_claimreview
from claims.models.external import ExternalReview

pytestmark = pytest.mark.django_db


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def site(data):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(data)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_it_imports_the_reviews_of_a_page_at_a_url_and_names_its_broken_block(site, scale):
    url = f"{site}/page_nested.html"

    report = import_claimreview([url])

    assert report.created == 4 and ExternalReview.objects.count() == 4
    assert len(report.skipped) == 1
    assert str(report.skipped[0]).startswith(f"block 2 of {url}: Expecting ',' delimiter")


def test_a_page_relative_review_url_is_resolved_against_the_address_it_was_fetched_from(site, scale):
    import_claimreview([f"{site}/capture.json"])
    assert ExternalReview.objects.get().url == "https://verif-exemple.fr/articles/42"  # the capture's own address


def test_an_address_that_answers_404_is_reported_unreadable(site, scale):
    report = import_claimreview([f"{site}/nowhere.html", f"{site}/datafeed.json"])
    assert [str(problem) for problem in report.failed] == [
        f"{site}/nowhere.html: cannot fetch it: HTTP 404 File not found"
    ]
    assert report.created == 2
