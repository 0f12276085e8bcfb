"""The spaCy pipelines, loaded once per process, and the text they are given.

French uses the ``fr_core_news_sm`` package (tagger, morphology, parser, lemmas; its named-entity
recogniser is left out, it doubled the time per article and capitalisation finds the names the
rules need). A rule-based ``sentencizer`` sets the sentences: the parser alone splits French news
sentences in odd places. Every paragraph is tagged; the parser, a third of the time per article,
runs only on the paragraphs where a rule reads its dependencies (see ``needs_dependencies``), and
``auxiliary_head`` stands in for it elsewhere. English has no official small model on PyPI, so it
gets spaCy's tokenizer and the sentencizer, and the rules read words instead of tags.
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
    from spacy.tokens import Doc, Span, Token

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
        # The parser is loaded but out of the pipeline: ``paragraphs`` runs it where it is needed.
        nlp = spacy.load("fr_core_news_sm", exclude=["ner"], disable=["parser"])
        nlp.add_pipe("sentencizer", before="parser")
        ruler = nlp.get_pipe("attribute_ruler")
        # Its other patterns only copy each coarse tag into the fine-grained one, which nothing reads.
        kept = [pattern for pattern in ruler.patterns if "IS_SPACE" in str(pattern["patterns"])]
        ruler.clear()
        ruler.add_patterns(kept)
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
    docs = list(nlp.pipe(plain[start:end] for start, end in spans))
    if language == "fr":
        _parse(nlp, [doc for doc in docs if any(needs_dependencies(sentence) for sentence in doc.sents)])
    for (start, _end), doc in zip(spans, docs, strict=True):
        yield Paragraph(start=start, doc=doc)


def _parse(nlp: Language, docs: list[Doc]) -> None:
    """Run the parser on ``docs``, which the tagger has read: it takes the tagger's word vectors."""
    for doc in nlp.get_pipe("parser").pipe(docs):
        for token in doc:
            if token.is_space and token.dep_:
                token.dep_ = "dep"  # what the attribute ruler does once the parser has run before it


def needs_dependencies(sentence: Span) -> bool:
    """Whether a rule reads the parse of this sentence, or the parse could say otherwise than ``auxiliary_head``.

    The rules read dependencies twice: for a restrictive relative clause holding a figure
    (``sentences._nested``), and for the verb of an auxiliary (« a reçu », ``scoring._past``). The
    second is the next word past adverbs and pronouns when that word is a past participle; when it
    is not and the sentence has one elsewhere, the parser decides.
    """
    words = [token for token in sentence if not token.is_space]
    relatives = [
        token
        for position, token in enumerate(words)
        if position and "Rel" in morphology(token).get("PronType", ()) and words[position - 1].text != ","
    ]
    if relatives and any(is_figure(token) for token in words):
        return True
    if not any(_is_past_participle(token) for token in words):
        return False
    return any(_is_present_auxiliary(token) and not _is_past_participle(_next_verb(token)) for token in words)


def auxiliary_head(token: Token) -> Token:
    """The word an auxiliary depends on: its head when its paragraph was parsed, else the next word past adverbs.

    ``needs_dependencies`` has the paragraph parsed whenever the two could differ on whether the
    auxiliary makes a compound past.
    """
    if token.doc.has_annotation("DEP"):
        return token.head
    return _next_verb(token)


_FEATURES: dict[int, dict[str, tuple[str, ...]]] = {}


def morphology(token: Token) -> dict[str, tuple[str, ...]]:
    """The token's morphological features (``"Tense"`` → ``("Pres",)``), parsed once per distinct analysis.

    The same as ``token.morph.get(field)``, at a tenth of the cost: the intake asks for thousands.
    """
    analysis = token.morph
    found = _FEATURES.get(analysis.key)
    if found is None:
        pairs = (pair.split("=", 1) for pair in str(analysis).split("|") if pair)
        found = _FEATURES[analysis.key] = {field: tuple(value.split(",")) for field, value in pairs}
    return found


_BETWEEN_AUXILIARY_AND_VERB = frozenset({"ADV", "PART", "PRON", "AUX"})  # « n’a pas encore été », « a-t-il »


def _next_verb(token: Token) -> Token:
    doc = token.doc
    position = token.i + 1
    while position < len(doc) and not doc[position].is_sent_start and doc[position].pos_ in _BETWEEN_AUXILIARY_AND_VERB:
        position += 1
    if position < len(doc) and not doc[position].is_sent_start:
        return doc[position]
    return token


def _is_present_auxiliary(token: Token) -> bool:
    return (
        token.pos_ == "AUX"
        and token.lemma_.lower() in {"avoir", "être"}
        and "Pres" in morphology(token).get("Tense", ())
    )


def _is_past_participle(token: Token) -> bool:
    return token.pos_ == "VERB" and "Past" in morphology(token).get("Tense", ())


def is_figure(token: Token) -> bool:
    """A number other than a year, or an ordinal (« neuvième »)."""
    if "Ord" in morphology(token).get("NumType", ()):
        return True
    return token.like_num and not (token.text.isdigit() and len(token.text) == 4)


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
