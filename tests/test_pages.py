"""The public pages, read as a reader (and a crawler) would with Django's test client."""

import gettext
import html
import json
import re
from pathlib import Path

import extruct
import pytest
from django.conf import settings
from django.core.signals import request_finished
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from claims.claimreview import claim_review
from claims.models import (
    Article,
    Claim,
    Claimant,
    Correction,
    Evidence,
    Quantity,
    Rating,
    Source,
    Topic,
    UpdateNote,
    Verdict,
)
from claims.services import transitions

from .helpers import (
    PEACEKEEPERS,
    VERSION_QUERY,
    get_counting_queries,
    make_claim,
    parse,
    refresh_claims,
    texts,
    verdict_page_queries,
)

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.fixture(autouse=True)
def french_between_requests():
    """LocaleMiddleware leaves the last request's language active in this thread: reset it after each."""

    def reset(**kwargs):
        translation.activate("fr")

    request_finished.connect(reset)
    yield
    request_finished.disconnect(reset)
    translation.activate("fr")


def french_date(value) -> str:
    with translation.override("fr"):
        return date_format(value, "j F Y")


def json_ld(response) -> list[dict]:
    return extruct.extract(response.content.decode(), base_url="http://testserver/", syntaxes=["json-ld"])["json-ld"]


def expected_review(claim: Claim, language: str = "fr") -> dict:
    claim = Claim.objects.published().list_rows().get(pk=claim.pk)
    return claim_review(claim, settings.SITE_URL, language=language)


# --- Verdict pages -------------------------------------------------------------------------


def test_every_verdict_page_shows_every_item_its_data_has(client, seed):
    claims = Claim.objects.published().select_related("article", "claimant", "speaker")
    assert claims.count() == 22
    for claim in claims:
        response = client.get(claim.get_absolute_url())
        assert response.status_code == 200, claim.slug
        body = response.content.decode()
        tree = parse(response)
        verdict = claim.verdicts.select_related("rating", "author", "reviewer").get(is_current=True)
        assert texts(tree, "//h1") == [claim.restatement]
        assert texts(tree, "//blockquote[@lang='fr']") == [f"« {' '.join(claim.quote.split())} »"]
        assert texts(tree, "//*[contains(@class, 'verdict-box')]//*[contains(@class, 'badge')]") == [
            verdict.rating.label_fr
        ]
        assert html.escape(verdict.summary_fr) in body
        assert claim.claimant.name in texts(tree, "//dl[@class='facts']//a")
        if claim.speaker:
            assert texts(tree, "//dt[text()='Personne citée']/following-sibling::dd/a") == [claim.speaker.name]
        assert french_date(claim.claimed_on) in body
        assert tree.xpath(f"//a[@href='{claim.article.get_absolute_url()}#claim-{claim.slug}']")
        for quantity in claim.quantities.all():
            line = texts(tree, "//p[@class='figure-line']")
            assert any(item.startswith(f"{quantity.text} → ") for item in line)
        for evidence in claim.evidence.select_related("source"):
            source = evidence.source
            link = tree.xpath(f"//ol[@class='source-list']/li/a[@href='{source.url}']")
            assert [node.text_content() for node in link] == [source.title]
            meta = " ".join(link[0].getparent().xpath("./p[@class='meta']")[0].text_content().split())
            assert source.publisher in meta and str(source.get_kind_display()) in meta
            if source.published_on:
                assert french_date(source.published_on) in meta
        for note in claim.update_notes.all():
            banner = texts(tree, "//aside[@class='update-banner']/p[1]")
            assert f"Depuis le {french_date(note.since)} : {' '.join(note.note_fr.split())}" in banner
        assert verdict.author.get_full_name() in texts(tree, "//dt[text()='Rédigé par']/following-sibling::dd")
        assert verdict.reviewer.get_full_name() in texts(tree, "//dt[text()='Relu par']/following-sibling::dd")
        assert tree.xpath(f"//a[@href='/methodology/#rating-{verdict.rating.slug}']")
        assert tree.xpath("//a[@href='/methodology/']")
        assert len(tree.xpath("//ul[@class='share-links']/li/a")) == 5
        assert tree.xpath("//link[@rel='canonical']/@href") == [f"http://testserver{claim.get_absolute_url()}"]
        assert tree.xpath("//meta[@property='og:title']/@content") == [
            f"{verdict.rating.label_fr} — {claim.restatement}"
        ]
        assert tree.xpath("//meta[@property='og:url']/@content") == [f"http://testserver{claim.get_absolute_url()}"]


