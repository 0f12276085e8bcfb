"""The editors' desk in the admin: workflow buttons, the dashboard, draft previews, history, offsets, inline sources."""

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from claims.models import Article, Claim, Claimant, ClaimStatus, Evidence, Source, Verdict
from claims.services import editing, transitions

from .helpers import DEATHS, PEACEKEEPERS, admin_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CHANGELIST = reverse("admin:claims_claim_changelist")
ADD = reverse("admin:claims_claim_add")


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def buttons(response) -> list[str]:
    page = lxml.html.fromstring(response.content)
    return page.xpath('//form[@class="workflow-form"]//button[@name="transition"]/@value')


def messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def new_claim(article: Article, claimant: Claimant, **fields) -> Claim:
    quote = "Poutine"
    start = article.text.index(quote)
    return Claim.objects.create(
        article=article,
        quote=quote,
        start=start,
        end=start + len(quote),
        restatement="Poutine",
        claimant=claimant,
        kind="quote",
        claimed_on="2022-10-31",
        slug="poutine-draft",
        **fields,
    )


# --- Workflow buttons on the claim form ----------------------------------------------------------


def test_a_fact_checker_sees_only_the_propose_button_on_a_candidate(seed, client, fact_checker):
    claim = Claim.objects.get(slug=DEATHS)
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.CANDIDATE)
    client.force_login(fact_checker)
    assert buttons(client.get(change_url(claim))) == ["propose"]


def test_an_editor_sees_send_back_publish_and_reject_on_a_claim_in_review(claim_in_review, client, editor):
    client.force_login(editor)
    response = client.get(change_url(claim_in_review))
    assert buttons(response) == ["send_back", "publish", "reject"]
    assert "Nothing is missing for publishing" in response.content.decode()


def test_the_form_lists_what_publishing_still_needs(claim_in_review, client, editor):
    Verdict.objects.filter(claim=claim_in_review).update(rating=None, summary_fr="")
    client.force_login(editor)
    page = lxml.html.fromstring(client.get(change_url(claim_in_review)).content)
    assert page.xpath('//div[@class="publishing-problems"]//li/text()') == ["a rating", "a French summary"]


