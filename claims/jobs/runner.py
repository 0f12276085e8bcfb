"""Starting a job (``run_job``) and running it on a worker (``execute_job``).

Starting writes the job's row, then hands its id to Celery once the row is committed. Running
claims the row first: a job that already succeeded or failed is never run again, so a message
delivered twice (a retry, a worker lost after finishing) does no work twice. A job still marked
running is taken over: its earlier worker was lost before it acknowledged the message.
"""

from __future__ import annotations

import json
import logging
import uuid
from functools import partial

from django.db import Error, InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import Job, JobStatus
from .progress import JobProgress
from .registry import get_job

logger = logging.getLogger(__name__)

# Errors of the connection, not of the job: the task is retried rather than the job failed.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


def run_job(*, kind: str, params: dict | None = None, user=None, idempotency_key: str = "") -> Job:
    """Queue one job; with a key already used, return that job instead of queuing another.

    Raises ``UnknownJob`` for a name no module registered and ``ValueError`` for parameters that
    are not JSON, before anything is written.
    """
    get_job(kind)
    params = params or {}
    try:
        json.dumps(params)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"job parameters must be JSON: {exc}") from exc
    key = idempotency_key or f"{kind}:{uuid.uuid4().hex}"
    with transaction.atomic():
        job, created = Job.objects.get_or_create(
            idempotency_key=key,
            defaults={"kind": kind, "params": params, "started_by": user if user and user.pk else None},
        )
        if created:
            transaction.on_commit(partial(_enqueue, job.pk))
    if not connection.in_atomic_block:
        job.refresh_from_db()  # in-process runs have finished by now
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import run_job_task

    try:
        run_job_task.apply_async(args=[job_id], task_id=f"job-{job_id}")
    except Error:
        raise  # in-process runs: the caller's database trouble is theirs to see
    except Exception as exc:  # noqa: BLE001 - the broker's client raises its own classes
        logger.exception("job %s could not be queued", job_id)
        _finish(job_id, JobStatus.FAILED, errors=[{"message": f"the job queue is unreachable: {exc}"}])


def _finish(job_id: int, status: str, **fields) -> None:
    Job.objects.filter(pk=job_id).update(status=status, finished_at=timezone.now(), **fields)


def claim(job_id: int, *, worker: str) -> Job | None:
    """Mark the job running on this worker; None when it is finished (or gone) already."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.RUNNING, worker=worker[:200], attempts=F("attempts") + 1, started_at=now
    )
    return Job.objects.get(pk=job_id) if claimed else None


def execute_job(*, job_id: int, worker: str) -> Job | None:
    """Run one queued job to its end and record the outcome; the body of the Celery task."""
    job = claim(job_id, worker=worker)
    if job is None:
        logger.info("job %s is finished or gone; this delivery does nothing", job_id)
        return None
    progress = JobProgress(job)
    try:
        fn = get_job(job.kind)
        rows = fn(params=job.params, progress=progress)
    except TRANSIENT_ERRORS:
        raise  # the task retries; the job stays running and is claimed again
    except Exception as exc:  # noqa: BLE001 - any failure of the job is recorded on it, not lost in a log
        if isinstance(exc, ValueError):  # by convention, bad parameters or data: the message says it all
            logger.warning("job %s (%s) failed: %s", job.pk, job.kind, exc)
        else:
            logger.exception("job %s (%s) failed", job.pk, job.kind)
        errors = [*progress.errors, {"message": str(exc) or type(exc).__name__, "type": type(exc).__name__}]
        _finish(job.pk, JobStatus.FAILED, errors=errors, rows_written=progress.rows_written)
    else:
        rows_written = rows if isinstance(rows, int) else progress.rows_written
        _finish(job.pk, JobStatus.SUCCEEDED, progress=100, rows_written=rows_written)
    job.refresh_from_db()
    return job


def give_up(job_id: int, exc: BaseException) -> None:
    """The task ran out of retries: the job failed, with the last error."""
    _finish(job_id, JobStatus.FAILED, errors=[{"message": f"gave up after retries: {exc}", "type": type(exc).__name__}])
