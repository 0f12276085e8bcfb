import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.intake.checkworthiness import MODEL_PATH
from claims.intake.training import fit, load_debates

SHARED_DATA = Path(settings.BASE_DIR).parent / "shared" / "data"


class Command(BaseCommand):
    help = (
        "Rebuild the English check-worthiness model (claims/intake/model/checkworthiness_en.json) from the "
        "CheckThat! 2019 training debates and the 2018 English debates."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data", type=Path, default=SHARED_DATA, help=f"Folder of the data (default {SHARED_DATA})."
        )
        parser.add_argument("--output", type=Path, default=MODEL_PATH)

    def handle(self, *args, data: Path, output: Path, **options):
        folders = [data / "checkthat2019-train", data / "checkthat2018-en"]
        if not any(folder.is_dir() for folder in folders):
            raise CommandError(f"{data}: neither checkthat2019-train/ nor checkthat2018-en/ is there")
        try:
            debates = load_debates(*folders)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        model = fit(debates)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        lines = sum(len(debate.lines) for debate in debates)
        self.stdout.write(
            f"Trained on {len(debates)} debates ({lines} lines, {len(model['terms'])} n-grams); wrote {output}."
        )
