"""Dates in a text, resolved against the article's publication date.

A news article dates things relative to the day it appeared: « lundi » is the Monday of that week
(or that very day), « jeudi dernier » the Thursday before, « en septembre » the last September,
"last week" the week before. Values are ISO 8601 at the precision the text gives: a day
("2022-10-31"), a month ("2022-09"), a year ("2008"), a week ("2022-W42") or a span of years
("1990/1999"). Without a publication date only dates that need none (« le 14 octobre 2022 »,
« en 2020 ») are given. Day-and-month expressions are read by ``dateparser``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import dateparser

from .lexicon import LEXICONS, Lexicon
from .nlp import normalise
from .results import DateMention

_YEAR = r"(?:1[89]\d\d|20\d\d)"
NOT_A_DATE = ""


def find_dates(text: str, language: str, published_on: date | None) -> list[DateMention]:
    """Every date expression of ``text``, in order of appearance.

    An expression that cannot be resolved (« lundi » with no publication date) has ``value`` None:
    it still tells the scoring that the sentence is dated, but is left out of a proposal's dates.
    """
    lexicon = LEXICONS[language]
    lower = normalise(text).lower()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str | None) -> None:
        if value == NOT_A_DATE or any(start < b and a < end for a, b in taken):
            return
        taken.append((start, end))
        found.append(DateMention(text=text[start:end], value=value, start=start, end=end))

    for pattern, resolve in _patterns(lexicon, language):
        for match in re.finditer(pattern, lower):
            add(match.start(), match.end(), resolve(match, published_on))
    return sorted(found, key=lambda mention: mention.start)


def _patterns(lexicon: Lexicon, language: str):
    months = "|".join(lexicon.months)
    weekdays = "|".join(lexicon.weekdays)
    day = r"(?:\d{1,2}|1er)"
    if language == "fr":
        day_month = rf"\b{day} (?:{months})(?: {_YEAR})?\b"
        decade = r"\b(?:(?:au )?(?:début|milieu|fin) des |les |des )?années (?:19|20)?\d0\b"
        relative = (
            (r"\bavant-hier\b", -2, "day"),
            (r"\bhier\b", -1, "day"),
            (r"\baujourd'hui\b", 0, "day"),
            (r"\bla semaine (?:dernière|passée)\b", -7, "week"),
            (r"\ble mois (?:dernier|passé)\b", -1, "month"),
            (r"\bl'(?:an|année) (?:dernier|dernière|passé|passée)\b", -1, "year"),
            (r"\bcette année\b", 0, "year"),
        )
        ago = r"\bil y a (?P<n>\d+|[^\W\d_]+) (?P<unit>jours?|semaines?|mois|ans|années?)\b"
        weekday = rf"\b(?P<day>{weekdays})(?: (?P<dir>dernier|prochain))?\b"
    else:
        day_month = rf"\b(?:{day} (?:{months})(?: {_YEAR})?|(?:{months}) \d{{1,2}}(?:st|nd|rd|th)?(?:, {_YEAR})?)\b"
        decade = r"\b(?:the )?(?:early |mid-|late )?(?:19|20)\d0s\b"
        relative = (
            (r"\byesterday\b", -1, "day"),
            (r"\btoday\b", 0, "day"),
            (r"\blast week\b", -7, "week"),
            (r"\blast month\b", -1, "month"),
            (r"\blast year\b", -1, "year"),
            (r"\bthis year\b", 0, "year"),
        )
        ago = r"\b(?P<n>\d+|[^\W\d_]+) (?P<unit>days?|weeks?|months?|years?) ago\b"
        weekday = rf"\b(?:(?P<dir>last|next) )?(?P<day>{weekdays})\b"
    yield day_month, lambda m, pub: _day_month(m.group(), language, pub)
    yield decade, lambda m, pub: _decade(m.group())
    for pattern, offset, precision in relative:
        yield pattern, lambda m, pub, o=offset, p=precision: _relative(pub, o, p)
    yield ago, lambda m, pub: _ago(m["n"], m["unit"], language, pub)
    yield weekday, lambda m, pub: _weekday(m["day"], m["dir"], lexicon, pub)
    yield rf"\b(?:(?:en|in) )?(?P<month>{months})(?: (?P<year>{_YEAR}))?\b", _month
    yield rf"(?<![\d,.])(?P<year>{_YEAR})(?!\d|,\d|s\b)", lambda m, pub: m["year"]


def _day_month(expression: str, language: str, published_on: date | None) -> str | None:
    has_year = re.search(_YEAR + r"\b", expression) is not None
    if not has_year and published_on is None:
        return None
    base = datetime.combine(published_on or date.today(), datetime.min.time())
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    parsed = dateparser.parse(expression, languages=[language], settings=settings)
    return parsed.date().isoformat() if parsed else None


def _decade(expression: str) -> str:
    digits = re.search(r"(?:19|20)?\d0", expression).group()
    start = int(digits) if len(digits) == 4 else 1900 + int(digits)
    return f"{start}/{start + 9}"


def _relative(published_on: date | None, offset: int, precision: str) -> str | None:
    if published_on is None:
        return None
    if precision == "day":
        return (published_on + timedelta(days=offset)).isoformat()
    if precision == "week":
        year, week, _ = (published_on + timedelta(days=offset)).isocalendar()
        return f"{year}-W{week:02d}"
    if precision == "month":
        month_index = published_on.year * 12 + published_on.month - 1 + offset
        return f"{month_index // 12}-{month_index % 12 + 1:02d}"
    return str(published_on.year + offset)


def _ago(number: str, unit: str, language: str, published_on: date | None) -> str | None:
    if published_on is None:
        return None
    if number.isdigit():
        count = int(number)
    else:
        from text_to_num import text2num

        try:
            count = text2num(number, language)
        except ValueError:
            return None
    if unit.startswith(("jour", "day")):
        return _relative(published_on, -count, "day")
    if unit.startswith(("semaine", "week")):
        return _relative(published_on, -7 * count, "week")
    if unit.startswith(("mois", "month")):
        return _relative(published_on, -count, "month")
    return str(published_on.year - count)


def _weekday(day: str, direction: str | None, lexicon: Lexicon, published_on: date | None) -> str | None:
    """« lundi »: that weekday on or before the publication day; « jeudi dernier »: strictly before."""
    if published_on is None:
        return None
    back = (published_on.weekday() - lexicon.weekdays.index(day)) % 7
    if direction in {"prochain", "next"}:
        return (published_on + timedelta(days=(7 - back) % 7 or 7)).isoformat()
    if direction in {"dernier", "last"} and back == 0:
        back = 7
    return (published_on - timedelta(days=back)).isoformat()


def _month(match: re.Match, published_on: date | None) -> str | None:
    months = LEXICONS["fr"].months if match["month"] in LEXICONS["fr"].months else LEXICONS["en"].months
    month = months.index(match["month"]) + 1
    if match["year"]:
        return f"{match['year']}-{month:02d}"
    if match["month"] == "may" and not match.group().startswith("in "):
        return NOT_A_DATE  # "may" is a verb far more often than a month
    if published_on is None:
        return None
    year = published_on.year if month <= published_on.month else published_on.year - 1
    return f"{year}-{month:02d}"
