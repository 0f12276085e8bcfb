"""Figures in a text: « plus de 6 700 », "over 1.2 million", « un tiers », « 44 % », « neuvième mois ».

Each figure comes back with its value, the word it counts (the noun after it: « personnes »,
« soldats », "%"), and the qualifier the writer put on it, because a fact-checker compares the
claimed figure, qualifier included, with the verified one. Numbers are read from digits (with
plain, no-break or narrow no-break spaces, or commas, as thousands separators) and from words
(``text2num``); a four-digit year is a figure too, counted in years.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit, text2num

from .lexicon import LEXICONS, Lexicon
from .nlp import normalise
from .results import QuantityMention

_WORD = re.compile(r"[^\W\d_]+'|[^\W\d_]+(?:-[^\W\d_]+)*|[%€$£]|\d+")
_DIGITS = re.compile(
    r"(?<![\w.,'-])(?P<currency>[$€£] ?)?"
    r"(?P<number>\d{1,3}(?: \d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:(?P<suffix>bn|m|k)\b)?(?![\w-])"
)
_ORDINAL_DIGITS = re.compile(r"(?<![\w.,-])(?P<number>\d{1,3})(?:e|ème|eme|er|re|st|nd|rd|th)\b")
_ORDINAL_WORD = re.compile(r"\b(?:[^\W\d_]+-)?[^\W\d_]+(?:ième|ieme)\b|\b(?:second|third|[^\W\d_]+th)\b")
_ENGLISH_ORDINALS = {
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "hundredth": 100,
    "thousandth": 1000,
}


def number_value(number: str, *, language: str, before_multiplier: bool = False) -> float:
    """The value of a number written with digits, in the conventions of ``language``."""
    if " " in number:
        return float(number.replace(" ", "").replace(",", "."))
    if "," in number:
        whole, _, decimals = number.partition(",")
        thousands = len(decimals) == 3 and "." not in number and not (language == "fr" and before_multiplier)
        if thousands or number.count(",") > 1:
            return float(number.replace(",", ""))
        return float(f"{whole}.{decimals}")
    return float(number)


def tidy(value: float) -> int | float:
    """An integer when the value is whole (6700, not 6700.0), otherwise four decimals at most."""
    return int(value) if float(value).is_integer() else round(value, 4)


def find_quantities(text: str, language: str) -> list[QuantityMention]:
    """Every figure of ``text``, in order of appearance."""
    lexicon = LEXICONS[language]
    plain = normalise(text)
    lower = plain.lower()
    found: list[QuantityMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: float, unit: str | None) -> None:
        if any(start < b and a < end for a, b in taken):
            return
        qualifier, start = _qualifier(lower, start, lexicon)
        taken.append((start, end))
        found.append(
            QuantityMention(
                text=text[start:end], value=tidy(value), unit=unit, qualifier=qualifier, start=start, end=end
            )
        )

    for start, end, value, after in _fractions(lower, lexicon):
        add(start, end, value, _unit_after(plain, after, lexicon, linked=True))
    for match in _ORDINAL_DIGITS.finditer(lower):
        noun = _unit_after(plain, match.end(), lexicon)
        if noun:
            add(match.start(), match.end(), int(match["number"]), f"{noun} (ordinal)")
    for match in _ORDINAL_WORD.finditer(lower):
        value = _ordinal_value(match.group(), language)
        noun = _unit_after(plain, match.end(), lexicon)
        if value and noun:
            add(match.start(), match.end(), value, f"{noun} (ordinal)")
    for match in _DIGITS.finditer(lower):
        _digits(match, plain, lower, lexicon, language, add)
    for start, end, words in _number_word_runs(lower, lexicon):
        _words(start, end, words, plain, lower, lexicon, language, add)
    return sorted(found, key=lambda mention: mention.start)


def _digits(match: re.Match, plain: str, lower: str, lexicon: Lexicon, language: str, add) -> None:
    start, end = match.start(), match.end()
    number = match["number"]
    if (
        _is_day_of_month(lower, end, lexicon)
        or _is_time(lower, end)
        or _previous_word(lower, start) in {*lexicon.months, "h"}
    ):
        return
    if lower[max(0, start - 8) : start].rstrip().endswith(("années", "the")) and number.endswith("0"):
        return  # « les années 1990 »: a period, read as a date
    multiplier = 1
    if match["suffix"]:
        multiplier = lexicon.multipliers.get(match["suffix"], 1)
    following = _next_word(plain, end, lexicon, skip=False)
    if multiplier == 1 and following and following[0].lower() in lexicon.multipliers and len(following[0]) > 2:
        multiplier = lexicon.multipliers[following[0].lower()]
        end = following[2]
    value = number_value(number, language=language, before_multiplier=multiplier > 1) * multiplier
    currency = (match["currency"] or "").strip()
    percent = _percent_after(lower, end, lexicon)
    if percent:
        add(start, percent, value, "%")
        return
    suffix_currency = re.match(r" ?([€$£])", plain[end:])
    if suffix_currency:
        add(start, end + suffix_currency.end(), value, suffix_currency.group(1))
        return
    if currency:
        add(start, end, value, currency)
        return
    if multiplier == 1 and _is_year(number, lower, start, end, lexicon):
        add(start, end, value, lexicon.year_unit)
        return
    add(start, end, value, _unit_after(plain, end, lexicon, linked=multiplier > 1))


def _words(start: int, end: int, words: list[str], plain: str, lower: str, lexicon: Lexicon, language, add) -> None:
    phrase = " ".join(words)
    single = len(words) == 1
    if single and words[0] in {"deux", "two"} and _previous_word(lower, start) in lexicon.both_words:
        return  # « les deux pays », "the two sides": both, not a count
    try:
        value = text2num(phrase.replace("a ", "one ", 1) if phrase.startswith("a ") else phrase, language)
    except ValueError:
        return
    unit = _unit_after(plain, end, lexicon, linked=words[-1] in lexicon.multipliers)
    percent = _percent_after(lower, end, lexicon)
    if percent:
        add(start, percent, value, "%")
        return
    partitive = _next_word(plain, end, lexicon, skip=False)
    if unit is None and not single_word_one(words) and partitive and partitive[0].lower() in lexicon.unit_links:
        add(start, end, value, None)  # "two of the largest employers", « trois des dix usines »
        return
    if unit is None:
        return  # « un sommet à trois », "no one": a number word with nothing counted is not a figure
    if single and words[0] in {"un", "une", "one", "a"} and unit.lower() not in lexicon.measure_units:
        return  # « une réunion » is not a quantity, « une décennie » is
    add(start, end, value, unit)


def single_word_one(words: list[str]) -> bool:
    return len(words) == 1 and words[0] in {"un", "une", "one", "a"}


def _number_word_runs(lower: str, lexicon: Lexicon):
    """Runs of number words, « vingt et un », "two hundred thousand", "a million"."""
    run: list[re.Match] = []
    for match in _WORD.finditer(lower):
        word = match.group()
        is_number = all(part in lexicon.number_words for part in word.split("-"))
        joins = bool(run) and lower[run[-1].end() : match.start()] in {"", " "}
        if (is_number or word in {"et", "and"}) and joins:
            run.append(match)
            continue
        if run:
            yield from _closed_run(run)
        run = []
        if is_number:
            run = [match]
        elif word == "a":
            following = _WORD.match(lower, match.end() + 1)
            if following and following.group() in {"hundred", "thousand", "million", "billion"}:
                run = [match]
    if run:
        yield from _closed_run(run)


def _closed_run(run: list[re.Match]):
    while run and run[-1].group() in {"et", "and", "a"}:
        run = run[:-1]
    if run:
        yield run[0].start(), run[-1].end(), [match.group() for match in run]


def _fractions(lower: str, lexicon: Lexicon):
    names = "|".join(sorted(lexicon.fractions, key=len, reverse=True))
    for match in re.finditer(rf"\b(?:(un|une|a|one|deux|two|trois|three|la|half)[ -])?({names})\b", lower):
        count_word, name = match.group(1), match.group(2)
        numerator, denominator = lexicon.fractions[name]
        if count_word in {"deux", "two"}:
            numerator = 2
        elif count_word in {"trois", "three"}:
            numerator = 3
        elif count_word is None and name != "half":
            continue
        yield match.start(), match.end(), numerator / denominator, match.end()


def _ordinal_value(word: str, language: str) -> int | None:
    if word in {"premier", "première", "first", "second", "seconde"}:
        return None  # « Premier ministre », "second" (of time): too often not a rank
    if language == "en":
        return _ENGLISH_ORDINALS.get(word)
    digits = re.match(r"(\d+)", alpha2digit(word, language))
    return int(digits.group(1)) if digits else None


def _qualifier(lower: str, start: int, lexicon: Lexicon) -> tuple[str, int]:
    """The qualifier written just before a figure (« plus de », "at least"), and where it starts."""
    before = lower[max(0, start - 30) : start]
    for phrase, qualifier in lexicon.qualifiers:
        candidate = phrase if phrase.endswith("'") else phrase + " "
        if before.endswith(candidate):
            boundary = len(before) - len(candidate) - 1
            if boundary < 0 or not before[boundary].isalnum():
                return qualifier, start - len(candidate)
    return "exact", start


def _next_word(plain: str, position: int, lexicon: Lexicon, *, skip: bool = True) -> tuple[str, int, int] | None:
    """The word right after ``position`` (past adjectives such as "new" when ``skip``), if any."""
    while True:
        index = position
        while index < len(plain) and plain[index] == " ":
            index += 1
        match = _WORD.match(plain, index)
        if not match:
            return None
        word = match.group()
        if skip and word.lower() in lexicon.skip_before_unit:
            position = match.end()
            continue
        return word, match.start(), match.end()


def _unit_after(plain: str, position: int, lexicon: Lexicon, *, linked: bool = False) -> str | None:
    """What a figure counts: the noun after it, or after « de »/"of" for « 3 millions de personnes »."""
    word = _next_word(plain, position, lexicon)
    if word and linked and word[0].lower() in lexicon.unit_links:
        word = _next_word(plain, word[2], lexicon)
        while word and word[0].lower() in lexicon.determiners | {"nos", "vos", "mes", "our", "their", "its"}:
            word = _next_word(plain, word[2], lexicon)
    if not word:
        return None
    text = word[0]
    lower = text.lower()
    if lower in lexicon.not_units or lower in lexicon.months or lower in lexicon.multipliers or text.isdigit():
        return None
    if lower.endswith("'"):
        return None
    return text


def _percent_after(lower: str, position: int, lexicon: Lexicon) -> int | None:
    match = re.match(r" ?%", lower[position:])
    if match:
        return position + match.end()
    for word in lexicon.percent_words:
        if lower[position:].startswith(" " + word):
            return position + 1 + len(word)
    return None


def _is_year(number: str, lower: str, start: int, end: int, lexicon: Lexicon) -> bool:
    if not (len(number) == 4 and number.isdigit() and 1800 <= int(number) <= 2100):
        return False
    if lower[max(0, start - 8) : start].rstrip().endswith(("années", "the")):
        return False
    after = _next_word(lower, end, lexicon, skip=False)
    return (
        _previous_word(lower, start) in lexicon.year_cues
        or after is None
        or after[0] in lexicon.not_units
        or lower[end : end + 1] in {",", ".", ";", ")", ":"}
    )


def _is_day_of_month(lower: str, end: int, lexicon: Lexicon) -> bool:
    following = _WORD.match(lower, end + 1) if lower[end : end + 1] == " " else None
    return bool(following and following.group() in lexicon.months)


def _is_time(lower: str, end: int) -> bool:
    return bool(re.match(r" ?h(?:\d|\b)", lower[end:]))


def _previous_word(lower: str, start: int) -> str:
    words = _WORD.findall(lower[max(0, start - 30) : start])
    return words[-1] if words else ""
