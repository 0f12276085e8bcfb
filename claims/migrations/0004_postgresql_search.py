"""PostgreSQL search: French full-text search, unaccented, GIN-indexed; trigram similarity.

- ``unaccent``: the extension; ``claims_unaccent(text)`` wraps it as IMMUTABLE (the extension's own
  function is only STABLE, so it cannot appear in an index);
- ``claims_claim_document(restatement, restatement_en, quote)``: the tsvector searched;
- ``claim_search_document_idx``: the GIN index on that expression, which serves
  ``Claim.objects.search()`` (API ``q=``, the claims index page);
- ``pg_trgm`` and GIN trigram indexes on the restatement and the quote, which serve
  ``Claim.objects.similar_to()`` (the ``%`` operator).

SQLite has none of this: ``claims.search`` falls back to plain matching there.
"""

from django.db import migrations

from ._vendor import RunSQLOn

STATEMENTS = [
    ("CREATE EXTENSION IF NOT EXISTS unaccent;", migrations.RunSQL.noop),
    (
        """
        CREATE FUNCTION claims_unaccent(text) RETURNS text AS $$
            SELECT public.unaccent('public.unaccent'::regdictionary, $1)
        $$ LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT;
        """,
        "DROP FUNCTION claims_unaccent(text);",
    ),
    (
        """
        CREATE FUNCTION claims_claim_document(restatement text, restatement_en text, quote text) RETURNS tsvector AS $$
            SELECT to_tsvector(
                'french'::regconfig,
                public.claims_unaccent(coalesce(restatement, '') || ' ' || coalesce(restatement_en, '') || ' ' || coalesce(quote, ''))
            )
        $$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
        """,
        "DROP FUNCTION claims_claim_document(text, text, text);",
    ),
    (
        """
        CREATE INDEX claim_search_document_idx ON claims_claim
        USING gin (claims_claim_document(restatement, restatement_en, quote));
        """,
        "DROP INDEX claim_search_document_idx;",
    ),
    ("CREATE EXTENSION IF NOT EXISTS pg_trgm;", migrations.RunSQL.noop),
    # Claim.objects.similar_to(): restatement % text OR quote % text.
    (
        "CREATE INDEX claim_restatement_trgm_idx ON claims_claim USING gin (restatement gin_trgm_ops);",
        "DROP INDEX claim_restatement_trgm_idx;",
    ),
    (
        "CREATE INDEX claim_quote_trgm_idx ON claims_claim USING gin (quote gin_trgm_ops);",
        "DROP INDEX claim_quote_trgm_idx;",
    ),
]


class Migration(migrations.Migration):
    dependencies = [("claims", "0003_roles")]

    operations = [RunSQLOn("postgresql", sql, reverse) for sql, reverse in STATEMENTS]
