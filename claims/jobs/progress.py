"""What a running job tells the desk: its percentage, the rows it wrote, its steps and its errors.

Each report is one UPDATE of the job's row, written only when the whole percentage changes (at
most about a hundred writes however many rows a job handles). A job that works inside one big
transaction should report between its transactions: reports made inside it become visible only
when it commits.
"""

from __future__ import annotations

from django.utils import timezone

from .models import Job

MAX_ERRORS_KEPT = 200


class JobProgress:
    def __init__(self, job: Job) -> None:
        self.job_id = job.pk
        self.percent = job.progress
        self.rows_written = job.rows_written
        self.log: list[dict] = list(job.log)
        self.errors: list[dict] = list(job.errors)

    def __call__(self, done: int, total: int, *, rows_written: int | None = None) -> None:
        """``done`` of ``total`` units handled so far; ``rows_written`` in all, when known."""
        percent = 100 if total <= 0 else max(0, min(100, done * 100 // total))
        changed_rows = rows_written is not None and rows_written != self.rows_written
        if rows_written is not None:
            self.rows_written = rows_written
        if percent != self.percent or changed_rows:
            self.percent = percent
            self._save(progress=self.percent, rows_written=self.rows_written)

    def note(self, message: str) -> None:
        """A step the desk should read in the job's log (“moved 12 pages into the search index”)."""
        self.log.append({"at": timezone.now().isoformat(timespec="seconds"), "message": message})
        self._save(log=self.log)

    def error(self, message: str, **detail) -> None:
        """A problem that did not stop the job, e.g. one refused row of an import."""
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append({"message": message, **detail})
            self._save(errors=self.errors)

    def _save(self, **fields) -> None:
        Job.objects.filter(pk=self.job_id).update(**fields)