def test_the_peacekeepers_verdict_shows_claimed_against_verified_with_the_deviation(client, seed):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    tree = parse(client.get(claim.get_absolute_url()))
    [line] = tree.xpath("//p[@class='figure-line']")
    assert line.text_content() == "environ 2 000 → 1\u202f960, −2\u00a0%"
    deaths = Claim.objects.get(slug="guerre-2020-plus-de-6700-morts")
    english = parse(client.get("/en" + deaths.get_absolute_url()))
    assert texts(english, "//p[@class='figure-line']") == ["Plus de 6 700 → 6,916, +3.2%"]


def test_the_json_ld_of_every_verdict_page_is_the_claim_review_and_there_is_exactly_one(client, seed):
    for claim in Claim.objects.published():
        api = client.get(f"/api/v1/claims/{claim.pk}/claimreview")
        assert api.status_code == 200
        blocks = json_ld(client.get(claim.get_absolute_url()))
        assert len(blocks) == 1, claim.slug
        assert blocks[0]["@type"] == "ClaimReview"
        assert blocks[0] == api.json() == expected_review(claim)
        english = json_ld(client.get("/en" + claim.get_absolute_url()))
        assert english == [client.get(f"/api/v1/claims/{claim.pk}/claimreview?language=en").json()]
        assert english == [expected_review(claim, "en")]
        assert english[0]["reviewRating"]["alternateName"] == claim.current_verdict.rating.label_en


def test_the_claim_review_follows_spec_section_5(seed):
    claim = Claim.objects.get(slug="poutine-conflit-une-decennie-citation")
    review = expected_review(claim)
    assert review["url"] == f"{settings.SITE_URL}{claim.get_absolute_url()}"
    assert review["claimReviewed"] == claim.restatement
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Faux",
    }
    assert review["author"] == {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL}
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Associated Press"}
    assert review["itemReviewed"]["datePublished"] == "2022-10-31"
    [appearance] = review["itemReviewed"]["appearance"]
    assert appearance["url"] == f"{settings.SITE_URL}{claim.article.get_absolute_url()}"
    assert appearance["headline"] == claim.article.title
    assert review["itemReviewed"]["firstAppearance"]["url"] == claim.article.original_url
    assert review["inLanguage"] == "fr"
    Claim.objects.filter(pk=claim.pk).update(claimant=Claimant.objects.get(slug="vladimir-poutine"))
    person = expected_review(claim)
    assert person["itemReviewed"]["author"] == {"@type": "Person", "name": "Vladimir Poutine"}


def test_a_rating_off_the_scale_has_no_rating_value_in_the_claim_review(client, seed):
    claim = Claim.objects.get(slug="valdai-conseil-compromis-territorial")
    Verdict.objects.filter(claim=claim).update(rating=Rating.objects.get(slug="misleading"))
    refresh_claims([claim])
    [block] = json_ld(client.get(claim.get_absolute_url()))
    assert "ratingValue" not in block["reviewRating"]
    assert block["reviewRating"]["alternateName"] == "Trompeur"


def test_a_correction_shows_on_the_verdict_page_with_the_previous_rating_and_the_update_date(client, seed):
    claim = Claim.objects.get(slug="valdai-conseil-compromis-territorial")
    verdict = claim.verdicts.get(is_current=True)
    Correction.objects.create(
        verdict=verdict,
        previous_rating=Rating.objects.get(slug="mostly_false"),
        what_changed_fr="La note passe de Plutôt faux à À moitié vrai.",
        reason_fr="Une transcription complète a été publiée.",
    )
    verdict.modified_at = timezone.now()
    verdict.save()
    tree = parse(client.get(claim.get_absolute_url()))
    [correction] = texts(tree, "//section[@class='corrections']//li")
    assert "La note passe de Plutôt faux à À moitié vrai." in correction
    assert "note précédente : Plutôt faux" in correction
    assert "Une transcription complète a été publiée." in correction
    assert texts(tree, "//dt[text()='Mis à jour le']/following-sibling::dd") == [french_date(timezone.localdate())]


# --- Article, claimant, home, index, methodology -------------------------------------------


