"""Realistic published claims in bulk, for measuring the site at the size a newsroom reaches.

The statements are the LIAR corpus's (PolitiFact, ``../shared/data/liar/*.tsv``), with variations
once they run out; without the corpus a small built-in grammar writes English sentences instead,
so the command still works on a bare checkout. The shape follows what a desk holds: every claim
published with a rated, published, current verdict; one to three sources cited as evidence; 43 %
with a quantity; one article per 40 claims, whose text is its claims' quotes one after the other,
so that every offset is exact (the database checks it). The same seed gives the same data.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

from .bulk import BulkWriter
from .models import Article, Claim, Claimant, Evidence, Quantity, Rating, Source, Verdict

LIAR_DIR = settings.BASE_DIR.parent / "shared" / "data" / "liar"
# The rating scale comes from the seed file when the database lacks it.
RATING_SCALE = Path(__file__).resolve().parent / "seed" / "sochi_2022.json"
CLAIMS_PER_ARTICLE = 40
QUANTITY_SHARE = 0.43
FIRST_DAY = dt.date(2007, 1, 1)
DAYS = (dt.date(2024, 12, 31) - FIRST_DAY).days

# LIAR's six labels on this site's scale (its "barely true" is PolitiFact's "mostly false").
LIAR_RATINGS = {
    "true": "true",
    "mostly-true": "mostly_true",
    "half-true": "half_true",
    "barely-true": "mostly_false",
    "false": "false",
    "pants-fire": "false",
}
RATING_WORDS = {
    "true": ("Vrai", "True"),
    "mostly_true": ("Plutôt vrai", "Mostly true"),
    "half_true": ("À moitié vrai", "Half true"),
    "mostly_false": ("Plutôt faux", "Mostly false"),
    "false": ("Faux", "False"),
}
OUTLET_SPEAKERS = {"chain-email", "viral-image", "facebook-posts", "blog-posting", "bloggers", "tweets"}
NUMBER = re.compile(
    r"(?:(?P<qualifier>more than|over|nearly|almost|about|roughly|at least|up to|less than|fewer than) )?"
    r"(?P<dollar>\$)?(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?P<unit> ?(?:percent|million|billion|trillion|jobs|people|years|times|%))?"
)
QUALIFIERS = {
    "more than": "more_than",
    "over": "more_than",
    "nearly": "about",
    "almost": "about",
    "about": "about",
    "roughly": "about",
    "at least": "at_least",
    "up to": "up_to",
    "less than": "less_than",
    "fewer than": "less_than",
}
PREFIXES = ["", "As I said before, ", "The fact is, ", "Let me be clear: ", "Everybody knows that ", "Look: "]
SUFFIXES = ["", " That is a fact.", " Look it up.", " And it is getting worse.", " Nobody talks about it."]
PUBLISHERS = [
    ("Bureau of Labor Statistics", "www.bls.gov", "dataset"),
    ("U.S. Census Bureau", "www.census.gov", "dataset"),
    ("Congressional Budget Office", "www.cbo.gov", "primary_document"),
    ("The New York Times", "www.nytimes.com", "news_report"),
    ("The Washington Post", "www.washingtonpost.com", "news_report"),
    ("Associated Press", "apnews.com", "news_report"),
    ("C-SPAN", "www.c-span.org", "transcript"),
    ("The White House", "www.whitehouse.gov", "official_statement"),
    ("Federal Reserve", "www.federalreserve.gov", "dataset"),
    ("Encyclopaedia Britannica", "www.britannica.com", "reference"),
    ("Brookings Institution", "www.brookings.edu", "expert"),
    ("Tax Policy Center", "www.taxpolicycenter.org", "expert"),
]
ARTICLE_PUBLISHERS = ["PolitiFact", "The Texas Tribune", "Tampa Bay Times", "Milwaukee Journal Sentinel"]
# The built-in grammar, for checkouts without the LIAR corpus.
SUBJECTS = ["The governor", "Our state", "The federal government", "Congress", "My opponent", "The city"]
VERBS = ["has cut", "spent", "created", "lost", "raised taxes on", "added"]
OBJECTS = ["jobs", "teachers", "families", "small businesses", "veterans", "dollars in school funding"]
TIMES = ["last year", "since 2009", "in the past decade", "this year", "in four years"]


@dataclass(frozen=True)
class Statement:
    text: str
    rating: str
    speaker: str
    job: str
    subjects: str


def read_liar(directory: Path = LIAR_DIR) -> list[Statement]:
    """LIAR's statements in file order (train, valid, test); empty when the corpus is not there."""
    statements = []
    for name in ("train.tsv", "valid.tsv", "test.tsv"):
        path = directory / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 6 or row[1] not in LIAR_RATINGS:
                    continue
                text = " ".join(row[2].split())
                if text and row[4]:
                    statements.append(Statement(text, LIAR_RATINGS[row[1]], slugify(row[4])[:100], row[5], row[3]))
    return [statement for statement in statements if statement.speaker]


