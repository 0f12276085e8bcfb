"""The jobs a worker knows how to run, by name.

A job is a function ``fn(*, params: dict, progress: JobProgress) -> int | None``: it does its
work, calls ``progress(done, total)`` as it goes, and returns the number of rows it wrote (or
reports them through ``progress``). It must be safe to run again from the start: a worker that
dies mid-job hands the job to another worker, which calls the function again.

Register with the decorator in a module listed in ``JOB_MODULES`` below (or in the
``JOB_MODULES`` setting, for other apps), e.g. an import of other fact-checkers' reviews::

    def import_claimreview(*, params, progress):
        ...

    register_job("import_claimreview", import_claimreview)

then start it with ``run_job(kind="import_claimreview", params={...}, user=request.user)``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

from django.conf import settings

if TYPE_CHECKING:
    from .progress import JobProgress

JOB_MODULES = ["claims.jobs.builtin"]


class JobFunction(Protocol):
    def __call__(self, *, params: dict, progress: JobProgress) -> int | None: ...


class UnknownJob(LookupError):
    """No job is registered under that name."""


_registry: dict[str, JobFunction] = {}
_loaded = False


def register_job(kind: str, fn: JobFunction | None = None):
    """``register_job("name", fn)``, or ``@register_job("name")`` above the function."""

    def decorator(fn: JobFunction) -> JobFunction:
        existing = _registry.get(kind)
        if existing is not None and existing is not fn:
            raise ValueError(f"a job named {kind!r} is already registered ({existing.__module__})")
        _registry[kind] = fn
        return fn

    return decorator(fn) if fn is not None else decorator


def _load_modules() -> None:
    global _loaded
    if not _loaded:
        for module in [*JOB_MODULES, *getattr(settings, "JOB_MODULES", [])]:
            importlib.import_module(module)
        _loaded = True


def get_job(kind: str) -> JobFunction:
    _load_modules()
    try:
        return _registry[kind]
    except KeyError:
        raise UnknownJob(f"no job is named {kind!r}; known jobs: {', '.join(sorted(_registry))}") from None


def job_kinds() -> list[str]:
    _load_modules()
    return sorted(_registry)
