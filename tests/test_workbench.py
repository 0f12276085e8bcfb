"""From an article to candidate claims in the admin: "Add article", the workbench and the intake service."""

import datetime as dt
from decimal import Decimal

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Article, Claim, Claimant, Proposal, ProposalStatus
from claims.services import intake

from .helpers import staff_member

pytestmark = pytest.mark.usefixtures("empty_database")

TEXT = (
    "Le ministre de la Santé, Jean Dupont, a déclaré lundi que plus de 6 700 personnes étaient mortes de la "
    "grippe en 2020.\n\n"
    "Selon l’Insee, environ 2 000 habitants ont quitté Villeneuve depuis 2015, soit un tiers de la population.\n\n"
    "Faut-il s’en inquiéter ? La question reste ouverte."
)
PUBLISHED = dt.date(2024, 3, 6)  # a Wednesday: « lundi » is 4 March
HTML = """<!doctype html><html lang="fr"><head><title>La grippe a tué plus de 6 700 personnes</title>
<meta property="article:published_time" content="2024-03-06T08:00:00Z"></head>
<body><nav><a href="/">Accueil</a> <a href="/sante">Santé</a></nav>
<article><h1>La grippe a tué plus de 6 700 personnes</h1>
<p>Le ministre de la Santé a déclaré lundi que plus de 6 700 personnes étaient mortes de la grippe en 2020.</p>
<p>Selon l’Insee, environ 2 000 habitants ont quitté Villeneuve depuis 2015.</p></article>
<footer>Mentions légales et cookies</footer></body></html>"""


@pytest.fixture
def checker(db):
    return staff_member("fanny.checker", "fact-checker")


@pytest.fixture
def desk(client, checker):
    client.force_login(checker)
    return client


@pytest.fixture
def article(checker) -> Article:
    return intake.create_article(
        user=checker, text=TEXT, title="La grippe en 2020", publisher="Le Quotidien", published_on=PUBLISHED
    )


def workbench(article: Article) -> str:
    return reverse("admin:claims_article_workbench", args=[article.pk])


def proposal_holding(article: Article, fragment: str) -> Proposal:
    return min(
        Proposal.objects.filter(article=article, quote__contains=fragment), key=lambda proposal: len(proposal.quote)
    )


def test_the_article_changelist_links_to_add_article(desk):
    page = desk.get(reverse("admin:claims_article_changelist"))
    assert page.status_code == 200
    assert reverse("admin:claims_article_intake").encode() in page.content


def test_pasted_text_becomes_an_article_whose_workbench_opens_with_the_proposals(desk):
    response = desk.post(
        reverse("admin:claims_article_intake"),
        {"title": "La grippe en 2020", "publisher": "Le Quotidien", "published_on": "2024-03-06", "text": TEXT},
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == workbench(article)
    assert article.language == "fr" and article.text == TEXT and article.slug == "la-grippe-en-2020"
    proposals = list(Proposal.objects.filter(article=article))
    assert all(TEXT[p.start : p.end] == p.quote for p in proposals)
    deaths = proposal_holding(article, "6 700")
    assert deaths.score >= 0.5 and deaths.status == ProposalStatus.PROPOSED
    page = desk.get(response["Location"])
    assert page.status_code == 200
    assert f'id="text-proposal-{deaths.pk}"'.encode() in page.content
    assert "plus de 6 700 = 6700 personnes (plus de)" in page.content.decode()


def test_an_uploaded_web_page_gives_its_main_text_title_and_date(desk):
    upload = SimpleUploadedFile("grippe.html", HTML.encode(), content_type="text/html")
    response = desk.post(reverse("admin:claims_article_intake"), {"publisher": "Le Quotidien", "html": upload})
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.title == "La grippe a tué plus de 6 700 personnes"
    assert article.published_on == dt.date(2024, 3, 6)
    assert "6 700 personnes" in article.text
    assert "Accueil" not in article.text and "cookies" not in article.text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"publisher": "Le Quotidien"}, None, "one of the three"),
        ({"publisher": "Le Quotidien", "text": TEXT, "url": "https://example.org/a"}, None, "one of the three"),
        ({"publisher": "Le Quotidien", "url": "http://127.0.0.1:9/article"}, "url", "could not be fetched"),
        ({"text": TEXT, "title": "T"}, "publisher", "This field is required"),
        ({"publisher": "Le Quotidien", "text": TEXT}, "title", "no title"),
    ],
)
def test_add_article_refuses_bad_input_with_form_errors(desk, english, data, field, message):
    response = desk.post(reverse("admin:claims_article_intake"), data)
    assert response.status_code == 200
    form = response.context["form"]
    errors = form.non_field_errors() if field is None else form.errors[field]
    assert message in " ".join(errors)
    assert not Article.objects.exists()


