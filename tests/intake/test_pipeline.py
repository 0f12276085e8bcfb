from datetime import date

import pytest

from claims.intake import propose
from claims.intake.evaluation import evaluate, matches
from claims.intake.language import detect_language
from claims.models import ClaimKind, QuantityQualifier

from .conftest import proposal_with

PROPOSAL_KEYS = ["start", "end", "quote", "score", "kind", "reasons", "speaker", "quantities", "dates", "similar"]


def test_every_proposal_quotes_the_text_at_its_offsets(annotated_results):
    for article, result in annotated_results.values():
        for proposal in result.proposals:
            assert article.text[proposal.start : proposal.end] == proposal.quote
            assert proposal.quote == proposal.quote.strip()


def test_offsets_are_exact_with_typographic_spaces_and_quotes():
    text = "Intro.\n\n«\u00a0Plus de 6\u202f700 personnes sont mortes\u00a0», a déclaré l’ONU lundi."
    result = propose(text, language="fr", published_on=date(2022, 10, 31))
    proposal = proposal_with(result, "6\u202f700")
    assert text[proposal.start : proposal.end] == proposal.quote == "Plus de 6\u202f700 personnes sont mortes"


def test_the_json_has_exactly_the_contracts_names_and_types(annotated_results):
    _article, result = annotated_results["sochi_2022"]
    data = result.to_dict()
    assert list(data) == ["language", "proposals"]
    assert data["language"] == "fr"
    for proposal in data["proposals"]:
        assert list(proposal) == PROPOSAL_KEYS
        assert isinstance(proposal["start"], int) and isinstance(proposal["end"], int)
        assert 0 <= proposal["score"] <= 1
        assert proposal["kind"] in ClaimKind.values
        assert all(isinstance(reason, str) for reason in proposal["reasons"])
        assert proposal["speaker"] is None or isinstance(proposal["speaker"], str)
        for quantity in proposal["quantities"]:
            assert list(quantity) == ["text", "value", "unit", "qualifier"]
            assert isinstance(quantity["value"], int | float)
            assert quantity["qualifier"] in QuantityQualifier.values
        for mention in proposal["dates"]:
            assert list(mention) == ["text", "value"]
            assert isinstance(mention["value"], str)
        assert proposal["similar"] == []


def test_the_contract_example_reads_as_documented(annotated_results):
    _article, result = annotated_results["sochi_2022"]
    first = proposal_with(result, "Vladimir Poutine a reçu lundi").to_dict()
    assert first["dates"] == [{"text": "lundi", "value": "2022-10-31"}]
    peacekeepers = proposal_with(result, "environ 2 000 soldats").to_dict()
    assert peacekeepers["kind"] == "quantity"
    assert peacekeepers["quantities"] == [
        {"text": "environ 2 000", "value": 2000, "unit": "soldats", "qualifier": "about"}
    ]
    assert "a figure" in peacekeepers["reasons"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le président russe a reçu lundi les dirigeants des deux pays pour une réunion.", "fr"),
        ("The regulator said on Tuesday that the company had breached its permits.", "en"),
    ],
)
def test_it_detects_french_and_english(text, language):
    assert detect_language(text) == language
    assert propose(text).language == language


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        propose("Hallo Welt", language="de")


@pytest.mark.parametrize(
    ("text", "language", "fragment"),
    [
        ("Faut-il revoir tout le modèle agricole de la région ?", "fr", "Faut-il"),
        ("Dans un délicat exercice d’équilibriste, il maintient une base en Arménie.", "fr", "délicat exercice"),
        ("« Nous pensons que la paix est possible », a déclaré le ministre.", "fr", "Nous pensons"),
        ("Il faut agir plus vite.", "fr", "Il faut"),
        ("Is anyone really surprised?", "en", "anyone"),
        ("It was, in many ways, a familiar story.", "en", "familiar story"),
        ('"We should have acted sooner," he said.', "en", "acted sooner"),
    ],
)
def test_questions_framing_opinions_and_prescriptions_score_low(text, language, fragment):
    assert proposal_with(propose(text, language=language), fragment).score < 0.5


def test_reasons_say_why_a_claim_scores_high(annotated_results):
    _article, result = annotated_results["sochi_2022"]
    proposal = proposal_with(result, "Poutine a noté jeudi dernier")
    assert proposal.score >= 0.5
    assert "attributed to Vladimir Poutine" in proposal.reasons
    assert "a date" in proposal.reasons


def test_the_seed_article_meets_its_targets(annotated_results):
    article, result = annotated_results["sochi_2022"]
    evaluation = evaluate(article, result)
    assert evaluation.total == 22
    assert evaluation.found >= 21
    assert evaluation.precision >= 0.8
    assert evaluation.negatives_proposed == 0


def test_every_seed_quantity_is_parsed_exactly(annotated_results):
    article, result = annotated_results["sochi_2022"]
    evaluation = evaluate(article, result)
    assert evaluation.quantities_total == 7
    assert evaluation.wrong_quantities == []


@pytest.mark.parametrize("name", ["ecoles_fr", "urgences_fr", "secheresse_fr", "water_en", "transit_en", "jobs_en"])
def test_the_gold_articles_meet_the_same_targets(annotated_results, name):
    article, result = annotated_results[name]
    evaluation = evaluate(article, result)
    assert evaluation.recall >= 21 / 22
    assert evaluation.precision >= 0.8


def test_a_reference_span_is_found_only_by_a_proposal_neither_too_short_nor_too_long():
    assert matches(0, 100, 0, 100)
    assert matches(0, 50, 0, 100)
    assert not matches(0, 49, 0, 100)
    assert not matches(0, 201, 0, 100)
