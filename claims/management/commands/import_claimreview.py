from django.core.management.base import BaseCommand, CommandError

from claims.exchange.importer import import_claimreview


class Command(BaseCommand):
    help = (
        "Import other publishers' ClaimReview from files, folders or URLs (web pages, JSON, DataFeeds, "
        "Fact Check Tools responses). Safe to run again: a review is known by its URL."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="PATH_OR_URL", help="File, folder or http(s) URL.")
        parser.add_argument(
            "--base-url",
            default="",
            help="Address the files were saved from, to resolve relative review URLs (e.g. https://www.estadao.com.br).",
        )
        parser.add_argument("--no-match", action="store_true", help="Do not propose matches with our claims.")

    def handle(self, *args, sources: list[str], base_url: str, no_match: bool, **options):
        report = import_claimreview(sources, base_url=base_url, propose=not no_match)
        for problem in report.skipped:
            self.stderr.write(f"skipped {problem}")
        for problem in report.failed:
            self.stderr.write(f"unreadable {problem}")
        self.stdout.write(f"ClaimReview import: {report.summary()}.")
        if report.failed:
            names = ", ".join(problem.where for problem in report.failed)
            raise CommandError(f"{len(report.failed)} of the sources could not be read: {names}")
