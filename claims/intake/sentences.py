"""From an article to the spans that may be claims: sentences, then clauses.

A claim is usually smaller than its sentence. A news sentence opens with framing (« Dans un
délicat exercice d’équilibriste, … »), joins two checkable facts with « mais » or ", and that",
tucks a fact into a relative clause (« …, qui fait partie de l’Azerbaïdjan ») or ends on an
intention (« pour tenter de négocier … »). Each of those becomes its own unit, so that a proposal
is what an editor would underline. A quotation followed by its attribution (« “…”, a déclaré
Poutine ») gives the quoted words as the unit; the attribution says who spoke.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import LEXICONS, Lexicon
from .nlp import is_figure, morphology, paragraphs
from .verbs import is_finite_english, is_superlative_english, mark_english_verbs

OPENING_QUOTES = "«“"
CLOSING_QUOTES = "»”"
PUNCTUATION = set(".,;:!?…()[]—–-\"'«»“”‘’")


@dataclass
class Word:
    text: str  # lower case, plain apostrophes
    raw: str  # as written
    start: int
    end: int
    pos: str = ""
    lemma: str = ""
    finite: bool = False
    infinitive: bool = False
    relative: bool = False
    quoted: bool = False
    index: int = 0  # position in its sentence
    token: object = None  # the spaCy token, for French dependency rules

    @property
    def is_punct(self) -> bool:
        return all(char in PUNCTUATION for char in self.raw)

    @property
    def capitalised(self) -> bool:
        return self.raw[:1].isupper()


@dataclass
class Sentence:
    index: int
    words: list[Word]
    question: bool
    body: tuple[int, int]  # word range of what is asserted (the quoted words, for a quotation)
    tail: tuple[int, int]  # word range of the attribution after a quotation, or empty
    speaker: str | None = None
    vague_speaker: bool = False
    attributed_at: tuple[int, bool] | None = None  # the reporting verb's word, and whether it follows what it reports
    units: list[Unit] = field(default_factory=list)


@dataclass
class Unit:
    sentence: Sentence
    first: int  # word range in the sentence, end exclusive
    last: int
    role: str  # clause, framing, purpose, relative or nested
    start: int = 0
    end: int = 0

    @property
    def words(self) -> list[Word]:
        return self.sentence.words[self.first : self.last]

    @property
    def quoted(self) -> bool:
        words = [word for word in self.words if not word.is_punct]
        return bool(words) and sum(word.quoted for word in words) >= len(words) / 2


def split_article(text: str, language: str) -> list[Sentence]:
    """The article's sentences, each with its units; offsets index ``text``."""
    lexicon = LEXICONS[language]
    sentences: list[Sentence] = []
    for paragraph in paragraphs(text, language):
        end = paragraph.start + len(paragraph.doc.text)
        quoted = _quotation_mask(text[paragraph.start : end])
        for span in paragraph.doc.sents:
            words = [_word(token, paragraph.start, text, quoted, language) for token in span if not token.is_space]
            words = [word for word in words if word.raw]
            if not any(char.isalpha() for word in words for char in word.raw):
                continue
            for position, word in enumerate(words):
                word.index = position
            if language == "en":
                mark_english_verbs(words)
            sentence = _sentence(len(sentences), words, lexicon)
            sentence.units = _units(sentence, lexicon, language)
            sentences.append(sentence)
    return sentences


def _word(token, offset: int, text: str, quoted: list[bool], language: str) -> Word:
    start = token.idx + offset
    raw = text[start : start + len(token.text)]
    lower = token.text.lower()
    if language == "fr":
        forms = morphology(token).get("VerbForm", ())
        finite = token.pos_ in {"VERB", "AUX"} and "Fin" in forms and not (raw[:1].isupper() and token.i > 0)
        infinitive = "Inf" in forms
        relative = "Rel" in morphology(token).get("PronType", ())
        pos, lemma = token.pos_, token.lemma_.lower()
    else:
        finite, infinitive, relative = is_finite_english(lower), False, False
        pos, lemma = "", lower
    return Word(
        text=lower,
        raw=raw,
        start=start,
        end=start + len(raw),
        pos=pos,
        lemma=lemma,
        finite=finite,
        infinitive=infinitive,
        relative=relative,
        quoted=quoted[token.idx] if token.idx < len(quoted) else False,
        token=token,
    )


def _quotation_mask(text: str) -> list[bool]:
    """For each character, whether it lies inside « », “ ” or " " quotation marks."""
    inside = False
    mask = []
    for char in text:
        if char in OPENING_QUOTES or (char == '"' and not inside):
            mask.append(False)
            inside = True
            continue
        if char in CLOSING_QUOTES or (char == '"' and inside):
            inside = False
        mask.append(inside)
    return mask


