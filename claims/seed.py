"""Loading the project's seed data (``claims/seed/*.json``) into the database.

Loading is idempotent: each row is looked up by its natural key and written only when
something differs, so a second load changes no table, history tables included.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models, transaction

from .models import (
    Article,
    Claim,
    Claimant,
    ClaimStatus,
    Evidence,
    Quantity,
    Rating,
    Source,
    Topic,
    TranslationNote,
    UpdateNote,
    Verdict,
    VerdictStatus,
)
from .services import publication
from .services.roles import EDITOR, FACT_CHECKER

SEED_DIR = Path(__file__).resolve().parent / "seed"
DEFAULT_SEED = SEED_DIR / "sochi_2022.json"
STAFF_ROLES = {"author": FACT_CHECKER, "reviewer": EDITOR}


class SeedError(Exception):
    """The seed file is missing or does not describe valid data."""


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], model: type[models.Model]) -> None:
        name = model._meta.model_name
        bucket[name] = bucket.get(name, 0) + 1

    def summary(self) -> str:
        def fmt(bucket: dict[str, int]) -> str:
            return ", ".join(f"{n} {name}" for name, n in sorted(bucket.items())) or "nothing"

        return f"created {fmt(self.created)}; updated {fmt(self.updated)}"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _decimal(value: float | int | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


class _Loader:
    def __init__(self, data: dict[str, Any], base_dir: Path) -> None:
        self.data = data
        self.base_dir = base_dir
        self.report = SeedReport()

    def upsert(self, model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            instance.full_clean()
            instance.save()
            self.report.count(self.report.created, model)
            return instance
        changed = [name for name, value in values.items() if getattr(instance, name) != value]
        if changed:
            for name in changed:
                setattr(instance, name, values[name])
            instance.full_clean()
            instance.save()
            self.report.count(self.report.updated, model)
        return instance

    def set_m2m(self, manager, objects: list[models.Model]) -> None:
        if {obj.pk for obj in manager.all()} != {obj.pk for obj in objects}:
            manager.set(objects)

    def load(self) -> SeedReport:
        users = self.load_users()
        ratings = {r["slug"]: self.load_rating(position, r) for position, r in enumerate(self.data["ratings"])}
        topics = {
            t["slug"]: self.upsert(Topic, {"slug": t["slug"]}, {"name_fr": t["name_fr"], "name_en": t["name_en"]})
            for t in self.data["topics"]
        }
        claimants = {c["name"]: self.load_claimant(c) for c in self.data["claimants"]}
        sources = {s["key"]: self.load_source(s) for s in self.data["sources"]}
        article = self.load_article(self.data["article"])
        published_at = dt.datetime.fromisoformat(self.data["published_at"])
        for entry in self.data["claims"]:
            self.load_claim(entry, article, claimants, topics, sources, ratings, users, published_at)
        return self.report

    def load_users(self) -> dict[str, Any]:
        """The seed's staff: the author is a fact-checker, the reviewer an editor (groups of migration 0003)."""
        User = get_user_model()
        users = {}
        for role, person in self.data["staff"].items():
            user = User.objects.filter(username=person["username"]).first()
            if user is None:
                user = User(
                    username=person["username"],
                    first_name=person["first_name"],
                    last_name=person["last_name"],
                    is_staff=True,
                )
                user.set_unusable_password()
                user.save()
                self.report.count(self.report.created, User)
            group = Group.objects.filter(name=STAFF_ROLES[role]).first()
            if group is None:
                raise SeedError(f"the group {STAFF_ROLES[role]!r} does not exist: run `manage.py migrate` first")
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
            users[role] = user
        return users

    def load_rating(self, position: int, entry: dict[str, Any]) -> Rating:
        values = {
            key: entry[key] for key in ("label_fr", "label_en", "value", "colour", "definition_fr", "definition_en")
        }
        return self.upsert(Rating, {"slug": entry["slug"]}, {**values, "position": position})

    def load_claimant(self, entry: dict[str, Any]) -> Claimant:
        values = {key: entry[key] for key in ("name", "kind", "role_fr", "role_en")}
        return self.upsert(Claimant, {"slug": entry["slug"]}, values)

    def load_source(self, entry: dict[str, Any]) -> Source:
        values = {
            "title": entry["title"],
            "publisher": entry["publisher"],
            "published_on": _date(entry["published"]),
            "kind": entry["kind"],
            "language": entry["language"],
        }
        return self.upsert(Source, {"url": entry["url"]}, values)

    def load_article(self, entry: dict[str, Any]) -> Article:
        text_path = self.base_dir / entry["text_file"]
        try:
            text = text_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SeedError(f"cannot read the article text {text_path}: {exc.strerror}") from exc
        values = {
            "title": entry["title"],
            "publisher": entry["publisher"],
            "url": entry["url"],
            "language": entry["language"],
            "published_on": _date(entry["published"]),
            "text": text,
            "original_url": entry["original_url"],
            "original_title": entry["original_title"],
            "original_language": entry["original_language"],
        }
        article = self.upsert(Article, {"slug": entry["slug"]}, values)
        for position, note in enumerate(entry["translation_notes"]):
            self.upsert(
                TranslationNote,
                {"article": article, "position": position},
                {"note_fr": note["fr"], "note_en": note["en"]},
            )
        return article

    def load_claim(self, entry, article, claimants, topics, sources, ratings, users, published_at) -> Claim:
        values = {
            "article": article,
            "quote": entry["quote"],
            "start": entry["start"],
            "end": entry["end"],
            "restatement": entry["restatement_fr"],
            "restatement_en": entry["restatement_en"],
            "claimant": claimants[entry["claimant"]],
            "speaker": claimants[entry["speaker"]] if entry["speaker"] else None,
            "kind": entry["kind"],
            "language": article.language,
            "claimed_on": _date(entry["claimed_on"]),
            "checkworthiness": entry["checkworthiness"],
            "status": ClaimStatus.PUBLISHED,
        }
        claim = self.upsert(Claim, {"slug": entry["slug"]}, values)
        self.set_m2m(claim.topics, [topics[slug] for slug in entry["topics"]])

        for quantity in entry["quantities"]:
            self.upsert(
                Quantity,
                {"claim": claim, "text": quantity["text"]},
                {
                    "value": _decimal(quantity["value"]),
                    "unit": quantity["unit"],
                    "qualifier": quantity["qualifier"],
                    "verified_value": _decimal(quantity["verified_value"]),
                    "verification_note": quantity["verified_note"],
                },
            )

        for position, item in enumerate(entry["evidence"]):
            self.upsert(
                Evidence,
                {"claim": claim, "source": sources[item["source"]]},
                {"stance": item["stance"], "note": item["note_fr"], "position": position},
            )

        verdict = entry["verdict"]
        self.upsert(
            Verdict,
            {"claim": claim, "is_current": True},
            {
                "rating": ratings[verdict["rating"]],
                "summary_fr": verdict["summary_fr"],
                "summary_en": verdict["summary_en"],
                "explanation_fr": verdict["explanation_fr"],
                "explanation_en": verdict["explanation_en"],
                "status": VerdictStatus.PUBLISHED,
                "published_at": published_at,
                "author": users["author"],
                "reviewer": users["reviewer"],
            },
        )
        publication.refresh(claim)

        note = entry["update_note"]
        if note:
            update = self.upsert(
                UpdateNote,
                {"claim": claim, "since": _date(note["since"])},
                {"note_fr": note["note_fr"], "note_en": note["note_en"]},
            )
            self.set_m2m(update.sources, [sources[key] for key in note["sources"]])
        return claim


def load_seed(path: Path = DEFAULT_SEED) -> SeedReport:
    """Load one seed file, all or nothing."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SeedError(f"cannot read {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise SeedError(f"{path} is not valid JSON: {exc}") from exc
    try:
        with transaction.atomic():
            return _Loader(data, path.parent).load()
    except KeyError as exc:
        raise SeedError(f"{path} lacks the field {exc}") from exc
