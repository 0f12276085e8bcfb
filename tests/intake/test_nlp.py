"""The French pipeline: tagged everywhere, parsed only where a rule reads the parse."""

import gc
from datetime import date

import pytest

from claims.intake import load, propose
from claims.intake.evaluation import load_annotated
from claims.intake.nlp import (
    auxiliary_head,
    morphology,
    needs_dependencies,
    normalise,
    paragraphs,
    pipeline,
)
from claims.intake.pipeline import WARM_UP

from .conftest import ANNOTATED, proposal_with


def _paragraph(text: str):
    [paragraph] = paragraphs(text, "fr")
    return paragraph.doc


def _parsed_copy(doc):
    copy = doc.copy()
    list(pipeline("fr").get_pipe("parser").pipe([copy]))
    return copy


def test_morphology_reads_what_spacy_reads():
    doc = _paragraph("Les 6 700 personnes qu’il a reçues lundi seraient parties, lesquelles ? La neuvième.")
    fields = {pair.split("=")[0] for token in doc for pair in str(token.morph).split("|") if pair}
    assert {"Tense", "VerbForm", "PronType", "NumType", "Mood"} <= fields
    for token in doc:
        for field in [*fields, "Absent"]:
            assert morphology(token).get(field, ()) == tuple(token.morph.get(field))


@pytest.mark.parametrize(
    ("text", "auxiliary", "verb"),
    [
        ("Vladimir Poutine a reçu lundi le Premier ministre arménien.", "a", "reçu"),
        ("Le texte n’a pas encore été voté par les députés.", "a", "voté"),
        ("Le ministre a-t-il signé le décret ?", "a", "signé"),
        ("Des milliers de personnes sont mortes pendant la guerre.", "sont", "mortes"),
    ],
)
def test_a_compound_past_needs_no_parse(text, auxiliary, verb):
    doc = _paragraph(normalise(text))
    assert not doc.has_annotation("DEP")
    token = next(token for token in doc if token.text == auxiliary)
    assert auxiliary_head(token).text == verb
    assert auxiliary_head(token).text == _parsed_copy(doc)[token.i].head.text


def test_an_auxiliary_apart_from_its_participle_is_left_to_the_parser():
    doc = _paragraph("Les habitants ont d'ailleurs regretté la fermeture de la gare.")
    assert doc.has_annotation("DEP")
    token = next(token for token in doc if token.text == "ont")
    assert auxiliary_head(token).text == "regretté"


def test_a_relative_clause_holding_a_figure_is_parsed():
    text = (
        "Le président a rappelé que la Russie restait le principal allié de l'Arménie dans le conflit qui est "
        "entré dans son neuvième mois. La Russie est un pays."
    )
    first, second = _paragraph(text).sents
    assert needs_dependencies(first) and not needs_dependencies(second)
    result = propose(text, language="fr")
    nested = proposal_with(result, "neuvième mois")  # the narrowest
    assert nested.quote == "le conflit qui est entré dans son neuvième mois"
    assert "a figure" in nested.reasons


def test_only_the_paragraphs_that_need_it_are_parsed():
    text = (
        "Le conseil a voté mardi.\n\nLe projet qui coûte 48 millions d’euros divise la ville.\n\nLa ville est grande."
    )
    docs = [paragraph.doc for paragraph in paragraphs(text, "fr")]
    assert [doc.has_annotation("DEP") for doc in docs] == [False, True, False]


def _past_participle(token) -> bool:
    return token.pos_ == "VERB" and "Past" in token.morph.get("Tense")


@pytest.mark.parametrize("path", [path for path in ANNOTATED if "_en" not in path.name], ids=lambda path: path.stem)
def test_where_a_paragraph_is_not_parsed_the_rule_agrees_with_the_parser(path):
    article = load_annotated(path)
    checked = 0
    for paragraph in paragraphs(article.text, "fr"):
        doc = paragraph.doc
        if doc.has_annotation("DEP"):
            continue
        parsed = _parsed_copy(doc)
        for token in doc:
            if token.pos_ == "AUX" and token.lemma_ in {"avoir", "être"}:
                rule, parser = auxiliary_head(token), parsed[token.i].head
                assert _past_participle(rule) == _past_participle(parser), token.sent.text
                checked += 1
    assert checked


def test_load_warms_every_step_on_its_own_article_and_freezes_what_it_loaded():
    try:
        load("fr")
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # the rest of the test session collects as usual
    result = propose(WARM_UP["fr"], language="fr", published_on=date(2022, 10, 31))
    first = proposal_with(result, "6 700")
    assert first.speaker == "ministère"
    assert [(q.value, q.qualifier) for q in first.quantities][0] == (6700, "more_than")
    assert [d.value for d in first.dates] == ["2022-10-31", "2020"]
