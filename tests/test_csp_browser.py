"""The Content-Security-Policy in a real browser: Debian's Chromium reports no violation on the
verdict pages, the admin or the API docs (see tests/test_browser.py for how it is driven)."""

import re

import pytest
from django.contrib.auth import get_user_model

from claims.models import Claim, Verdict

from .chromium import launch, needs_chromium
from .helpers import PEACEKEEPERS

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

pytestmark = needs_chromium

# Collects every violation the page reports, from before its first script runs.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def chromium(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs beside the ORM
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        context.add_init_script(LISTEN)
        page = context.new_page()
        console = []
        page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
        page.console_errors = console
        yield page
        browser.close()


def violations(page) -> list[str]:
    """The page's reported violations, and Chromium's console lines about the policy."""
    reported = page.evaluate("window.__violations")
    logged = [line for line in page.console_errors if "Content Security Policy" in line]
    page.console_errors.clear()
    return reported + logged


def test_verdict_pages_raise_no_csp_violation_and_drop_a_third_party_image(chromium, live_server, committed_seed):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    Verdict.objects.filter(claim=claim).update(
        explanation_fr="Une carte : ![pixel](https://tracker.example/p.gif) ![logo](/static/favicon.svg)"
    )
    seen = {}
    for url in ["/", claim.get_absolute_url(), "/en" + claim.get_absolute_url(), claim.article.get_absolute_url()]:
        response = chromium.goto(live_server.url + url)
        assert response.status == 200, url
        assert "default-src 'self'" in response.headers["content-security-policy"], url
        seen[url] = violations(chromium)
    assert seen == dict.fromkeys(seen, [])
    # The verdict page's one inline block, its ClaimReview, runs under the header's nonce.
    response = chromium.goto(live_server.url + claim.get_absolute_url())
    nonce = chromium.locator('script[type="application/ld+json"]').evaluate("el => el.nonce")
    assert nonce and f"'nonce-{nonce}'" in response.headers["content-security-policy"]
    chromium.goto(live_server.url + claim.get_absolute_url())
    badge = chromium.locator(".verdict-box .badge")
    assert (
        badge.evaluate("el => getComputedStyle(el).getPropertyValue('--rating').trim()")
        == claim.current_verdict.rating.colour
    )
    images = chromium.locator(".verdict img")
    assert [images.nth(i).get_attribute("src") for i in range(images.count())] == ["/static/favicon.svg"]
    assert chromium.locator('script[type="application/ld+json"]').count() == 1


def test_the_admin_and_the_api_docs_work_under_the_policy(chromium, live_server, committed_seed):
    get_user_model().objects.create_superuser("chief", "chief@example.org", "correct horse battery")
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    site = live_server.url

    chromium.goto(site + "/admin/login/")
    chromium.fill("#id_username", "chief")
    chromium.fill("#id_password", "correct horse battery")
    chromium.click("input[type=submit]")
    assert chromium.url == site + "/admin/"
    seen = {}
    for url in [
        "/admin/",
        "/admin/claims/claim/",
        f"/admin/claims/claim/{claim.pk}/change/",
        "/admin/claims/claim/add/",
        f"/admin/claims/verdict/{claim.current_verdict.pk}/change/",
        f"/admin/claims/claim/{claim.pk}/history/",
        "/admin/claims/source/",
    ]:
        response = chromium.goto(site + url)
        assert response.status == 200, url
        seen[url] = violations(chromium)
    assert seen == dict.fromkeys(seen, [])
    # The admin's scripts ran: the claimant field became an autocomplete, named after its label.
    chromium.goto(site + f"/admin/claims/claim/{claim.pk}/change/")
    assert chromium.locator(".select2-container").first.is_visible()
    expect(chromium.locator("#id_claimant + .select2-container .select2-selection")).to_have_attribute(
        "aria-labelledby", re.compile("id_claimant-label")
    )
    chromium.goto(site + "/admin/claims/claim/")
    badge = chromium.locator(".rating-badge").first
    assert badge.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"

    chromium.goto(site + "/api/docs/")
    chromium.locator(".opblock").first.wait_for(timeout=20_000)  # Swagger UI rendered the schema
    assert chromium.locator(".opblock").count() > 10
    assert violations(chromium) == []
