"""The claims database: articles, the claims checked in them, and their verdicts.

Every public surface (pages, API, feeds) starts from ``Claim.objects.published()`` so that a
draft claim or an unpublished verdict can never leak through one of them. Each concept has one
home: "the current verdict" is ``Verdict.objects.current()``, a list row is
``Claim.objects.list_rows()``, a verdict page ``Claim.objects.verdict_page()``.
"""

# Background jobs live with their runner in claims/jobs/; imported here so that Django registers them.
from ..jobs.models import Job, JobStatus  # noqa: E402
from .articles import Article, ArticleQuerySet, TranslationNote
from .choices import (
    LANGUAGE_CHOICES,
    ClaimantKind,
    ClaimKind,
    ClaimStatus,
    EvidenceStance,
    QuantityQualifier,
    SourceKind,
    VerdictStatus,
    pick_language,
)
from .claims import Claim, ClaimQuerySet, Evidence, Quantity
from .external import ExternalReview
from .proposals import Proposal, ProposalQuerySet, ProposalStatus
from .publication import ContentVersion
from .reference import Claimant, ClaimantQuerySet, Rating, Topic
from .sources import Source, SourceQuerySet
from .updates import MinorUpdate
from .verdicts import Correction, UpdateNote, Verdict, VerdictQuerySet

__all__ = [
    "LANGUAGE_CHOICES",
    "Article",
    "ArticleQuerySet",
    "Claim",
    "ClaimKind",
    "ClaimQuerySet",
    "ClaimStatus",
    "Claimant",
    "ClaimantKind",
    "ClaimantQuerySet",
    "ContentVersion",
    "Correction",
    "Evidence",
    "ExternalReview",
    "Job",
    "JobStatus",
    "MinorUpdate",
    "Proposal",
    "ProposalQuerySet",
    "ProposalStatus",
    "EvidenceStance",
    "Quantity",
    "QuantityQualifier",
    "Rating",
    "Source",
    "SourceKind",
    "SourceQuerySet",
    "Topic",
    "TranslationNote",
    "UpdateNote",
    "Verdict",
    "VerdictQuerySet",
    "VerdictStatus",
    "pick_language",
]