def test_accepting_a_proposal_makes_a_candidate_claim_with_everything_filled_in(desk, article, checker):
    deaths = proposal_holding(article, "6 700")
    response = desk.post(workbench(article), {"action": "accept", "proposal": deaths.pk})
    assert response.status_code == 302
    claim = Claim.objects.get()
    deaths.refresh_from_db()
    assert deaths.status == ProposalStatus.ACCEPTED and deaths.claim == claim and deaths.decided_by == checker
    assert (claim.start, claim.end, claim.quote) == (deaths.start, deaths.end, deaths.quote)
    assert claim.status == Claim.Status.CANDIDATE
    assert claim.checkworthiness == deaths.score
    assert claim.kind == deaths.kind
    assert claim.claimant.name == "Le Quotidien" and claim.claimant.kind == Claimant.Kind.OUTLET
    assert claim.speaker is not None and claim.speaker.name == deaths.speaker == "Jean Dupont"
    assert claim.claimed_on == dt.date(2024, 3, 4), "said on Monday, the article's Wednesday before"
    figures = {q.text: (q.value, q.qualifier, q.unit) for q in claim.quantities.all()}
    assert figures["plus de 6 700"] == (Decimal("6700"), "more_than", "personnes")
    assert claim.history.first().history_user == checker


def test_an_adjusted_proposal_takes_the_offsets_of_the_selection_checked_by_the_server(desk, article):
    migration = proposal_holding(article, "2 000")
    start = TEXT.index("environ 2 000")
    end = TEXT.index(" depuis 2015")
    data = {"action": "claim", "proposal": migration.pk, "start": start, "end": end, "quote": TEXT[start:end]}
    assert desk.post(workbench(article), data).status_code == 302
    claim = Claim.objects.get()
    assert (claim.start, claim.end, claim.quote) == (start, end, "environ 2 000 habitants ont quitté Villeneuve")
    assert [(q.text, q.value, q.qualifier) for q in claim.quantities.all()] == [
        ("environ 2 000", Decimal("2000"), "about")
    ]
    migration.refresh_from_db()
    assert migration.status == ProposalStatus.ACCEPTED and migration.claim == claim


@pytest.mark.parametrize("shift", [1, -1])
def test_offsets_that_do_not_match_the_text_are_refused_and_nothing_is_saved(desk, article, english, shift):
    migration = proposal_holding(article, "2 000")
    start = TEXT.index("environ 2 000") + shift
    data = {"action": "claim", "proposal": migration.pk, "start": start, "end": start + 13, "quote": "environ 2 000"}
    response = desk.post(workbench(article), data, follow=True)
    assert "does not match the article" in response.content.decode()
    assert not Claim.objects.exists()
    migration.refresh_from_db()
    assert migration.status == ProposalStatus.PROPOSED


def test_any_selected_text_becomes_a_claim(desk, article):
    start = TEXT.index("un tiers de la population")
    end = start + len("un tiers de la population")
    data = {"action": "claim", "start": start, "end": end, "quote": TEXT[start:end]}
    assert desk.post(workbench(article), data).status_code == 302
    claim = Claim.objects.get()
    assert claim.quote == "un tiers de la population"
    assert claim.kind == Claim.Kind.QUANTITY and claim.claimed_on == PUBLISHED
    assert [(q.text, q.value) for q in claim.quantities.all()] == [("un tiers", Decimal("0.3333"))]


