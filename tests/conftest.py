"""Fixtures of the whole suite.

The seed (one article, 22 claims with their verdicts and sources) is loaded once per test
database, right after the migrations; every ordinary test then runs inside a transaction on top of
it and leaves it as it found it. Tests in real transactions (concurrent connections) run last,
because Django empties the database after each of them; the browser tests only read, and their
server reads the committed seed (see tests/test_browser.py).
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.urls import clear_url_caches
from django.utils import translation

from claims.models import Claim, ClaimStatus, Verdict, VerdictStatus
from claims.seed import DEFAULT_SEED, SeedReport, load_seed

# Re-exported: test modules written before tests/helpers.py import these from here.
from .helpers import PEACEKEEPERS, admin_form_data, empty_claims_tables, refresh_claims, shared_file, staff_member

__all__ = ["admin_form_data", "shared_file", "staff_member"]


def _runs_in_real_transactions(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker:
        transaction, reset_sequences = (*marker.args, False, False)[:2]
        if marker.kwargs.get("transaction", transaction) or marker.kwargs.get("reset_sequences", reset_sequences):
            return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests in real transactions last: the flush that ends each of them takes the session's seed away."""
    items.sort(key=_runs_in_real_transactions)


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Users made by tests hash their password once, not with a million PBKDF2 rounds each."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _datafeed_dir(tmp_path_factory):
    """The DataFeed's copies go to a folder of the session, never to the checkout's var/datafeed."""
    with override_settings(DATAFEED_DIR=tmp_path_factory.mktemp("datafeed")):
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language.

    The locale middleware leaves the last request's language active in the thread, so a test that
    follows one which read an English page would otherwise build English URLs with ``reverse``.
    """
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> SeedReport:
    """The test database as pytest-django makes it, plus the seed, loaded once for the session."""
    with django_db_blocker.unblock():
        return load_seed()


@pytest.fixture
def seed(db, django_db_setup) -> SeedReport:
    """The seed article with its 22 claims, verdicts and sources; the report of its one load."""
    return django_db_setup


@pytest.fixture
def committed_seed(transactional_db) -> SeedReport:
    """The seed for a test in real transactions: loaded again, in case an earlier such test flushed it.

    The roles need nothing: they are ensured after every flush, as after every migrate.
    """
    return load_seed()


@pytest.fixture
def empty_database(db) -> None:
    """No claim data at all, for the tests of loading the seed; rolled back with the test."""
    empty_claims_tables()


@pytest.fixture
def seed_data() -> dict:
    return json.loads(DEFAULT_SEED.read_text(encoding="utf-8"))


@pytest.fixture
def english(settings):
    """English messages for tests that assert the English source strings of the admin and services.

    The site's default language is French; these tests read the English text instead of
    following each translation.
    """
    settings.LANGUAGE_CODE = "en"
    clear_url_caches()  # the URL resolver caches prefixes per language; the default one changed
    with translation.override("en"):
        yield
    clear_url_caches()


# --- People ------------------------------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("chief", "chief@example.org", "correct horse battery")


@pytest.fixture
def admin_client_fr(client, superuser):
    """A superuser signed in, the admin in its default language (French)."""
    client.force_login(superuser)
    return client


@pytest.fixture
def superuser_client(client, superuser, seed):
    client.force_login(superuser)
    return client


@pytest.fixture
def fact_checker(db):
    return staff_member("fanny.checker", "fact-checker")


@pytest.fixture
def other_fact_checker(db):
    return staff_member("felix.checker", "fact-checker")


@pytest.fixture
def editor(db):
    return staff_member("edith.editor", "editor")


@pytest.fixture
def other_editor(db):
    return staff_member("emile.editor", "editor")


# --- Claims in a given state -------------------------------------------------------------------


@pytest.fixture
def published_claim(seed) -> Claim:
    """The seed's peacekeepers claim, published with its verdict."""
    return Claim.objects.get(slug=PEACEKEEPERS)


@pytest.fixture
def claim_in_review(seed) -> Claim:
    """The seed's peacekeepers claim, taken back to review with a draft verdict."""
    Claim.objects.filter(slug=PEACEKEEPERS).update(status=ClaimStatus.IN_REVIEW)
    Verdict.objects.filter(claim__slug=PEACEKEEPERS).update(
        status=VerdictStatus.DRAFT, published_at=None, reviewer=None
    )
    refresh_claims(Claim.objects.filter(slug=PEACEKEEPERS))
    return Claim.objects.get(slug=PEACEKEEPERS)


@pytest.fixture(autouse=True)
def _no_anonymous_cache(settings):
    """Tests read what the database holds: the anonymous cache is off and empty unless a test turns it on."""
    from django.core.cache import cache

    settings.ANONYMOUS_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _postgresql_only(request):
    """Tests marked ``postgresql`` run only when the suite runs on PostgreSQL."""
    if request.node.get_closest_marker("postgresql"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL")
