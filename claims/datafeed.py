"""The ClaimReview DataFeed: the live document, and its copy on disk per content version and language.

At a million reviews the feed is 1.4 GB and about two minutes of CPU to write, and it changes only
when published content does. ``build()`` writes it once for a content version
(``publication.stored_version()``) and a language into ``DATAFEED_DIR``, plain and gzipped in the
same pass, each to a temporary file renamed into place once complete, then removes the copies of
older versions. The feed's view answers with the copy of the current version when there is one
(``current_copy()``), and with the live document otherwise (``live_chunks()``), never with a copy of
an older version: it could hold a claim unpublished since.

A copy holds the URLs of ``SITE_URL``: a request whose live document would hold others (the
development server on another port, with ``SITE_URL_FROM_REQUEST``) is answered live.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db.models import Max
from django.urls import get_script_prefix, reverse

from .claimreview import REVIEW_LANGUAGES, claim_review, stream_data_feed
from .jobs.models import Job
from .jobs.runner import run_job
from .models import Claim, Verdict
from .services.publication import stored_version

# Claims read from the database per query while streaming (each with its prefetched verdict).
FEED_CHUNK = 200
DEFAULT_LANGUAGE = REVIEW_LANGUAGES[0]
JOB_KIND = "build_datafeed"
# Bytes gathered before each write: a review is about 1.4 KB, and gzip packs large blocks better.
WRITE_BLOCK = 1 << 20
# zlib's default level: about 1.2 s of CPU for 100,000 reviews (a twentieth of the build), where level 1
# takes 0.5 s for a copy half as large again.
GZIP_LEVEL = 6
NAME = re.compile(r"^\.?claimreview-feed-(?P<version>\d+)-[a-z]+-(?P<context>[0-9a-f]+)\.json")
# An unfinished write of an older version is removed only once it has been left alone this long.
ABANDONED_SECONDS = 3600


def feed_url(base_url: str, language: str) -> str:
    """The feed's own address as its document gives it: one per language, whatever the request added."""
    url = base_url.rstrip("/") + reverse("api:claimreview-feed")
    return url if language == DEFAULT_LANGUAGE else f"{url}?language={language}"


def _date_modified() -> dt.datetime | None:
    """The latest publication or correction among the published reviews."""
    published = Claim.objects.published().aggregate(latest=Max("published_at"))["latest"]
    corrected = (
        Verdict.objects.current()
        .filter(modified_at__isnull=False, claim__in=Claim.objects.published())
        .aggregate(latest=Max("modified_at"))["latest"]
    )
    return max(filter(None, [corrected, published]), default=None)


def live_chunks(*, language: str, base_url: str) -> Iterator[bytes]:
    """The whole document, read from the database as it is sent: one chunk of claims in memory at a time."""
    claims = Claim.objects.published().list_rows().latest_first()
    reviews = (claim_review(claim, base_url, language=language) for claim in claims.iterator(chunk_size=FEED_CHUNK))
    chunks = stream_data_feed(reviews, url=feed_url(base_url, language), date_modified=_date_modified())
    return (chunk.encode() for chunk in chunks)


# --- Copies on disk ----------------------------------------------------------------------------


def _context() -> str:
    """What a copy's bytes depend on besides the version: the database it was read from and the settings
    that go into the document. A change of any of them leaves the copies unused."""
    database = settings.DATABASES["default"]
    key = "\n".join(
        map(
            str,
            [
                database["NAME"],
                database.get("HOST", ""),
                settings.SITE_URL,
                settings.SITE_NAME,
                settings.FORCE_SCRIPT_NAME,
            ],
        )
    )
    return hashlib.sha256(key.encode()).hexdigest()[:8]


def copy_path(version: int, language: str, *, packed: bool = False) -> Path:
    name = f"claimreview-feed-{version}-{language}-{_context()}.json"
    return Path(settings.DATAFEED_DIR) / (name + ".gz" if packed else name)


@dataclass(frozen=True)
class Built:
    path: Path
    size: int
    packed_size: int
    reviews: int
    seconds: float

    def summary(self) -> str:
        return (
            f"{self.path.name}: {self.reviews:,} reviews, {self.size / 1e6:,.1f} MB "
            f"({self.packed_size / 1e6:,.1f} MB gzipped) in {self.seconds:.1f} s"
        )


