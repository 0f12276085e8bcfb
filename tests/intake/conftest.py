from pathlib import Path

import pytest

from claims.intake import propose
from claims.intake.evaluation import load_annotated
from claims.seed import DEFAULT_SEED

GOLD_DIR = Path(__file__).resolve().parent.parent / "data" / "intake"
ANNOTATED = [DEFAULT_SEED, *sorted(GOLD_DIR.glob("*.json"))]


@pytest.fixture(scope="session")
def annotated_results():
    """Every annotated article (the seed and the gold set) with the intake's result, computed once."""
    results = {}
    for path in ANNOTATED:
        article = load_annotated(path)
        results[article.name] = (
            article,
            propose(article.text, language=article.language, published_on=article.published_on),
        )
    return results


def proposal_with(result, fragment: str):
    """The narrowest proposal whose quote holds ``fragment``."""
    holding = [p for p in result.proposals if fragment in p.quote]
    assert holding, f"no proposal holds {fragment!r}"
    return min(holding, key=lambda p: p.end - p.start)
