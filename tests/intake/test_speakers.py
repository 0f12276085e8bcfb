from datetime import date

import pytest

from claims.intake import propose

from .conftest import proposal_with

CASES = [
    (
        "fr",
        "Le président russe Vladimir Poutine a reçu les dirigeants. Poutine a déclaré que la paix était proche.",
        "la paix était proche",
        "Vladimir Poutine",
    ),
    ("fr", "Selon le ministère de la Santé, 300 lits ont été fermés en 2023.", "300 lits", "ministère de la Santé"),
    ("fr", "Le débit a chuté de 60 % en un mois, d’après les relevés de l’agence de l’eau.", "60 %", "agence de l’eau"),
    (
        "fr",
        "« Le chômage a baissé de 2 % en un an », a affirmé la ministre, Claire Martin, lundi.",
        "Le chômage a baissé",
        "Claire Martin",
    ),
    (
        "fr",
        "Une prolongation du mandat était en discussion, ont rapporté les agences de presse russes.",
        "prolongation",
        "agences de presse russes",
    ),
    (
        "fr",
        "Le maire, Paul Girard, a annoncé qu’il démissionnerait. « Nous avons perdu 200 emplois », a-t-il lancé.",
        "200 emplois",
        "Paul Girard",
    ),
    ("en", "The budget rose by 12% in 2024, the minister said on Tuesday.", "12%", "minister"),
    ("en", "Water minister Daniel Price told MPs that at least 250 inspectors would be hired.", "250", "Daniel Price"),
    (
        "en",
        "According to the Office for National Statistics, inflation fell to 3.2% in March.",
        "3.2%",
        "Office for National Statistics",
    ),
    (
        "en",
        '"We have invested £2.1 billion in the network," a company spokesperson said.',
        "£2.1 billion",
        "company spokesperson",
    ),
    (
        "en",
        '"We cut waiting times by 40%," Mary Dupont, who has run the agency for three years, said last week.',
        "40%",
        "Mary Dupont",
    ),
]


@pytest.mark.parametrize(("language", "text", "fragment", "speaker"), CASES)
def test_it_names_who_made_the_claim(language, text, fragment, speaker):
    result = propose(text, language=language, published_on=date(2024, 6, 20))
    assert proposal_with(result, fragment).speaker == speaker


def test_a_quotation_carried_into_the_next_sentence_keeps_its_speaker(annotated_results):
    _article, result = annotated_results["sochi_2022"]
    assert proposal_with(result, "Ce conflit dure depuis une décennie").speaker == "Vladimir Poutine"


def test_only_what_follows_a_reporting_verb_is_its_speakers():
    text = "Ministers promised last week to ban bonuses, but critics say the measure does not go far enough."
    result = propose(text, language="en", published_on=date(2024, 6, 20))
    assert proposal_with(result, "Ministers promised").speaker is None
    assert proposal_with(result, "critics say").speaker == "critics"


def test_an_unattributed_statement_has_no_speaker():
    result = propose("Moscou a déployé environ 2 000 soldats dans la région.", language="fr")
    assert proposal_with(result, "2 000 soldats").speaker is None
