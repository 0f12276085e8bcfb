import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, IntegrityError
from tqdm import tqdm

from claims.synthetic import generate_claims


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Write N realistic published claims (LIAR statements and variations) with their verdicts, "
        "sources, quantities and articles, through the bulk path: all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=positive, help="How many claims (at least 1).")
        parser.add_argument("--seed", type=int, default=0, help="The same seed gives the same claims (default 0).")
        parser.add_argument("--batch", type=positive, default=10_000, help="Rows per COPY or INSERT batch.")
        parser.add_argument(
            "--offline",
            action="store_true",
            help="The database serves no one yet (PostgreSQL): build the tables' plain indexes and check their "
            "foreign keys once after the load rather than row by row. Faster; the tables stay locked until the end.",
        )

    def handle(self, *args, count: int, seed: int, batch: int, offline: bool, **options):
        bar = tqdm(total=count, unit="claims", unit_scale=True, disable=not sys.stderr.isatty(), file=sys.stderr)
        done = 0

        def progress(written) -> None:
            nonlocal done
            claims = written["claims.Claim"]
            bar.update(claims - done)
            done = claims

        started = time.monotonic()
        try:
            written = generate_claims(count=count, seed=seed, batch_size=batch, progress=progress, offline=offline)
        except DatabaseError as exc:
            reason = str(exc).strip().splitlines()[0]
            if isinstance(exc, IntegrityError) and ("_key" in reason or "UNIQUE" in reason):
                reason += f" (claims of --seed {seed} are already here: pick another seed)"
            raise CommandError(f"nothing was written: {reason}") from exc
        finally:
            bar.close()
        elapsed = time.monotonic() - started
        rows = ", ".join(f"{n:,} {label.split('.')[-1].lower()}" for label, n in sorted(written.items()))
        self.stdout.write(
            f"Wrote {written.get('claims.Claim', 0):,} claims in {elapsed:.1f} s "
            f"({written.get('claims.Claim', 0) / elapsed:,.0f} claims/s): {rows}."
        )
