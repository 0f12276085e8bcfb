"""Background jobs (claims/jobs/): the Job table, and the jobs page opened to the desk's two roles."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# The desk follows its imports and reindexing on the jobs page; only the jobs themselves write it.
JOB_VIEWERS = ["fact-checker", "editor"]


def let_the_desk_see_jobs(apps, schema_editor):
    # Permissions are normally created after the last migration; the groups need this one now.
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view_job = Permission.objects.get(content_type__app_label="claims", codename="view_job")
    for group in Group.objects.filter(name__in=JOB_VIEWERS):
        group.permissions.add(view_job)


def hide_jobs_from_the_desk(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(content_type__app_label="claims", codename="view_job"):
        permission.group_set.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0005_exchange"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Job",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        help_text="The registered job that runs, e.g. load_seed.", max_length=100, verbose_name="kind"
                    ),
                ),
                ("params", models.JSONField(blank=True, default=dict, verbose_name="parameters")),
                (
                    "idempotency_key",
                    models.CharField(
                        help_text="Starting a job again with the same key returns this job instead of running it twice.",
                        max_length=200,
                        unique=True,
                        verbose_name="idempotency key",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "queued"),
                            ("running", "running"),
                            ("succeeded", "succeeded"),
                            ("failed", "failed"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("progress", models.PositiveSmallIntegerField(default=0, verbose_name="progress (%)")),
                ("rows_written", models.PositiveIntegerField(default=0, verbose_name="rows written")),
                (
                    "log",
                    models.JSONField(
                        blank=True, default=list, help_text="What the job did, step by step.", verbose_name="log"
                    ),
                ),
                ("errors", models.JSONField(blank=True, default=list, verbose_name="errors")),
                ("worker", models.CharField(blank=True, max_length=200, verbose_name="worker")),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="attempts")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="queued at")),
                ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="started at")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="finished at")),
                (
                    "started_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="started by",
                    ),
                ),
            ],
            options={
                "verbose_name": "background job",
                "verbose_name_plural": "background jobs",
                "ordering": ["-created_at", "-id"],
                "indexes": [models.Index(fields=["status", "-created_at"], name="job_status_created_idx")],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("progress__lte", 100)), name="job_progress_at_most_100"),
                    models.CheckConstraint(
                        condition=models.Q(("status__in", ["queued", "running", "succeeded", "failed"])),
                        name="job_status_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("finished_at__isnull", False), ("status__in", ["succeeded", "failed"])),
                            models.Q(("finished_at__isnull", True), ("status__in", ["queued", "running"])),
                            _connector="OR",
                        ),
                        name="job_finished_exactly_when_done",
                    ),
                ],
            },
        ),
        migrations.RunPython(let_the_desk_see_jobs, hide_jobs_from_the_desk),
    ]