def test_the_article_page_highlights_the_22_claims_in_order_each_linking_to_its_verdict(client, seed):
    article = Article.objects.get()
    tree = parse(client.get(article.get_absolute_url()))
    highlights = tree.xpath("//div[@class='article-text']//a[@class='highlight']")
    claims = list(Claim.objects.published().order_by("start"))
    assert len(highlights) == len(claims) == 22
    for link, claim in zip(highlights, claims, strict=True):
        assert link.xpath("./mark")[0].text_content() == claim.quote
        assert link.get("href") == claim.get_absolute_url()
        assert link.get("id") == f"claim-{claim.slug}"
        label = link.xpath("./span[@class='highlight-label']")[0].text_content()
        assert label == claim.verdicts.get(is_current=True).rating.label_fr
    for label in tree.xpath("//span[@class='highlight-label']"):
        label.drop_tree()
    assert "".join(tree.xpath("//div[@class='article-text']")[0].text_content().split()) == "".join(
        article.text.split()
    )
    notes = texts(tree, "//section[@class='translation-notes']//li")
    assert notes == [" ".join(n.note_fr.split()) for n in article.translation_notes.all()]
    listed = tree.xpath("//ol[@class='claim-index']/li/a[not(@class)]/@href")
    assert listed == [claim.get_absolute_url() for claim in claims]


def test_each_claimant_page_shows_a_scorecard_that_counts_their_published_verdicts(client, seed):
    for claimant in Claimant.objects.published():
        response = client.get(claimant.get_absolute_url())
        assert response.status_code == 200
        tree = parse(response)
        assert texts(tree, "//h1") == [claimant.name]
        theirs = Claim.objects.published().filter(claimant=claimant) | Claim.objects.published().filter(
            speaker=claimant
        )
        expected = {rating.slug: 0 for rating in Rating.objects.all()}
        for claim in theirs.distinct():
            expected[claim.verdicts.get(is_current=True).rating.slug] += 1
        counts = {g.get("data-rating"): int(g.get("data-count")) for g in tree.xpath("//g[@class='chart-row']")}
        assert counts == expected
        assert len(tree.xpath("//li[@class='claim-card']")) == theirs.distinct().count()


def test_the_home_page_shows_latest_verdicts_the_rating_chart_and_a_search_box(client, seed):
    tree = parse(client.get("/"))
    assert len(tree.xpath("//ul[@class='claim-cards']/li")) == 6
    counts = {g.get("data-rating"): int(g.get("data-count")) for g in tree.xpath("//g[@class='chart-row']")}
    assert counts == {
        "true": 15,
        "mostly_true": 5,
        "half_true": 1,
        "mostly_false": 0,
        "false": 1,
        "misleading": 0,
        "unverifiable": 0,
    }
    assert texts(tree, "//g[@class='chart-row'][@data-rating='false']/*[@class='chart-label']") == ["Faux"]
    assert tree.xpath("//form[@role='search'][@action='/claims/']//input[@name='q']")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rating=false", ["poutine-conflit-une-decennie-citation"]),
        ("rating=half_true", ["valdai-conseil-compromis-territorial"]),
        ("q=casques+bleus", ["russie-deploie-2000-soldats-maintien-paix"]),
        ("q=CASQUES", ["russie-deploie-2000-soldats-maintien-paix"]),
        ("claimant=agences-de-presse-russes&rating=true", None),
        ("topic=forces-de-maintien-de-la-paix&q=2+000", ["russie-deploie-2000-soldats-maintien-paix"]),
    ],
)
def test_the_claims_index_filters_by_rating_claimant_topic_article_and_search(client, seed, query, expected):
    response = client.get(f"/claims/?{query}")
    assert response.status_code == 200
    slugs = [href.split("/")[2] for href in parse(response).xpath("//h3[@class='claim-card-title']/a/@href")]
    if expected is None:
        params = dict(pair.split("=") for pair in query.split("&"))
        claimant = Claimant.objects.get(slug=params["claimant"])
        expected = sorted(
            c.slug
            for c in Claim.objects.published().filter(verdicts__rating__slug="true")
            if claimant in (c.claimant, c.speaker)
        )
        slugs = sorted(slugs)
    assert slugs == expected


def test_the_claims_index_paginates_and_keeps_the_filters_in_the_page_links(client, seed):
    article = Article.objects.get()
    first = parse(client.get(f"/claims/?article={article.slug}"))
    assert len(first.xpath("//li[@class='claim-card']")) == 10
    assert first.xpath("//a[@rel='next']/@href") == [f"?article={article.slug}&page=2"]
    third = parse(client.get(f"/claims/?article={article.slug}&page=3"))
    assert len(third.xpath("//li[@class='claim-card']")) == 2
    assert texts(third, "//h2[@class='result-count']") == ["22 affirmations"]


