"""The fixed vocabularies of the domain, and the bilingual text helper every model uses."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [
    ("fr", _("French")),
    ("en", _("English")),
    ("ru", _("Russian")),
    ("other", _("Other")),
]


def pick_language(fr: str, en: str) -> str:
    """Return the English text for English readers when there is one, else the French."""
    if (get_language() or "fr").startswith("en") and en:
        return en
    return fr


class ClaimantKind(models.TextChoices):
    PERSON = "person", _("person")
    ORGANISATION = "organisation", _("organisation")
    OUTLET = "outlet", _("news outlet")


class SourceKind(models.TextChoices):
    PRIMARY_DOCUMENT = "primary_document", _("primary document")
    OFFICIAL_STATEMENT = "official_statement", _("official statement")
    TRANSCRIPT = "transcript", _("transcript")
    NEWS_REPORT = "news_report", _("news report")
    REFERENCE = "reference", _("reference work")
    DATASET = "dataset", _("dataset")
    EXPERT = "expert", _("expert")


class ClaimStatus(models.TextChoices):
    CANDIDATE = "candidate", _("candidate")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")


class ClaimKind(models.TextChoices):
    QUANTITY = "quantity", _("quantity")
    EVENT = "event", _("event")
    STATUS = "status", _("state of affairs")
    QUOTE = "quote", _("quote")
    ATTRIBUTION = "attribution", _("attribution")


class QuantityQualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    ABOUT = "about", _("about")
    MORE_THAN = "more_than", _("more than")
    LESS_THAN = "less_than", _("less than")
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")
    UP_TO = "up_to", _("up to")


class EvidenceStance(models.TextChoices):
    SUPPORTS = "supports", _("supports")
    REFUTES = "refutes", _("refutes")
    CONTEXT = "context", _("context")


class VerdictStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
