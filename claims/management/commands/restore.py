from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims import backup


class Command(BaseCommand):
    help = "Replace the database's content with a backup made by `manage.py backup` (stop the app servers first)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file")

    def handle(self, *args, path: str, **options):
        try:
            backup.restore(Path(path))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored the database from {path}")
