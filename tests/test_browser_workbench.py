"""The workbench in a real browser: keyboard, mouse selection, axe, and phone and desktop widths.

These tests write (claims are created from the page), so they run in real transactions against
pytest-django's live server, on an article of their own.
"""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from claims.models import Claim, Proposal, ProposalStatus
from claims.services import intake

from .chromium import SCREENSHOTS, launch, needs_chromium, serious_violations
from .helpers import staff_member
from .test_browser import WIDTHS

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = [
    needs_chromium,
]

TEXT = (
    "Le ministre de la Santé, Jean Dupont, a déclaré lundi que plus de 6 700 personnes étaient mortes de la "
    "grippe en 2020.\n\n"
    "Selon l’Insee, environ 2 000 habitants ont quitté Villeneuve depuis 2015, soit un tiers de la population. "
    "La commune a fermé trois écoles sur cinq entre 2016 et 2022, d’après le rectorat.\n\n"
    "Faut-il s’en inquiéter ? La question reste ouverte."
)


@pytest.fixture(scope="module", autouse=True)
def allow_orm_beside_playwright():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def checker(transactional_db):
    return staff_member("fanny.checker", "fact-checker")


@pytest.fixture
def article(checker):
    return intake.create_article(
        user=checker, text=TEXT, title="La grippe en 2020", publisher="Le Quotidien", published_on=dt.date(2024, 3, 6)
    )


@pytest.fixture
def open_page(browser, live_server, checker):
    """A function opening a path of the live server in a new page, signed in as the fact-checker."""
    client = Client()
    client.force_login(checker)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    contexts = []

    def open_(path: str, width: int = 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + path)
        return page

    yield open_
    for context in contexts:
        context.close()


def workbench(article) -> str:
    return reverse("admin:claims_article_workbench", args=[article.pk])


def proposal_holding(article, fragment: str) -> Proposal:
    return min(Proposal.objects.filter(article=article, quote__contains=fragment), key=lambda p: len(p.quote))


def test_the_workbench_and_add_article_fit_phone_and_desktop_widths_with_no_serious_axe_finding(open_page, article):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    adjust = proposal_holding(article, "2 000")
    for width in WIDTHS:
        for name, path in (("add-article", reverse("admin:claims_article_intake")), ("workbench", workbench(article))):
            page = open_page(path, width)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} scrolls sideways at {width}px"
            assert serious_violations(page) == [], f"{name} at {width}px"
            page.screenshot(path=str(SCREENSHOTS / f"admin-{name}-{width}.png"), full_page=True)
        page.locator(f"#proposal-{adjust.pk}").get_by_role("button", name="Ajuster…").click()
        assert page.locator("#wb-editor").is_visible()
        assert serious_violations(page) == [], f"the selection box at {width}px"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the selection box scrolls sideways at {width}px"
        page.screenshot(path=str(SCREENSHOTS / f"admin-workbench-adjust-{width}.png"), full_page=True)


def test_a_fact_checker_accepts_adjusts_and_rejects_from_the_keyboard(open_page, article):
    deaths = proposal_holding(article, "6 700")
    page = open_page(workbench(article))
    page.locator(f"#proposal-{deaths.pk}").get_by_role("button", name="Accepter").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".messagelist .success").inner_text().startswith("Affirmation candidate créée")
    claim = Claim.objects.get(article=article)
    assert (claim.start, claim.end, claim.quote) == (deaths.start, deaths.end, deaths.quote)

    schools = proposal_holding(article, "trois écoles")
    page.locator(f"#proposal-{schools.pk}").get_by_role("button", name="Ajuster…").focus()
    page.keyboard.press("Enter")
    source = page.locator("#wb-source")
    assert source.evaluate("el => el === document.activeElement"), "the selection box takes the focus"
    assert source.evaluate("el => el.selectionEnd - el.selectionStart") == schools.end - schools.start
    for _ in range(len(", d’après le rectorat")):
        page.keyboard.press("Shift+ArrowLeft")
    assert page.locator("#wb-selected").inner_text().endswith("entre 2016 et 2022")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    adjusted = Claim.objects.filter(article=article).exclude(pk=claim.pk).get()
    assert adjusted.quote.endswith("entre 2016 et 2022")
    assert TEXT[adjusted.start : adjusted.end] == adjusted.quote and adjusted.start == schools.start

    migration = proposal_holding(article, "2 000")
    page.locator(f"#proposal-{migration.pk}").get_by_role("button", name="Rejeter").focus()
    with page.expect_navigation():
        page.keyboard.press("Space")
    migration.refresh_from_db()
    assert migration.status == ProposalStatus.REJECTED
    assert page.locator(f"#text-proposal-{migration.pk}").count() == 0


def test_text_selected_with_the_mouse_becomes_a_claim(open_page, article):
    page = open_page(workbench(article))
    words = "un tiers de la population"
    start = TEXT.index(words)
    box = page.locator("#wb-text")
    # The selection a drag over the words makes.
    page.evaluate(
        """([words]) => {
            const text = document.getElementById("wb-text");
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const at = walker.currentNode.data.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + words.length);
                    window.getSelection().removeAllRanges();
                    window.getSelection().addRange(range);
                    return;
                }
            }
        }""",
        [words],
    )
    assert box.is_visible()
    page.get_by_role("button", name="Nouvelle affirmation à partir du texte sélectionné…").click()
    assert page.locator("#wb-selected").inner_text() == words
    with page.expect_navigation():
        page.get_by_role("button", name="Créer l’affirmation").click()
    claim = Claim.objects.get(article=article)
    assert (claim.start, claim.end, claim.quote) == (start, start + len(words), words)
    assert page.locator(f"#text-claim-{claim.pk}").inner_text() == words
