"""External reviews: other publishers' ClaimReview and the LIAR statements, kept as theirs.

Also gives the editorial groups of 0003 their rights on them: fact-checkers read and import,
editors also change them (confirm or reject a proposed match).
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import claims.models.external

ROLE_PERMISSIONS = {
    "fact-checker": ["view_externalreview", "add_externalreview"],
    "editor": ["view_externalreview", "add_externalreview", "change_externalreview"],
}


def grant_roles(apps, schema_editor):
    # Permissions are normally created after the last migration; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*Permission.objects.filter(content_type__app_label="claims", codename__in=codenames))


def revoke_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0004_postgresql_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ExternalReview",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "url",
                    models.URLField(
                        help_text="The review as its publisher published it; one row per URL, so a new import updates it.",
                        max_length=1000,
                        verbose_name="URL",
                    ),
                ),
                ("publisher_name", models.CharField(max_length=200, verbose_name="publisher")),
                (
                    "publisher_site",
                    models.CharField(
                        blank=True,
                        help_text="Host of the review, without “www.”, e.g. factuel.afp.com.",
                        max_length=200,
                        verbose_name="publisher's site",
                    ),
                ),
                ("title", models.CharField(blank=True, max_length=500, verbose_name="title")),
                (
                    "textual_rating",
                    models.TextField(
                        blank=True,
                        help_text="The publisher's own words, kept as they are.",
                        verbose_name="rating as published",
                    ),
                ),
                ("rating_value", models.FloatField(blank=True, null=True, verbose_name="rating value")),
                ("best_rating", models.FloatField(blank=True, null=True, verbose_name="best rating")),
                ("worst_rating", models.FloatField(blank=True, null=True, verbose_name="worst rating")),
                ("claim_text", models.TextField(verbose_name="claim reviewed")),
                ("claimant_name", models.CharField(blank=True, max_length=300, verbose_name="claimant")),
                ("claim_date", models.DateField(blank=True, null=True, verbose_name="claim made on")),
                ("review_date", models.DateField(blank=True, null=True, verbose_name="review published on")),
                ("language", models.CharField(blank=True, max_length=16, verbose_name="language")),
                (
                    "appearances",
                    models.JSONField(
                        blank=True, default=list, help_text="URLs of the claim.", verbose_name="appearances"
                    ),
                ),
                (
                    "context",
                    models.TextField(
                        blank=True, help_text="Where the claim was made, as the source says.", verbose_name="context"
                    ),
                ),
                (
                    "details",
                    models.JSONField(
                        blank=True, default=dict, help_text="What else the source gives.", verbose_name="details"
                    ),
                ),
                (
                    "source_format",
                    models.CharField(
                        choices=[
                            ("html", "web page (JSON-LD)"),
                            ("json", "ClaimReview JSON"),
                            ("datafeed", "DataFeed"),
                            ("google", "Fact Check Tools response"),
                            ("liar", "LIAR dataset"),
                        ],
                        max_length=16,
                        verbose_name="read from",
                    ),
                ),
                (
                    "match_status",
                    models.CharField(
                        blank=True,
                        choices=[("proposed", "proposed"), ("confirmed", "confirmed"), ("rejected", "rejected")],
                        help_text="Empty: no match yet.",
                        max_length=16,
                        verbose_name="match",
                    ),
                ),
                (
                    "match_score",
                    models.FloatField(
                        blank=True,
                        help_text="Similarity of the two claims, 0 to 1.",
                        null=True,
                        verbose_name="match score",
                    ),
                ),
                ("imported_at", models.DateTimeField(auto_now_add=True, verbose_name="imported at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed by an import")),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="The claim of ours this review is about, as matched.",
                        null=True,
                        on_delete=claims.models.external.unlink_match,
                        related_name="external_reviews",
                        to="claims.claim",
                        verbose_name="our claim",
                    ),
                ),
                (
                    "imported_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="imported by",
                    ),
                ),
                (
                    "rating",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty when the publisher's scale is not known: their words are not our verdict.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="external_reviews",
                        to="claims.rating",
                        verbose_name="on our scale",
                    ),
                ),
            ],
            options={
                "verbose_name": "external review",
                "verbose_name_plural": "external reviews",
                "ordering": ["-id"],
                "indexes": [
                    models.Index(fields=["claim", "match_status"], name="external_review_claim_idx"),
                    models.Index(
                        condition=models.Q(("match_status", "proposed")),
                        fields=["-match_score"],
                        name="external_review_proposed_idx",
                    ),
                    models.Index(fields=["publisher_site", "-review_date"], name="external_review_site_date_idx"),
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("url",), name="external_review_unique_url"),
                    models.CheckConstraint(
                        condition=models.Q(("source_format__in", ["html", "json", "datafeed", "google", "liar"])),
                        name="external_review_source_format_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("match_status", ""),
                            models.Q(
                                ("claim__isnull", False), ("match_status__in", ["proposed", "confirmed", "rejected"])
                            ),
                            _connector="OR",
                        ),
                        name="external_review_match_names_a_claim",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("match_score__isnull", True),
                            models.Q(("match_score__gte", 0), ("match_score__lte", 1)),
                            _connector="OR",
                        ),
                        name="external_review_match_score_range",
                    ),
                ],
            },
        ),
        migrations.RunPython(grant_roles, revoke_roles),
    ]