def built_in_statements(count: int = 2000) -> list[Statement]:
    """English sentences from a small grammar, with LIAR's mix of figures, speakers and ratings."""
    rng = random.Random(0)
    speakers = [f"speaker-{n}" for n in range(60)]
    statements = []
    for _ in range(count):
        figure = f"{rng.randint(2, 900):,}" if rng.random() < 0.5 else f"{rng.randint(2, 90)},000"
        text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {figure} {rng.choice(OBJECTS)} {rng.choice(TIMES)}."
        if rng.random() < 0.4:
            text = text.replace(f" {figure} ", " more ").replace("more more", "more")
        rating = rng.choice(list(RATING_WORDS))
        statements.append(Statement(text, rating, rng.choice(speakers), "State senator", "economy"))
    return statements


class _Prepared:
    """Per-statement work done once: slug, restatement, the figure in it."""

    def __init__(self, statement: Statement) -> None:
        self.statement = statement
        self.slug = slugify(statement.text)[:60].strip("-") or "claim"
        self.match = NUMBER.search(statement.text)


def _below(rng: random.Random, n: int) -> int:
    """A whole number from 0 to n - 1: ``rng.randrange(n)`` at a third of the cost, run millions of times here."""
    return int(rng.random() * n)


def _pick(rng: random.Random, items):
    return items[int(rng.random() * len(items))]


def _restatement(quote: str) -> str:
    if len(quote) <= 75:
        return quote
    return quote[:72].rsplit(" ", 1)[0] + "…"


def _vary_number(match: re.Match, rng: random.Random) -> str:
    raw = match["number"]
    factor = rng.choice([0.5, 0.8, 0.9, 1.1, 1.25, 1.5, 2, 3])
    if "." in raw:
        return f"{float(raw) * factor:.1f}"
    value = max(2, round(int(raw.replace(",", "")) * factor))
    return f"{value:,}" if "," in raw else str(value)


