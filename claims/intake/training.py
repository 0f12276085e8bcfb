"""Training and evaluating the English check-worthiness model on the CheckThat! data.

Only ``train_checkworthiness`` and ``intake_eval`` use this module; scikit-learn fits the model,
which is then written as plain weights for ``checkworthiness.Model``. Leave-one-debate-out MAP
trains on every debate but one, ranks the lines of that one, and averages the average precisions:
the held-out debate's words are not seen when the vocabulary is built either.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .checkworthiness import Line, Model, average_precision, context_features, ngrams, read_checkthat, score_lines

REGULARISATION = 1.0  # inverse strength (C); 0.3 and 3 score within 0.01 MAP of it
MIN_DOCUMENT_FREQUENCY = 2


@dataclass(frozen=True)
class Debate:
    name: str
    lines: list[Line]
    labels: list[int]


def load_debates(*directories: Path) -> list[Debate]:
    """The debates of the CheckThat! folders, each once: a debate already read from an earlier folder is skipped."""
    debates: list[Debate] = []
    seen: list[set[str]] = []
    for directory in directories:
        if not directory.is_dir():
            continue
        for path in sorted(p for p in directory.iterdir() if p.suffix in {".tsv", ".txt"}):
            lines, labels = read_checkthat(path)
            texts = {line.text for line in lines}
            if any(len(texts & other) >= 0.9 * len(texts) for other in seen):
                continue
            seen.append(texts)
            debates.append(Debate(path.stem, lines, labels))
    return debates


def fit(debates: list[Debate]) -> dict:
    """The model's weights, as the JSON the intake reads."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [line.text for debate in debates for line in debate.lines]
    features = [row for debate in debates for row in context_features(debate.lines)]
    labels = [label for debate in debates for label in debate.labels]
    vectoriser = TfidfVectorizer(analyzer=ngrams, min_df=MIN_DOCUMENT_FREQUENCY, sublinear_tf=True)
    dictionary = DictVectorizer()
    matrix = hstack([vectoriser.fit_transform(texts), dictionary.fit_transform(features)]).tocsr()
    classifier = LogisticRegression(C=REGULARISATION, class_weight="balanced", solver="liblinear")
    classifier.fit(matrix, labels)
    weights = classifier.coef_[0]
    terms = vectoriser.get_feature_names_out()
    term_count = len(terms)
    return {
        "about": "English check-worthiness, logistic regression; rebuilt by manage.py train_checkworthiness",
        "trained_on": [debate.name for debate in debates],
        "terms": [str(term) for term in terms],
        "idf": [round(float(value), 5) for value in vectoriser.idf_],
        "term_weights": [round(float(value), 5) for value in weights[:term_count]],
        "feature_weights": {
            str(name): round(float(value), 5)
            for name, value in zip(dictionary.get_feature_names_out(), weights[term_count:], strict=True)
        },
        "intercept": round(float(classifier.intercept_[0]), 5),
    }


def leave_one_out(debates: list[Debate]) -> tuple[float, dict[str, float]]:
    """Mean average precision over the debates, each ranked by a model trained on the others."""
    precisions = {}
    for held_out in debates:
        model = Model(fit([debate for debate in debates if debate is not held_out]))
        precisions[held_out.name] = average_precision(score_lines(held_out.lines, model), held_out.labels)
    return sum(precisions.values()) / len(precisions), precisions
