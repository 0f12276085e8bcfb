"""Intake: from an article's text to proposed claims (see ``pipeline.propose``)."""

from .pipeline import load, propose
from .results import DateMention, IntakeResult, Proposal, QuantityMention, SimilarClaim

__all__ = ["DateMention", "IntakeResult", "Proposal", "QuantityMention", "SimilarClaim", "load", "propose"]
