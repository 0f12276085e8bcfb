"""Which database a query goes to: the primary, or a read replica for anonymous reads.

The choice is made once per request by ``factcheck.middleware.ReplicaRoutingMiddleware`` and
kept in a context variable, so every query of that request reads from the same server. Outside
a request (commands, Celery jobs, the shell) the variable is unset and everything goes to the
primary. A request that writes switches itself to the primary for the rest of the request.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

PRIMARY = "default"

# Tables that are read right after they are written, by design: a session or token looked up on
# a replica could be a moment old; a job's progress is polled while a worker writes it; the content
# version names the DataFeed copy to serve, which must not be one older than the primary's content.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "authtoken", "admin"})
PRIMARY_ONLY_MODELS = frozenset({"claims.job", "claims.contentversion"})


@dataclass
class Routing:
    """The current request's read database; ``wrote`` turns true on its first write."""

    read_alias: str = PRIMARY
    wrote: bool = False


_routing: ContextVar[Routing | None] = ContextVar("database_routing", default=None)


def current() -> Routing | None:
    return _routing.get()


@contextmanager
def routing(read_alias: str):
    """Send this block's reads to ``read_alias`` (until the block writes)."""
    state = Routing(read_alias=read_alias)
    token = _routing.set(state)
    try:
        yield state
    finally:
        _routing.reset(token)


def _primary_only(model: Any) -> bool:
    meta = model._meta
    return meta.app_label in PRIMARY_ONLY_APPS or meta.label_lower in PRIMARY_ONLY_MODELS


class ReplicaRouter:
    """Reads where the request's routing says; writes and migrations on the primary only."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        state = _routing.get()
        if state is None or state.wrote or _primary_only(model):
            return PRIMARY
        return state.read_alias

    def db_for_write(self, model: Any, **hints: Any) -> str:
        state = _routing.get()
        if state is not None:
            state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # every alias holds the same data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY
