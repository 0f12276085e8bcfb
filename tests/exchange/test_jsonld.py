"""Reading ClaimReview from the forms publishers give it, with this suite's own fixtures."""

import datetime as dt

from claims.exchange.importer import read_source
from claims.exchange.jsonld import read_json, read_text
from claims.exchange.records import SourceFormat


def by_url(parsed):
    return {record.url: record for record in parsed.records}


def test_it_reads_a_review_of_an_at_graph_following_its_id_references(data):
    parsed = read_source(data / "page_graph.html")
    assert parsed.problems == [] and len(parsed.records) == 1
    review = parsed.records[0]
    assert review.url == "https://verif-exemple.fr/verifications/viaduc-millau-10-km"  # relative, read at canonical
    assert review.publisher_name == "Vérif Exemple" and review.publisher_site == "verif-exemple.fr"
    assert review.claimant == "Un compte anonyme"
    assert review.claim_date == dt.date(2023, 2, 1) and review.review_date == dt.date(2023, 2, 3)
    assert review.appearances == ["https://social.example/posts/123"]
    assert (review.textual_rating, review.rating_slug, review.language) == ("Faux", "false", "fr")
    assert review.source_format == SourceFormat.HTML


def test_a_broken_block_is_named_and_the_rest_of_the_page_is_still_read(data):
    parsed = read_source(data / "page_nested.html")
    assert sorted(by_url(parsed)) == [
        "https://checks.example.org/week-12#bridge",
        "https://checks.example.org/week-12#canal",
        "https://checks.example.org/week-12#river",
        "https://checks.example.org/week-12#tower",
    ]
    assert [str(problem) for problem in parsed.problems] == [
        f"block 2 of {data / 'page_nested.html'}: Expecting ',' delimiter: line 1 column 59 (char 58)"
    ]


def test_reviews_nested_under_main_entity_review_and_has_part_keep_their_ratings(data):
    reviews = by_url(read_source(data / "page_nested.html"))
    assert reviews["https://checks.example.org/week-12#tower"].rating_slug == "mostly_false"
    assert reviews["https://checks.example.org/week-12#bridge"].rating_slug == "false"
    assert reviews["https://checks.example.org/week-12#canal"].rating_slug == "half_true"
    assert reviews["https://checks.example.org/week-12#river"].rating_slug == "unverifiable"
    assert {review.language for review in reviews.values()} == {"en-GB"}


def test_a_bare_list_reads_with_the_liberties_publishers_take(data):
    reviews = by_url(read_source(data / "reviews_list.json"))
    annecy = reviews["https://exemple-verif.fr/2023/03/lac-annecy-vide"]  # written without a scheme
    assert annecy.title == "Le lac d'Annecy n'a pas été vidé"  # HTML entities decoded
    assert annecy.claim_text == "Le lac d'Annecy a été vidé en 2022"  # claimReviewed given as a list
    assert annecy.review_date == dt.date(2023, 3, 14)  # "2023-03-14 09:05"
    assert annecy.publisher_name == "Exemple Vérif"  # the organisation among the authors, not the journalist
    assert annecy.claimant == "Plusieurs pages Facebook, des comptes TikTok"
    assert (annecy.rating_slug, annecy.rating_value, annecy.best_rating) == ("mostly_false", None, None)
    assert annecy.appearances == ["https://video.example/v/annecy"]
    tgv = reviews["https://exemple-verif.fr/2023/03/tgv-paris-lyon"]
    assert tgv.textual_rating == "Il faut en réalité près de deux heures pour relier les deux gares"
    assert (tgv.rating_value, tgv.best_rating, tgv.worst_rating, tgv.rating_slug) == (2.0, 5.0, 1.0, "mostly_false")
    assert tgv.language == "fr" and tgv.review_date == dt.date(2023, 3, 15)


def test_it_reads_every_item_of_a_datafeed(data):
    parsed = read_source(data / "datafeed.json")
    reviews = by_url(parsed)
    assert sorted(reviews) == [
        "https://checks.example.org/checks/lighthouse",
        "https://checks.example.org/checks/market",
    ]
    assert {review.source_format for review in reviews.values()} == {SourceFormat.DATAFEED}
    assert reviews["https://checks.example.org/checks/market"].rating_slug == "mostly_true"
    assert reviews["https://checks.example.org/checks/lighthouse"].claimant == "A tour guide"


def test_it_reads_every_review_of_a_google_claims_search_response(data):
    reviews = by_url(read_source(data / "google_search.json"))
    assert len(reviews) == 3
    bottles = reviews["https://exemple-verif.fr/2023/01/bouteilles-soleil"]
    assert bottles.claim_text == "Les bouteilles en plastique deviennent toxiques au soleil"
    assert (bottles.claimant, bottles.claim_date, bottles.review_date) == (
        "Publications virales",
        dt.date(2023, 1, 5),
        dt.date(2023, 1, 9),
    )
    assert (bottles.publisher_name, bottles.publisher_site, bottles.language) == (
        "Exemple Vérif",
        "exemple-verif.fr",
        "fr",
    )
    assert bottles.rating_slug == "misleading" and bottles.source_format == SourceFormat.GOOGLE
    english = reviews["https://checks.example.org/checks/bottles"]
    assert (english.publisher_name, english.publisher_site) == ("", "checks.example.org")  # only the site given
    assert english.rating_slug == "misleading"


def test_a_captured_page_resolves_its_relative_review_url_against_the_page_address(data):
    parsed = read_source(data / "capture.json")
    assert [record.url for record in parsed.records] == ["https://verif-exemple.fr/articles/42"]
    assert parsed.records[0].language == "fr" and parsed.records[0].rating_slug == "unverifiable"


def test_a_file_that_is_neither_json_nor_html_is_unreadable_with_its_reason(data):
    parsed = read_source(data / "broken.json")
    assert parsed.records == []
    assert parsed.unreadable.startswith("neither JSON nor an HTML page: Expecting ',' delimiter")


def test_reviews_without_url_or_claim_are_skipped_each_with_a_reason(data):
    parsed = read_source(data / "incomplete.json")
    assert [record.url for record in parsed.records] == ["https://checks.example.org/checks/complete"]
    where = data / "incomplete.json"
    assert [str(problem) for problem in parsed.problems] == [
        f"review 1 of {where}: no url: a review is known by its url",
        f"review 2 of {where}: no claimReviewed: nothing says which claim is reviewed",
        f"review 3 of {where}: its url '/relative/only' is relative and no page address resolves it",
    ]


def test_a_base_url_resolves_relative_review_urls_of_saved_files(data):
    parsed = read_source(data / "incomplete.json", base_url="https://checks.example.org")
    assert "https://checks.example.org/relative/only" in by_url(parsed)


def test_the_same_review_found_twice_in_a_document_is_read_once_and_merged():
    review = {"@type": "ClaimReview", "url": "https://a.example/r", "claimReviewed": "Claim"}
    richer = {**review, "inLanguage": "fr", "reviewRating": {"alternateName": "Faux"}}
    parsed = read_json({"@graph": [review, {"@type": "WebPage", "mainEntity": richer}]}, where="doc")
    assert len(parsed.records) == 1
    assert (parsed.records[0].language, parsed.records[0].rating_slug) == ("fr", "false")


def test_a_page_without_any_claimreview_says_so():
    parsed = read_text('<html><script type="application/ld+json">{"@type": "WebSite"}</script></html>', where="p")
    assert parsed.records == [] and [str(p) for p in parsed.problems] == [
        "p: no ClaimReview in the JSON-LD of this page"
    ]
