import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from claims.intake import propose
from claims.intake.language import SUPPORTED_LANGUAGES
from claims.intake.scoring import THRESHOLD
from claims.intake.sources import SourceError, read_article


class Command(BaseCommand):
    help = (
        "Propose the check-worthy claims of an article (a URL, or a saved .html or .txt file): offsets, "
        "score and reasons, kind, speaker, quantities, dates and existing claims that say the same."
    )

    def add_arguments(self, parser):
        parser.add_argument("location", metavar="PATH_OR_URL", help="An http(s) URL, or a .html/.htm/.txt file.")
        parser.add_argument("--language", help="fr or en (detected when not given).")
        parser.add_argument("--format", default="text", help="text (default) or json.")
        parser.add_argument(
            "--published-on", help="YYYY-MM-DD: the article's date, against which « lundi » is resolved."
        )
        parser.add_argument(
            "--all", action="store_true", help=f"Text format: also list proposals scoring under {THRESHOLD}."
        )

    def handle(self, *args, location: str, language: str | None, format: str, published_on: str | None, **options):
        if language is not None and language not in SUPPORTED_LANGUAGES:
            raise CommandError(f"--language must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {language!r}")
        if format not in {"text", "json"}:
            raise CommandError(f"--format must be text or json, not {format!r}")
        published = None
        if published_on is not None:
            try:
                published = date.fromisoformat(published_on)
            except ValueError as exc:
                raise CommandError(f"--published-on must be a date as YYYY-MM-DD, not {published_on!r}") from exc
        try:
            article = read_article(location)
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        result = propose(
            article.text, language=language, published_on=published or article.published_on, find_similar=True
        )
        if format == "json":
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            return
        shown = result.proposals if options["all"] else result.check_worthy()
        self.stdout.write(f"Language: {result.language}; {len(result.check_worthy())} check-worthy proposal(s).")
        for proposal in shown:
            self.stdout.write(f"\n[{proposal.start}:{proposal.end}] {proposal.score:.2f} {proposal.kind}")
            self.stdout.write(f"  « {proposal.quote} »")
            if proposal.speaker:
                self.stdout.write(f"  speaker: {proposal.speaker}")
            self.stdout.write(f"  why: {'; '.join(proposal.reasons)}")
            for quantity in proposal.quantities:
                unit = f" {quantity.unit}" if quantity.unit else ""
                self.stdout.write(f"  figure: {quantity.text} = {quantity.value}{unit} ({quantity.qualifier})")
            for mention in proposal.dates:
                self.stdout.write(f"  date: {mention.text} = {mention.value}")
            for similar in proposal.similar:
                self.stdout.write(f"  similar: claim {similar.claim_id} ({similar.score:.2f})")
