"""The editors' desk in a real browser: a new editor's path from a second account to a published claim.

Chromium (Debian's) driven by Playwright against pytest-django's live server, in real transactions
(the path writes); axe-core checks every admin page it visits, and screenshots go to
test-artifacts/screenshots/.
"""

import pytest
from django.core.management import call_command
from django.db import connections

from claims.models import Claim, ClaimStatus, Proposal, Source, Verdict

from .chromium import SCREENSHOTS, launch, needs_chromium, serious_violations

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}
PASSWORD = "desk-pass-2026"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    needs_chromium,
]


@pytest.fixture(autouse=True)
def allow_orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in this thread; the test's ORM calls stay synchronous."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser(live_server, committed_seed):
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
        connections.close_all()


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(base + "/admin/")


def test_every_admin_page_the_desk_uses_has_no_serious_accessibility_finding_and_fits_a_phone(browser, live_server):
    call_command("create_desk_account", "alice", "--role", "editor", "--password", PASSWORD)
    claim = Claim.objects.get(slug="guerre-2020-plus-de-6700-morts")
    verdict = Verdict.objects.get(claim=claim)
    source = Source.objects.first()
    paths = [
        "/admin/",
        "/admin/claims/claim/",
        f"/admin/claims/claim/{claim.pk}/change/",
        "/admin/claims/claim/add/",
        f"/admin/claims/claim/{claim.pk}/history/",
        "/admin/claims/verdict/",
        f"/admin/claims/verdict/{verdict.pk}/change/",
        "/admin/claims/source/",
        f"/admin/claims/source/{source.pk}/change/",
        "/api/docs/",
    ]
    context = browser.new_context(viewport=SIZES["desktop"], locale="fr-FR")
    page = context.new_page()
    sign_in(page, live_server.url, "alice")
    problems = {}
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        found = serious_violations(page)
        if found:
            problems[path] = found
        if path.startswith("/admin/"):
            page.set_viewport_size(SIZES["phone"])
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                problems[path] = [*found, f"scrolls sideways by {overflow}px at 375px"]
            page.set_viewport_size(SIZES["desktop"])
    context.close()
    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())