class ClaimGenerator:
    """Writes ``count`` claims through a :class:`BulkWriter`; one seed, one data set."""

    def __init__(self, *, statements: list[Statement], seed: int, rating_ids: dict[str, int]) -> None:
        if not statements:
            raise ValueError("no statements to draw claims from")
        self.rng = random.Random(seed)
        self.seed = seed
        self.prepared = [_Prepared(statement) for statement in statements]
        self.numeric = [p for p in self.prepared if p.match]
        self.plain = [p for p in self.prepared if not p.match] or self.prepared
        self.rating_ids = rating_ids
        self.claimant_ids: dict[str, int] = {}
        self.used: set[int] = set()
        self.sources = 0

    def claimants(self, writer: BulkWriter) -> None:
        """One claimant per speaker; those already in the database are reused."""
        speakers: dict[str, Statement] = {}
        for prepared in self.prepared:
            speakers.setdefault(prepared.statement.speaker, prepared.statement)
        existing = dict(Claimant.objects.filter(slug__in=list(speakers)).values_list("slug", "pk"))
        for slug, statement in speakers.items():
            if slug in existing:
                self.claimant_ids[slug] = existing[slug]
                continue
            kind = Claimant.Kind.OUTLET if slug in OUTLET_SPEAKERS else Claimant.Kind.PERSON
            name = " ".join(part.capitalize() for part in slug.split("-"))
            self.claimant_ids[slug] = writer.add_row(
                Claimant, {"name": name, "slug": slug, "kind": kind, "role_en": statement.job[:200]}
            )

    def run(self, writer: BulkWriter, count: int) -> None:
        self.claimants(writer)
        for first in range(0, count, CLAIMS_PER_ARTICLE):
            self.article(writer, first, min(CLAIMS_PER_ARTICLE, count - first))

    def _quote(self, index: int) -> tuple[str, re.Match | None, _Prepared]:
        rng = self.rng
        with_quantity = rng.random() < QUANTITY_SHARE and self.numeric
        pool = self.numeric if with_quantity else self.plain
        prepared = _pick(rng, pool)
        text = prepared.statement.text
        if id(prepared) in self.used:  # drawn before: a variation, as speakers repeat themselves
            if prepared.match:
                text = (
                    text[: prepared.match.start("number")]
                    + _vary_number(prepared.match, rng)
                    + text[prepared.match.end("number") :]
                )
            prefix = _pick(rng, PREFIXES)
            if prefix:
                text = prefix + text[0].lower() + text[1:]
            text += _pick(rng, SUFFIXES)
        else:
            self.used.add(id(prepared))
        match = NUMBER.search(text) if with_quantity else None
        return text, match, prepared

    def article(self, writer: BulkWriter, first: int, size: int) -> None:
        rng = self.rng
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        drawn = [self._quote(first + n) for n in range(size)]
        parts, offsets, position = [], [], 0
        for text, _match, _prepared in drawn:
            parts.append(text)
            offsets.append(position)
            position += len(text) + 2
        number = first // CLAIMS_PER_ARTICLE + 1
        article_id = writer.add_row(
            Article,
            {
                "slug": f"fact-checks-{self.seed}-{number}",
                "title": f"Fact-checks of {day:%B %Y}, part {number}",
                "publisher": ARTICLE_PUBLISHERS[number % len(ARTICLE_PUBLISHERS)],
                "url": f"https://factchecks.example.org/{self.seed}/{number}",
                "language": "en",
                "published_on": day,
                "text": "\n\n".join(parts),
            },
        )
        pool = self.new_sources(writer, day, max(3, size * 3 // 4))
        for n, ((quote, match, prepared), start) in enumerate(zip(drawn, offsets, strict=True)):
            self.claim(writer, first + n, article_id, quote, start, match, prepared, day, pool)

    def new_sources(self, writer: BulkWriter, day: dt.date, count: int) -> list[tuple[int, str]]:
        rng = self.rng
        pool = []
        for _ in range(count):
            self.sources += 1
            publisher, host, kind = _pick(rng, PUBLISHERS)
            published = day - dt.timedelta(days=1 + _below(rng, 899))
            url = f"https://{host}/{published:%Y/%m}/report-{self.seed}-{self.sources}"
            source_id = writer.add_row(
                Source,
                {
                    "url": url,
                    "title": f"{publisher}: figures and statements, {published:%B %Y}",
                    "publisher": publisher,
                    "published_on": published,
                    "accessed_on": day,
                    "archive_url": f"https://web.archive.org/web/{day:%Y%m%d}/{url}" if rng.random() < 0.5 else "",
                    "kind": kind,
                    "language": "en",
                },
            )
            pool.append((source_id, publisher))
        return pool

    def claim(self, writer, index, article_id, quote, start, match, prepared, day, pool) -> None:
        rng = self.rng
        statement = prepared.statement
        claimed_on = day - dt.timedelta(days=_below(rng, 30))
        restatement = _restatement(quote)
        rating = statement.rating
        label_fr, label_en = RATING_WORDS[rating]
        cited = rng.sample(pool, _pick(rng, (1, 2, 2, 3)))
        published_at = dt.datetime.combine(
            claimed_on + dt.timedelta(days=1 + _below(rng, 20)), dt.time(7 + _below(rng, 13), _below(rng, 60))
        ).replace(tzinfo=dt.UTC)
        claim_id = writer.add_row(
            Claim,
            {
                "article_id": article_id,
                "quote": quote,
                "start": start,
                "end": start + len(quote),
                "restatement": restatement,
                "restatement_en": "",  # English claims: the one restatement serves both languages
                "claimant_id": self.claimant_ids[statement.speaker],
                "kind": Claim.Kind.QUANTITY if match else _pick(rng, ("event", "status", "quote", "attribution")),
                "language": "en",
                "claimed_on": claimed_on,
                "checkworthiness": round(rng.random(), 3),
                "status": Claim.Status.PUBLISHED,
                "slug": f"{prepared.slug}-{self.seed}-{index + 1}",
                # The current verdict's, as the services keep them (claims.services.publication).
                "published_at": published_at,
                "rating_id": self.rating_ids[rating],
            },
        )
        publishers = ", ".join(publisher for _id, publisher in cited)
        writer.add_row(
            Verdict,
            {
                "claim_id": claim_id,
                "rating_id": self.rating_ids[rating],
                "summary_fr": f"{label_fr} : {restatement}",
                "summary_en": f"{label_en}: {restatement}",
                "explanation_fr": (
                    f"{statement.job or 'L’auteur'} a affirmé le {claimed_on:%d/%m/%Y} : « {quote} » "
                    f"Nous avons comparé cette affirmation aux chiffres et documents publiés par {publishers}. "
                    f"Notre verdict : {label_fr.lower()}."
                ),
                "explanation_en": (
                    f"On {claimed_on:%B %d, %Y}, the claim was: “{quote}” We checked it against the figures "
                    f"and documents published by {publishers}. Our rating: {label_en.lower()}."
                ),
                "status": Verdict.Status.PUBLISHED,
                "is_current": True,
                "published_at": published_at,
            },
        )
        stance = "supports" if rating in ("true", "mostly_true") else "refutes"
        for position, (source_id, publisher) in enumerate(cited):
            writer.add_row(
                Evidence,
                {
                    "claim_id": claim_id,
                    "source_id": source_id,
                    "stance": stance if position == 0 else "context",
                    "note": f"What {publisher} published on the subject.",
                    "position": position,
                },
            )
        if match:
            self.quantity(writer, claim_id, match, rng)

    @staticmethod
    def quantity(writer: BulkWriter, claim_id: int, match: re.Match, rng: random.Random) -> None:
        value = Decimal(match["number"].replace(",", ""))
        unit = (match["unit"] or "").strip()
        if unit in ("million", "billion", "trillion"):
            value *= {"million": 10**6, "billion": 10**9, "trillion": 10**12}[unit]
            unit = "dollars" if match["dollar"] else ""
        elif match["dollar"]:
            unit = "dollars"
        verified = (value * Decimal(rng.choice(("0.6", "0.85", "0.97", "1", "1.02", "1.3", "2")))).quantize(
            Decimal("0.01")
        )
        writer.add_row(
            Quantity,
            {
                "claim_id": claim_id,
                "text": match.group(0)[:200],
                "value": value,
                "unit": "percent" if unit == "%" else unit,
                "qualifier": QUALIFIERS.get(match["qualifier"] or "", "exact"),
                "verified_value": verified,
                "verification_note": "From the sources cited.",
            },
        )


def rating_ids() -> dict[str, int]:
    """The ids of the ratings LIAR's labels map to; the seed's rating scale is created if missing."""
    found = dict(Rating.objects.filter(slug__in=list(RATING_WORDS)).values_list("slug", "pk"))
    if len(found) < len(RATING_WORDS):
        scale = json.loads(RATING_SCALE.read_text(encoding="utf-8"))["ratings"]
        for position, entry in enumerate(scale):
            if entry["slug"] not in found:
                values = {key: entry[key] for key in ("label_fr", "label_en", "value", "colour", "definition_fr")}
                rating = Rating.objects.create(
                    slug=entry["slug"], definition_en=entry["definition_en"], position=position, **values
                )
                found[rating.slug] = rating.pk
    return {slug: found[slug] for slug in RATING_WORDS}


def generate_claims(
    *,
    count: int,
    seed: int = 0,
    statements: list[Statement] | None = None,
    batch_size: int = 10_000,
    progress: Callable | None = None,
    offline: bool = False,
) -> dict[str, int]:
    """Write ``count`` published claims with their verdicts, sources, quantities and articles; all or nothing.

    ``offline``: nobody reads this database yet, so the tables' plain indexes (full-text, trigram,
    foreign-key lookups) are built, and their foreign keys checked, once after the load instead of
    row by row.
    """
    if statements is None:
        statements = read_liar() or built_in_statements()
    tables = [Article, Source, Claim, Verdict, Evidence, Quantity] if offline else []
    # Synthetic bench data: no "created" history rows, which would double every write.
    with BulkWriter(batch_size=batch_size, progress=progress, history=False, rebuild_indexes=tables) as writer:
        generator = ClaimGenerator(statements=statements, seed=seed, rating_ids=rating_ids())
        generator.run(writer, count)
    return dict(writer.written)
