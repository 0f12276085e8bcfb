"""Who a sentence attributes its content to.

The patterns a newsroom writes: « Poutine a déclaré que … », « selon le ministère, … »,
« “…”, a déclaré Poutine lundi », « …, ont rapporté les agences de presse russes »,
"…, the minister said", "According to the authority, …", and a quotation carried on into the
next sentence. A surname or a definite description is expanded to the fullest name the article
gives (« Poutine » → « Vladimir Poutine », "the authority" → "Water Standards Authority"); a
pronoun (« il », "he", « selon lui ») stands for the last speaker.
"""

from __future__ import annotations

from .lexicon import LEXICONS, Lexicon, words
from .sentences import Sentence, Unit, Word

PRONOUNS = words("il elle lui he she him her it")
DATE_WORDS = words(
    "lundi mardi mercredi jeudi vendredi samedi dimanche dernier dernière soir matin hier aujourd'hui "
    "monday tuesday wednesday thursday friday saturday sunday last yesterday today on "
    "semaine mois année week-end week weekend month year morning evening night"
)
SKIPPED_BEFORE_VERB = words(
    "a ont avait avaient aura auront est sont ne n' pas également aussi encore déjà de son côté "
    "has have had also further again then later not"
)
NAME_CONNECTORS = words("of for and on de du des la le l' d' pour et sur")
SOURCE_DOCUMENTS = words(
    "chiffres données relevés statistiques rapport étude enquête estimations bilan figures data statistics "
    "report study survey estimates numbers"
)
STOP_AFTER_SPEAKER = words("lors à au aux dans en pendant devant avant après in at during to on before after")


def attribute(sentences: list[Sentence], language: str) -> None:
    """Set ``speaker`` (and ``vague_speaker``) on every sentence that attributes what it says."""
    lexicon = LEXICONS[language]
    names = _names(sentences)
    last_speaker: str | None = None
    last_index = -10
    previous_quoted = False
    for sentence in sentences:
        found = _according_to(sentence, lexicon) or _reporting(sentence, lexicon, language)
        speaker, sentence.attributed_at = found or (None, None)
        if speaker is None and previous_quoted and sentence.words[sentence.body[0]].quoted and last_speaker:
            speaker = last_speaker  # a quotation running on into the next sentence
        if speaker and speaker.lower() in PRONOUNS:
            speaker = last_speaker if sentence.index - last_index <= 3 else None
        if speaker:
            speaker = _expand(speaker, names)
            names.append(speaker)
            sentence.speaker = speaker
            sentence.vague_speaker = speaker.lower() in lexicon.vague_speakers
            last_speaker, last_index = speaker, sentence.index
        previous_quoted = any(word.quoted for word in sentence.words)


def speaker_of(unit: Unit) -> str | None:
    """The speaker of one unit: the sentence's, if the attribution covers that unit.

    « X a déclaré que A, et que B »: A and B are X's; « A, ont rapporté les agences »: A is theirs;
    "A, but critics say B": only B is the critics'.
    """
    sentence = unit.sentence
    if not sentence.speaker or unit.role in {"framing", "purpose"}:
        return None
    if sentence.attributed_at is None:
        return sentence.speaker
    position, inverted = sentence.attributed_at
    if unit.first <= position < unit.last:
        return sentence.speaker
    return sentence.speaker if (unit.last <= position if inverted else unit.first > position) else None


def _according_to(sentence: Sentence, lexicon: Lexicon) -> tuple[str, None] | None:
    """« selon le ministère », « d’après les relevés de l’agence », "according to figures from the authority".

    The whole sentence is the source's, wherever the phrase stands in it.
    """
    words = sentence.words
    for position, _word in enumerate(words):
        for phrase in lexicon.according_to:
            parts = phrase.replace("'", "' ").split()
            if [w.text for w in words[position : position + len(parts)]] == parts:
                rest = words[position + len(parts) :]
                while len(rest) > 2 and rest[0].text in lexicon.determiners and rest[1].text in SOURCE_DOCUMENTS:
                    rest = rest[2:]  # « les relevés de l’agence »: the agency speaks
                    if rest and rest[0].text in {"de", "du", "des", "d'", "from", "of", "by"}:
                        rest = rest[1:]
                if rest and rest[0].text in SOURCE_DOCUMENTS and len(rest) > 2 and rest[1].text in {"from", "of", "by"}:
                    rest = rest[2:]
                speaker = _noun_phrase(rest, lexicon)
                if speaker:
                    return speaker, None
    return None


