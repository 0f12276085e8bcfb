from django.core.management.base import BaseCommand, CommandError

from claims.exchange.liar import LiarFormatError, import_liar


class Command(BaseCommand):
    help = (
        "Load the LIAR dataset's TSV files as PolitiFact's external reviews, in bulk. All rows or none; "
        "safe to run again. Ends with the import time: from reading the files to the commit, Django's "
        "start-up excluded."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="LIAR .tsv file (train, valid, test).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar, even on a terminal.")

    def handle(self, *args, files: list[str], no_progress: bool, **options):
        try:
            report = import_liar(files, progress=False if no_progress else None)
        except LiarFormatError as exc:
            raise CommandError(f"{exc}; nothing was imported") from exc
        if report.found and report.unplaced == len(report.found):
            self.stderr.write(
                "No label was placed on our rating scale: it is not loaded (manage.py load_seed loads it); "
                "the labels are kept as PolitiFact's words."
            )
        rate = len(report.found) / report.elapsed if report.elapsed else 0
        self.stdout.write(f"LIAR import: {report.summary()} of import time ({rate:,.0f} statements/s).")
