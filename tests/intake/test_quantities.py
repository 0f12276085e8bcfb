import pytest

from claims.intake.quantities import find_quantities
from claims.models import QuantityQualifier

NBSP, NNBSP = "\u00a0", "\u202f"

FRENCH = [
    ("Plus de 6 700 personnes sont mortes.", "Plus de 6 700", 6700, "personnes", "more_than"),
    (f"Plus de 6{NBSP}700 personnes sont mortes.", f"Plus de 6{NBSP}700", 6700, "personnes", "more_than"),
    (f"environ 2{NNBSP}000 soldats", f"environ 2{NNBSP}000", 2000, "soldats", "about"),
    ("2,000 soldats ont été déployés", "2,000", 2000, "soldats", "exact"),
    ("deux mille personnes", "deux mille", 2000, "personnes", "exact"),
    ("deux millions de voix", "deux millions", 2_000_000, "voix", "exact"),
    ("6,7 millions d’habitants", "6,7 millions", 6_700_000, "habitants", "exact"),
    ("un tiers des électeurs", "un tiers", 0.3333, "électeurs", "exact"),
    ("44 % des voix", "44 %", 44, "%", "exact"),
    ("3 300 milliards d'euros de dette", "3 300 milliards", 3_300_000_000_000, "euros", "exact"),
    ("une guerre de six semaines", "six", 6, "semaines", "exact"),
    ("son neuvième mois", "neuvième", 9, "mois (ordinal)", "exact"),
    ("depuis une décennie", "une", 1, "décennie", "exact"),
    ("en 1994.", "1994", 1994, "année", "exact"),
    ("au moins 250 inspecteurs", "au moins 250", 250, "inspecteurs", "at_least"),
    ("moins de 10 % des cas", "moins de 10 %", 10, "%", "less_than"),
    ("jusqu'à 500 euros", "jusqu'à 500", 500, "euros", "up_to"),
    ("près de la moitié des exploitations", "près de la moitié", 0.5, "exploitations", "about"),
]

ENGLISH = [
    ("over 1.2 million people", "over 1.2 million", 1_200_000, "people", "more_than"),
    ("more than 1,400 days", "more than 1,400", 1400, "days", "more_than"),
    ("a £11 million fine", "£11 million", 11_000_000, "£", "exact"),
    ("$2bn in aid", "$2bn", 2_000_000_000, "$", "exact"),
    ("rose by 40% last year", "40%", 40, "%", "exact"),
    ("about a third of voters", "about a third", 0.3333, "voters", "about"),
    ("at least 250 new inspectors", "at least 250", 250, "inspectors", "at_least"),
    ("the ninth month", "ninth", 9, "month (ordinal)", "exact"),
    ("ninety-four million Americans", "ninety-four million", 94_000_000, "Americans", "exact"),
    ("up to 30 years", "up to 30", 30, "years", "up_to"),
]


@pytest.mark.parametrize(("text", "expected_text", "value", "unit", "qualifier"), FRENCH)
def test_it_parses_french_figures(text, expected_text, value, unit, qualifier):
    (quantity,) = [q for q in find_quantities(text, "fr") if q.text == expected_text]
    assert (quantity.value, quantity.unit, quantity.qualifier) == (value, unit, qualifier)
    assert text[quantity.start : quantity.end] == expected_text


@pytest.mark.parametrize(("text", "expected_text", "value", "unit", "qualifier"), ENGLISH)
def test_it_parses_english_figures(text, expected_text, value, unit, qualifier):
    (quantity,) = [q for q in find_quantities(text, "en") if q.text == expected_text]
    assert (quantity.value, quantity.unit, quantity.qualifier) == (value, unit, qualifier)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("les deux pays", "fr"),
        ("des deux côtés", "fr"),
        ("le sommet à trois.", "fr"),
        ("une réunion séparée", "fr"),
        ("le Premier ministre", "fr"),
        ("la première réunion", "fr"),
        ("le 14 octobre", "fr"),
        ("à 18 h 30", "fr"),
        ("la COVID-19 et le G7", "fr"),
        ("no one came", "en"),
        ("one of the largest", "en"),
    ],
)
def test_it_does_not_take_words_for_figures(text, language):
    assert find_quantities(text, language) == []


def test_it_uses_the_projects_qualifier_values():
    text = "plus de 5, environ 6, moins de 7, au moins 8, au plus 9, jusqu'à 10, 11"
    qualifiers = {q.qualifier for q in find_quantities(text, "fr")}
    assert qualifiers == set(QuantityQualifier.values)


def test_it_returns_values_as_numbers_not_strings():
    (quantity,) = find_quantities("plus de 6 700 personnes", "fr")
    assert isinstance(quantity.value, int)
    assert quantity.to_dict() == {"text": "plus de 6 700", "value": 6700, "unit": "personnes", "qualifier": "more_than"}
