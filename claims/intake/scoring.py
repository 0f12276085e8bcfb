"""How check-worthy a unit is (0 to 1), why, and what kind of claim it would be.

The score adds up what fact-checkers look for — a figure, a date, a named person, place or
organisation, an attribution to someone who can be held to it, a comparison — on a base given to
any statement with a finite verb, and takes off for what cannot be checked: questions, framing,
intentions, opinions, prescriptions, predictions, vague sources. Each step is a reason shown to
the editor. The weights are set by hand, in round numbers, so that a plain statement naming a
particular party (« La Russie est le principal allié de l’Arménie ») just reaches 0.5 and a
statement with nothing specific in it (« Les pourparlers ont eu lieu ») stays below. For English
the check-worthiness classifier (trained on CheckThat! debates) moves the score by up to ±0.1.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import LEXICONS, words
from .nlp import auxiliary_head, could_be_french_verb, morphology
from .results import DateMention, QuantityMention
from .sentences import Unit
from .verbs import is_superlative_english

THRESHOLD = 0.5
BASE_STATEMENT = 0.4
BASE_FRAGMENT = 0.2
TIME_UNITS = words(
    "an ans année années mois semaine semaines jour jours heure heures décennie décennies siècle siècles "
    "year years month months week weeks day days hour hours decade decades century centuries"
)


@dataclass(frozen=True)
class Assessment:
    score: float
    reasons: list[str]
    kind: str


def assess(
    unit: Unit,
    *,
    language: str,
    quantities: list[QuantityMention],
    dates: list[DateMention],
    speaker: str | None,
    classifier: float | None = None,
) -> Assessment:
    lexicon = LEXICONS[language]
    sentence = unit.sentence
    words = [word for word in unit.words if not word.is_punct]
    texts = [word.text for word in words]
    joined = " " + " ".join(texts) + " "
    figures = [q for q in quantities if q.unit not in {"année", "year"}]
    finite = [word for word in words if word.finite] or _mistagged_verbs(words, language)
    superlative = unit.role == "clause" and not finite and _superlative(texts, language)
    score = BASE_STATEMENT if finite or superlative else BASE_FRAGMENT
    reasons: list[str] = []

    def step(amount: float, reason: str) -> None:
        nonlocal score
        score += amount
        reasons.append(reason)

    if figures:
        step(0.3, "a figure")
    if dates or len(figures) < len(quantities):
        step(0.1, "a date")
    named = _named(unit, language)
    specific = bool(figures or dates or quantities or named or superlative)
    if speaker and sentence.vague_speaker:
        step(-0.1, f"a vague source ({speaker})")
    elif speaker and (specific or not unit.quoted):
        step(0.15, f"attributed to {speaker}")
    elif speaker:
        step(0.0, f"quoted from {speaker}")  # a quotation's own words need something checkable in them
    if named:
        step(0.1, f"names {named}")
    if superlative or _superlative(texts, language):
        step(0.15, "a superlative")
    elif any(f" {phrase} " in joined for phrase in lexicon.comparison_phrases):
        step(0.1, "a comparison")
    past = _past(words, language)
    if past and finite:
        step(0.05, "a past event")
    if not specific and (unit.quoted or not speaker):
        step(-0.05, "nothing specific to check")
    if any(word.lemma in lexicon.opinion_verbs for word in finite) and (
        set(texts) & lexicon.first_person or not speaker
    ):
        step(-0.3, "an opinion")
    if _prescriptive(words, texts, language):
        step(-0.3, "a prescription")
    if set(texts) & lexicon.evaluative_words:
        step(-0.15, "a judgement")
    if _future(words, language) and not speaker:
        step(-0.15, "a prediction")
    if len(words) < 4:
        step(-0.15, "too short to stand alone")
    if classifier is not None:
        step(round(0.2 * (classifier - 0.5), 2), _classifier_reason(classifier))
    if sentence.question:
        score = min(score, 0.1)
        reasons.append("a question")
    if unit.role == "framing":
        score = min(score, 0.1)
        reasons.append("framing, not a claim")
    elif unit.role == "purpose":
        score = min(score, 0.2)
        reasons.append("an intention, not a fact")
    elif not finite and not superlative:
        score = min(score, 0.3)
        reasons.append("no verb: a description")
    score = round(min(1.0, max(0.0, score)), 2)
    return Assessment(score=score, reasons=reasons, kind=_kind(unit, speaker, figures, past))


def _kind(unit: Unit, speaker: str | None, figures: list[QuantityMention], past: bool) -> str:
    if speaker and (unit.quoted or any(word.quoted for word in unit.words)):
        return "quote"
    if speaker:
        return "attribution"
    counted = [q for q in figures if not (q.unit and q.unit.lower() in TIME_UNITS and q.qualifier == "exact")]
    if counted:
        return "quantity"
    return "event" if past else "status"


def _mistagged_verbs(words, language: str) -> list:
    """French verbs the tagger took for adjectives or nouns, right after their subject (« Ce conflit dure »)."""
    if language != "fr":
        return []
    return [
        word
        for previous, word in zip(words, words[1:], strict=False)
        if word.pos in {"ADJ", "NOUN"}
        and word.raw.islower()
        and previous.pos in {"NOUN", "PROPN", "PRON"}
        and could_be_french_verb(word.text)
    ]


def _named(unit: Unit, language: str) -> str | None:
    """The first proper name in the unit: a capitalised word inside it, or a tagged proper noun (French).

    A capitalised word opening the sentence counts when the tagger calls it a proper noun or when
    another capitalised word follows it (« L’Arménie », "Severnside Water").
    """
    words = unit.words
    for position, word in enumerate(words):
        if not word.raw[:1].isupper() or word.text in _ARTICLES or word.text in _CALENDAR:
            continue
        opening = word.index == 0 or unit.sentence.words[word.index - 1].raw in {'"', "«", "“", "(", "—"}
        if opening and position and words[position - 1].text in _ARTICLES:
            opening = words[position - 1].index == 0
        following = words[position + 1] if position + 1 < len(words) else None
        if (
            not opening
            or (language == "fr" and word.pos == "PROPN")
            or (following is not None and following.raw[:1].isupper())
        ):
            run = [word]
            for other in words[position + 1 :]:
                if not other.raw[:1].isupper() or other.start > run[-1].end + 1:
                    break
                run.append(other)
            return " ".join(w.raw for w in run)
    return None


_CALENDAR = frozenset((*LEXICONS["en"].months, *LEXICONS["en"].weekdays))
_ARTICLES = words("le la les l' un une the a an il elle ils elles on nous je we i")


def _superlative(texts: list[str], language: str) -> bool:
    if language == "fr":
        determiners = {"le", "la", "les", "son", "sa", "ses", "leur", "leurs"}
        return any(a in determiners and b in {"plus", "moins"} for a, b in zip(texts, texts[1:], strict=False))
    return any(
        a in {"the", "its", "their", "his", "her", "our"}
        and (b in {"most", "least", "first"} or is_superlative_english(b))
        for a, b in zip(texts, texts[1:], strict=False)
    )


def _past(words, language: str) -> bool:
    if language == "fr":
        for word in words:
            token = word.token
            tense = morphology(token).get("Tense", ())
            if word.pos == "AUX" and word.lemma in {"avoir", "être"} and "Pres" in tense:
                head = auxiliary_head(token)
                if head.pos_ == "VERB" and "Past" in morphology(head).get("Tense", ()):
                    return True  # passé composé: « a reçu », « sont mortes »
            if word.finite and ("Past" in tense or "Imp" in tense):
                return True
        return False
    return any(word.finite and (word.text.endswith("ed") or word.text in _ENGLISH_PAST) for word in words)


# "has been frozen", "have invested": a present perfect reports a completed event too.
_ENGLISH_PAST = words("has have was were had did said told rose fell grew went came took gave made found")


def _prescriptive(words, texts: list[str], language: str) -> bool:
    if language == "fr":
        lemmas = {word.lemma for word in words}
        if lemmas & {"devoir", "falloir"}:
            return True
        return "pouvoir" in lemmas and bool(set(texts) & {"on", "nous", "je", "j'"})
    return bool(set(texts) & {"should", "must", "ought"}) or " need to " in " " + " ".join(texts) + " "


def _future(words, language: str) -> bool:
    if language == "fr":
        return any(
            word.finite
            and ("Fut" in morphology(word.token).get("Tense", ()) or "Cnd" in morphology(word.token).get("Mood", ()))
            for word in words
        )
    return any(word.text in {"will", "would", "'ll"} for word in words)


def _classifier_reason(probability: float) -> str:
    if probability >= 0.6:
        return "worded like check-worthy statements"
    if probability <= 0.4:
        return "worded like statements not worth checking"
    return "neutral wording"
