from datetime import date

import pytest

from claims.intake.dates import find_dates

MONDAY = date(2022, 10, 31)
THURSDAY = date(2024, 6, 20)


@pytest.mark.parametrize(
    ("text", "published_on", "expected"),
    [
        ("Poutine a reçu lundi les dirigeants", MONDAY, [("lundi", "2022-10-31")]),
        ("Poutine a noté jeudi dernier que", MONDAY, [("jeudi dernier", "2022-10-27")]),
        ("une série d’hostilités a éclaté en septembre", MONDAY, [("en septembre", "2022-09")]),
        ("le 14 octobre", MONDAY, [("14 octobre", "2022-10-14")]),
        ("un accord de paix de 2020", MONDAY, [("2020", "2020")]),
        ("au début des années 1990", MONDAY, [("au début des années 1990", "1990/1999")]),
        ("hier", MONDAY, [("hier", "2022-10-30")]),
        ("la semaine dernière", MONDAY, [("la semaine dernière", "2022-W43")]),
        ("l’an dernier", MONDAY, [("l’an dernier", "2021")]),
        ("il y a deux ans", MONDAY, [("il y a deux ans", "2020")]),
        ("the regulator said on Tuesday", THURSDAY, [("Tuesday", "2024-06-18")]),
        ("last Thursday", THURSDAY, [("last Thursday", "2024-06-13")]),
        ("last week", THURSDAY, [("last week", "2024-W24")]),
        ("in April", THURSDAY, [("in April", "2024-04")]),
        ("on October 14, 2022", THURSDAY, [("October 14, 2022", "2022-10-14")]),
        ("in the 1990s", THURSDAY, [("the 1990s", "1990/1999")]),
        ("three years ago", THURSDAY, [("three years ago", "2021")]),
    ],
)
def test_it_resolves_dates_against_the_publication_date(text, published_on, expected):
    language = "fr" if published_on == MONDAY else "en"
    found = [(mention.text, mention.value) for mention in find_dates(text, language, published_on)]
    assert found == expected


def test_without_a_publication_date_relative_dates_have_no_value_but_years_do():
    found = {m.text: m.value for m in find_dates("lundi, en septembre et en 2020", "fr", None)}
    assert found == {"lundi": None, "en septembre": None, "2020": "2020"}


def test_may_the_verb_is_not_a_month():
    assert find_dates("Prices may rise.", "en", THURSDAY) == []
