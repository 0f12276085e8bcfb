from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.intake import checkworthiness


class Command(BaseCommand):
    help = (
        "Rank the lines of a debate or speech by check-worthiness. Reads the CheckThat! format "
        "(line_no<TAB>speaker<TAB>text, a fourth column ignored); prints line_no<TAB>score for every line."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, metavar="FILE")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        if not checkworthiness.available():
            raise CommandError(f"{checkworthiness.MODEL_PATH} is missing: run manage.py train_checkworthiness")
        try:
            lines, _labels = checkworthiness.read_checkthat(file)
        except (ValueError, UnicodeDecodeError) as exc:
            raise CommandError(str(exc).splitlines()[0]) from exc
        if not lines:
            raise CommandError(f"{file}: no line to score")
        for line, score in zip(lines, checkworthiness.score_lines(lines), strict=True):
            self.stdout.write(f"{line.number}\t{score:.6f}")
