"""What readers see, kept current by every write that changes it.

- ``refresh(claim)``: copies the claim's current verdict's publication date and rating onto the
  claim (``Claim.published_at``, ``Claim.rating``), which the lists order and filter by; called by
  the workflow and the verdict services after they write, and done row by row by the bulk path.
- ``bump()``: a new content version once the transaction commits, so that every cached anonymous
  read (``claims.cache``) is stale at once; called by every service that changes public content.
- ``content_version()``: that version, read on every anonymous request: from the cache when every
  process shares it (Redis), else from the database; ``stored_version()``: as the database records
  it, the same in every process: what is kept on disk per version (``claims.datafeed``) goes by it.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

from ..models import Claim, ContentVersion, Verdict

VERSION_KEY = "claims:content-version"


def refresh(claim: Claim) -> None:
    """Copy the current verdict's ``published_at`` and ``rating`` onto ``claim`` (and its row)."""
    published_at, rating_id = Verdict.objects.current().filter(claim_id=claim.pk).values_list(
        "published_at", "rating_id"
    ).first() or (None, None)
    Claim.objects.filter(pk=claim.pk).update(published_at=published_at, rating_id=rating_id)
    claim.published_at, claim.rating_id = published_at, rating_id
    bump()


def refreshes_claim(save: Callable[..., Verdict]) -> Callable[..., Verdict]:
    """Decorates a service that saves a verdict: its claim is refreshed afterwards."""

    @functools.wraps(save)
    def wrapper(*args, **kwargs) -> Verdict:
        verdict = save(*args, **kwargs)
        refresh(verdict.claim)
        return verdict

    return wrapper


def bump() -> None:
    """Start a new content version when the current transaction commits (at once outside one)."""
    transaction.on_commit(_new_version)


def _new_version() -> None:
    # The version is a time in milliseconds, so that it also serves as Last-Modified and never goes
    # back to an old value after the cache is emptied. The database's row moves too: every process
    # reads that one alike, whatever the cache.
    now = int(time.time() * 1000)
    previous = cache.get(VERSION_KEY) or 0
    cache.set(VERSION_KEY, max(now, previous + 1), None)
    if not ContentVersion.objects.filter(pk=1).update(value=Greatest(F("value") + 1, Value(now))):
        ContentVersion.objects.get_or_create(pk=1, defaults={"value": now})


def content_version() -> int:
    """The current content version.

    From the cache when every process shares it (Redis); from the database's row when the cache is
    each process's own memory (the default): a worker's kept pages and ETags must go stale when
    another worker publishes or unpublishes, and only the database tells every worker alike.
    """
    if isinstance(caches["default"], LocMemCache):
        return stored_version() or _cached_version()
    return _cached_version()


def _cached_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = int(time.time() * 1000)
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY) or version
    return version


def stored_version() -> int:
    """The content version as the database records it (0 before the first change)."""
    return ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0
