"""The editorial workflow: roles, a version on each edited row, and trigram search for similar claims.

- Groups "fact-checker" and "editor" with their model permissions (admins are superusers: they
  alone manage users and ratings). The permission lists are frozen here, as a migration must be.
- ``version`` on Claim, Verdict and Source: each save raises it, and a save based on an older
  version is refused (``claims.workflow.save_versioned``). SQLite adds a column by rebuilding the
  table, which drops the claim triggers of 0002 and trips over the article trigger that names
  ``claims_claim``: they are dropped first and created again after.
- PostgreSQL only: the pg_trgm extension and GIN trigram indexes on the claim's restatement and
  quote, which serve ``Claim.objects.similar_to()`` (the ``%`` operator).
"""

import importlib

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

offset_triggers = importlib.import_module("claims.migrations.0002_claim_offset_triggers")

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


TRIGRAM_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
    # Claim.objects.similar_to(): restatement % text OR quote % text.
    "CREATE INDEX claim_restatement_trgm_idx ON claims_claim USING gin (restatement gin_trgm_ops);",
    "CREATE INDEX claim_quote_trgm_idx ON claims_claim USING gin (quote gin_trgm_ops);",
]
TRIGRAM_REVERSE = [
    "DROP INDEX IF EXISTS claim_quote_trgm_idx;",
    "DROP INDEX IF EXISTS claim_restatement_trgm_idx;",
]


def run_on_postgresql(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_claim_offset_triggers"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="claim",
            options={
                "ordering": ["article", "start"],
                "permissions": [
                    ("review_claim", "Can review claims: reject them or send them back"),
                    ("publish_claim", "Can publish and unpublish claims"),
                ],
                "verbose_name": "claim",
                "verbose_name_plural": "claims",
            },
        ),
        migrations.AlterModelOptions(
            name="verdict",
            options={
                "ordering": ["-published_at", "-id"],
                "permissions": [("correct_verdict", "Can correct a published verdict")],
                "verbose_name": "verdict",
                "verbose_name_plural": "verdicts",
            },
        ),
        migrations.RunPython(
            offset_triggers.run({"sqlite": offset_triggers.SQLITE_REVERSE}),
            offset_triggers.run({"sqlite": offset_triggers.sqlite_forward()}),
        ),
        migrations.AddField(
            model_name="claim",
            name="version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Raised by every save; a save based on an older version is refused (no lost edits).",
                verbose_name="version",
            ),
        ),
        migrations.RunPython(
            offset_triggers.run({"sqlite": offset_triggers.sqlite_forward()}),
            offset_triggers.run({"sqlite": offset_triggers.SQLITE_REVERSE}),
        ),
        migrations.AddField(
            model_name="source",
            name="version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Raised by every save; a save based on an older version is refused (no lost edits).",
                verbose_name="version",
            ),
        ),
        migrations.AddField(
            model_name="verdict",
            name="version",
            field=models.PositiveIntegerField(
                default=1,
                editable=False,
                help_text="Raised by every save; a save based on an older version is refused (no lost edits).",
                verbose_name="version",
            ),
        ),
        migrations.RunPython(create_roles, delete_roles),
        migrations.RunPython(run_on_postgresql(TRIGRAM_FORWARD), run_on_postgresql(TRIGRAM_REVERSE)),
    ]
