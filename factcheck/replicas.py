"""Health and lag of the read replicas, measured at most every ``REPLICA_CHECK_SECONDS`` per process.

A replica is usable when it answers, is still in recovery (a promoted server is no longer a
copy of the primary) and is at most ``REPLICA_MAX_LAG_SECONDS`` behind. Lag is zero when the
replica has replayed the primary's current WAL position; otherwise it is the age of the last
transaction it replayed, PostgreSQL's usual conservative figure (after a long quiet spell a
fresh write makes it large for a moment, which only sends reads to the primary).

Requests never wait for each other: one thread measures while the others use the last figures.
"""

from __future__ import annotations

import contextlib
import logging
import random
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import Error, connections

from .routers import PRIMARY

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReplicaState:
    alias: str
    ok: bool
    lag_seconds: float | None
    error: str
    checked_at: float  # time.monotonic()

    @property
    def usable(self) -> bool:
        return self.ok and self.lag_seconds is not None and self.lag_seconds <= settings.REPLICA_MAX_LAG_SECONDS

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "lag_seconds": None if self.lag_seconds is None else round(self.lag_seconds, 3),
            "in_use": self.usable,
            "error": self.error or None,
        }


_states: dict[str, ReplicaState] = {}
_measuring = threading.Lock()


def _primary_wal_position() -> str:
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


def measure(alias: str, primary_position: str | None = None) -> ReplicaState:
    """Ask one replica how far behind the primary it is (two small queries, one per server)."""
    try:
        position = primary_position or _primary_wal_position()
        with connections[alias].cursor() as cursor:
            cursor.execute(
                "SELECT pg_is_in_recovery(),"
                " pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn()),"
                " EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())",
                [position],
            )
            in_recovery, bytes_behind, age = cursor.fetchone()
    except Error as exc:
        connections[alias].close_if_unusable_or_obsolete()
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return ReplicaState(alias, False, None, first_line, time.monotonic())
    if not in_recovery:
        return ReplicaState(alias, False, None, "not a replica: the server is not in recovery", time.monotonic())
    if bytes_behind is not None and bytes_behind <= 0:
        lag = 0.0  # it has replayed everything the primary had written when asked
    elif age is not None:
        lag = float(age)
    else:
        lag = None  # nothing replayed yet: unknown, so unused
    return ReplicaState(alias, True, lag, "", time.monotonic())


def refresh() -> dict[str, ReplicaState]:
    """Measure every replica now; the primary's WAL position is read once for all of them."""
    if not settings.DATABASE_REPLICAS:
        return {}
    try:
        position = _primary_wal_position()
    except Error as exc:
        connections[PRIMARY].close_if_unusable_or_obsolete()
        now = time.monotonic()
        reason = f"the primary does not answer: {str(exc).strip()[:200]}"
        states = {alias: ReplicaState(alias, False, None, reason, now) for alias in settings.DATABASE_REPLICAS}
    else:
        states = {alias: measure(alias, position) for alias in settings.DATABASE_REPLICAS}
    for state in states.values():
        previous = _states.get(state.alias)
        if previous is not None and previous.usable != state.usable:
            logger.warning("replica %s is %s (%s)", state.alias, "back in use" if state.usable else "skipped", state)
    _states.update(states)
    return states


def states() -> dict[str, ReplicaState]:
    """The replicas' last known states, re-measured first when older than REPLICA_CHECK_SECONDS."""
    if not settings.DATABASE_REPLICAS:
        return {}
    now = time.monotonic()
    stale = not _states or any(now - s.checked_at >= settings.REPLICA_CHECK_SECONDS for s in _states.values())
    if stale and _measuring.acquire(blocking=False):
        try:
            refresh()
        finally:
            _measuring.release()
    return dict(_states)


def pick() -> str | None:
    """A usable replica for this request, or None to read from the primary."""
    usable = [alias for alias, state in states().items() if state.usable]
    return random.choice(usable) if usable else None


def behind(alias: str) -> bool:
    """Whether the replica was behind the primary at its last measure (or has never been measured)."""
    state = _states.get(alias)
    return state is None or state.lag_seconds is None or state.lag_seconds > 0


def mark_down(alias: str, reason: str) -> None:
    """A request found the replica broken: skip it until the next measure says otherwise."""
    logger.warning("replica %s failed during a request, reads go to the primary: %s", alias, reason)
    _states[alias] = ReplicaState(alias, False, None, reason, time.monotonic())
    with contextlib.suppress(Error):
        connections[alias].close()


def answers(alias: str) -> bool:
    """Whether the replica takes a new connection and a trivial query now (after an error, to find its origin)."""
    with contextlib.suppress(Error):
        connections[alias].close()  # the request's connection may be the broken part, not the server
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Error:
        with contextlib.suppress(Error):
            connections[alias].close()
        return False