def _reporting(sentence: Sentence, lexicon: Lexicon, language: str) -> tuple[str, tuple[int, bool]] | None:
    words = sentence.words
    for position, word in enumerate(words):
        if word.quoted or word.lemma not in lexicon.reporting_verbs:
            continue
        if language == "fr" and word.pos not in {"VERB", "AUX"}:
            continue
        for near in words[max(0, position - 2) : position + 2]:
            if near.text.startswith("-") and near.text[1:] in PRONOUNS:
                return near.text[1:], (position, True)  # « a-t-il lancé », « affirme-t-elle »
        after = _after_verb(words, position)
        direct = _follows_comma(words, position) and not _has_finite_verb(after)
        inverted = direct or _is_inverted(words, position)
        if not inverted and not _introduces_content(words, position, lexicon, language):
            continue
        speaker = _noun_phrase(after, lexicon) if direct else None
        if not speaker:  # '…, who has run it for years, said last week': the subject came first
            before = _subject_before(words, position, lexicon)
            speaker = _speaker_from(before, lexicon) if before else None
        if speaker:
            return speaker, (position, inverted)
    return None


def _has_finite_verb(words: list[Word]) -> bool:
    """Whether a clause follows (« said bills would rise »), rather than a speaker (« said the minister »)."""
    for word in words:
        if word.raw in {",", ".", ";", ":", "?", "!"}:
            return False
        if word.finite:
            return True
    return False


def _follows_comma(words: list[Word], position: int) -> bool:
    """« …”, a déclaré Poutine », « …, ont rapporté les agences »: the subject comes after the verb."""
    index = position - 1
    while index >= 0 and words[index].text in SKIPPED_BEFORE_VERB:
        index -= 1
    return index >= 0 and words[index].raw in {",", "»", "”", '"', ":"}


def _is_inverted(words: list[Word], position: int) -> bool:
    """'…," a company spokesperson said': a short subject between a comma or quotation and the verb."""
    after = [word for word in words[position + 1 :] if not word.is_punct]
    if len(after) <= 4 and not any(word.finite for word in after) and position > len(words) / 2:
        return True  # "…, the county's statistics office said on Thursday." closes the sentence
    for back in range(position - 1, max(-1, position - 9), -1):
        if words[back].raw in {",", "»", "”", '"'}:
            between = [word for word in words[back + 1 : position] if word.text not in SKIPPED_BEFORE_VERB]
            return bool(between) and not any(word.finite or word.text in _CLAUSE_WORDS for word in between)
    return False


_CLAUSE_WORDS = words("mais et que qu' qui but and that which who")


def _introduces_content(words: list[Word], position: int, lexicon: Lexicon, language: str) -> bool:
    if language == "en" and words[position].text in {"said", "says", "say", "told", "tells"}:
        return True
    for word in words[position + 1 : position + 8]:
        if word.text in lexicon.complementisers or word.raw in {"«", "“", '"'}:
            return True
        if word.raw in {".", ";"}:
            return False
    return False


def _subject_before(words: list[Word], position: int, lexicon: Lexicon) -> list[Word]:
    """The noun phrase before a reporting verb, past auxiliaries, adverbs and appositive relatives."""
    index = position - 1
    while index >= 0 and words[index].text in SKIPPED_BEFORE_VERB:
        index -= 1
    collected: list[Word] = []
    while index >= 0 and len(collected) < 12:
        word = words[index]
        if word.raw == ",":
            segment_start = index - 1
            while segment_start >= 0 and words[segment_start].raw != ",":
                segment_start -= 1
            segment = words[segment_start + 1 : index]
            if segment and (segment[0].text in lexicon.relative_pronouns or segment[0].relative):
                index = segment_start  # skip ", which serves …,"
                continue
            if segment and segment[0].raw in {"»", "”", '"'}:
                # '…," Mary Dupont, who has run it for years, said': the quotation ends, its speaker follows
                named = segment[1:]
                if named and not any(w.finite or w.is_punct for w in named) and not collected:
                    collected = named
                break
            if not segment or any(w.finite or w.raw in {"»", "”", '"'} for w in segment):
                break
            index -= 1
            continue
        if word.finite or word.text in lexicon.subordinators or word.text in lexicon.coordinators:
            break
        if word.raw in {"»", "”", '"', "«", "“", ":", ";"} or word.text in {"et", "and"}:
            break
        collected.insert(0, word)
        index -= 1
    return collected


