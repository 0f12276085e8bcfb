"""What the intake returns: plain dataclasses whose ``to_dict()`` is the JSON contract.

The names of the JSON (``language``, ``proposals``, ``start``, ``end``, ``quote``, ``score``, ``kind``,
``reasons``, ``speaker``, ``quantities``, ``dates``, ``similar``) are read by other tools: change
them only together with those tools.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class QuantityMention:
    """A figure as written (``text``), its value, what it counts and how precise the writer claims it is."""

    text: str
    value: int | float
    unit: str | None
    qualifier: str
    start: int  # offsets into the article text; not part of the JSON (the proposal's offsets are)
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "value": self.value, "unit": self.unit, "qualifier": self.qualifier}


@dataclass(frozen=True)
class DateMention:
    """A date expression and its value in ISO 8601 ("2022-10-31", "2022-09", "2008", "2022-W42", "1990/1999")."""

    text: str
    value: str | None  # None when it needs a publication date that was not given
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "value": self.value}


@dataclass(frozen=True)
class SimilarClaim:
    claim_id: int
    score: float

    def to_dict(self) -> dict:
        return {"claim_id": self.claim_id, "score": self.score}


@dataclass
class Proposal:
    """One span of the article proposed as a claim; ``text[start:end] == quote`` always holds."""

    start: int
    end: int
    quote: str
    score: float
    kind: str
    reasons: list[str] = field(default_factory=list)
    speaker: str | None = None
    quantities: list[QuantityMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    similar: list[SimilarClaim] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "score": self.score,
            "kind": self.kind,
            "reasons": list(self.reasons),
            "speaker": self.speaker,
            "quantities": [quantity.to_dict() for quantity in self.quantities],
            "dates": [date.to_dict() for date in self.dates],
            "similar": [similar.to_dict() for similar in self.similar],
        }


@dataclass
class IntakeResult:
    language: str
    text: str
    proposals: list[Proposal]

    def to_dict(self) -> dict:
        return {"language": self.language, "proposals": [proposal.to_dict() for proposal in self.proposals]}

    def check_worthy(self, threshold: float = 0.5) -> list[Proposal]:
        return [proposal for proposal in self.proposals if proposal.score >= threshold]