def test_a_rejected_proposal_is_kept_and_not_proposed_again(desk, article):
    deaths = proposal_holding(article, "6 700")
    assert desk.post(workbench(article), {"action": "reject", "proposal": deaths.pk}).status_code == 302
    deaths.refresh_from_db()
    assert deaths.status == ProposalStatus.REJECTED
    before = Proposal.objects.filter(article=article).count()
    again = intake.run_intake(article=article)
    assert len(again) == before
    assert [p.status for p in again if p.pk == deaths.pk] == [ProposalStatus.REJECTED]
    page = desk.get(workbench(article))
    assert deaths.quote not in [p.quote for p in page.context["worth_checking"]]
    assert not Claim.objects.exists()


def test_a_proposal_is_decided_once(desk, article, english):
    deaths = proposal_holding(article, "6 700")
    desk.post(workbench(article), {"action": "accept", "proposal": deaths.pk})
    response = desk.post(workbench(article), {"action": "accept", "proposal": deaths.pk}, follow=True)
    assert "already decided" in response.content.decode()
    assert Claim.objects.count() == 1


def test_spans_of_existing_claims_are_recorded_as_accepted_when_the_intake_runs_again(desk, article):
    deaths = proposal_holding(article, "6 700")
    desk.post(workbench(article), {"action": "accept", "proposal": deaths.pk})
    claim = Claim.objects.get()
    Proposal.objects.filter(article=article).delete()
    intake.run_intake(article=article)
    assert Proposal.objects.get(article=article, start=deaths.start, end=deaths.end).claim == claim


def test_staff_outside_the_desk_cannot_add_articles_or_decide(client, article):
    outsider = staff_member("oscar.outsider", "fact-checker")
    outsider.groups.clear()
    client.force_login(outsider)
    deaths = proposal_holding(article, "6 700")
    assert client.get(reverse("admin:claims_article_intake")).status_code == 403
    assert client.get(workbench(article)).status_code == 403
    assert client.post(workbench(article), {"action": "accept", "proposal": deaths.pk}).status_code == 403
    assert not Claim.objects.exists()


def test_the_workbench_reads_the_article_its_proposals_and_claims_in_a_fixed_number_of_queries(
    desk, article, django_assert_num_queries
):
    url = workbench(article)
    desk.post(url, {"action": "accept", "proposal": proposal_holding(article, "6 700").pk})
    assert desk.get(url).status_code == 200
    # session, user, article, the user's two permission queries, proposals with their claims, the
    # article's claims (the similar claims of other articles would add two: none here)
    with django_assert_num_queries(7):
        desk.get(url)


def test_an_article_added_elsewhere_gets_its_proposals_when_the_desk_runs_the_intake(desk, checker):
    article = Article.objects.create(
        title="Sans intake", slug="sans-intake", publisher="Le Quotidien", published_on=PUBLISHED, text=TEXT
    )
    page = desk.get(workbench(article))
    assert b'value="intake"' in page.content and not Proposal.objects.exists()
    assert desk.post(workbench(article), {"action": "intake"}).status_code == 302
    assert Proposal.objects.filter(article=article, quote__contains="6 700").exists()


@pytest.mark.parametrize("page", ["workbench", "add"])
def test_the_pages_carry_no_inline_script_or_style_for_a_strict_content_security_policy(desk, article, page):
    url = workbench(article) if page == "workbench" else reverse("admin:claims_article_intake")
    html = lxml.html.fromstring(desk.get(url).content)
    assert [script.get("src") for script in html.iter("script") if not script.get("src")] == []
    assert html.xpath("//*[@style]") == []
    assert html.xpath("//style") == []
    assert any(src.endswith("admin/claims/workbench.js") for src in html.xpath("//script/@src")) == (
        page == "workbench"
    )


def test_the_article_page_links_to_its_workbench_and_the_reasons_read_in_french(desk, article):
    page = desk.get(reverse("admin:claims_article_change", args=[article.pk]))
    assert workbench(article).encode() in page.content
    bench = desk.get(workbench(article)).content.decode()
    assert "attribué à Jean Dupont" in bench and "un chiffre" in bench