def test_the_claims_index_answers_400_to_an_unknown_filter_value_and_404_past_the_last_page(client, seed):
    response = client.get("/claims/?rating=nonsense")
    assert response.status_code == 400
    assert "Certains filtres ne sont pas valides" in response.content.decode()
    assert client.get("/claims/?page=9").status_code == 404


def menus(response) -> dict[str, dict]:
    """Each menu of the index's filters: the values it offers, the one selected and whether it is marked invalid."""
    found = {}
    for select in parse(response).xpath("//form[@class='filters']//select"):
        found[select.get("name")] = {
            "offered": select.xpath("./option/@value"),
            "labels": select.xpath("./option/text()"),
            "selected": select.xpath("./option[@selected]/@value"),
            "invalid": select.get("aria-invalid") == "true",
        }
    return found


def test_the_index_menus_show_each_reader_their_own_choice_in_their_language(client, seed):
    chosen = menus(client.get("/claims/?rating=false&claimant=associated-press"))
    assert {name: menu["selected"] for name, menu in chosen.items()} == {
        "rating": ["false"],
        "claimant": ["associated-press"],
        "topic": [""],
        "article": [""],
    }
    other = menus(client.get(f"/claims/?article={Article.objects.get().slug}&topic=forces-de-maintien-de-la-paix"))
    assert {name: menu["selected"] for name, menu in other.items()} == {
        "rating": [""],
        "claimant": [""],
        "topic": ["forces-de-maintien-de-la-paix"],
        "article": [Article.objects.get().slug],
    }
    assert all(menu["selected"] == [""] for menu in menus(client.get("/claims/")).values())

    response = client.get("/claims/?rating=nonsense&claimant=associated-press")
    assert response.status_code == 400
    invalid = menus(response)
    assert invalid["rating"]["invalid"] and invalid["rating"]["selected"] == []
    assert not invalid["claimant"]["invalid"] and invalid["claimant"]["selected"] == ["associated-press"]
    assert not menus(client.get("/claims/?rating=false"))["rating"]["invalid"]
    # Neither shows an option as selected: a published claimant not offered, and an unknown one.
    assert not menus(client.get("/claims/?claimant=vladimir-poutine"))["claimant"]["invalid"]
    unknown = client.get("/claims/?claimant=personne-inconnue")
    assert unknown.status_code == 400 and menus(unknown)["claimant"]["invalid"]

    french, english = menus(client.get("/claims/")), menus(client.get("/en/claims/"))
    assert french["rating"]["labels"] == ["Toutes les notes", *(rating.label_fr for rating in Rating.objects.all())]
    assert english["rating"]["labels"] == ["All ratings", *(rating.label_en for rating in Rating.objects.all())]
    assert english["topic"]["offered"] == french["topic"]["offered"]


def test_a_claimant_and_a_topic_published_through_the_services_join_the_index_menus_at_once(
    client, claim_in_review, editor, django_capture_on_commit_callbacks
):
    newcomer = Claimant.objects.create(name="Nouvelle Personne", slug="nouvelle-personne")
    topic = Topic.objects.create(slug="nouveau-sujet", name_fr="Nouveau sujet", name_en="New topic")
    Claim.objects.filter(pk=claim_in_review.pk).update(claimant=newcomer)
    claim_in_review.topics.add(topic)
    before = client.get("/claims/")  # the menus and the count, now kept for this content version
    assert "nouvelle-personne" not in menus(before)["claimant"]["offered"]
    assert "nouveau-sujet" not in menus(before)["topic"]["offered"]
    assert texts(parse(before), "//h2[@class='result-count']") == ["21 affirmations"]
    assert client.get("/claims/?claimant=nouvelle-personne").status_code == 400

    with django_capture_on_commit_callbacks(execute=True):
        transitions.perform("publish", claim=claim_in_review, user=editor)

    after = client.get("/claims/")
    assert "nouvelle-personne" in menus(after)["claimant"]["offered"]
    assert "nouveau-sujet" in menus(after)["topic"]["offered"]
    assert "New topic" in menus(client.get("/en/claims/"))["topic"]["labels"]
    assert texts(parse(after), "//h2[@class='result-count']") == ["22 affirmations"]
    filtered = client.get("/claims/?claimant=nouvelle-personne")
    assert claim_slugs(filtered) == {PEACEKEEPERS}
    assert texts(parse(filtered), "//h2[@class='result-count']") == ["1 affirmation"]  # its own count
    assert menus(filtered)["claimant"]["selected"] == ["nouvelle-personne"]


