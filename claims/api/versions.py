"""``If-Match`` on edits: the version of the row the client's change is based on.

Either a bare version (``If-Match: "3"``) or the ``ETag`` the claim detail sent
(``claim_etag()``: ``"claim-<id>.<version>-verdict-<id>.<version>"``), from which
a claim write takes the claim's version and a verdict write the verdict's. A tag of another
claim or verdict can never match: the write is refused as stale (412).
"""

from __future__ import annotations

import re

from rest_framework.exceptions import ValidationError

BARE = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')
CLAIM_TAG = re.compile(r'^\s*(?:W/)?"claim-(\d{1,18})\.(\d{1,9})-verdict-(?:(\d{1,18})\.(\d{1,9})|none)"\s*$')
NEVER_CURRENT = -1  # a version no row has: the write is refused as based on another object


def claim_etag(claim) -> str:
    """The claim detail's entity tag: it moves when the claim or its current verdict changes."""
    verdict = claim.current_verdict
    verdict_part = f"{verdict.pk}.{verdict.version}" if verdict is not None else "none"
    return f'"claim-{claim.pk}.{claim.version}-verdict-{verdict_part}"'


def parse_if_match(header: str | None, *, part: str | None = None, pk: int | str | None = None) -> int | None:
    """The expected version named by ``header``; ``part`` ("claim" or "verdict") reads a claim ETag."""
    if header is None or header == "":
        return None
    bare = BARE.match(header)
    if bare:
        return int(bare.group(1))
    tag = CLAIM_TAG.match(header)
    if tag and part in ("claim", "verdict"):
        tag_pk, version = (tag.group(1), tag.group(2)) if part == "claim" else (tag.group(3), tag.group(4))
        if version is None or pk is None or str(pk) != tag_pk:
            return NEVER_CURRENT
        return int(version)
    raise ValidationError(
        {"If-Match": ['Send the version the change is based on (If-Match: "3") or the ETag of the claim.']}
    )


class IfMatchMixin:
    """Puts the ``If-Match`` version into the serializer context of a viewset's writes."""

    etag_part: str | None = None

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.request is not None and self.request.method in ("PUT", "PATCH", "POST"):
            context["if_match"] = parse_if_match(
                self.request.headers.get("If-Match"), part=self.etag_part, pk=self.kwargs.get("pk")
            )
        return context