def _sentence(index: int, words: list[Word], lexicon: Lexicon) -> Sentence:
    question = any(word.raw == "?" for word in words[-3:])
    first = 0
    while first < len(words) and words[first].is_punct:
        first += 1
    body, tail = (first, len(words)), (len(words), len(words))
    if first < len(words) and words[first].quoted:
        close = first
        while close < len(words) and words[close].quoted:
            close += 1
        rest = [word for word in words[close:] if not word.is_punct]
        if rest and close < len(words):
            body, tail = (first, close), (close, len(words))
    return Sentence(index=index, words=words, question=question, body=body, tail=tail)


def _units(sentence: Sentence, lexicon: Lexicon, language: str) -> list[Unit]:
    words = sentence.words
    start, end = sentence.body
    cuts: list[tuple[int, int, str]] = []  # (first word of the right part, words dropped there, role)
    framing_end = _framing_end(words, start, end, lexicon)
    if framing_end is not None:
        cuts.append((framing_end, 0, "clause"))
    position = framing_end if framing_end is not None else start
    subordinated = False
    relative_open = False
    while position < end:
        word = words[position]
        text = word.text
        phrase = _phrase_at(words, position, lexicon.contrast_conjunctions)
        if phrase:
            cuts.append((position, phrase, "clause"))
            subordinated = False
        elif text in lexicon.subordinators and not (position > 0 and words[position - 1].raw == ","):
            subordinated = True
        elif text in lexicon.coordinators and not subordinated and _clause_follows(words, position + 1, end):
            cuts.append((position, 1, "clause"))
        elif (
            text in {"et", "and"}
            and position + 1 < end
            and words[position + 1].text in lexicon.subject_pronouns
            and _clause_follows(words, position + 1, min(end, position + 4))
        ):
            cuts.append((position, 1, "clause"))  # "… and we want …": a second clause with its own subject
        elif text == "," and position + 1 < end:
            after = words[position + 1].text
            if after in lexicon.relative_pronouns or (language == "fr" and words[position + 1].relative):
                cuts.append((position + 1, 0, "relative"))
                relative_open = subordinated = True
            elif relative_open and _clause_follows(words, position + 1, min(end, position + 4)):
                cuts.append((position + 1, 0, "clause"))
                relative_open = subordinated = False
            elif after in {"et", "and"} and not subordinated and _clause_follows(words, position + 2, end):
                cuts.append((position + 1, 1, "clause"))
            elif _superlative_apposition(words, position + 1, end):
                cuts.append((position + 1, 0, "clause"))
                tail = _attribution_tail_after(words, position + 2, end, lexicon)
                if tail is not None:
                    cuts.append((tail, 0, "tail"))  # "…, its lowest since 2008, the office said": who, not what
            elif after in lexicon.subject_pronouns and _clause_follows(words, position + 1, min(end, position + 5)):
                if not _is_attribution_tail(words, position + 1, end, lexicon):
                    cuts.append((position + 1, 0, "clause"))
        elif text == ";":
            cuts.append((position + 1, 0, "clause"))
        else:
            purpose = _purpose_at(words, position, end, lexicon, language)
            if purpose:
                cuts.append((position, 0, "purpose"))
        position += 1
    units = []
    boundaries = sorted(cuts)
    left, role = start, "framing" if framing_end is not None else "clause"
    for cut, dropped, next_role in boundaries:
        units.append(Unit(sentence, left, cut, role))
        left, role = cut + dropped, next_role
    units.append(Unit(sentence, left, end, role))
    units = [unit for unit in (_trimmed(unit) for unit in units) if unit is not None and unit.role != "tail"]
    units.extend(_nested(sentence, units, language))
    return units


def _framing_end(words: list[Word], start: int, end: int, lexicon: Lexicon) -> int | None:
    """Where a leading circumstantial phrase (« Dans un délicat exercice d’équilibriste, ») ends."""
    if start >= end or words[start].text not in lexicon.framing_starters:
        return None
    last_comma = None
    segment_has_relative = False
    for position in range(start, end):
        word = words[position]
        if word.raw == ",":
            last_comma = position
            segment_has_relative = False
            continue
        if word.text in lexicon.relative_pronouns or word.relative:
            segment_has_relative = True
        if word.finite and not segment_has_relative:
            break
    if last_comma is None or not _clause_follows(words, last_comma + 1, end):
        return None
    return last_comma + 1


def _phrase_at(words: list[Word], position: int, phrases: tuple[str, ...]) -> int:
    for phrase in phrases:
        parts = phrase.split()
        if [word.text for word in words[position : position + len(parts)]] == parts:
            return len(parts)
    return 0


