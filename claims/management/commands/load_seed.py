from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.seed import DEFAULT_SEED, SeedError, load_seed


class Command(BaseCommand):
    help = "Load the seed article, its claims, verdicts and sources. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_SEED, help="Seed file (JSON).")

    def handle(self, *args, path: Path, **options):
        try:
            report = load_seed(path)
        except SeedError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(f"{path}: invalid data: {'; '.join(exc.messages)}") from exc
        self.stdout.write(f"Seed loaded from {path.name}: {report.summary()}.")
