"""The desk's roles: the groups "fact-checker" and "editor" with their model permissions.

Admins are superusers: they alone manage users and ratings. The permission lists are frozen here,
as a migration must be; ``claims.services.roles.ensure_roles`` keeps them current after every
later ``migrate``.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_ALL = [
    "view_article",
    "view_translationnote",
    "view_claimant",
    "view_topic",
    "view_rating",
    "view_source",
    "view_claim",
    "view_quantity",
    "view_evidence",
    "view_verdict",
    "view_correction",
    "view_updatenote",
]
FACT_CHECKER = VIEW_ALL + [
    "add_article",
    "change_article",
    "add_translationnote",
    "change_translationnote",
    "delete_translationnote",
    "add_claimant",
    "change_claimant",
    "add_source",
    "change_source",
    "add_claim",
    "change_claim",
    "add_quantity",
    "change_quantity",
    "delete_quantity",
    "add_evidence",
    "change_evidence",
    "delete_evidence",
    "add_verdict",
    "change_verdict",
]
EDITOR = FACT_CHECKER + [
    "review_claim",
    "publish_claim",
    "correct_verdict",
    "delete_claim",
    "delete_verdict",
    "delete_source",
    "add_topic",
    "change_topic",
    "add_correction",
    "change_correction",
    "add_updatenote",
    "change_updatenote",
    "delete_updatenote",
]
ROLES = {"fact-checker": FACT_CHECKER, "editor": EDITOR}


def create_roles(apps, schema_editor):
    # Permissions are normally created after the last migration; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        permissions = list(Permission.objects.filter(content_type__app_label="claims", codename__in=codenames))
        missing = set(codenames) - {p.codename for p in permissions}
        if missing:
            raise RuntimeError(f"permissions missing for the group {name}: {sorted(missing)}")
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_triggers"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
