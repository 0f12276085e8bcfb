"""``manage.py create_desk_account NAME --role editor``: a fact-checker's or an editor's account."""

import secrets

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.services import roles


class Command(BaseCommand):
    help = (
        "Create a desk account (staff, in the fact-checker or editor group) and print its password; "
        "run again to reset the password."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=roles.DESK_ROLES, default=roles.EDITOR)
        parser.add_argument("--password", help="the password to set (default: a new random one, printed)")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    @transaction.atomic
    def handle(self, *args, username: str, role: str, password: str | None, first_name: str, last_name: str, **options):
        if not username.strip():
            raise CommandError("the username is empty: give one, e.g. NAME=alice")
        password = password or secrets.token_urlsafe(12)
        try:
            user = roles.create_member(
                username=username.strip(), role=role, password=password, first_name=first_name, last_name=last_name
            )
        except (ValueError, LookupError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{role} account {user.username!r} ready: password {password!r}")