def test_the_claimant_menu_offers_a_few_but_the_filter_accepts_any_published_claimant(client, seed):
    # Vladimir Poutine is quoted by the agencies' claims but is no claim's claimant: not in the menu.
    assert "vladimir-poutine" not in menus(client.get("/claims/"))["claimant"]["offered"]
    response = client.get("/claims/?claimant=vladimir-poutine")
    assert response.status_code == 200
    assert claim_slugs(response) and menus(response)["claimant"]["selected"] == []


def test_the_methodology_page_defines_every_rating_and_explains_sources_corrections_and_contact(client, seed):
    for prefix, label, definition in (("", "label_fr", "definition_fr"), ("/en", "label_en", "definition_en")):
        tree = parse(client.get(prefix + "/methodology/"))
        for rating in Rating.objects.all():
            [entry] = tree.xpath(f"//div[@id='rating-{rating.slug}']")
            assert entry.xpath(".//span[contains(@class,'badge')]")[0].text_content() == getattr(rating, label)
            assert entry.xpath(".//dd")[0].text_content() == getattr(rating, definition)
        assert tree.xpath("//section[@id='sources']") and tree.xpath("//section[@id='corrections']")
        assert tree.xpath("//section[@id='contact']//a[@href='mailto:corrections@example.org']")