def _clause_follows(words: list[Word], position: int, end: int) -> bool:
    """Whether a finite verb comes before the next comma: a new clause, not a list of nouns."""
    for word in words[position:end]:
        if word.raw in {",", ";", ":"}:
            return False
        if word.finite:
            return True
    return False


def _superlative_apposition(words: list[Word], position: int, end: int) -> bool:
    """« …, le plus important de l’histoire », "…, its lowest level since 2008": a claim of its own."""
    if position + 2 > end:
        return False
    first, second = words[position].text, words[position + 1].text
    if first in {"le", "la", "les", "son", "sa", "ses", "leur", "leurs"}:
        return second in {"plus", "moins"}
    if first in {"the", "its", "their", "his", "her", "our"}:
        return second in {"most", "least", "first"} or is_superlative_english(second)
    return False


def _attribution_tail_after(words: list[Word], position: int, end: int, lexicon: Lexicon) -> int | None:
    """Where a closing attribution (", the county's statistics office said on Thursday") starts, if any."""
    for index in range(position, end):
        if words[index].raw == ",":
            rest = [word for word in words[index + 1 : end] if not word.is_punct]
            if len(rest) <= 8 and any(word.lemma in lexicon.reporting_verbs for word in rest):
                return index + 1
            return None
    return None


def _is_attribution_tail(words: list[Word], position: int, end: int, lexicon: Lexicon) -> bool:
    """« …, a-t-il lancé », "…, he said": a pronoun and a reporting verb closing the sentence."""
    rest = [word for word in words[position:end] if not word.is_punct]
    return len(rest) <= 4 and any(word.lemma in lexicon.reporting_verbs for word in rest)


def _purpose_at(words: list[Word], position: int, end: int, lexicon: Lexicon, language: str) -> bool:
    """« pour tenter de … », "in order to …": an intention, not a fact."""
    if position == 0:
        return False
    if language == "fr":
        if words[position].text == "afin":
            return True
        if words[position].text != "pour":
            return False
        for word in words[position + 1 : min(end, position + 3)]:
            if word.infinitive:
                return word.lemma not in {"avoir", "être"}
            if word.pos != "ADV" and word.pos != "PRON":
                return False
        return False
    return _phrase_at(words, position, lexicon.purpose_markers) > 0


def _trimmed(unit: Unit) -> Unit | None:
    """The unit without edge punctuation, keeping a closing quotation mark whose opening mark it holds."""
    words = unit.sentence.words
    first, last = unit.first, unit.last
    while first < last and words[first].is_punct:
        first += 1
    while last > first and words[last - 1].is_punct:
        if words[last - 1].raw in CLOSING_QUOTES or words[last - 1].raw == '"':
            opened = sum(word.raw in OPENING_QUOTES or word.raw == '"' for word in words[first : last - 1])
            closed = sum(word.raw in CLOSING_QUOTES for word in words[first : last - 1])
            if opened > closed:
                break
        last -= 1
    if not any(char.isalpha() for word in words[first:last] for char in word.raw):
        return None
    unit.first, unit.last = first, last
    unit.start, unit.end = words[first].start, words[last - 1].end
    return unit


def _nested(sentence: Sentence, units: list[Unit], language: str) -> list[Unit]:
    """A restrictive relative clause that carries a figure, proposed within its long clause.

    « … dans le conflit qui est entré dans son neuvième mois »: the age of the conflict is a claim
    of its own, hidden inside a claim about something else. Reads the parse, which
    ``nlp.needs_dependencies`` has run for every sentence with such a relative and a figure.
    """
    if language != "fr":
        return []
    nested = []
    for unit in units:
        if unit.role != "clause":
            continue
        for word in unit.words:
            token = word.token
            if not word.relative or word.index == 0 or sentence.words[word.index - 1].raw == ",":
                continue
            verb = token.head
            if not verb.dep_.startswith("acl") or verb.head.i >= token.i:
                continue
            subtree = list(verb.subtree)
            if not any(is_figure(t) for t in subtree):
                continue
            antecedent = verb.head.left_edge
            while antecedent.pos_ == "ADP" and antecedent.i < verb.head.i:
                antecedent = antecedent.nbor()
            offset = word.start - token.idx
            first = _word_index(sentence, antecedent.idx + offset)
            last = _word_index(sentence, subtree[-1].idx + offset)
            if first is None or last is None or first < unit.first or last >= unit.last:
                continue
            candidate = Unit(sentence, first, last + 1, "nested")
            if _trimmed(candidate) and (unit.end - unit.start) > 2 * (candidate.end - candidate.start):
                nested.append(candidate)
    return nested


def _word_index(sentence: Sentence, start: int) -> int | None:
    for word in sentence.words:
        if word.start == start:
            return word.index
    return None
