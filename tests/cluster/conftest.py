"""Fixtures of the cluster tests: they run with ``make test-cluster`` (``pytest -m cluster``) only.

The session starts the data tier with ``deploy/cluster/data.sh`` (or reuses a running one), makes
a fresh test database on its primary, and stops the tier at the end if it was not running before.
"""

from __future__ import annotations

import os

import pytest
import redis

from .harness import (
    REDIS_BROKER_DB,
    REDIS_CACHE_DB,
    REDIS_PORT,
    REDIS_SECOND_CACHE_DB,
    DataTier,
    data_sh,
    prepare_database,
    start_data_tier,
)


def pytest_collection_modifyitems(config, items):
    """Skipped before any fixture starts a server: unless selected with ``-m cluster``, and on SQLite runs."""
    expression = config.option.markexpr or ""
    if "cluster" not in expression or "not cluster" in expression:
        reason = "needs the replica cluster: run `make test-cluster`"
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        reason = "needs PostgreSQL (DATABASE_URL), as the rest of the PostgreSQL run"
    else:
        return
    for item in items:
        if item.get_closest_marker("cluster"):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def data_tier() -> DataTier:
    tier = start_data_tier()
    for db in (REDIS_CACHE_DB, REDIS_BROKER_DB, REDIS_SECOND_CACHE_DB):
        redis.Redis(port=REDIS_PORT, db=db).flushdb()
    yield tier
    if not tier.was_running:
        data_sh("stop")


@pytest.fixture(scope="session")
def desk(data_tier) -> dict[str, str]:
    """The test database, and the desk account that writes to it: username, password, API token."""
    return prepare_database(data_tier)
