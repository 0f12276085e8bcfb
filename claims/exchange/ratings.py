"""Placing another publisher's rating on our scale, when its scale is known.

Our scale is the ``Rating`` slugs of the seed: true, mostly_true, half_true, mostly_false, false
(values 5 to 1), and misleading and unverifiable off the numeric scale. A rating is placed by:

1. its label, when it is one of the labels below (whatever its case, accents, ``_`` or ``-``,
   and trailing punctuation), or when it starts with one ("FALSO: As imagens foram...");
2. otherwise its numbers, when ``ratingValue``, ``bestRating`` and ``worstRating`` are all given,
   spread over our five values.

A known label wins over the numbers because publishers' numeric scales do not agree on an
order (Agência Lupa rates "Falso" 4 of 6, AFP rates "Misleading" 3 of 5, which is not "half
true"). Anything else stays unplaced (None) and keeps its text.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata

SLUG_BY_VALUE = {1: "false", 2: "mostly_false", 3: "half_true", 4: "mostly_true", 5: "true"}

# PolitiFact's Truth-O-Meter as the LIAR dataset spells it.
POLITIFACT = {
    "pants-fire": "false",
    "false": "false",
    "barely-true": "mostly_false",
    "half-true": "half_true",
    "mostly-true": "mostly_true",
    "true": "true",
}

# Labels written as normalised by ``normalise_label``: lower case, no accents, words separated by
# one space. French, English, Portuguese, Spanish, then a few seen in other publishers' exports.
LABELS: dict[str, list[str]] = {
    "true": [
        "vrai",
        "exact",
        "c est vrai",
        "true",
        "correct",
        "accurate",
        "verdadeiro",
        "verdade",
        "verdadero",
        "cierto",
        "richtig",
        "wahr",
    ],
    "mostly_true": [
        "plutot vrai",
        "globalement vrai",
        "mostly true",
        "mostly correct",
        "largely true",
        "quase verdadeiro",
        "verdadeiro mas",
        "mayormente verdadero",
        "casi verdadero",
    ],
    "half_true": [
        "a moitie vrai",
        "en partie vrai",
        "partiellement vrai",
        "partiellement faux",
        "en partie faux",
        "half true",
        "partly true",
        "partially true",
        "partly false",
        "partially false",
        "mixture",
        "mixed",
        "meia verdade",
        "parcialmente verdadeiro",
        "parcialmente falso",
        "verdad a medias",
        "medio verdadero",
        "parcialmente verdadero",
        "teilweise falsch",
    ],
    "mostly_false": [
        "plutot faux",
        "globalement faux",
        "mostly false",
        "barely true",
        "largely false",
        "mostly incorrect",
        "mayormente falso",
        "casi falso",
        "quase falso",
        "exagerado",
        "exaggerated",
        "exagere",
    ],
    "false": [
        "faux",
        "totalement faux",
        "completement faux",
        "c est faux",
        "fausse information",
        "infox",
        "false",
        "incorrect",
        "wrong",
        "fake",
        "fake news",
        "hoax",
        "pants on fire",
        "pants fire",
        "really false",
        "totally false",
        "completely false",
        "falso",
        "totalmente falso",
        "errado",
        "mentira",
        "bulo",
        "falsch",
        "زائف",
        "錯誤",
        "错误",
    ],
    "misleading": [
        "trompeur",
        "sorti de son contexte",
        "hors contexte",
        "manque de contexte",
        "detourne",
        "misleading",
        "out of context",
        "missing context",
        "lacks context",
        "needs context",
        "enganoso",
        "distorcido",
        "descontextualizado",
        "fora de contexto",
        "nao e bem assim",
        "sem contexto",
        "sacado de contexto",
        "fuera de contexto",
        "falta contexto",
        "irrefuhrend",
        "مضلل",
    ],
    "unverifiable": [
        "inverifiable",
        "non verifiable",
        "impossible a verifier",
        "pas de preuve",
        "unverifiable",
        "unproven",
        "unsupported",
        "no evidence",
        "insufficient evidence",
        "inconclusive",
        "insustentavel",
        "sem evidencias",
        "nao verificavel",
        "inverificable",
        "sin evidencia",
        "no verificable",
        "unbelegt",
        "證據不足",
        "证据不足",
    ],
}

HEAD_SEPARATOR = re.compile(r"\s*(?::|\.|!|;|,|\s[-–—]\s)\s*")
HEAD_MAX_WORDS = 4


def normalise_label(text: str) -> str:
    """``"Engañoso"``, ``"ENGANOSO."`` and ``"não_é_bem_assim"`` as the table spells them."""
    text = html.unescape(text).replace("_", " ").replace("-", " ").replace("’", " ").replace("'", " ")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in decomposed if not unicodedata.combining(char))
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split()).strip(' .!:;,"“”«»')


SLUG_BY_LABEL: dict[str, str] = {normalise_label(label): slug for slug, labels in LABELS.items() for label in labels}


def rating_from_label(text: str) -> str | None:
    """Our slug for a known label, or for a sentence that starts with one ("FALSO: ...")."""
    label = normalise_label(text)
    if not label:
        return None
    if label in SLUG_BY_LABEL:
        return SLUG_BY_LABEL[label]
    head = HEAD_SEPARATOR.split(html.unescape(text).strip(), maxsplit=1)[0]
    head_label = normalise_label(head)
    if head_label != label and len(head_label.split()) <= HEAD_MAX_WORDS:
        return SLUG_BY_LABEL.get(head_label)
    return None


def rating_from_numbers(value: float | None, best: float | None, worst: float | None) -> str | None:
    """Our slug for ``value`` on the publisher's scale from ``worst`` to ``best``, both given.

    The scale may run either way (a few publishers give the best rating the lowest number);
    a scale of one point (20 Minutes gives -1 / -1 / -1) or a value off it places nothing.
    """
    if value is None or best is None or worst is None or best == worst:
        return None
    fraction = (value - worst) / (best - worst)
    if not 0 <= fraction <= 1:
        return None
    return SLUG_BY_VALUE[1 + math.floor(fraction * 4 + 0.5)]


def place_rating(
    textual: str,
    *,
    value: float | None = None,
    best: float | None = None,
    worst: float | None = None,
) -> str | None:
    """The review's place on our scale: its label first, then its numbers, else None."""
    return rating_from_label(textual) or rating_from_numbers(value, best, worst)
