from django.core.management.base import BaseCommand, CommandError

from claims.exchange.liar import LiarFormatError, import_liar


class Command(BaseCommand):
    help = (
        "Load the LIAR dataset's TSV files as PolitiFact's external reviews, in bulk. All rows or none; "
        "safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="LIAR .tsv file (train, valid, test).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar, even on a terminal.")

    def handle(self, *args, files: list[str], no_progress: bool, **options):
        try:
            report = import_liar(files, progress=False if no_progress else None)
        except LiarFormatError as exc:
            raise CommandError(f"{exc}; nothing was imported") from exc
        self.stdout.write(f"LIAR import: {report.summary()}.")