def test_the_feeds_list_the_published_verdicts(client, seed):
    rss = client.get("/feed/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert body.count("<item>") == 22
    for claim in Claim.objects.published():
        assert f"http://testserver{claim.get_absolute_url()}" in body
    atom = client.get("/feed/atom/")
    assert atom.content.decode().count("<entry>") == 22
    english = client.get("/en/feed/").content.decode()
    assert "<title>True — " in english


def test_the_sitemap_lists_every_published_page_in_both_languages_and_robots_txt_points_to_it(client, seed):
    index = client.get("/sitemap.xml").content.decode()
    sitemaps = re.findall(r"<sitemap><loc>http://testserver([^<]+)</loc>", index)
    assert sitemaps == [f"/sitemap-{name}-1.xml" for name in ("pages", "claims", "articles", "claimants")]
    body = "".join(b"".join(client.get(sitemap).streaming_content).decode() for sitemap in sitemaps)
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    for claim in Claim.objects.published():
        assert f"http://testserver{claim.get_absolute_url()}" in locations
        assert f"http://testserver/en{claim.get_absolute_url()}" in locations
    assert len(locations) == 2 * (3 + 22 + 1 + Claimant.objects.published().count())
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()


# --- What readers must never see, and what must never run -----------------------------------


def test_drafts_appear_on_no_page_feed_sitemap_chart_or_highlight_and_answer_404(client, seed):
    article = Article.objects.get()
    hidden_person = Claimant.objects.create(name="Personne Brouillon", slug="personne-brouillon")
    poutine = Claimant.objects.get(slug="vladimir-poutine")
    draft_claim = make_claim(
        article,
        "Le président russe",
        slug="brouillon-affirmation",
        claimant=hidden_person,
        claim_status=Claim.Status.IN_REVIEW,
        restatement="Zanzibar brouillon un",
    )
    unpublished_verdict = make_claim(
        article,
        "pour tenter de négocier",
        slug="verdict-non-publie",
        claimant=poutine,
        verdict_status=Verdict.Status.DRAFT,
        restatement="Zanzibar brouillon deux",
    )
    hidden = [draft_claim, unpublished_verdict]

    for claim in hidden:
        response = client.get(claim.get_absolute_url())
        assert response.status_code == 404
        assert "Page introuvable" in response.content.decode()
        assert claim.restatement not in response.content.decode()
        assert client.get("/en" + claim.get_absolute_url()).status_code == 404
    assert client.get(hidden_person.get_absolute_url()).status_code == 404

    pages = ["/", "/en/", "/claims/", "/claims/?page=2", "/claims/?page=3", "/claims/?q=Zanzibar"]
    pages += [article.get_absolute_url(), poutine.get_absolute_url(), "/feed/", "/feed/atom/", "/sitemap.xml"]
    for url in pages:
        body = client.get(url).content.decode()
        for claim in hidden:
            assert claim.slug not in body, url
            assert claim.restatement not in body, url
        assert "Personne Brouillon" not in body and "personne-brouillon" not in body, url
    assert parse(client.get("/claims/?q=Zanzibar")).xpath("//li[@class='claim-card']") == []
    assert client.get("/claims/?claimant=personne-brouillon").status_code == 400
    for url in ("/", poutine.get_absolute_url()):
        tree = parse(client.get(url))
        assert tree.xpath("//g[@class='chart-row'][@data-rating='misleading']/@data-count") == ["0"]
    assert sum(int(n) for n in parse(client.get("/")).xpath("//g[@class='chart-row']/@data-count")) == 22
    assert len(parse(client.get(article.get_absolute_url())).xpath("//a[@class='highlight']")) == 22
    # The home page counts from the claims' own columns: the same rows as the verdict-checking filter.
    assert set(Claim.objects.counted_as_published()) == set(Claim.objects.published())


def test_a_quote_with_a_script_tag_renders_as_text_and_a_hostile_explanation_is_sanitised(client, seed):
    hostile = Article.objects.create(
        slug="hostile",
        title="Un article <b>piégé</b>",
        publisher="Exemple",
        published_on="2022-11-01",
        text="Il a écrit <script>alert(1)</script> dans le texte.",
    )
    claim = make_claim(
        hostile,
        "<script>alert(1)</script>",
        slug="script-quote",
        claimant=Claimant.objects.get(slug="vladimir-poutine"),
        restatement="Un </script><script>alert(2)</script> titre",
        explanation=(
            'Voir [ce lien](javascript:alert(3)) et <a href="javascript:alert(4)">celui-ci</a>.\n\n'
            '<img src="x" onerror="alert(5)"> **gras**'
        ),
    )
    for url in (claim.get_absolute_url(), hostile.get_absolute_url()):
        response = client.get(url)
        body = response.content.decode()
        assert "<script>alert" not in body and "alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
        assert "<b>piégé</b>" not in body
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "javascript:" not in body
    assert "onerror" not in body
    assert "<strong>gras</strong>" in body
    [block] = json_ld(client.get(claim.get_absolute_url()))
    assert block == expected_review(claim)
    assert block["claimReviewed"] == "Un </script><script>alert(2)</script> titre"
    [mark] = parse(client.get(hostile.get_absolute_url())).xpath("//a[@class='highlight']/mark")
    assert mark.text_content() == "<script>alert(1)</script>"


# --- Query counts ----------------------------------------------------------------------------


# Queries per page, whatever the number of claims it lists or the sources a verdict cites.
PAGE_QUERIES = {
    # Figures over every published claim and the index's menus are kept per content version: the
    # warm-up request read them. What is left is the page's rows and their current verdicts.
    "/": 2,
    "/claims/": 2,
    "/claims/?q=Poutine&claimant=vladimir-poutine": 4,  # the claimant looked up; a search's count
    "/articles/poutine-sotchi-armenie-azerbaidjan-2022/": 4,
    "/claimants/vladimir-poutine/": 5,
    "/claimants/associated-press/": 5,
    "/methodology/": 1,
    "/feed/": 2,
    "/sitemap.xml": 3,
    "/sitemap-claims-1.xml": 1,
}
ONE_CLAIM = "poutine-conflit-une-decennie-citation"  # rated false, said by Poutine, reported by AP


def claim_slugs(response) -> set[str]:
    """The claims a page links to."""
    return set(re.findall(r"/claims/([a-z0-9-]+)/", response.content.decode()))


@pytest.mark.parametrize(("url", "queries"), [(url, n + VERSION_QUERY) for url, n in PAGE_QUERIES.items()])
def test_each_page_type_runs_a_fixed_number_of_queries_for_22_claims_and_for_1(
    client, seed, django_assert_num_queries, url, queries
):
    many = get_counting_queries(client, url, django_assert_num_queries, queries)
    Claim.objects.exclude(slug=ONE_CLAIM).update(status=Claim.Status.CANDIDATE)
    one = get_counting_queries(client, url, django_assert_num_queries, queries)
    if url not in ("/methodology/", "/sitemap.xml"):  # the sitemap index names sitemaps, not claims
        assert len(claim_slugs(many)) > 1 and claim_slugs(one) == {ONE_CLAIM}


def test_the_verdict_page_runs_a_fixed_number_of_queries_however_many_sources_figures_and_notes(
    client, seed, django_assert_num_queries
):
    rich = Claim.objects.get(slug=PEACEKEEPERS)  # 2 sources, a figure, an update note
    expected = verdict_page_queries(rich)
    before = get_counting_queries(client, rich.get_absolute_url(), django_assert_num_queries, expected)
    for number, source in enumerate(Source.objects.exclude(evidence__claim=rich)[:4]):
        Evidence.objects.create(claim=rich, source=source, position=10 + number)
    Quantity.objects.create(claim=rich, text="2 000", value=2000, verified_value=1960)
    note = UpdateNote.objects.create(claim=rich, since="2025-01-01", note_fr="Encore une note.")
    note.sources.set(Source.objects.all()[:3])
    after = get_counting_queries(client, rich.get_absolute_url(), django_assert_num_queries, expected)
    assert (
        len(parse(after).xpath("//ol[@class='source-list']/li"))
        == len(parse(before).xpath("//ol[@class='source-list']/li")) + 4
    )


# --- Two languages ---------------------------------------------------------------------------

PAGE_WORDS = {
    "/": {
        "fr": ["Accueil", "Toutes les affirmations", "Méthodologie", "Derniers verdicts", "Nos notes à ce jour"],
        "en": ["Home", "All claims", "Methodology", "Latest verdicts", "Our ratings so far"],
    },
    "/claims/": {
        "fr": ["Note", "Auteur de l’affirmation", "Thème", "Filtrer", "22 affirmations"],
        "en": ["Rating", "Claimant", "Topic", "Filter", "22 claims"],
    },
    "/claims/russie-deploie-2000-soldats-maintien-paix/": {
        "fr": ["Ce qui a été dit", "Pourquoi cette note", "Nos sources", "Qui a vérifié", "Depuis le 12 juin 2024 :"],
        "en": ["What was said", "Why this rating", "Our sources", "Who checked it", "Since 12 June 2024:"],
    },
    "/articles/poutine-sotchi-armenie-azerbaidjan-2022/": {
        "fr": ["Article annoté", "Notes de traduction", "Affirmations de cet article", "Plutôt vrai"],
        "en": ["Annotated article", "Translation notes", "Claims in this article", "Mostly true"],
    },
    "/claimants/vladimir-poutine/": {
        "fr": ["Affirmations vérifiées", "Bilan", "Président de la Russie"],
        "en": ["Claims checked", "Scorecard", "President of Russia"],
    },
    "/methodology/": {
        "fr": ["Notre méthode", "Nos notes", "Comment nous choisissons nos sources", "Politique de correction"],
        "en": ["How we check", "Our ratings", "How we choose sources", "Corrections policy"],
    },
}


@pytest.mark.parametrize("path", list(PAGE_WORDS))
def test_each_page_type_reads_in_french_by_default_and_in_english_under_en(client, seed, path):
    for language, prefix in (("fr", ""), ("en", "/en")):
        response = client.get(prefix + path)
        assert response.status_code == 200
        tree = parse(response)
        assert tree.get("lang") == language
        words = " ".join(tree.xpath("//body")[0].text_content().split())
        for word in PAGE_WORDS[path][language]:
            assert word in words, (language, path, word)
        other = "en" if language == "fr" else "fr"
        for word in PAGE_WORDS[path][other][:3]:
            assert not re.search(rf"(?<![\w’]){re.escape(word)}(?![\w’])", " ".join(texts(tree, "//h1|//h2|//nav"))), (
                language,
                path,
                word,
            )
        switch = tree.xpath("//nav[@class='lang-switch']//a/@href")
        assert switch == [path, "/en" + path]


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: context, msgid, msgid_plural, the msgstr forms and the flags."""
    entries, entry, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry = None
            continue
        entry = entry or {"msgctxt": None, "msgid": "", "msgid_plural": None, "msgstr": [], "flags": []}
        if line.startswith("#,"):
            entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field == "msgstr":
                entry["msgstr"][-1] += json.loads(line)
            else:
                entry[field] += json.loads(line)
        else:
            keyword, value = line.split(" ", 1)
            field = "msgstr" if keyword.startswith("msgstr") else keyword
            if field == "msgstr":
                entry["msgstr"].append(json.loads(value))
            else:
                entry[field] = json.loads(value)
    return entries


def catalogue_entries(language: str) -> list[dict]:
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    header, *entries = parse_po(po)
    assert header["msgid"] == "" and f"Language: {language}" in header["msgstr"][0]
    assert len(entries) > 300
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    return entries


def source_forms(entry: dict) -> list[str]:
    return [entry["msgid"]] if entry["msgid_plural"] is None else [entry["msgid"], entry["msgid_plural"]]


def test_the_french_catalogue_translates_every_message():
    assert [e["msgid"] for e in catalogue_entries("fr") if not all(e["msgstr"])] == []


def test_the_english_catalogue_holds_only_what_differs_from_the_english_source():
    """The source strings are English: an English msgstr equal to its msgid only hides later source edits."""
    assert [e["msgid"] for e in catalogue_entries("en") if e["msgstr"] == source_forms(e)] == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_committed_mo_is_the_compiled_po_entry_for_entry(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for entry in catalogue_entries(language):
        # An empty msgstr is left out of the .mo: the message reads as its source.
        expected = [
            translated or source for translated, source in zip(entry["msgstr"], source_forms(entry), strict=True)
        ]
        if entry["msgid_plural"] is not None:
            assert catalogue.ngettext(entry["msgid"], entry["msgid_plural"], 1) == expected[0]
            assert catalogue.ngettext(entry["msgid"], entry["msgid_plural"], 5) == expected[1]
        elif entry["msgctxt"] is not None:
            assert catalogue.pgettext(entry["msgctxt"], entry["msgid"]) == expected[0]
        else:
            assert catalogue.gettext(entry["msgid"]) == expected[0]


def test_every_english_message_reads_as_its_source_under_english():
    """No catalogue of an installed app replaces one of the site's English strings by other words."""
    with translation.override("en"):
        for entry in catalogue_entries("en"):
            expected = [
                translated or source for translated, source in zip(entry["msgstr"], source_forms(entry), strict=True)
            ]
            if entry["msgid_plural"] is None:
                got = [
                    translation.pgettext(entry["msgctxt"], entry["msgid"])
                    if entry["msgctxt"]
                    else translation.gettext(entry["msgid"])
                ]
            else:
                context = entry["msgctxt"]
                got = [
                    translation.npgettext(context, entry["msgid"], entry["msgid_plural"], n)
                    if context
                    else translation.ngettext(entry["msgid"], entry["msgid_plural"], n)
                    for n in (1, 5)
                ]
            assert got == expected, entry["msgid"]


def test_the_claim_review_does_not_depend_on_the_active_language(seed):
    claim = Claim.objects.get(slug=PEACEKEEPERS)
    with translation.override("en"):
        from_english = expected_review(claim)
    assert from_english == expected_review(claim)
    assert (
        from_english["itemReviewed"]["appearance"][0]["url"] == f"{settings.SITE_URL}{claim.article.get_absolute_url()}"
    )


def test_page_paths_are_what_reverse_gives_in_each_language_and_a_slug_urls_refuse_is_still_refused(seed):
    pages = [
        (Claim.objects.get(slug=PEACEKEEPERS), "claims:claim-detail"),
        (Article.objects.get(), "claims:article-detail"),
        (Claimant.objects.get(slug="vladimir-poutine"), "claims:claimant-detail"),
    ]
    for language, prefix in (("fr", ""), ("en", "/en")):
        with translation.override(language):
            for page, url_name in pages:
                path = page.get_absolute_url()
                assert path == reverse(url_name, kwargs={"slug": page.slug}) and path.startswith(f"{prefix}/")
    with pytest.raises(NoReverseMatch):
        Claim(slug="deux mots").get_absolute_url()


def test_the_sitemap_index_splits_the_claims_by_primary_key_into_sitemaps_of_bounded_size(client, seed, monkeypatch):
    from claims import sitemaps

    monkeypatch.setattr(sitemaps, "ROWS_PER_SITEMAP", 5)
    index = client.get("/sitemap.xml").content.decode()
    pages = re.findall(r"<loc>http://testserver(/sitemap-claims-\d+\.xml)</loc>", index)
    assert len(pages) == -(-Claim.objects.order_by("-pk").first().pk // 5)
    found = []
    for page in pages:
        body = b"".join(client.get(page).streaming_content).decode()
        locations = re.findall(r"<loc>([^<]+)</loc>", body)
        assert len(locations) <= 2 * 5
        found += locations
    expected = {
        f"http://testserver{prefix}{c.get_absolute_url()}" for c in Claim.objects.published() for prefix in ("", "/en")
    }
    assert sorted(found) == sorted(expected)


def test_a_sitemap_is_sent_in_pieces_of_whole_urls_that_add_up_to_one_valid_document(client, seed, monkeypatch):
    from xml.etree import ElementTree

    from claims import sitemaps

    monkeypatch.setattr(sitemaps, "URLS_PER_WRITE", 4)
    pieces = [piece.decode() for piece in client.get("/sitemap-claims-1.xml").streaming_content]
    published = Claim.objects.published().count()
    assert len(pieces) == 1 + -(-published // 4)  # the header, then four claims (eight URLs) a piece
    assert all(piece.count("<url>") == piece.count("</url>") for piece in pieces)
    document = ElementTree.fromstring("".join(pieces))
    assert len(document) == 2 * published
