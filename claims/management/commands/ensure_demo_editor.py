import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from claims.services.roles import EDITOR


class Command(BaseCommand):
    help = (
        "Create (or reset) the local demo editor account (staff, in the editor group) and print its password. "
        "For development only: it refuses to run without DEBUG."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editeur")

    def handle(self, *args, username: str, **options):
        if not settings.DEBUG:
            raise CommandError("the demo editor is for development only: run with DEBUG=1 (never in production)")
        User = get_user_model()
        password = secrets.token_urlsafe(12)
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": "Demo", "last_name": "Editor"}
        )
        user.is_staff = True
        user.is_superuser = False
        user.is_active = True
        user.set_password(password)
        user.save()
        try:
            user.groups.add(Group.objects.get(name=EDITOR))
        except Group.DoesNotExist as exc:
            raise CommandError(f"the group {EDITOR!r} does not exist: run `manage.py migrate` first") from exc
        verb = "Created" if created else "Reset the password of"
        self.stdout.write(f"{verb} the demo editor account: username {username!r}, password {password!r}")