def test_the_propose_button_moves_the_claim_through_the_service(seed, client, fact_checker):
    claim = Claim.objects.get(slug=DEATHS)
    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.CANDIDATE)
    claim.refresh_from_db()
    client.force_login(fact_checker)
    url = reverse("admin:claims_claim_transition", args=[claim.pk])
    response = client.post(url, {"transition": "propose", "version": claim.version})
    assert response.status_code == 302 and response.url == change_url(claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW
    assert claim.history.first().history_user == fact_checker


def test_a_button_the_user_may_not_press_changes_nothing(claim_in_review, client, fact_checker):
    client.force_login(fact_checker)
    url = reverse("admin:claims_claim_transition", args=[claim_in_review.pk])
    response = client.post(url, {"transition": "publish", "version": claim_in_review.version}, follow=True)
    assert messages(response) == ["This action is not open to you on this claim."]
    claim_in_review.refresh_from_db()
    assert claim_in_review.status == ClaimStatus.IN_REVIEW


def test_a_button_pressed_on_a_stale_page_is_refused(claim_in_review, client, editor):
    client.force_login(editor)
    url = reverse("admin:claims_claim_transition", args=[claim_in_review.pk])
    response = client.post(url, {"transition": "send_back", "version": claim_in_review.version - 1}, follow=True)
    assert len(messages(response)) == 1 and "version" in messages(response)[0]
    claim_in_review.refresh_from_db()
    assert claim_in_review.status == ClaimStatus.IN_REVIEW


def test_rejecting_from_the_form_needs_a_reason(claim_in_review, client, editor):
    client.force_login(editor)
    url = reverse("admin:claims_claim_transition", args=[claim_in_review.pk])
    response = client.post(
        url, {"transition": "reject", "version": claim_in_review.version, "reason": " "}, follow=True
    )
    assert messages(response) == ["Say why the claim is rejected."]
    client.post(url, {"transition": "reject", "version": claim_in_review.version, "reason": "Hors sujet"})
    claim_in_review.refresh_from_db()
    assert (claim_in_review.status, claim_in_review.rejection_reason) == (ClaimStatus.REJECTED, "Hors sujet")


# --- The dashboard -------------------------------------------------------------------------------


def test_the_queryset_names_each_list_of_the_dashboard(claim_in_review, fact_checker, editor):
    mine = Claim.objects.get(slug=DEATHS)
    transitions.perform("unpublish", claim=mine, user=editor)
    transitions.perform("send_back", claim=mine, user=editor)
    transitions.assign(claim=mine, user=editor, assignee=fact_checker)
    assert list(Claim.objects.assigned_to(fact_checker)) == [mine]
    assert list(Claim.objects.sent_back_to(fact_checker)) == [mine]
    assert list(Claim.objects.sent_back_to(editor)) == []
    assert list(Claim.objects.waiting_for_review_by(editor)) == [claim_in_review]
    Verdict.objects.filter(claim=claim_in_review).update(author=editor)
    assert list(Claim.objects.waiting_for_review_by(editor)) == []
    assert mine not in Claim.objects.recently_published() and claim_in_review not in Claim.objects.recently_published()
    overtaken = list(Claim.objects.overtaken_by_events())
    assert overtaken and all(claim.status == ClaimStatus.PUBLISHED for claim in overtaken)
    assert {claim.pk for claim in overtaken} == set(
        Claim.objects.published().filter(update_notes__isnull=False).values_list("pk", flat=True)
    )


def test_the_dashboard_shows_my_work_in_a_fixed_number_of_queries(
    claim_in_review, client, fact_checker, editor, django_assert_num_queries
):
    mine = Claim.objects.get(slug=DEATHS)
    transitions.perform("unpublish", claim=mine, user=editor)
    transitions.perform("send_back", claim=mine, user=editor)
    transitions.assign(claim=mine, user=editor, assignee=fact_checker)
    client.force_login(fact_checker)
    client.get(reverse("admin:index"))
    # session, user, the fact-checker's permissions, the counts, then one query per list (four
    # lists: a fact-checker does not review) and the admin's own recent actions.
    with django_assert_num_queries(10):
        response = client.get(reverse("admin:index"))
    page = lxml.html.fromstring(response.content)
    assert page.xpath('//*[@id="desk-mine"]//li/a/@href') == [change_url(mine)]
    assert page.xpath('//*[@id="desk-sent_back"]//li/a/@href') == [change_url(mine)]
    assert page.xpath('//*[@id="desk-review"]') == []
    published = page.xpath('//*[@id="desk-published"]//li/a/@href')
    assert len(published) == 8 and change_url(mine) not in published
    overtaken = page.xpath('//*[@id="desk-overtaken"]//li')
    assert overtaken and "since" in overtaken[0].text_content()


# --- The draft preview ---------------------------------------------------------------------------


def test_the_desk_previews_a_draft_marked_as_such_and_kept_out_of_caches_and_search(
    claim_in_review, client, fact_checker
):
    client.force_login(fact_checker)
    url = reverse("claims:claim-preview", kwargs={"slug": claim_in_review.slug})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    page = lxml.html.fromstring(response.content)
    assert page.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    assert "Draft preview" in page.xpath('string(//p[@class="draft-banner"])')
    assert page.xpath('//script[@type="application/ld+json"]') == []
    assert page.xpath("string(//h1)") == claim_in_review.restatement_en


def test_nobody_outside_the_desk_sees_a_preview(claim_in_review, client):
    url = reverse("claims:claim-preview", kwargs={"slug": claim_in_review.slug})
    assert client.get(url).status_code == 404
    outsider = get_user_model().objects.create_user("outsider", password="x", is_staff=True)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(claim_in_review.get_absolute_url()).status_code == 404


def test_a_draft_is_in_no_feed_and_no_sitemap(claim_in_review, client):
    for path in ("/feed/", "/feed/atom/", "/sitemap.xml"):
        content = client.get(path).content.decode()
        assert claim_in_review.slug not in content, path


def test_view_on_site_points_to_the_preview_for_a_draft_and_to_the_page_once_published(claim_in_review, client, editor):
    client.force_login(editor)
    page = lxml.html.fromstring(client.get(change_url(claim_in_review)).content)
    preview = reverse("claims:claim-preview", kwargs={"slug": claim_in_review.slug})
    assert page.xpath('//a[@class="viewsitelink"]/@href') == [preview]
    assert client.get(preview).status_code == 200
    published = Claim.objects.get(slug=DEATHS)
    page = lxml.html.fromstring(client.get(change_url(published)).content)
    assert page.xpath('//a[@class="viewsitelink"]/@href') == [published.get_absolute_url()]


# --- History -------------------------------------------------------------------------------------


def test_the_history_reads_like_a_changelog(seed, client, editor, fact_checker):
    editor.first_name, editor.last_name = "Edith", "Piaf"
    editor.save()
    claim = Claim.objects.get(slug=DEATHS)
    transitions.perform("unpublish", claim=claim, user=editor)
    transitions.assign(claim=claim, user=editor, assignee=fact_checker)
    client.force_login(editor)
    response = client.get(reverse("admin:claims_claim_history", args=[claim.pk]))
    content = response.content.decode()
    assert "in_review" not in content and "Deleted" not in content and "None" not in content
    page = lxml.html.fromstring(content)
    rows = page.xpath('//table[@id="change-history"]/tbody/tr')
    assert rows[0].xpath("string(td[2])").strip() == "Edith Piaf"
    assert rows[0].xpath("string(td[4])").strip() == "in review"
    assert "Assigned to — → fanny.checker" in " ".join(rows[0].xpath("string(td[5])").split())
    assert "Status published → in review" in " ".join(rows[1].xpath("string(td[5])").split())


def test_the_verdict_history_names_ratings(seed, client, editor):
    verdict = Verdict.objects.get(claim__slug=DEATHS)
    client.force_login(editor)
    response = client.get(reverse("admin:claims_verdict_history", args=[verdict.pk]))
    page = lxml.html.fromstring(response.content)
    assert page.xpath('string(//table[@id="change-history"]/tbody/tr[1]/td[4])').strip() == str(verdict.rating)


# --- Offsets and sources on the claim form ---------------------------------------------------------


def test_a_new_claim_gets_its_offsets_from_its_quote(seed, client, fact_checker):
    article = Article.objects.get()
    client.force_login(fact_checker)
    response = client.get(ADD)
    data = admin_form_data(
        response,
        article=str(article.pk),
        quote="Vladimir Poutine",
        start="",
        end="",
        restatement="Poutine a reçu les dirigeants",
        slug="poutine-recoit",
        claimant=str(Claimant.objects.first().pk),
        kind="event",
        claimed_on="2022-10-31",
        language="fr",
    )
    assert article.text.count("Vladimir Poutine") == 1
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    claim = Claim.objects.get(slug="poutine-recoit")
    assert article.text[claim.start : claim.end] == "Vladimir Poutine"


def test_a_quote_not_in_the_article_is_a_form_error(seed, client, fact_checker):
    article = Article.objects.get()
    client.force_login(fact_checker)
    data = admin_form_data(
        client.get(ADD),
        article=str(article.pk),
        quote="Des mots que l’article ne contient pas",
        restatement="Rien",
        slug="rien",
        claimant=str(Claimant.objects.first().pk),
        kind="event",
        claimed_on="2022-10-31",
        language="fr",
    )
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["quote"] == [
        "The quote is not in the article text: copy it from the article, character for character."
    ]
    assert not Claim.objects.filter(slug="rien").exists()


def test_place_quote_asks_for_the_start_when_the_quote_stands_twice():
    assert editing.place_quote(text="un deux trois", quote="deux") == (3, 7)
    with pytest.raises(editing.WorkflowError, match="2 times"):
        editing.place_quote(text="deux et deux", quote="deux")


def test_a_source_is_created_in_the_evidence_row_in_the_article_language(seed, client, fact_checker):
    claim = new_claim(Article.objects.get(), Claimant.objects.first())
    client.force_login(fact_checker)
    response = client.get(change_url(claim))
    page = lxml.html.fromstring(response.content)
    assert page.xpath('//a[contains(@class, "related-widget-wrapper-link") and contains(@id, "source")]') == []
    data = admin_form_data(
        response,
        **{
            "evidence-TOTAL_FORMS": "1",
            "evidence-0-stance": "supports",
            "evidence-0-position": "0",
            "evidence-0-new_source_url": "https://example.org/kremlin",
            "evidence-0-new_source_title": "Communiqué",
            "evidence-0-new_source_publisher": "Kremlin",
            "evidence-0-new_source_kind": "official_statement",
            "evidence-0-new_source_language": "",
        },
    )
    response = client.post(change_url(claim), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    [evidence] = Evidence.objects.filter(claim=claim)
    source = evidence.source
    assert (source.title, source.language, source.kind) == ("Communiqué", "fr", "official_statement")
    assert Source.history.filter(id=source.pk).first().history_user == fact_checker


def test_an_evidence_row_without_any_source_is_a_form_error(seed, client, fact_checker):
    claim = new_claim(Article.objects.get(), Claimant.objects.first())
    client.force_login(fact_checker)
    data = admin_form_data(
        client.get(change_url(claim)),
        **{"evidence-TOTAL_FORMS": "1", "evidence-0-stance": "refutes", "evidence-0-position": "0"},
    )
    response = client.post(change_url(claim), data)
    assert response.status_code == 200
    assert not Evidence.objects.filter(claim=claim).exists()


# --- Accounts, strings, favicon ------------------------------------------------------------------


def test_the_command_creates_a_second_editor_who_can_publish(seed, capsys):
    call_command("create_desk_account", "alice", "--role", "editor", "--password", "s3cret-pass")
    alice = get_user_model().objects.get(username="alice")
    assert alice.is_staff and alice.check_password("s3cret-pass")
    assert alice.has_perm("claims.publish_claim")
    call_command("create_desk_account", "bob", "--role", "fact-checker")
    assert "password" in capsys.readouterr().out
    bob = get_user_model().objects.get(username="bob")
    assert bob.has_perm("claims.change_claim") and not bob.has_perm("claims.publish_claim")


def test_the_command_refuses_an_empty_name(db):
    with pytest.raises(CommandError, match="username is empty"):
        call_command("create_desk_account", " ")


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("favicon.svg")


@pytest.mark.parametrize(
    ("language", "expected", "wrong"),
    [("fr", "Modifier : affirmation", "Modification de affirmation"), ("en", "Change claim", "Modification")],
)
def test_the_claim_form_title_reads_well_in_both_languages(seed, client, editor, language, expected, wrong):
    client.force_login(editor)
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    content = client.get(change_url(claim), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert expected in content and wrong not in content


@pytest.mark.parametrize(("language", "expected"), [("fr", "1 affirmation publiée."), ("en", "1 claim published.")])
def test_an_action_on_one_claim_says_one_claim_in_both_languages(
    claim_in_review, client, other_editor, language, expected
):
    client.force_login(other_editor)
    data = {"action": "publish", "_selected_action": [claim_in_review.pk]}
    response = client.post(CHANGELIST, data, HTTP_ACCEPT_LANGUAGE=language, follow=True)
    assert expected in messages(response)