class Walk:
    """One person's browser tab: records every error page and popup, checks width, takes screenshots."""

    def __init__(self, browser, base: str, username: str) -> None:
        self.base = base
        self.context = browser.new_context(viewport=SIZES["desktop"], locale="fr-FR")
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.popups: list[str] = []
        self.page.on("response", self._record_error)
        self.page.on("popup", lambda popup: self.popups.append(popup.url))
        sign_in(self.page, base, username)

    def _record_error(self, response) -> None:
        # axe-core reads each stylesheet again by XHR (the admin's forms.css imports widgets.css, which it
        # resolves against the page): that request is the checker's, not the page's.
        if response.request.resource_type == "xhr" and response.url.split("?")[0].rstrip("/").endswith(".css"):
            return
        if response.status >= 400:
            self.errors.append(f"{response.status} {response.url}")

    def at_both_widths(self, name: str) -> None:
        """Screenshots at 1280 × 800 and 375 × 812; the page must not scroll sideways at either."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for size in SIZES.values():
            self.page.set_viewport_size(size)
            overflow = self.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {size['width']}px"
            target = SCREENSHOTS / f"desk-{name}-{size['width']}.png"
            self.page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 5_000
        self.page.set_viewport_size(SIZES["desktop"])

    def close(self) -> None:
        self.context.close()


def choose_in_autocomplete(page, field_id: str, text: str) -> None:
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


QUOTE = "Les pourparlers de paix ont eu lieu"


def test_a_new_editor_adds_previews_and_proposes_a_claim_that_a_second_editor_publishes(browser, live_server):
    call_command("create_desk_account", "alice", "--role", "editor", "--password", PASSWORD)
    # Alice, the new editor, creates her colleague's account the way the README says (make editor NAME=bruno).
    call_command("create_desk_account", "bruno", "--role", "editor", "--password", PASSWORD)

    alice = Walk(browser, live_server.url, "alice")
    page = alice.page
    alice.at_both_widths("dashboard")
    page.goto(live_server.url + "/admin/claims/claim/")
    claims_column = page.locator("th.column-excerpt").bounding_box()
    assert claims_column["width"] >= 250, claims_column
    alice.at_both_widths("changelist")
    page.set_viewport_size({"width": 375, "height": 812})
    assert page.locator("th.column-excerpt").bounding_box()["width"] >= 150
    page.set_viewport_size(SIZES["desktop"])

    page.locator("a.addlink").first.click()
    page.wait_for_url("**/add/")
    page.select_option("#id_article", index=1)
    page.fill("#id_quote", QUOTE)
    page.locator("#id_restatement").press_sequentially("Les pourparlers de paix ont eu lieu à Sotchi")
    assert page.input_value("#id_slug") == "les-pourparlers-de-paix-ont-eu-lieu-a-sotchi"
    choose_in_autocomplete(page, "id_claimant", "Associated Press")
    page.select_option("#id_kind", "event")
    page.fill("#id_claimed_on", "31/10/2022")
    page.locator("#evidence-group .add-row a").click()
    page.fill("#id_evidence-0-new_source_url", "https://example.org/sotchi")
    page.fill("#id_evidence-0-new_source_title", "Compte rendu du sommet de Sotchi")
    page.fill("#id_evidence-0-new_source_publisher", "Kremlin")
    assert page.input_value("#id_evidence-0-new_source_language") == ""  # the article's language
    page.locator("#verdicts-group .add-row a").click()
    page.select_option("#id_verdicts-0-rating", label="Vrai")
    page.fill("#id_verdicts-0-summary_fr", "Vrai : les pourparlers ont bien eu lieu à Sotchi le 31 octobre.")
    page.fill("#id_verdicts-0-explanation_fr", "Le compte rendu officiel le confirme.")
    page.fill("#id_verdicts-0-summary_en", "True: the peace talks did take place in Sochi on 31 October.")
    page.fill("#id_verdicts-0-explanation_en", "The official record confirms it.")
    assert serious_violations(page) == []
    alice.at_both_widths("claim-add")
    page.locator("input[name=_continue]").click()
    page.wait_for_url("**/change/")
    expect(page.locator(".messagelist .success")).to_have_count(1)

    claim = Claim.objects.get(slug="les-pourparlers-de-paix-ont-eu-lieu-a-sotchi")
    assert claim.article.text[claim.start : claim.end] == QUOTE
    assert claim.evidence.get().source.language == claim.article.language
    expect(page.locator(".publishing-ready")).to_be_visible()
    assert page.locator(".workflow-buttons button").all_inner_texts() == ["Proposer à la relecture", "Rejeter"]
    alice.at_both_widths("claim-change")

    page.locator("a.viewsitelink").click()
    page.wait_for_url(f"**/claims/{claim.slug}/preview/")
    expect(page.locator(".draft-banner")).to_be_visible()
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    assert page.get_by_role("heading", level=1).inner_text() == claim.restatement
    alice.at_both_widths("preview")
    page.get_by_role("link", name="Retour au formulaire de l’affirmation").click()
    page.wait_for_url("**/change/")

    page.locator("button[value=propose]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("proposée à la relecture")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW
    page.locator("button[value=publish]").click()  # an editor, but…
    expect(page.locator(".messagelist .error")).to_contain_text("un autre éditeur")  # …not of her own verdict
    assert alice.errors == [] and alice.popups == []
    alice.close()

    bruno = Walk(browser, live_server.url, "bruno")
    page = bruno.page
    review = page.locator("#desk-review li a", has_text=claim.restatement)
    assert review.count() == 1
    review.click()
    expect(page.locator(".publishing-ready")).to_be_visible()
    assert serious_violations(page) == []
    page.locator("button[value=publish]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("publiée")
    claim.refresh_from_db()
    verdict = claim.current_verdict
    assert (claim.status, verdict.status, verdict.reviewer.username) == (ClaimStatus.PUBLISHED, "published", "bruno")
    page.goto(live_server.url + claim.get_absolute_url())
    assert page.locator(".verdict-box .badge").inner_text() == "Vrai"
    bruno.at_both_widths("published")
    page.goto(live_server.url + "/admin/")
    assert page.locator("#desk-published li a", has_text=claim.restatement).count() == 1
    assert bruno.errors == [] and bruno.popups == []
    bruno.close()


ARTICLE = (
    "Le ministre de la Santé, Jean Dupont, a déclaré lundi que plus de 6 700 personnes étaient mortes de la "
    "grippe en 2020.\n\n"
    "Faut-il s’en inquiéter ? La question reste ouverte."
)


def test_a_new_editor_takes_a_claim_from_the_workbench_to_a_colleagues_publication(browser, live_server):
    call_command("create_desk_account", "carla", "--role", "editor", "--password", PASSWORD)
    call_command("create_desk_account", "dario", "--role", "editor", "--password", PASSWORD)

    carla = Walk(browser, live_server.url, "carla")
    page = carla.page
    page.goto(live_server.url + "/admin/claims/article/intake/")
    page.fill("#id_title", "La grippe en 2020")
    page.fill("#id_publisher", "Le Quotidien")
    page.fill("#id_published_on", "2024-03-06")
    page.fill("#id_text", ARTICLE)
    page.locator("form.wb-add-form [type=submit]").click()
    page.wait_for_url("**/workbench/")
    proposal = Proposal.objects.get(article__title="La grippe en 2020", quote__contains="6 700")
    page.locator(f"#proposal-{proposal.pk}").get_by_role("button", name="Accepter").click()
    page.locator(".messagelist .success a").click()  # « Affirmation candidate créée : … »
    page.wait_for_url("**/change/")
    claim = Claim.objects.get(article__title="La grippe en 2020")
    assert claim.article.text[claim.start : claim.end] == proposal.quote  # no offset typed anywhere

    page.locator("#evidence-group .add-row a").click()
    page.fill("#id_evidence-0-new_source_url", "https://example.org/grippe-2020")
    page.fill("#id_evidence-0-new_source_title", "Bilan de la grippe 2020")
    page.fill("#id_evidence-0-new_source_publisher", "Santé publique France")
    page.locator("#verdicts-group .add-row a").click()
    page.select_option("#id_verdicts-0-rating", label="Faux")
    page.fill("#id_verdicts-0-summary_fr", "Faux : le bilan de la grippe en 2020 est bien plus bas.")
    page.fill("#id_verdicts-0-explanation_fr", "Le bilan officiel ne compte pas 6 700 morts de la grippe.")
    page.fill("#id_verdicts-0-summary_en", "False: the 2020 flu toll was far lower.")
    page.fill("#id_verdicts-0-explanation_en", "The official toll does not count 6,700 flu deaths.")
    page.locator("input[name=_continue]").click()
    page.wait_for_url("**/change/")
    expect(page.locator(".publishing-ready")).to_be_visible()
    page.locator("a.viewsitelink").click()
    page.wait_for_url(f"**/claims/{Claim.objects.get(pk=claim.pk).slug}/preview/")
    expect(page.locator(".draft-banner")).to_be_visible()
    carla.at_both_widths("workbench-claim-preview")
    page.go_back()
    page.wait_for_url("**/change/")
    page.locator("button[value=propose]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("proposée à la relecture")
    assert carla.errors == [] and carla.popups == []
    carla.close()

    dario = Walk(browser, live_server.url, "dario")
    page = dario.page
    claim.refresh_from_db()
    page.locator("#desk-review li a", has_text=claim.restatement[:30]).click()  # the list shortens long ones
    page.locator("button[value=publish]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("publiée")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED
    page.goto(live_server.url + claim.get_absolute_url())
    assert page.locator(".verdict-box .badge").inner_text() == "Faux"
    assert dario.errors == [] and dario.popups == []
    dario.close()