def _after_verb(words: list[Word], position: int) -> list[Word]:
    index = position + 1
    while index < len(words) and (words[index].text in DATE_WORDS or words[index].text.startswith("-")):
        index += 1
    return words[index:]


def _noun_phrase(words: list[Word], lexicon: Lexicon) -> str | None:
    """The noun phrase at the start of ``words``, up to a comma; an apposed name wins over a role."""
    phrase: list[Word] = []
    for position, word in enumerate(words):
        if word.raw in {",", ".", ";", ":", "?", "!", "»", "”", '"', "«", "“"}:
            if word.raw == "," and phrase and not any(w.capitalised for w in phrase[1:]):
                apposed = _capitalised_run(words[position + 1 :])
                if apposed:
                    return apposed
            break
        if phrase and (word.text in STOP_AFTER_SPEAKER or word.text in DATE_WORDS or word.finite):
            break
        phrase.append(word)
    return _speaker_from(phrase, lexicon) if phrase else None


def _capitalised_run(words: list[Word]) -> str | None:
    run = []
    for word in words:
        if _is_name_word(word):
            run.append(word.raw)
        else:
            break
    following = words[len(run)].raw if len(run) < len(words) else ","
    return " ".join(run) if run and following in {",", ".", ";"} else None


def _speaker_from(words: list[Word], lexicon: Lexicon) -> str | None:
    """A speaker's name from its noun phrase: the person's name in it, else the phrase without its article.

    « Le conseiller municipal Marc Delorme » → « Marc Delorme »; « le ministère de la Santé » stays
    whole, « Santé » being part of the organisation's name.
    """
    while words and (words[0].text in lexicon.determiners or words[0].is_punct):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
    if not words:
        return None
    if _is_name_word(words[0]) and all(_is_name_word(word) or word.text in NAME_CONNECTORS for word in words):
        return _text(words)  # "Office for National Statistics", « Banque de France »
    runs: list[list[Word]] = []
    for position, word in enumerate(words):
        if not _is_name_word(word):
            continue
        if runs and runs[-1][-1].index == word.index - 1:
            runs[-1].append(word)
        elif position == 0 or words[position - 1].text not in {"de", "du", "des", "d'", "of", "la", "the", "l'"}:
            runs.append([word])
    if len(runs) == 1 and len(runs[0]) == len(words):
        return _text(words)
    people = [run for run in runs if run[0] is not words[0]]
    return _text(people[-1]) if people else _text(words)


def _is_name_word(word: Word) -> bool:
    return word.capitalised and all(part.isalpha() for part in word.raw.split("-"))


def _text(words: list[Word]) -> str:
    parts = []
    for position, word in enumerate(words):
        glued = position and (words[position - 1].end == word.start)
        parts.append(word.raw if glued or not parts else " " + word.raw)
    return "".join(parts)


def _names(sentences: list[Sentence]) -> list[str]:
    """Runs of two or more capitalised words, the fullest forms of names the article gives."""
    names = []
    for sentence in sentences:
        run: list[Word] = []
        for word in [*sentence.words, None]:
            if word is not None and _is_name_word(word) and word.text not in DETERMINER_WORDS:
                run.append(word)
                continue
            if len(run) >= 2:
                names.append(_text(run))
            run = []
    return names


DETERMINER_WORDS = words("le la les l' un une the a an ce cette il elle")


def _expand(speaker: str, names: list[str]) -> str:
    """« Poutine » → « Vladimir Poutine »; "authority" → "Water Standards Authority"."""
    if " " in speaker:
        return speaker
    for name in names:
        if " " in name and name.split()[-1].lower() == speaker.lower():
            return name
    return speaker
