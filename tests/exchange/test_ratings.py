import pytest

from claims.exchange.ratings import LABELS, POLITIFACT, normalise_label, place_rating, rating_from_numbers

SCALE = {"true", "mostly_true", "half_true", "mostly_false", "false", "misleading", "unverifiable"}


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("Faux", "false"),
        ("Vrai", "true"),
        ("Trompeur", "misleading"),
        ("Plutôt faux", "mostly_false"),
        ("À moitié vrai", "half_true"),
        ("False", "false"),
        ("Pants on Fire!", "false"),
        ("Mostly True", "mostly_true"),
        ("Falso", "false"),
        ("Falso.", "false"),
        ("Enganoso", "misleading"),
        ("Engañoso", "misleading"),
        ("não_é_bem_assim", "misleading"),
        ("really_false", "false"),
        ("Incorrect \r", "false"),
        ("Invérifiable", "unverifiable"),
        ("Verdad a medias", "half_true"),
    ],
)
def test_it_places_known_labels_on_our_scale(label, slug):
    assert place_rating(label) == slug


def test_it_places_a_sentence_that_starts_with_a_label():
    assert place_rating("FALSO: As imagens foram retiradas do canal de um corretor.") == "false"


def test_an_unknown_label_or_sentence_stays_unplaced():
    assert place_rating("Reker hat diesen Satz nie gesagt. «Völliger Unsinn».") is None
    assert place_rating("Satire") is None
    assert place_rating("") is None


def test_it_spreads_a_numeric_rating_over_our_five_values_when_best_and_worst_are_given():
    assert [rating_from_numbers(value, 5, 1) for value in (1, 2, 3, 4, 5)] == [
        "false",
        "mostly_false",
        "half_true",
        "mostly_true",
        "true",
    ]
    assert rating_from_numbers(1, 6, 1) == "false"
    assert rating_from_numbers(0, 0, 10) == "true"  # a scale whose best is its lowest number


def test_numbers_place_nothing_without_a_full_scale_or_off_it():
    assert rating_from_numbers(1, None, 1) is None
    assert rating_from_numbers(-1, -1, -1) is None
    assert rating_from_numbers(7, 5, 1) is None


def test_a_known_label_wins_over_numbers_that_disagree():
    assert place_rating("Falso", value=4, best=6, worst=1) == "false"
    assert place_rating("Misleading", value=3, best=5, worst=1) == "misleading"


def test_numbers_place_a_review_whose_label_is_a_sentence():
    assert place_rating("Il faut en réalité deux heures", value=2, best=5, worst=1) == "mostly_false"


def test_politifacts_six_labels_map_onto_our_scale():
    assert POLITIFACT == {
        "pants-fire": "false",
        "false": "false",
        "barely-true": "mostly_false",
        "half-true": "half_true",
        "mostly-true": "mostly_true",
        "true": "true",
    }
    assert all(place_rating(label) == slug for label, slug in POLITIFACT.items())


def test_the_label_table_names_only_our_ratings_and_no_label_twice():
    assert set(LABELS) <= SCALE
    normalised = [normalise_label(label) for labels in LABELS.values() for label in labels]
    assert len(normalised) == len(set(normalised))
