from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = _("Fact-checking")

    def ready(self) -> None:
        from .search.fulltext import register_sqlite_functions
        from .services.roles import ensure_roles

        connection_created.connect(register_sqlite_functions, dispatch_uid="claims_sqlite_functions")
        # After every migrate and flush (tests in real transactions flush), after the permissions exist.
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="claims_ensure_roles")
