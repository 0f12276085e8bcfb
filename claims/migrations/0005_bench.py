"""PostgreSQL: the claim offset rules of migration 0002 checked once per INSERT statement, not per row.

The row trigger ``claim_offsets_within_article`` reads the article's text for every inserted claim
(one query and one de-TOAST of the whole text per row), which holds a bulk load to about a
thousand claims a second. For INSERT (and so COPY) the same two rules are now checked by a
statement-level trigger over the transition table of the inserted rows, in one join with the
articles, each article's text read once:

- ``claim_offsets_within_article_insert``: AFTER INSERT ... REFERENCING NEW TABLE ... FOR EACH
  STATEMENT; raises ``claim_offsets_within_article: ...`` or ``claim_quote_matches_article: ...``
  (the messages of 0002, for the first offending row by id) with SQLSTATE check_violation, which
  aborts the statement, so nothing of it is written;
- ``claim_offsets_within_article``: the row trigger of 0002, kept for UPDATE only.

Same rules, same error texts, same exemptions (``start >= end`` is left to the CHECK constraint
``claim_start_before_end``; a claim whose article does not exist is left to the foreign key). One
difference in timing only: when one row breaks an offset rule and another rule at once (say a
duplicate slug), the other rule may now be the one reported, as constraints are checked per row
and this trigger after the statement. SQLite keeps its row triggers.
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
    """
    CREATE FUNCTION claims_claim_check_inserted_offsets() RETURNS trigger AS $$
    DECLARE
        bad record;
    BEGIN
        SELECT n.id, n.start, n."end", char_length(a.body) AS length,
               n."end" > char_length(a.body) AS past_end
          INTO bad
          FROM inserted_claims n
          JOIN (
              -- Each article's text de-TOASTed once, not once per claim (|| '' makes a plain copy).
              SELECT art.id, art.text || '' AS body
                FROM claims_article art
               WHERE art.id IN (SELECT DISTINCT article_id FROM inserted_claims)
               OFFSET 0
          ) a ON a.id = n.article_id
         WHERE n."end" > n.start
           AND (n."end" > char_length(a.body) OR substr(a.body, n.start + 1, n."end" - n.start) <> n.quote)
         ORDER BY n.id
         LIMIT 1;
        IF NOT FOUND THEN
            RETURN NULL;
        END IF;
        IF bad.past_end THEN
            RAISE EXCEPTION 'claim_offsets_within_article: end offset % is past the end of the article (% characters)',
                bad."end", bad.length USING ERRCODE = 'check_violation';
        END IF;
        RAISE EXCEPTION 'claim_quote_matches_article: the article text at %..% is not the quote', bad.start, bad."end"
            USING ERRCODE = 'check_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    "DROP TRIGGER claim_offsets_within_article ON claims_claim;",
    """
    CREATE TRIGGER claim_offsets_within_article
    BEFORE UPDATE ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_check_offsets();
    """,
    """
    CREATE TRIGGER claim_offsets_within_article_insert
    AFTER INSERT ON claims_claim
    REFERENCING NEW TABLE AS inserted_claims
    FOR EACH STATEMENT EXECUTE FUNCTION claims_claim_check_inserted_offsets();
    """,
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER claim_offsets_within_article_insert ON claims_claim;",
    "DROP FUNCTION claims_claim_check_inserted_offsets();",
    "DROP TRIGGER claim_offsets_within_article ON claims_claim;",
    """
    CREATE TRIGGER claim_offsets_within_article
    BEFORE INSERT OR UPDATE ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_check_offsets();
    """,
]


def run(statements_by_vendor: dict[str, list[str]]):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_merge_api_workflow")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRESQL_FORWARD}),
            run({"postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
