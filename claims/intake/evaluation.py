"""How well the intake finds the claims a person marked in an article.

An annotated article is the seed's format: the article (``text_file``, ``language``,
``published``), its check-worthy ``claims`` (``start``, ``end``, ``quote``, ``quantities``) and
its ``not_check_worthy`` passages. A reference claim is found when one proposal scoring at least
the threshold overlaps at least half of it and is at most twice its length. Precision counts
every proposal over the threshold that finds no reference claim as a false alarm; the passages
marked not check-worthy are the known negatives, reported apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .pipeline import propose
from .results import IntakeResult, Proposal
from .scoring import THRESHOLD


@dataclass(frozen=True)
class Reference:
    start: int
    end: int
    quote: str
    quantities: list[dict]
    speaker: str | None


@dataclass(frozen=True)
class AnnotatedArticle:
    name: str
    text: str
    language: str
    published_on: date | None
    claims: list[Reference]
    negatives: list[tuple[int, int]]


@dataclass
class Evaluation:
    name: str
    found: int
    total: int
    proposed: int  # proposals at or over the threshold
    correct: int  # of those, proposals that find a reference claim
    negatives_proposed: int  # of those, proposals that match a passage marked not check-worthy
    quantities_exact: int
    quantities_total: int
    speakers_right: int
    speakers_total: int
    missed: list[Reference] = field(default_factory=list)
    false_alarms: list[Proposal] = field(default_factory=list)
    wrong_quantities: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 1.0

    def summary(self) -> str:
        return (
            f"{self.name}: {self.found}/{self.total} claims found (recall {self.recall:.0%}), "
            f"precision {self.precision:.0%} ({self.correct}/{self.proposed} proposals at ≥ {THRESHOLD}), "
            f"{self.negatives_proposed} known negative(s) proposed, "
            f"quantities exact {self.quantities_exact}/{self.quantities_total}, "
            f"speakers {self.speakers_right}/{self.speakers_total}"
        )


def load_annotated(path: Path) -> AnnotatedArticle:
    """An annotated article from its JSON; the text file is named by ``article.text_file`` beside it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    article = data["article"]
    text = (path.parent / article["text_file"]).read_text(encoding="utf-8")
    published = article.get("published")
    claims = [
        Reference(
            start=claim["start"],
            end=claim["end"],
            quote=claim["quote"],
            quantities=claim.get("quantities") or [],
            speaker=claim.get("speaker"),
        )
        for claim in data["claims"]
    ]
    for claim in claims:
        if text[claim.start : claim.end] != claim.quote:
            raise ValueError(f"{path.name}: offsets {claim.start}-{claim.end} do not give {claim.quote!r}")
    negatives = []
    for passage in data.get("not_check_worthy", []):
        start = text.find(passage)
        if start < 0:
            raise ValueError(f"{path.name}: {passage!r} is not in the article")
        negatives.append((start, start + len(passage)))
    return AnnotatedArticle(
        name=path.stem,
        text=text,
        language=article["language"],
        published_on=date.fromisoformat(published) if published else None,
        claims=claims,
        negatives=negatives,
    )


def matches(start: int, end: int, reference_start: int, reference_end: int) -> bool:
    """Whether a proposal finds a reference span: it covers half of it and is at most twice as long."""
    length = reference_end - reference_start
    overlap = min(end, reference_end) - max(start, reference_start)
    return overlap * 2 >= length and (end - start) <= 2 * length


def evaluate(article: AnnotatedArticle, result: IntakeResult | None = None, threshold: float = THRESHOLD) -> Evaluation:
    result = result or propose(article.text, language=article.language, published_on=article.published_on)
    proposals = result.check_worthy(threshold)
    evaluation = Evaluation(
        name=article.name,
        found=0,
        total=len(article.claims),
        proposed=len(proposals),
        correct=0,
        negatives_proposed=0,
        quantities_exact=0,
        quantities_total=0,
        speakers_right=0,
        speakers_total=0,
    )
    for claim in article.claims:
        finders = [p for p in proposals if matches(p.start, p.end, claim.start, claim.end)]
        if finders:
            evaluation.found += 1
        else:
            evaluation.missed.append(claim)
        parsed = [q for p in finders for q in p.quantities]
        for expected in claim.quantities:
            evaluation.quantities_total += 1
            if any(_same_quantity(expected, q) for q in parsed):
                evaluation.quantities_exact += 1
            else:
                evaluation.wrong_quantities.append(
                    {"expected": expected, "parsed": [q.to_dict() for q in parsed], "quote": claim.quote}
                )
        if claim.speaker and finders:
            evaluation.speakers_total += 1
            evaluation.speakers_right += any(p.speaker == claim.speaker for p in finders)
    for proposal in proposals:
        if any(matches(proposal.start, proposal.end, c.start, c.end) for c in article.claims):
            evaluation.correct += 1
        else:
            evaluation.false_alarms.append(proposal)
        if any(matches(proposal.start, proposal.end, start, end) for start, end in article.negatives):
            evaluation.negatives_proposed += 1
    return evaluation


def _same_quantity(expected: dict, parsed) -> bool:
    value = float(expected["value"])
    close = abs(float(parsed.value) - value) <= 1e-3 * max(1.0, abs(value))
    return close and parsed.qualifier == expected.get("qualifier", "exact") and parsed.unit == expected.get("unit")
