"""Jobs on a real Celery worker (a separate process, Redis as broker): progress, outcome, idempotence."""

from __future__ import annotations

import re
import uuid

import pytest

from .harness import base_env, manage, start_worker, wait_until

pytestmark = [pytest.mark.postgresql, pytest.mark.cluster]

JOB_COLUMNS = "status, progress, rows_written, worker, attempts, log, errors, finished_at"


@pytest.fixture(scope="module")
def env(data_tier, desk):
    return base_env(data_tier, DATABASE_REPLICA_URLS="")


@pytest.fixture(scope="module")
def worker(env):
    process = start_worker("test-worker", env)
    yield process
    process.stop()


def start_job(env, kind: str, *args: str) -> int:
    """``manage.py start_job``, as an operator would; returns the job's id."""
    try:
        output = manage(env, "start_job", kind, *args)
    except RuntimeError as error:
        # The worker may have run the job, and failed it, before the command looked again: the command
        # then says so and exits non-zero, which is what an operator should see.
        failed = re.search(rf"job (\d+) \({kind}\) failed: ", str(error))
        if failed is None:
            raise
        return int(failed[1])
    job_id, name, status, _percent = output.split()
    assert name == kind
    # A broker is configured: the command only queues (the worker may have taken the job already).
    assert status in {"queued", "running", "succeeded"}
    return int(job_id)


def finished_job(data_tier, job_id: int) -> dict:
    def finished():
        rows = data_tier.primary(f"SELECT {JOB_COLUMNS} FROM claims_job WHERE id = %s", (job_id,))
        return rows and rows[0][0] in {"succeeded", "failed"} and rows[0]

    row = wait_until(finished, seconds=60, what=f"job {job_id} finished")
    return dict(zip([c.strip() for c in JOB_COLUMNS.split(",")], row, strict=True))


def test_a_job_runs_on_the_worker_and_reports_its_progress(data_tier, env, worker):
    job = finished_job(data_tier, start_job(env, "search_reindex"))
    assert job["status"] == "succeeded"
    assert job["progress"] == 100
    assert job["worker"].startswith("test-worker@")
    assert job["attempts"] == 1
    assert job["errors"] == []
    steps = [entry["message"] for entry in job["log"]]
    assert steps[0].startswith("moved ") and "pending page(s) into the search index" in steps[0]
    assert steps[1] == "refreshed the statistics of claims_claim (22 claims)"


def test_an_import_job_reports_the_rows_it_wrote(data_tier, env, worker):
    data_tier.primary("DELETE FROM claims_translationnote")
    job = finished_job(data_tier, start_job(env, "load_seed", "--param", "file=sochi_2022.json"))
    assert job["status"] == "succeeded"
    assert job["rows_written"] == 6
    assert "created 6 translationnote" in job["log"][0]["message"]


def test_starting_a_job_again_with_its_key_runs_nothing_more(data_tier, env, worker):
    key = f"reindex-{uuid.uuid4().hex}"
    job_id = start_job(env, "search_reindex", "--key", key)
    first = finished_job(data_tier, job_id)
    again = manage(env, "start_job", "search_reindex", "--key", key).split()
    assert again[:3] == [str(job_id), "search_reindex", "succeeded"]
    assert finished_job(data_tier, job_id) == first
    assert data_tier.primary("SELECT count(*) FROM claims_job WHERE idempotency_key = %s", (key,)) == [(1,)]


def test_a_message_delivered_twice_runs_the_job_once(data_tier, env, worker):
    job_id = start_job(env, "search_reindex")
    first = finished_job(data_tier, job_id)
    # The broker delivers the same job again (a retry, a worker lost after finishing)...
    manage(env, "shell", "-c", f"from claims.jobs.tasks import run_job_task; run_job_task.delay({job_id})")
    # ...then a later job: the worker takes messages in order, one at a time.
    finished_job(data_tier, start_job(env, "search_reindex"))
    assert finished_job(data_tier, job_id) == first
    assert first["attempts"] == 1


def test_a_failed_job_records_why(data_tier, env, worker):
    job = finished_job(data_tier, start_job(env, "load_seed", "--param", "file=missing.json"))
    assert job["status"] == "failed"
    assert job["finished_at"] is not None
    assert job["errors"][-1]["message"].startswith("cannot read ")
    assert "missing.json" in job["errors"][-1]["message"]
