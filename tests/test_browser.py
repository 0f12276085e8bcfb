"""The public pages in a real browser: Debian's Chromium driven by Playwright against a live server.

These tests only read. They run in the ordinary rolled-back transaction, and the server reads the
seed that the session committed (on SQLite it shares the test's in-memory connection). pytest-django's
own live_server would run each of them in real transactions, after which Django empties the database
and the seed has to be loaded again.
"""

import pytest
from django.db import connections
from pytest_django.live_server_helper import LiveServer

from claims.models import Article, Claim

from .chromium import SCREENSHOTS, launch, needs_chromium, serious_violations
from .helpers import PEACEKEEPERS

sync_api = pytest.importorskip("playwright.sync_api")

WIDTHS = (375, 1280)

pytestmark = [
    pytest.mark.django_db,
    needs_chromium,
]


@pytest.fixture(scope="module", autouse=True)
def allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in this thread; the fixtures' ORM calls stay synchronous."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def browser(reading_server):
    """Chromium, closed before the server stops.

    While Playwright's event loop runs in this thread, Django keeps the thread's database
    connections apart, in a context variable: they are closed here, or PostgreSQL would keep a
    session open on the test database and refuse to drop it.
    """
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture(scope="module")
def reading_server(django_db_setup):
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()  # the host joins ALLOWED_HOSTS, as live_server does
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture
def site(reading_server, seed):
    return reading_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


def test_a_reader_goes_from_home_to_a_false_verdict_to_its_place_in_the_article_and_back(page, site):
    page.goto(site + "/")
    assert page.get_by_role("heading", level=2, name="Derniers verdicts").is_visible()
    page.get_by_role("link", name="Toutes les affirmations").first.click()
    page.get_by_label("Note").select_option(label="Faux")
    page.get_by_role("button", name="Filtrer").click()
    assert "rating=false" in page.url
    cards = page.locator(".claim-card")
    assert cards.count() == 1
    assert cards.locator(".badge").inner_text() == "Faux"

    cards.get_by_role("link").click()
    false_claim = Claim.objects.get(verdicts__rating__slug="false")
    assert page.url.endswith(false_claim.get_absolute_url())
    assert page.locator(".verdict-box .badge").inner_text() == "Faux"
    verdict_url = page.url

    page.locator("a.in-article").click()
    assert page.url.endswith(f"{Article.objects.get().get_absolute_url()}#claim-{false_claim.slug}")
    highlight = page.locator(f"#claim-{false_claim.slug}")
    assert highlight.locator("mark").inner_text() == false_claim.quote
    assert highlight.evaluate("el => el.matches(':target')")
    box = highlight.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the highlight is scrolled into view"
    assert highlight.locator(".highlight-label").inner_text() == "Faux"

    page.go_back()
    assert page.url == verdict_url
    assert page.get_by_role("heading", level=1).inner_text() == false_claim.restatement


def test_the_language_switcher_shows_the_same_page_in_english(page, site):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    page.goto(site + claim.get_absolute_url())
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Nos sources").is_visible()
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    assert page.url == f"{site}/en{claim.get_absolute_url()}"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == claim.restatement_en
    assert page.get_by_role("heading", name="Our sources").is_visible()
    assert page.locator(".update-banner").inner_text().startswith("Since 12 June 2024:")
    assert page.locator(".figure-line").inner_text() == "environ 2 000 → 1,960, −2%"
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    assert page.url == site + claim.get_absolute_url()


def test_screenshots_of_every_page_type_at_phone_and_desktop_widths(browser, site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    pages = {
        "home": "/",
        "verdict": claim.get_absolute_url(),
        "article": Article.objects.get().get_absolute_url(),
        "claims": "/claims/?rating=true",
        "claimant": "/en" + claim.claimant.get_absolute_url(),
        "methodology": "/methodology/",
    }
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, path in pages.items():
            page.goto(site + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} scrolls sideways at {width}px"
            target = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-fold.png"))
        context.close()


@pytest.mark.parametrize("language", ["", "/en"])
def test_axe_finds_no_serious_or_critical_violation_on_any_page_type(page, site, language):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    paths = [
        "/",
        "/claims/",
        "/claims/?rating=false",
        claim.get_absolute_url(),
        Article.objects.get().get_absolute_url(),
        claim.claimant.get_absolute_url(),
        "/methodology/",
    ]
    problems = {}
    for path in paths:
        page.goto(site + language + path)
        serious = serious_violations(page)
        if serious:
            problems[path] = serious
    assert problems == {}


def test_the_keyboard_reaches_the_skip_link_first_and_it_moves_focus_to_the_content(page, site):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is on screen"
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_every_page_reads_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + Article.objects.get().get_absolute_url())
    assert page.locator("a.highlight").count() == 22
    page.goto(site + "/")
    counts = [int(text) for text in page.locator(".chart-count").all_text_contents()]
    assert sum(counts) == 22
    context.close()
