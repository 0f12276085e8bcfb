from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from claims.intake.evaluation import evaluate, load_annotated
from claims.intake.training import leave_one_out, load_debates
from claims.seed import DEFAULT_SEED

GOLD_DIR = Path(settings.BASE_DIR) / "tests" / "data" / "intake"
CHECKTHAT_2019 = Path(settings.BASE_DIR).parent / "shared" / "data" / "checkthat2019-train"


class Command(BaseCommand):
    help = (
        "Score the intake: recall and precision on the seed article and on the gold set of tests/data/intake, "
        "and the leave-one-debate-out MAP of the English check-worthiness model on CheckThat! 2019."
    )

    def add_arguments(self, parser):
        parser.add_argument("--skip-map", action="store_true", help="Leave out the slow leave-one-debate-out MAP.")
        parser.add_argument("--details", action="store_true", help="List missed claims and false alarms.")

    def handle(self, *args, skip_map: bool, details: bool, **options):
        articles = [DEFAULT_SEED, *sorted(GOLD_DIR.glob("*.json"))]
        found = total = correct = proposed = exact = quantities = 0
        for path in articles:
            evaluation = evaluate(load_annotated(path))
            self.stdout.write(evaluation.summary())
            if details:
                for claim in evaluation.missed:
                    self.stdout.write(f"    missed: {claim.quote}")
                for proposal in evaluation.false_alarms:
                    self.stdout.write(f"    false alarm ({proposal.score:.2f}): {proposal.quote}")
                for wrong in evaluation.wrong_quantities:
                    self.stdout.write(f"    quantity: expected {wrong['expected']}, parsed {wrong['parsed']}")
            if path != DEFAULT_SEED:
                found, total = found + evaluation.found, total + evaluation.total
                correct, proposed = correct + evaluation.correct, proposed + evaluation.proposed
                exact, quantities = exact + evaluation.quantities_exact, quantities + evaluation.quantities_total
        if total:
            self.stdout.write(
                f"Gold set overall: recall {found / total:.0%} ({found}/{total}), "
                f"precision {correct / max(proposed, 1):.0%} ({correct}/{proposed}), "
                f"quantities exact {exact}/{quantities}"
            )
        if skip_map:
            return
        if not CHECKTHAT_2019.is_dir():
            self.stdout.write(f"{CHECKTHAT_2019} is not here: no leave-one-debate-out MAP.")
            return
        mean, per_debate = leave_one_out(load_debates(CHECKTHAT_2019))
        for name, precision in per_debate.items():
            self.stdout.write(f"  {name}: AP {precision:.3f}")
        self.stdout.write(f"CheckThat! 2019, leave-one-debate-out MAP over {len(per_debate)} debates: {mean:.4f}")
