import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create (or reset) the local demo editor account and print its password. For development only."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editeur")

    def handle(self, *args, username: str, **options):
        User = get_user_model()
        password = secrets.token_urlsafe(12)
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": "Demo", "last_name": "Editor"}
        )
        user.is_staff = True
        user.is_superuser = True
        user.is_active = True
        user.set_password(password)
        user.save()
        verb = "Created" if created else "Reset the password of"
        self.stdout.write(f"{verb} the demo editor account: username {username!r}, password {password!r}")
