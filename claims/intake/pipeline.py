"""``propose()``: from an article's text to scored claim proposals with exact offsets.

The steps, each in its own module: the language (``language``), sentences and clause units
(``sentences``), who is speaking (``speakers``), figures (``quantities``), dates (``dates``), the
score and its reasons (``scoring``, with the ``checkworthiness`` classifier for English), then
existing claims that say the same thing (``similar``). The admin's "Add article", the API and the
``intake`` command all call this one function.
"""

from __future__ import annotations

import gc
from datetime import date

from . import checkworthiness
from .dates import find_dates
from .language import SUPPORTED_LANGUAGES, detect_language
from .nlp import pipeline
from .quantities import find_quantities
from .results import IntakeResult, Proposal
from .scoring import assess
from .sentences import Sentence, Unit, split_article
from .speakers import attribute, speaker_of

# A short article through every step, read by ``load``. Written for this purpose.
WARM_UP = {
    "fr": (
        "Selon le ministère, plus de 6 700 personnes ont été évacuées lundi, soit deux fois plus qu'en 2020.\n"
        "« Nous avons reçu environ 3,5 millions d'euros le 14 octobre », a déclaré Marie Dupont, qui dirige "
        "l'agence depuis trois ans. La ville, qui compte un tiers de chômeurs, est la plus pauvre du pays."
    ),
    "en": (
        "According to the ministry, more than 6,700 people were evacuated on Monday, twice as many as in 2020.\n"
        '"We received about 3.5 million pounds on 14 October," Mary Dupont, who has run the agency for three '
        "years, said last week. Unemployment rose to 44%, its highest level since 2008."
    ),
}


def load(language: str) -> None:
    """Load what ``propose`` needs for ``language`` now rather than on the first article.

    The models, then a short article through every step: the first call of each builds its
    tables, patterns and caches (dateparser's alone took a quarter of a second). It goes through
    again repeated to some 5,000 words, so that the process has grown the memory a long article
    needs before the first one comes. Last, what is alive is frozen (``gc.freeze``): the models'
    half-million objects live as long as the process, and a full collection no longer walks them
    (it took 0.13 s with the French model loaded, in the middle of whichever article it fell on).
    Call it once, when the process starts.
    """
    pipeline(language)
    if language == "en":
        checkworthiness.model()
    propose(WARM_UP[language], language=language, published_on=date(2022, 10, 31))
    propose("\n".join([WARM_UP[language]] * 80), language=language, published_on=date(2022, 10, 31))
    gc.collect()
    gc.freeze()


def propose(
    text: str,
    *,
    language: str | None = None,
    published_on: date | None = None,
    min_score: float = 0.0,
    find_similar: bool = False,
) -> IntakeResult:
    """The claims worth proposing in ``text``, in order of position.

    ``language`` is detected when not given; ``published_on`` resolves « lundi » or "last week";
    ``find_similar`` looks up existing claims that say the same thing (needs the database).
    """
    language = language or detect_language(text)
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {language!r}")
    sentences = split_article(text, language)
    attribute(sentences, language)
    quantities = find_quantities(text, language)
    dates = find_dates(text, language, published_on)
    units = _units(sentences, quantities, dates)
    classifier = _classifier_scores(sentences, units) if language == "en" else {}
    proposals = []
    for unit in units:
        inside_quantities = [q for q in quantities if unit.start <= q.start and q.end <= unit.end]
        inside_dates = [d for d in dates if unit.start <= d.start and d.end <= unit.end]
        speaker = speaker_of(unit)
        assessment = assess(
            unit,
            speaker=speaker,
            language=language,
            quantities=inside_quantities,
            dates=inside_dates,
            classifier=classifier.get(id(unit)),
        )
        if assessment.score < min_score:
            continue
        proposals.append(
            Proposal(
                start=unit.start,
                end=unit.end,
                quote=text[unit.start : unit.end],
                score=assessment.score,
                kind=assessment.kind,
                reasons=assessment.reasons,
                speaker=speaker,
                quantities=inside_quantities,
                dates=[mention for mention in inside_dates if mention.value is not None],
            )
        )
    proposals.sort(key=lambda proposal: (proposal.start, -proposal.end))
    if find_similar:
        from .similar import attach_similar

        attach_similar(proposals)
    return IntakeResult(language=language, text=text, proposals=proposals)


def _units(sentences: list[Sentence], quantities, dates) -> list[Unit]:
    """Every unit, a leading phrase holding a figure or a date joined to its clause.

    « Au cours d’une guerre de six semaines en 2020, l’Azerbaïdjan a récupéré … »: the duration and
    the year are part of what is claimed, not framing.
    """
    units: list[Unit] = []
    for sentence in sentences:
        pending: Unit | None = None
        for unit in sentence.units:
            if unit.role == "framing" and _holds_mention(unit, quantities, dates):
                pending = unit
                continue
            if pending is not None and unit.role == "clause":
                unit.first, unit.start = pending.first, pending.start
                pending = None
            units.append(unit)
        if pending is not None:
            units.append(pending)
    return units


def _holds_mention(unit: Unit, quantities, dates) -> bool:
    return any(unit.start <= m.start and m.end <= unit.end for m in [*quantities, *dates])


def _classifier_scores(sentences: list[Sentence], units: list[Unit]) -> dict[int, float]:
    """The English classifier's probability for each unit, read with its neighbouring sentences."""
    if not checkworthiness.available():
        return {}
    lines = [
        checkworthiness.Line(sentence.index, sentence.speaker or "", _sentence_text(sentence)) for sentence in sentences
    ]
    by_sentence = dict(zip((line.number for line in lines), checkworthiness.score_lines(lines), strict=True))
    return {id(unit): by_sentence[unit.sentence.index] for unit in units}


def _sentence_text(sentence: Sentence) -> str:
    words = sentence.words
    return " ".join(word.raw for word in words)
