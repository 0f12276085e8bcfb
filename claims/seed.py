"""Loading the project's seed data (``claims/seed/*.json``) into the database.

Loading is idempotent: each row is looked up by its natural key and written only when
something differs, so a second load changes no table, history tables included.

A claim's ``verdict``, ``evidence`` and ``update_note`` are loaded as first published; its
``corrections`` and ``minor_updates`` are then made through the services, signed by the seed's
demonstration editor, as the desk makes them: public corrections and logged minor updates that
readers see. Each is made once (recognised by its text); a later load starts from the revised text.
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
    Correction,
    Evidence,
    MinorUpdate,
    Quantity,
    Rating,
    Source,
    Topic,
    TranslationNote,
    UpdateNote,
    Verdict,
    VerdictStatus,
)
from .services import editing, publication, verdicts
from .services.roles import EDITOR
from .services.updates import ChangeNote

SEED_DIR = Path(__file__).resolve().parent / "seed"
DEFAULT_SEED = SEED_DIR / "sochi_2022.json"
# The seed's work is signed by demonstration accounts, never by invented people: its author (who
# also makes its corrections and minor updates) and its reviewer are both editors.
STAFF_ROLES = {"author": EDITOR, "reviewer": EDITOR}
VERDICT_FIELDS = ("rating", "summary_fr", "summary_en", "explanation_fr", "explanation_en")


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
        """The seed's staff, demonstration accounts in the editor group (migration 0003)."""
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

        corrections = entry.get("corrections", [])
        minor_updates = entry.get("minor_updates", [])
        current = Verdict.objects.current().filter(claim=claim).first()
        made_corrections = {c.what_changed_fr for c in current.corrections.all()} if current else set()
        made_updates = set(claim.minor_updates.values_list("note_fr", flat=True))
        # Start from the text as first published, revised by what was already corrected or updated.
        verdict_values = {name: entry["verdict"][name] for name in VERDICT_FIELDS}
        for revision in corrections:
            if revision["what_changed_fr"] in made_corrections:
                verdict_values.update(revision["verdict"])
        evidence_values = {
            item["source"]: {"stance": item["stance"], "note": item["note_fr"]} for item in entry["evidence"]
        }
        note = dict(entry["update_note"]) if entry["update_note"] else None
        for revision in minor_updates:
            if revision["note_fr"] in made_updates:
                for item in revision.get("evidence", []):
                    evidence_values[item["source"]] = {"stance": item["stance"], "note": item["note_fr"]}
                if "update_note" in revision:
                    note.update(revision["update_note"])

        for position, item in enumerate(entry["evidence"]):
            self.upsert(
                Evidence,
                {"claim": claim, "source": sources[item["source"]]},
                {**evidence_values[item["source"]], "position": position},
            )

        verdict = self.upsert(
            Verdict,
            {"claim": claim, "is_current": True},
            {
                **verdict_values,
                "rating": ratings[verdict_values["rating"]],
                "status": VerdictStatus.PUBLISHED,
                "published_at": published_at,
                "author": users["author"],
                "reviewer": users["reviewer"],
            },
        )
        if not verdict.contributors.filter(pk=users["author"].pk).exists():
            verdict.contributors.add(users["author"])
        publication.refresh(claim)

        if note:
            update = self.upsert(
                UpdateNote,
                {"claim": claim, "since": _date(note["since"])},
                {"note_fr": note["note_fr"], "note_en": note["note_en"]},
            )
            self.set_m2m(update.sources, [sources[key] for key in note["sources"]])

        editor = users["author"]
        for revision in corrections:
            if revision["what_changed_fr"] not in made_corrections:
                self.correct(verdict, revision, ratings, editor)
        for revision in minor_updates:
            if revision["note_fr"] not in made_updates:
                self.update(claim, revision, sources, editor)
        return claim

    def correct(self, verdict: Verdict, revision: dict[str, Any], ratings, editor) -> None:
        """A public correction of a published verdict, made as an editor makes it."""
        verdict = Verdict.objects.get(pk=verdict.pk)
        for name, value in revision["verdict"].items():
            setattr(verdict, name, ratings[value] if name == "rating" else value)
        verdicts.save_verdict(
            verdict=verdict,
            user=editor,
            expected_version=verdict.version,
            correction=verdicts.CorrectionInput(
                what_changed_fr=revision["what_changed_fr"],
                reason_fr=revision["reason_fr"],
                what_changed_en=revision["what_changed_en"],
                reason_en=revision["reason_en"],
            ),
        )
        self.report.count(self.report.created, Correction)

    def update(self, claim: Claim, revision: dict[str, Any], sources, editor) -> None:
        """A minor update of a published claim (its evidence or update note), logged for readers."""
        change = ChangeNote(note_fr=revision["note_fr"], note_en=revision["note_en"])
        for item in revision.get("evidence", []):
            evidence = Evidence.objects.get(claim=claim, source=sources[item["source"]])
            editing.save_evidence(
                user=editor, evidence=evidence, change=change, stance=item["stance"], note=item["note_fr"]
            )
        if "update_note" in revision:
            note = claim.update_notes.get()
            editing.save_update_note(
                user=editor,
                claim=claim,
                note=note,
                since=note.since,
                note_fr=revision["update_note"]["note_fr"],
                note_en=revision["update_note"]["note_en"],
                sources=list(note.sources.all()),
                change=change,
            )
        self.report.count(self.report.created, MinorUpdate)


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
