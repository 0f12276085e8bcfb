"""The jobs that exist today. Imports and intake register theirs the same way (see ``registry``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection

from .. import datafeed
from ..claimreview import REVIEW_LANGUAGES
from ..seed import SEED_DIR, SeedError, load_seed
from ..services.publication import stored_version
from .progress import JobProgress
from .registry import register_job

SEARCH_INDEX = "claim_search_vector_idx"


@register_job("search_reindex")
def search_reindex(*, params: dict, progress: JobProgress) -> int:
    """Bring the claims' search index and statistics up to date, typically after a bulk import.

    On PostgreSQL, new rows wait in the GIN index's pending list until a vacuum; a search then
    scans that list linearly. This moves them into the index proper, then refreshes the planner
    statistics of the claims table so that searches and filters keep choosing their indexes.
    Both are online operations: reads and writes carry on meanwhile. Writes no table rows.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
            pages = cursor.fetchone()[0]
            progress.note(f"moved {pages} pending page(s) into the search index {SEARCH_INDEX}")
        progress(1, 2)
        cursor.execute("ANALYZE claims_claim")
        cursor.execute("SELECT COUNT(*) FROM claims_claim")
        progress.note(f"refreshed the statistics of claims_claim ({cursor.fetchone()[0]} claims)")
    progress(2, 2)
    return 0


@register_job("load_seed")
def load_seed_file(*, params: dict, progress: JobProgress) -> int:
    """Load a seed file of ``claims/seed/`` (the shape of ``load_seed``), all or nothing.

    Re-runnable: the loader upserts by natural key, so a second run writes nothing. ``params``:
    ``{"file": "sochi_2022.json"}`` (the default); only files of that folder are accepted.
    """
    name = params.get("file", "sochi_2022.json")
    path = (SEED_DIR / str(name)).resolve()
    if path.parent != SEED_DIR.resolve() or path.suffix != ".json":
        raise ValueError(f"file must name a .json file of {SEED_DIR.name}/; got {name!r}")
    try:
        report = load_seed(path)
    except ValidationError as exc:
        raise ValueError(f"{path.name}: invalid data: {'; '.join(exc.messages)}") from exc
    except SeedError as exc:
        raise ValueError(str(exc)) from exc
    rows = sum(report.created.values()) + sum(report.updated.values())
    progress.note(f"{path.name}: {report.summary()}")
    progress(1, 1, rows_written=rows)
    return rows


@register_job(datafeed.JOB_KIND)
def build_datafeed(*, params: dict, progress: JobProgress) -> int:
    """Write the DataFeed's copy on disk of one content version in one language (``claims.datafeed``).

    ``params``: ``{"version": 1764500000000, "language": "fr"}``, as the feed's view asks for it when
    it finds no copy of the current version. A version that is no longer the current one is not
    written: its copy would never be served. Writes no table rows.
    """
    language = params.get("language")
    if language not in REVIEW_LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(REVIEW_LANGUAGES)}; got {language!r}")
    version, current = int(params["version"]), stored_version()
    if version != current:
        progress.note(f"version {version} is no longer the current one ({current}): nothing written")
        return 0
    progress.note(datafeed.build(version=version, language=language).summary())
    return 0
