import json

from django.core.management.base import BaseCommand, CommandError

from claims.jobs.models import JobStatus
from claims.jobs.registry import UnknownJob, job_kinds
from claims.jobs.runner import run_job


def _param(text: str) -> tuple[str, object]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise CommandError(f"--param takes NAME=VALUE; got {text!r}")
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value  # a bare word is a string


class Command(BaseCommand):
    help = (
        "Start a background job (a Celery worker runs it; with no broker configured, this process does) "
        "and print its id. Follow it on the admin's jobs page."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help="The job's name; --list shows them.", nargs="?")
        parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="A job parameter.")
        parser.add_argument("--key", default="", help="Idempotency key: a second start with the same key runs nothing.")
        parser.add_argument("--list", action="store_true", help="List the registered jobs.")

    def handle(self, *args, kind: str | None, param: list[str], key: str, list: bool, **options):
        if list:
            self.stdout.write("\n".join(job_kinds()))
            return
        if not kind:
            raise CommandError("name a job to start (--list shows them)")
        params = dict(_param(text) for text in param)
        try:
            job = run_job(kind=kind, params=params, idempotency_key=key)
        except (UnknownJob, ValueError) as exc:
            raise CommandError(str(exc).strip("'\"")) from exc
        if job.status == JobStatus.FAILED:
            reason = job.errors[-1]["message"] if job.errors else "no reason recorded"
            raise CommandError(f"job {job.pk} ({job.kind}) failed: {reason}")
        self.stdout.write(f"{job.pk} {job.kind} {job.status} {job.progress}%")
