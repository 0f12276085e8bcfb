"""The one Celery task: run a claims.Job by id. Found by the worker through autodiscovery."""

from __future__ import annotations

import socket

from factcheck.celery import app

from .runner import TRANSIENT_ERRORS, execute_job, give_up

MAX_RETRIES = 5


@app.task(bind=True, name="claims.jobs.run", acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def run_job_task(self, job_id: int) -> None:
    worker = f"in-process@{socket.gethostname()}" if self.request.is_eager else self.request.hostname
    try:
        execute_job(job_id=job_id, worker=worker)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= MAX_RETRIES:
            give_up(job_id, exc)
            return
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
