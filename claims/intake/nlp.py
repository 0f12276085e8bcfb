"""The spaCy pipelines, loaded once per process, and the text they are given.

French uses the ``fr_core_news_sm`` package (tagger, morphology, parser, lemmas; its named-entity
recogniser is left out, it doubled the time per article and capitalisation finds the names the
rules need). A rule-based ``sentencizer`` runs before the parser: the parser alone splits French
news sentences in odd places. English has no official small model on PyPI, so it gets spaCy's
tokenizer and the sentencizer, and the rules read words instead of tags.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a pipeline is first needed, not with the app
    from spacy.language import Language
    from spacy.tokens import Doc

_LOCK = threading.Lock()
_PIPELINES: dict[str, Language] = {}

# Same-length replacements, so that every offset into the parsed text is an offset into the article.
# The French model was trained on straight apostrophes and quotes; curly ones make it mis-tag
# "l’Arménie" and the words around it.
PARSE_TRANSLATION = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


def normalise(text: str) -> str:
    """The article with typographic quotes, apostrophes and spaces made plain; same length."""
    return text.translate(PARSE_TRANSLATION)


def pipeline(language: str) -> Language:
    """The pipeline for ``language``, loaded on first use and kept for the life of the process."""
    with _LOCK:
        if language not in _PIPELINES:
            _PIPELINES[language] = _load(language)
        return _PIPELINES[language]


def _load(language: str) -> Language:
    import spacy

    if language == "fr":
        nlp = spacy.load("fr_core_news_sm", exclude=["ner"])
        nlp.add_pipe("sentencizer", before="parser")
        return nlp
    if language == "en":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    raise ValueError(f"no pipeline for language {language!r}")


@dataclass(frozen=True)
class Paragraph:
    start: int  # offset of the paragraph in the article
    doc: Doc  # parsed from the normalised paragraph: token.idx + start is an offset into the article


_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t]*\n)*(?=[ \t]*[^\sa-zà-ÿ])")


def paragraphs(text: str, language: str) -> Iterator[Paragraph]:
    """Each paragraph of ``text`` parsed; a line break followed by a lower-case letter is a wrapped line."""
    plain = normalise(text)
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(plain):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(plain)))
    spans = [(start, end) for start, end in spans if plain[start:end].strip()]
    nlp = pipeline(language)
    docs = nlp.pipe(plain[start:end] for start, end in spans)
    for (start, _end), doc in zip(spans, docs, strict=True):
        yield Paragraph(start=start, doc=doc)


_PARTICIPLE_ENDINGS = ("é", "és", "ée", "ées", "i", "is", "ie", "ies", "u", "us", "ue", "ues", "ant")
_PRESENT_ENDINGS = (("e", "er"), ("ent", "er"), ("it", "ir"), ("issent", "ir"))


@functools.lru_cache(maxsize=1)
def _french_verb_tables() -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, str], ...]]:
    lookups = pipeline("fr").get_pipe("lemmatizer").lookups
    rules = tuple((suffix, replacement) for suffix, replacement in lookups.get_table("lemma_rules")["verb"])
    return (
        frozenset(lookups.get_table("lemma_index")["verb"]),
        frozenset(lookups.get_table("lemma_exc")["verb"]),
        rules + _PRESENT_ENDINGS,
    )


@functools.lru_cache(maxsize=4096)
def could_be_french_verb(form: str) -> bool:
    """Whether ``form`` is a finite form of a French verb the model knows (« dure » of « durer »).

    The small model sometimes tags a verb as an adjective (« Ce conflit dure … »); its own lemma
    tables tell whether the word could be a verb all the same.
    """
    verbs, irregular, rules = _french_verb_tables()
    if form in irregular:
        return True
    if form.endswith(_PARTICIPLE_ENDINGS):
        return False
    return any(
        form.endswith(suffix) and form[: len(form) - len(suffix)] + replacement in verbs
        for suffix, replacement in rules
    )
