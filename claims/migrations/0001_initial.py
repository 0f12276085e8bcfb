"""The domain model: articles, claimants, claims, quantities, sources, evidence, ratings, verdicts,
corrections and update notes, with their history tables and named constraints."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Article",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(help_text="Used in the article's public URL.", max_length=120, unique=True)),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                (
                    "publisher",
                    models.CharField(help_text="Who published this text.", max_length=200, verbose_name="publisher"),
                ),
                (
                    "url",
                    models.URLField(
                        blank=True,
                        help_text="Where this text was published, if online.",
                        max_length=500,
                        verbose_name="URL",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[("fr", "French"), ("en", "English"), ("ru", "Russian"), ("other", "Other")],
                        default="fr",
                        max_length=8,
                        verbose_name="language",
                    ),
                ),
                (
                    "published_on",
                    models.DateField(
                        help_text="Date of publication; relative dates in the text are read against it.",
                        verbose_name="published on",
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        help_text="The article exactly as published. Claims point into it by character offsets, so edit with care.",
                        verbose_name="full text",
                    ),
                ),
                (
                    "original_url",
                    models.URLField(
                        blank=True,
                        help_text="For a translation: the original article.",
                        max_length=500,
                        verbose_name="original URL",
                    ),
                ),
                ("original_title", models.CharField(blank=True, max_length=300, verbose_name="original title")),
                (
                    "original_language",
                    models.CharField(
                        blank=True,
                        choices=[("fr", "French"), ("en", "English"), ("ru", "Russian"), ("other", "Other")],
                        max_length=8,
                        verbose_name="original language",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "article",
                "verbose_name_plural": "articles",
                "ordering": ["-published_on", "title"],
            },
        ),
        migrations.CreateModel(
            name="Topic",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("slug", models.SlugField(help_text="Used in URLs and API filters.", unique=True)),
                ("name_fr", models.CharField(max_length=100, verbose_name="name (French)")),
                ("name_en", models.CharField(blank=True, max_length=100, verbose_name="name (English)")),
            ],
            options={
                "verbose_name": "topic",
                "verbose_name_plural": "topics",
                "ordering": ["name_fr"],
            },
        ),
        migrations.CreateModel(
            name="Claimant",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        help_text="As readers know them, e.g. “Vladimir Poutine”.", max_length=200, verbose_name="name"
                    ),
                ),
                ("slug", models.SlugField(max_length=120, unique=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[("person", "person"), ("organisation", "organisation"), ("outlet", "news outlet")],
                        default="person",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "role_fr",
                    models.CharField(
                        blank=True,
                        help_text="Title or role, e.g. “Président de la Russie”.",
                        max_length=200,
                        verbose_name="role (French)",
                    ),
                ),
                ("role_en", models.CharField(blank=True, max_length=200, verbose_name="role (English)")),
            ],
            options={
                "verbose_name": "claimant",
                "verbose_name_plural": "claimants",
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["person", "organisation", "outlet"])),
                        name="claimant_kind_valid",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Claim",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "quote",
                    models.TextField(
                        help_text="The exact words of the article, character for character.", verbose_name="quote"
                    ),
                ),
                (
                    "start",
                    models.PositiveIntegerField(
                        help_text="Index of the quote's first character in the article text (from 0).",
                        verbose_name="start offset",
                    ),
                ),
                (
                    "end",
                    models.PositiveIntegerField(
                        help_text="Index just after the quote's last character.", verbose_name="end offset"
                    ),
                ),
                (
                    "restatement",
                    models.CharField(
                        help_text="The claim in neutral words; 75 characters or fewer, as search engines cut longer ones.",
                        max_length=255,
                        verbose_name="restatement (French)",
                    ),
                ),
                ("restatement_en", models.CharField(blank=True, max_length=255, verbose_name="restatement (English)")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("quantity", "quantity"),
                            ("event", "event"),
                            ("status", "state of affairs"),
                            ("quote", "quote"),
                            ("attribution", "attribution"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[("fr", "French"), ("en", "English"), ("ru", "Russian"), ("other", "Other")],
                        default="fr",
                        max_length=8,
                        verbose_name="language",
                    ),
                ),
                (
                    "claimed_on",
                    models.DateField(help_text="When the claim was made or published.", verbose_name="made on"),
                ),
                (
                    "checkworthiness",
                    models.FloatField(
                        blank=True,
                        help_text="From 0 to 1: how much the claim deserves checking.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(0.0),
                            django.core.validators.MaxValueValidator(1.0),
                        ],
                        verbose_name="check-worthiness",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("candidate", "candidate"),
                            ("in_review", "in review"),
                            ("published", "published"),
                            ("rejected", "rejected"),
                        ],
                        default="candidate",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "rejection_reason",
                    models.TextField(
                        blank=True,
                        help_text="Why the claim is not worth checking.",
                        verbose_name="reason for rejection",
                    ),
                ),
                ("slug", models.SlugField(help_text="Used in the verdict page's URL.", max_length=120, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last change")),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        editable=False,
                        help_text="Raised by every save; a save based on an older version is refused (no lost edits).",
                        verbose_name="version",
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="claims",
                        to="claims.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "assigned_to",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="assigned_claims",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="assigned to",
                    ),
                ),
                (
                    "claimant",
                    models.ForeignKey(
                        help_text="Who asserts the claim.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="claims",
                        to="claims.claimant",
                        verbose_name="claimant",
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        blank=True,
                        help_text="Who is quoted or reported, if not the claimant.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="quoted_claims",
                        to="claims.claimant",
                        verbose_name="speaker",
                    ),
                ),
                (
                    "topics",
                    models.ManyToManyField(blank=True, related_name="claims", to="claims.topic", verbose_name="topics"),
                ),
            ],
            options={
                "verbose_name": "claim",
                "verbose_name_plural": "claims",
                "ordering": ["article", "start"],
                "permissions": [
                    ("review_claim", "Can review claims: reject them or send them back"),
                    ("publish_claim", "Can publish and unpublish claims"),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalClaim",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "quote",
                    models.TextField(
                        help_text="The exact words of the article, character for character.", verbose_name="quote"
                    ),
                ),
                (
                    "start",
                    models.PositiveIntegerField(
                        help_text="Index of the quote's first character in the article text (from 0).",
                        verbose_name="start offset",
                    ),
                ),
                (
                    "end",
                    models.PositiveIntegerField(
                        help_text="Index just after the quote's last character.", verbose_name="end offset"
                    ),
                ),
                (
                    "restatement",
                    models.CharField(
                        help_text="The claim in neutral words; 75 characters or fewer, as search engines cut longer ones.",
                        max_length=255,
                        verbose_name="restatement (French)",
                    ),
                ),
                ("restatement_en", models.CharField(blank=True, max_length=255, verbose_name="restatement (English)")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("quantity", "quantity"),
                            ("event", "event"),
                            ("status", "state of affairs"),
                            ("quote", "quote"),
                            ("attribution", "attribution"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[("fr", "French"), ("en", "English"), ("ru", "Russian"), ("other", "Other")],
                        default="fr",
                        max_length=8,
                        verbose_name="language",
                    ),
                ),
                (
                    "claimed_on",
                    models.DateField(help_text="When the claim was made or published.", verbose_name="made on"),
                ),
                (
                    "checkworthiness",
                    models.FloatField(
                        blank=True,
                        help_text="From 0 to 1: how much the claim deserves checking.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(0.0),
                            django.core.validators.MaxValueValidator(1.0),
                        ],
                        verbose_name="check-worthiness",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("candidate", "candidate"),
                            ("in_review", "in review"),
                            ("published", "published"),
                            ("rejected", "rejected"),
                        ],
                        default="candidate",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "rejection_reason",
                    models.TextField(
                        blank=True,
                        help_text="Why the claim is not worth checking.",
                        verbose_name="reason for rejection",
                    ),
                ),
                ("slug", models.SlugField(help_text="Used in the verdict page's URL.", max_length=120)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="last change")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "assigned_to",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="assigned to",
                    ),
                ),
                (
                    "claimant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Who asserts the claim.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.claimant",
                        verbose_name="claimant",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Who is quoted or reported, if not the claimant.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.claimant",
                        verbose_name="speaker",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical claim",
                "verbose_name_plural": "historical claims",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalQuantity",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "text",
                    models.CharField(
                        help_text="The words of the quote that state the figure, e.g. “Plus de 6 700”.",
                        max_length=200,
                        verbose_name="text",
                    ),
                ),
                ("value", models.DecimalField(decimal_places=4, max_digits=20, verbose_name="claimed value")),
                (
                    "unit",
                    models.CharField(
                        blank=True, help_text="What is counted, e.g. “personnes”.", max_length=60, verbose_name="unit"
                    ),
                ),
                (
                    "qualifier",
                    models.CharField(
                        choices=[
                            ("exact", "exactly"),
                            ("about", "about"),
                            ("more_than", "more than"),
                            ("less_than", "less than"),
                            ("at_least", "at least"),
                            ("at_most", "at most"),
                            ("up_to", "up to"),
                        ],
                        default="exact",
                        max_length=16,
                        verbose_name="qualifier",
                    ),
                ),
                (
                    "verified_value",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        help_text="The figure the team established.",
                        max_digits=20,
                        null=True,
                        verbose_name="verified value",
                    ),
                ),
                ("verification_note", models.TextField(blank=True, verbose_name="how it was established")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.claim",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical quantity",
                "verbose_name_plural": "historical quantities",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSource",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "url",
                    models.URLField(
                        db_index=True,
                        help_text="The page as published; one source per URL.",
                        max_length=500,
                        verbose_name="URL",
                    ),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("publisher", models.CharField(max_length=200, verbose_name="publisher")),
                (
                    "published_on",
                    models.DateField(
                        blank=True,
                        help_text="Leave empty for undated pages (reference works).",
                        null=True,
                        verbose_name="published on",
                    ),
                ),
                (
                    "accessed_on",
                    models.DateField(
                        blank=True, help_text="When the team last read it.", null=True, verbose_name="accessed on"
                    ),
                ),
                (
                    "archive_url",
                    models.URLField(
                        blank=True,
                        help_text="A permanent copy, e.g. on the Wayback Machine.",
                        max_length=500,
                        verbose_name="archived copy",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("primary_document", "primary document"),
                            ("official_statement", "official statement"),
                            ("transcript", "transcript"),
                            ("news_report", "news report"),
                            ("reference", "reference work"),
                            ("dataset", "dataset"),
                            ("expert", "expert"),
                        ],
                        default="news_report",
                        max_length=24,
                        verbose_name="kind",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        default="en", help_text="Language code, e.g. fr, en, ru.", max_length=8, verbose_name="language"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical source",
                "verbose_name_plural": "historical sources",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalUpdateNote",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "since",
                    models.DateField(help_text="From when the claim is overtaken by events.", verbose_name="since"),
                ),
                (
                    "note_fr",
                    models.TextField(
                        help_text="What has changed since; the verdict itself stays as it was.",
                        verbose_name="note (French)",
                    ),
                ),
                ("note_en", models.TextField(blank=True, verbose_name="note (English)")),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.claim",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical update note",
                "verbose_name_plural": "historical update notes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Rating",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "slug",
                    models.SlugField(help_text="Stable identifier used by the API, e.g. “mostly_false”.", unique=True),
                ),
                ("label_fr", models.CharField(max_length=60, verbose_name="label (French)")),
                ("label_en", models.CharField(max_length=60, verbose_name="label (English)")),
                (
                    "value",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="1 (false) to 5 (true); empty for ratings off the scale, such as “Misleading”.",
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(5),
                        ],
                        verbose_name="value",
                    ),
                ),
                (
                    "colour",
                    models.CharField(
                        help_text="Badge background; white text must stay readable on it.",
                        max_length=7,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^#[0-9a-fA-F]{6}$", "Use a hex colour such as #1b7f3b."
                            )
                        ],
                        verbose_name="colour",
                    ),
                ),
                (
                    "definition_fr",
                    models.TextField(help_text="Shown on the methodology page.", verbose_name="definition (French)"),
                ),
                ("definition_en", models.TextField(blank=True, verbose_name="definition (English)")),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="Order on the scale and in charts.", verbose_name="position"
                    ),
                ),
            ],
            options={
                "verbose_name": "rating",
                "verbose_name_plural": "ratings",
                "ordering": ["position", "slug"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("value__isnull", True), models.Q(("value__gte", 1), ("value__lte", 5)), _connector="OR"
                        ),
                        name="rating_value_on_scale",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalVerdict",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "summary_fr",
                    models.CharField(
                        blank=True,
                        help_text="One sentence that starts with the rating.",
                        max_length=400,
                        verbose_name="summary (French)",
                    ),
                ),
                ("summary_en", models.CharField(blank=True, max_length=400, verbose_name="summary (English)")),
                (
                    "explanation_fr",
                    models.TextField(
                        blank=True,
                        help_text="The reasoning, with the sources named. Markdown allowed.",
                        verbose_name="explanation (French)",
                    ),
                ),
                ("explanation_en", models.TextField(blank=True, verbose_name="explanation (English)")),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "draft"), ("published", "published")],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "is_current",
                    models.BooleanField(
                        default=True, help_text="Only one verdict per claim is current.", verbose_name="current"
                    ),
                ),
                ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="published at")),
                (
                    "modified_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Last public change (a correction).",
                        null=True,
                        verbose_name="modified at",
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.claim",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "reviewer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewer",
                    ),
                ),
                (
                    "rating",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.rating",
                        verbose_name="rating",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical verdict",
                "verbose_name_plural": "historical verdicts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Source",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "url",
                    models.URLField(
                        help_text="The page as published; one source per URL.",
                        max_length=500,
                        unique=True,
                        verbose_name="URL",
                    ),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("publisher", models.CharField(max_length=200, verbose_name="publisher")),
                (
                    "published_on",
                    models.DateField(
                        blank=True,
                        help_text="Leave empty for undated pages (reference works).",
                        null=True,
                        verbose_name="published on",
                    ),
                ),
                (
                    "accessed_on",
                    models.DateField(
                        blank=True, help_text="When the team last read it.", null=True, verbose_name="accessed on"
                    ),
                ),
                (
                    "archive_url",
                    models.URLField(
                        blank=True,
                        help_text="A permanent copy, e.g. on the Wayback Machine.",
                        max_length=500,
                        verbose_name="archived copy",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("primary_document", "primary document"),
                            ("official_statement", "official statement"),
                            ("transcript", "transcript"),
                            ("news_report", "news report"),
                            ("reference", "reference work"),
                            ("dataset", "dataset"),
                            ("expert", "expert"),
                        ],
                        default="news_report",
                        max_length=24,
                        verbose_name="kind",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        default="en", help_text="Language code, e.g. fr, en, ru.", max_length=8, verbose_name="language"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        editable=False,
                        help_text="Raised by every save; a save based on an older version is refused (no lost edits).",
                        verbose_name="version",
                    ),
                ),
            ],
            options={
                "verbose_name": "source",
                "verbose_name_plural": "sources",
                "ordering": ["publisher", "title"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "kind__in",
                                [
                                    "primary_document",
                                    "official_statement",
                                    "transcript",
                                    "news_report",
                                    "reference",
                                    "dataset",
                                    "expert",
                                ],
                            )
                        ),
                        name="source_kind_valid",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalEvidence",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "stance",
                    models.CharField(
                        choices=[("supports", "supports"), ("refutes", "refutes"), ("context", "context")],
                        default="supports",
                        max_length=16,
                        verbose_name="stance",
                    ),
                ),
                (
                    "excerpt",
                    models.TextField(
                        blank=True, help_text="The passage of the source relied on.", verbose_name="excerpt"
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="What this source establishes for the claim.", verbose_name="note"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.claim",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.source",
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical evidence",
                "verbose_name_plural": "historical evidence",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalClaim_topics",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.claim",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to="claims.historicalclaim"
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalClaim_topics",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="TranslationNote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="Order in which notes are listed.", verbose_name="position"
                    ),
                ),
                (
                    "note_fr",
                    models.TextField(
                        help_text="Where the translation departs from the original, and how.",
                        verbose_name="note (French)",
                    ),
                ),
                ("note_en", models.TextField(blank=True, verbose_name="note (English)")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translation_notes",
                        to="claims.article",
                    ),
                ),
            ],
            options={
                "verbose_name": "translation note",
                "verbose_name_plural": "translation notes",
                "ordering": ["article", "position"],
            },
        ),
        migrations.CreateModel(
            name="UpdateNote",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "since",
                    models.DateField(help_text="From when the claim is overtaken by events.", verbose_name="since"),
                ),
                (
                    "note_fr",
                    models.TextField(
                        help_text="What has changed since; the verdict itself stays as it was.",
                        verbose_name="note (French)",
                    ),
                ),
                ("note_en", models.TextField(blank=True, verbose_name="note (English)")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="update_notes", to="claims.claim"
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True, related_name="update_notes", to="claims.source", verbose_name="sources"
                    ),
                ),
            ],
            options={
                "verbose_name": "update note",
                "verbose_name_plural": "update notes",
                "ordering": ["claim", "since"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalUpdateNote_sources",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="claims.historicalupdatenote",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.source",
                    ),
                ),
                (
                    "updatenote",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.updatenote",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalUpdateNote_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Verdict",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "summary_fr",
                    models.CharField(
                        blank=True,
                        help_text="One sentence that starts with the rating.",
                        max_length=400,
                        verbose_name="summary (French)",
                    ),
                ),
                ("summary_en", models.CharField(blank=True, max_length=400, verbose_name="summary (English)")),
                (
                    "explanation_fr",
                    models.TextField(
                        blank=True,
                        help_text="The reasoning, with the sources named. Markdown allowed.",
                        verbose_name="explanation (French)",
                    ),
                ),
                ("explanation_en", models.TextField(blank=True, verbose_name="explanation (English)")),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "draft"), ("published", "published")],
                        default="draft",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                (
                    "is_current",
                    models.BooleanField(
                        default=True, help_text="Only one verdict per claim is current.", verbose_name="current"
                    ),
                ),
                ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="published at")),
                (
                    "modified_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Last public change (a correction).",
                        null=True,
                        verbose_name="modified at",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "version",
                    models.PositiveIntegerField(
                        default=1,
                        editable=False,
                        help_text="Raised by every save; a save based on an older version is refused (no lost edits).",
                        verbose_name="version",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="authored_verdicts",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="verdicts", to="claims.claim"
                    ),
                ),
                (
                    "rating",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="verdicts",
                        to="claims.rating",
                        verbose_name="rating",
                    ),
                ),
                (
                    "reviewer",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="reviewed_verdicts",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewer",
                    ),
                ),
            ],
            options={
                "verbose_name": "verdict",
                "verbose_name_plural": "verdicts",
                "ordering": ["-published_at", "-id"],
                "permissions": [("correct_verdict", "Can correct a published verdict")],
            },
        ),
        migrations.CreateModel(
            name="HistoricalCorrection",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("corrected_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="corrected at")),
                (
                    "what_changed_fr",
                    models.TextField(
                        help_text="Shown to readers on the verdict page.", verbose_name="what changed (French)"
                    ),
                ),
                ("what_changed_en", models.TextField(blank=True, verbose_name="what changed (English)")),
                ("reason_fr", models.TextField(verbose_name="why (French)")),
                ("reason_en", models.TextField(blank=True, verbose_name="why (English)")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "previous_rating",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.rating",
                        verbose_name="previous rating",
                    ),
                ),
                (
                    "verdict",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.verdict",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical correction",
                "verbose_name_plural": "historical corrections",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Correction",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("corrected_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="corrected at")),
                (
                    "what_changed_fr",
                    models.TextField(
                        help_text="Shown to readers on the verdict page.", verbose_name="what changed (French)"
                    ),
                ),
                ("what_changed_en", models.TextField(blank=True, verbose_name="what changed (English)")),
                ("reason_fr", models.TextField(verbose_name="why (French)")),
                ("reason_en", models.TextField(blank=True, verbose_name="why (English)")),
                (
                    "previous_rating",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="claims.rating",
                        verbose_name="previous rating",
                    ),
                ),
                (
                    "verdict",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="corrections", to="claims.verdict"
                    ),
                ),
            ],
            options={
                "verbose_name": "correction",
                "verbose_name_plural": "corrections",
                "ordering": ["verdict", "corrected_at"],
            },
        ),
        migrations.CreateModel(
            name="Quantity",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "text",
                    models.CharField(
                        help_text="The words of the quote that state the figure, e.g. “Plus de 6 700”.",
                        max_length=200,
                        verbose_name="text",
                    ),
                ),
                ("value", models.DecimalField(decimal_places=4, max_digits=20, verbose_name="claimed value")),
                (
                    "unit",
                    models.CharField(
                        blank=True, help_text="What is counted, e.g. “personnes”.", max_length=60, verbose_name="unit"
                    ),
                ),
                (
                    "qualifier",
                    models.CharField(
                        choices=[
                            ("exact", "exactly"),
                            ("about", "about"),
                            ("more_than", "more than"),
                            ("less_than", "less than"),
                            ("at_least", "at least"),
                            ("at_most", "at most"),
                            ("up_to", "up to"),
                        ],
                        default="exact",
                        max_length=16,
                        verbose_name="qualifier",
                    ),
                ),
                (
                    "verified_value",
                    models.DecimalField(
                        blank=True,
                        decimal_places=4,
                        help_text="The figure the team established.",
                        max_digits=20,
                        null=True,
                        verbose_name="verified value",
                    ),
                ),
                ("verification_note", models.TextField(blank=True, verbose_name="how it was established")),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="quantities", to="claims.claim"
                    ),
                ),
            ],
            options={
                "verbose_name": "quantity",
                "verbose_name_plural": "quantities",
                "ordering": ["claim", "id"],
                "indexes": [models.Index(fields=["value"], name="quantity_value_idx")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "qualifier__in",
                                ["exact", "about", "more_than", "less_than", "at_least", "at_most", "up_to"],
                            )
                        ),
                        name="quantity_qualifier_valid",
                    ),
                    models.UniqueConstraint(fields=("claim", "text"), name="quantity_unique_text_per_claim"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Evidence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "stance",
                    models.CharField(
                        choices=[("supports", "supports"), ("refutes", "refutes"), ("context", "context")],
                        default="supports",
                        max_length=16,
                        verbose_name="stance",
                    ),
                ),
                (
                    "excerpt",
                    models.TextField(
                        blank=True, help_text="The passage of the source relied on.", verbose_name="excerpt"
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="What this source establishes for the claim.", verbose_name="note"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="evidence", to="claims.claim"
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="evidence",
                        to="claims.source",
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "verbose_name": "evidence",
                "verbose_name_plural": "evidence",
                "ordering": ["claim", "position", "id"],
                "constraints": [
                    models.UniqueConstraint(fields=("claim", "source"), name="evidence_unique_source_per_claim"),
                    models.CheckConstraint(
                        condition=models.Q(("stance__in", ["supports", "refutes", "context"])),
                        name="evidence_stance_valid",
                    ),
                ],
            },
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["status", "-claimed_on"], name="claim_status_date_idx"),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("start__lt", models.F("end"))), name="claim_start_before_end"
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["candidate", "in_review", "published", "rejected"])),
                name="claim_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["quantity", "event", "status", "quote", "attribution"])),
                name="claim_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("checkworthiness__isnull", True),
                    models.Q(("checkworthiness__gte", 0), ("checkworthiness__lte", 1)),
                    _connector="OR",
                ),
                name="claim_checkworthiness_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="translationnote",
            constraint=models.UniqueConstraint(fields=("article", "position"), name="translation_note_unique_position"),
        ),
        migrations.AddConstraint(
            model_name="updatenote",
            constraint=models.UniqueConstraint(fields=("claim", "since"), name="update_note_unique_date_per_claim"),
        ),
        migrations.AddIndex(
            model_name="verdict",
            index=models.Index(fields=["status", "-published_at"], name="verdict_status_published_idx"),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_current", True)), fields=("claim",), name="verdict_one_current_per_claim"
            ),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "published"])), name="verdict_status_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "draft"),
                    models.Q(("published_at__isnull", False), ("rating__isnull", False)),
                    _connector="OR",
                ),
                name="verdict_published_has_rating_and_date",
            ),
        ),
    ]
