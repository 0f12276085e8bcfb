import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims import backup


class Command(BaseCommand):
    help = "Write a consistent copy of the database (PostgreSQL: pg_dump -Fc; SQLite: its online backup)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="the file to write (default: backups/factcheck-<time>.<suffix>)")

    def handle(self, *args, path: str | None, **options):
        target = (
            Path(path) if path else Path("backups") / f"factcheck-{dt.datetime.now():%Y%m%d-%H%M%S}{backup.suffix()}"
        )
        try:
            written = backup.backup(target)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backed up the database to {written} ({written.stat().st_size:,} bytes)")
