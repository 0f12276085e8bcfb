"""Background jobs with no broker configured: they run in the process that starts them (``make run``).

The same jobs on a real Celery worker: tests/cluster/test_jobs.py.
"""

import pytest
from django.core.management import CommandError, call_command

from claims.jobs.registry import UnknownJob, job_kinds
from claims.jobs.runner import run_job
from claims.models import Claim, Job, JobStatus


@pytest.fixture
def run_now(db, django_capture_on_commit_callbacks):
    """``run_job`` as outside a test's transaction: the job is queued when its row commits."""

    def run(**kwargs) -> Job:
        with django_capture_on_commit_callbacks(execute=True):
            job = run_job(**kwargs)
        job.refresh_from_db()
        return job

    return run


def test_the_jobs_that_exist_today_are_registered():
    assert job_kinds() == ["build_datafeed", "load_seed", "search_reindex"]


def test_without_a_broker_a_job_runs_in_the_process_that_starts_it(run_now, superuser):
    job = run_now(kind="search_reindex", user=superuser)
    assert job.status == JobStatus.SUCCEEDED
    assert job.progress == 100
    assert job.worker.startswith("in-process@")
    assert job.started_by == superuser
    assert job.started_at <= job.finished_at
    assert job.log[-1]["message"] == f"refreshed the statistics of claims_claim ({Claim.objects.count()} claims)"


def test_an_import_job_counts_the_rows_it_wrote(seed, run_now):
    job = run_now(kind="load_seed", params={"file": "sochi_2022.json"})
    assert (job.status, job.rows_written) == (JobStatus.SUCCEEDED, 0)  # already loaded: nothing to write
    assert job.log[0]["message"] == "sochi_2022.json: created nothing; updated nothing"


def test_a_second_start_with_the_same_key_returns_the_first_job(run_now):
    first = run_now(kind="search_reindex", idempotency_key="nightly-2026-11-29")
    again = run_now(kind="search_reindex", idempotency_key="nightly-2026-11-29")
    assert again.pk == first.pk
    assert again.attempts == 1
    assert Job.objects.count() == 1


def test_a_failing_job_is_recorded_with_its_reason(run_now):
    job = run_now(kind="load_seed", params={"file": "../../factcheck/settings.py"})
    assert job.status == JobStatus.FAILED
    assert job.finished_at is not None
    assert job.errors == [
        {"message": "file must name a .json file of seed/; got '../../factcheck/settings.py'", "type": "ValueError"}
    ]


def test_an_unknown_job_is_refused_before_anything_is_written(db):
    with pytest.raises(UnknownJob, match="no job is named 'sitemap'"):
        run_job(kind="sitemap")
    assert not Job.objects.exists()


def test_parameters_that_are_not_json_are_refused(db):
    with pytest.raises(ValueError, match="job parameters must be JSON"):
        run_job(kind="search_reindex", params={"when": object()})
    assert not Job.objects.exists()


def test_the_command_refuses_an_unknown_job_in_one_line(db):
    with pytest.raises(
        CommandError, match="^no job is named 'nope'; known jobs: build_datafeed, load_seed, search_reindex$"
    ):
        call_command("start_job", "nope")


def test_the_command_fails_when_the_job_fails(transactional_db):
    with pytest.raises(CommandError, match=r"^job \d+ \(load_seed\) failed: cannot read .*missing\.json"):
        call_command("start_job", "load_seed", "--param", "file=missing.json")


def test_the_jobs_page_shows_progress_rows_and_errors(admin_client_fr, superuser, run_now):
    job = run_now(kind="load_seed", params={"file": "missing.json"}, user=superuser)
    changelist = admin_client_fr.get("/admin/claims/job/")
    assert changelist.status_code == 200
    assert "load_seed" in changelist.text
    page = admin_client_fr.get(f"/admin/claims/job/{job.pk}/change/")
    assert page.status_code == 200
    assert "missing.json" in page.text
    assert 'name="_save"' not in page.text  # read-only: the job writes its record, nobody else


def test_nobody_adds_or_edits_a_job_by_hand(admin_client_fr, superuser, run_now):
    job = run_now(kind="search_reindex", user=superuser)
    assert admin_client_fr.get("/admin/claims/job/add/").status_code == 403
    response = admin_client_fr.post(f"/admin/claims/job/{job.pk}/change/", {"kind": "load_seed"})
    assert response.status_code == 403
    job.refresh_from_db()
    assert job.kind == "search_reindex"


@pytest.mark.parametrize("member", ["editor", "fact_checker"])
def test_the_desk_sees_the_jobs_page(db, client, member, request):
    client.force_login(request.getfixturevalue(member))
    assert client.get("/admin/claims/job/").status_code == 200