def build(*, version: int, language: str) -> Built:
    """Write the copy of ``version`` in ``language``, plain and gzipped, in constant memory.

    The content is read now: call it with the current version (what it writes is that version's
    content or newer, never older). Either copy appears complete or not at all; a failed write
    leaves nothing behind. Afterwards the copies of older versions are removed.
    """
    started = time.monotonic()
    plain, packed = copy_path(version, language), copy_path(version, language, packed=True)
    plain.parent.mkdir(parents=True, exist_ok=True)
    token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    plain_part, packed_part = (path.with_name(f".{path.name}.{token}.part") for path in (plain, packed))
    chunks = 0
    try:
        with plain_part.open("wb") as plain_file, packed_part.open("wb") as packed_file:
            with gzip.GzipFile(filename="", mode="wb", fileobj=packed_file, compresslevel=GZIP_LEVEL, mtime=0) as gz:
                block: list[bytes] = []
                pending = 0
                for chunk in live_chunks(language=language, base_url=settings.SITE_URL):
                    chunks += 1
                    block.append(chunk)
                    pending += len(chunk)
                    if pending >= WRITE_BLOCK:
                        data = b"".join(block)
                        plain_file.write(data)
                        gz.write(data)
                        block, pending = [], 0
                data = b"".join(block)
                plain_file.write(data)
                gz.write(data)
            for file in (plain_file, packed_file):
                file.flush()
                os.fsync(file.fileno())
        os.replace(packed_part, packed)
        os.replace(plain_part, plain)
    finally:
        plain_part.unlink(missing_ok=True)
        packed_part.unlink(missing_ok=True)
    remove_older(version)
    return Built(
        path=plain,
        size=plain.stat().st_size,
        packed_size=packed.stat().st_size,
        reviews=chunks - 2,  # the document's head and tail are chunks of their own
        seconds=time.monotonic() - started,
    )


def remove_older(version: int) -> list[Path]:
    """Remove this database's and site's copies of versions before ``version`` (none can be served
    again), and writes of them abandoned for an hour (a build that is still running writes every
    moment). Copies of another database or site URL sharing the folder are theirs to remove."""
    removed = []
    directory = Path(settings.DATAFEED_DIR)
    abandoned = time.time() - ABANDONED_SECONDS
    context = _context()
    for path in directory.glob("*claimreview-feed-*"):
        found = NAME.match(path.name)
        if found is None or found["context"] != context or int(found["version"]) >= version:
            continue
        try:
            if path.name.startswith(".") and path.stat().st_mtime > abandoned:
                continue
            path.unlink()
        except FileNotFoundError:
            continue  # removed meanwhile by another build
        removed.append(path)
    return removed


@dataclass(frozen=True)
class Copy:
    file: BinaryIO
    packed: bool


def copies_apply(base_url: str) -> bool:
    """Whether the live document of this request holds the URLs the copies hold (those of ``SITE_URL``)."""
    prefix = get_script_prefix().rstrip("/")  # a build's is FORCE_SCRIPT_NAME's, a request's its server's
    return base_url == settings.SITE_URL and prefix == (settings.FORCE_SCRIPT_NAME or "").rstrip("/")


def current_copy(*, language: str, base_url: str, packed: bool) -> Copy | None:
    """The copy of the current content version, opened (gzipped if ``packed`` and written), or None.

    None when the request's URLs are not those of the copies, or when the copy is not written yet:
    a worker is then asked to write it (``DATAFEED_BUILD_ON_REQUEST``), once per version and
    language however many requests ask.
    """
    if not copies_apply(base_url):
        return None
    version = stored_version()
    candidates = [copy_path(version, language, packed=True)] if packed else []
    for path in [*candidates, copy_path(version, language)]:
        try:
            file = path.open("rb")
        except FileNotFoundError:
            continue  # not written yet, or removed a moment ago by a newer version's build
        return Copy(file=file, packed=path.suffix == ".gz")
    if settings.DATAFEED_BUILD_ON_REQUEST:
        request_build(version=version, language=language)
    return None


def request_build(*, version: int, language: str) -> Job:
    """Queue the job that writes the copy of ``version`` in ``language``, unless it was queued already."""
    key = f"{JOB_KIND}:{version}:{language}"
    job = Job.objects.filter(idempotency_key=key).first()
    if job is None:
        job = run_job(kind=JOB_KIND, params={"version": version, "language": language}, idempotency_key=key)
    return job
