"""Full-text search on claims for PostgreSQL: French configuration, unaccented, GIN-indexed.

- ``unaccent``: the extension; ``claims_unaccent(text)`` wraps it as IMMUTABLE (the
  extension's own function is only STABLE, so it cannot appear in an index);
- ``claims_claim_document(restatement, restatement_en, quote)``: the tsvector searched;
- ``claim_search_document_idx``: the GIN index on that expression, which serves
  ``Claim.objects.search()`` (API ``q=``, the claims index page).

SQLite has none of this: ``claims.search`` falls back to a plain, accent-folded match there.
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent;",
    """
    CREATE FUNCTION claims_unaccent(text) RETURNS text AS $$
        SELECT public.unaccent('public.unaccent'::regdictionary, $1)
    $$ LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT;
    """,
    """
    CREATE FUNCTION claims_claim_document(restatement text, restatement_en text, quote text) RETURNS tsvector AS $$
        SELECT to_tsvector(
            'french'::regconfig,
            public.claims_unaccent(coalesce(restatement, '') || ' ' || coalesce(restatement_en, '') || ' ' || coalesce(quote, ''))
        )
    $$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
    """,
    """
    CREATE INDEX claim_search_document_idx ON claims_claim
    USING gin (claims_claim_document(restatement, restatement_en, quote));
    """,
]

POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS claim_search_document_idx;",
    "DROP FUNCTION IF EXISTS claims_claim_document(text, text, text);",
    "DROP FUNCTION IF EXISTS claims_unaccent(text);",
]


def run(statements_by_vendor: dict[str, list[str]]):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_claim_offset_triggers")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRESQL_FORWARD}),
            run({"postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
