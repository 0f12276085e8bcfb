from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from claims import datafeed
from claims.claimreview import REVIEW_LANGUAGES
from claims.services.publication import stored_version


class Command(BaseCommand):
    help = (
        "Write the ClaimReview DataFeed of the current content version to DATAFEED_DIR, plain and gzipped, "
        "which /api/v1/claimreview/feed then serves until the next change of published content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language", choices=[*REVIEW_LANGUAGES, "all"], default="all", help="One language, or all (the default)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Write the copies again even if this version's are there."
        )

    def handle(self, *args, language: str, force: bool, **options):
        languages = REVIEW_LANGUAGES if language == "all" else [language]
        try:
            version = stored_version()
            for code in languages:
                if not force and all(
                    datafeed.copy_path(version, code, packed=packed).exists() for packed in (False, True)
                ):
                    self.stdout.write(f"version {version}, {code}: already written (--force writes it again)")
                    continue
                built = datafeed.build(version=version, language=code)
                self.stdout.write(f"version {version}, {built.summary()}")
        except OSError as exc:
            raise CommandError(f"cannot write to {settings.DATAFEED_DIR}: {exc.strerror or exc}") from exc
        except DatabaseError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise CommandError(f"the database: {reason}") from exc
