"""Check-worthiness of English sentences in their context, the CheckThat! task.

A logistic regression over TF-IDF word unigrams and bigrams of the sentence, plus features of its
context: whether the speaker mostly asks questions (a moderator) or is a stage direction
(SYSTEM, AUDIENCE), how much of the debate they speak, and the figures, length and speaker of the
neighbouring lines. It is trained by ``manage.py train_checkworthiness`` from the CheckThat! 2018
and 2019 English data and committed as JSON (``model/checkworthiness_en.json``): the weights
alone, scored here with the standard library, so no pickle and no scikit-learn version ties the
file to one environment. Nothing is downloaded at run time.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .lexicon import words

MODEL_PATH = Path(__file__).resolve().parent / "model" / "checkworthiness_en.json"

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+(?:'[a-z]+)?|[$%£€]")
_NUMBER_WORDS = words(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion trillion percent half"
)
_STAGE_SPEAKERS = ("SYSTEM", "QUESTION", "AUDIENCE", "UNIDENTIFIED", "(")
_CONTEXT_KEYS = ("number", "money", "percent", "year", "length", "question")


@dataclass(frozen=True)
class Line:
    number: int
    speaker: str
    text: str


def read_checkthat(path: Path) -> tuple[list[Line], list[int]]:
    """Lines of a CheckThat! file (``line_no<TAB>speaker<TAB>text[<TAB>label]``) and their labels (0 if none).

    Raises ``ValueError`` naming the first line that does not have that shape.
    """
    lines, labels = [], []
    for row_number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not row.strip():
            continue
        parts = row.split("\t")
        if len(parts) < 3 or not parts[0].strip().isdigit():
            raise ValueError(f"{path.name}, line {row_number}: expected line_no<TAB>speaker<TAB>text")
        lines.append(Line(int(parts[0]), parts[1].strip(), parts[2].strip()))
        label = parts[3].strip() if len(parts) > 3 else "0"
        labels.append(1 if label == "1" else 0)
    return lines, labels


def tokens(text: str) -> list[str]:
    """Lower-case words, every number as ``<num>``."""
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    return ["<num>" if word[0].isdigit() else word for word in words]


def ngrams(text: str) -> list[str]:
    words = tokens(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def context_features(lines: list[Line]) -> list[dict[str, float]]:
    """Features of each line in its debate or article: its speaker's role and its neighbours."""
    count = len(lines)
    per_speaker = Counter(line.speaker for line in lines)
    questions = Counter(line.speaker for line in lines if line.text.rstrip().endswith("?"))
    own = [_own_features(line) for line in lines]
    features = []
    for index, line in enumerate(lines):
        row = dict(own[index])
        row["stage_speaker"] = float(line.speaker.upper().startswith(_STAGE_SPEAKERS))
        row["speaker_share"] = per_speaker[line.speaker] / count
        row["speaker_question_rate"] = questions[line.speaker] / per_speaker[line.speaker]
        for offset, name in ((-1, "previous"), (1, "next")):
            neighbour = index + offset
            if 0 <= neighbour < count:
                for key in _CONTEXT_KEYS:
                    row[f"{name}_{key}"] = own[neighbour][key]
                row[f"{name}_same_speaker"] = float(lines[neighbour].speaker == line.speaker)
        features.append(row)
    return features


def _own_features(line: Line) -> dict[str, float]:
    text = line.text
    words = tokens(text)
    return {
        "number": float("<num>" in words or any(word in _NUMBER_WORDS for word in words)),
        "money": float(bool(re.search(r"[$£€]|dollar|billion|million|trillion", text, re.IGNORECASE))),
        "percent": float("%" in text or "percent" in text.lower()),
        "year": float(bool(re.search(r"\b(?:19|20)\d\d\b", text))),
        "length": min(len(words), 60) / 60,
        "short": float(len(words) < 6),
        "question": float(text.rstrip().endswith("?")),
        "first_person": float(bool({"i", "we", "my", "our"} & set(words))),
        "capitalised": min(sum(1 for word in text.split()[1:] if word[:1].isupper()), 5) / 5,
    }


class Model:
    """The committed weights: an idf and a weight per n-gram, a weight per context feature."""

    def __init__(self, data: dict) -> None:
        self.terms: dict[str, tuple[float, float]] = {
            term: (idf, weight)
            for term, idf, weight in zip(data["terms"], data["idf"], data["term_weights"], strict=True)
        }
        self.feature_weights: dict[str, float] = data["feature_weights"]
        self.intercept: float = data["intercept"]

    def decision(self, text: str, features: dict[str, float]) -> float:
        counts = Counter(term for term in ngrams(text) if term in self.terms)
        values = {term: (1 + math.log(count)) * self.terms[term][0] for term, count in counts.items()}
        norm = math.sqrt(sum(value * value for value in values.values())) or 1.0
        total = sum(value / norm * self.terms[term][1] for term, value in values.items())
        total += sum(self.feature_weights.get(name, 0.0) * value for name, value in features.items())
        return total + self.intercept


_LOCK = threading.Lock()
_MODEL: Model | None = None


def available() -> bool:
    return MODEL_PATH.exists()


def model() -> Model:
    """The committed model, read once per process."""
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            _MODEL = Model(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
        return _MODEL


def score_lines(lines: list[Line], scorer: Model | None = None) -> list[float]:
    """A probability per line that it is check-worthy, each read with its context."""
    scorer = scorer or model()
    return [_sigmoid(scorer.decision(line.text, row)) for line, row in zip(lines, context_features(lines), strict=True)]


def _sigmoid(value: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, value))))


def average_precision(scores: Iterable[float], labels: Iterable[int]) -> float:
    """Average precision of a ranking, as CheckThat! scores it (0 when there is no positive)."""
    ranked = sorted(zip(scores, labels, strict=True), key=lambda pair: -pair[0])
    hits, total = 0, 0.0
    for rank, (_score, label) in enumerate(ranked, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0
