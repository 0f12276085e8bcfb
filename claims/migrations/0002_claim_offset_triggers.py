"""Database triggers that keep every claim's quote where its offsets say it is.

A CHECK constraint cannot read another table, so the two rules that involve the article's
text live in triggers, written for each backend the project runs on:

- ``claim_offsets_within_article``: a claim's end offset is not past the end of its article;
- ``claim_quote_matches_article``: ``article.text[start:end] == quote``;
- ``article_text_keeps_claims``: editing an article's text may not move the text under its claims.

``start < end`` is the CHECK constraint ``claim_start_before_end``; the triggers leave
that case to it.
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
    """
    CREATE FUNCTION claims_claim_check_offsets() RETURNS trigger AS $$
    DECLARE
        body text;
    BEGIN
        SELECT a.text INTO body FROM claims_article a WHERE a.id = NEW.article_id;
        IF body IS NULL OR NEW."end" <= NEW.start THEN
            RETURN NEW;
        END IF;
        IF NEW."end" > char_length(body) THEN
            RAISE EXCEPTION 'claim_offsets_within_article: end offset % is past the end of the article (% characters)',
                NEW."end", char_length(body) USING ERRCODE = 'check_violation';
        END IF;
        IF substr(body, NEW.start + 1, NEW."end" - NEW.start) <> NEW.quote THEN
            RAISE EXCEPTION 'claim_quote_matches_article: the article text at %..% is not the quote', NEW.start, NEW."end"
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER claim_offsets_within_article
    BEFORE INSERT OR UPDATE ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_claim_check_offsets();
    """,
    """
    CREATE FUNCTION claims_article_check_claims() RETURNS trigger AS $$
    BEGIN
        IF EXISTS (
            SELECT 1 FROM claims_claim c
            WHERE c.article_id = NEW.id
              AND (c."end" > char_length(NEW.text) OR substr(NEW.text, c.start + 1, c."end" - c.start) <> c.quote)
        ) THEN
            RAISE EXCEPTION 'article_text_keeps_claims: the new text moves the text under a claim'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER article_text_keeps_claims
    BEFORE UPDATE OF text ON claims_article
    FOR EACH ROW EXECUTE FUNCTION claims_article_check_claims();
    """,
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS article_text_keeps_claims ON claims_article;",
    "DROP FUNCTION IF EXISTS claims_article_check_claims();",
    "DROP TRIGGER IF EXISTS claim_offsets_within_article ON claims_claim;",
    "DROP FUNCTION IF EXISTS claims_claim_check_offsets();",
]

ARTICLE_TEXT = "(SELECT a.text FROM claims_article a WHERE a.id = NEW.article_id)"


def sqlite_forward() -> list[str]:
    statements = []
    for event in ("INSERT", "UPDATE"):
        suffix = event.lower()
        statements += [
            f"""
            CREATE TRIGGER claim_offsets_within_article_{suffix} BEFORE {event} ON claims_claim
            WHEN NEW."end" > NEW.start AND NEW."end" > length({ARTICLE_TEXT})
            BEGIN SELECT RAISE(ABORT, 'claim_offsets_within_article: end offset past the end of the article'); END;
            """,
            f"""
            CREATE TRIGGER claim_quote_matches_article_{suffix} BEFORE {event} ON claims_claim
            WHEN NEW."end" > NEW.start AND NEW."end" <= length({ARTICLE_TEXT})
                AND substr({ARTICLE_TEXT}, NEW.start + 1, NEW."end" - NEW.start) <> NEW.quote
            BEGIN SELECT RAISE(ABORT, 'claim_quote_matches_article: the article text at these offsets is not the quote'); END;
            """,
        ]
    statements.append(
        """
        CREATE TRIGGER article_text_keeps_claims BEFORE UPDATE OF text ON claims_article
        WHEN EXISTS (
            SELECT 1 FROM claims_claim c
            WHERE c.article_id = NEW.id
              AND (c."end" > length(NEW.text) OR substr(NEW.text, c.start + 1, c."end" - c.start) <> c.quote)
        )
        BEGIN SELECT RAISE(ABORT, 'article_text_keeps_claims: the new text moves the text under a claim'); END;
        """
    )
    return statements


SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS claim_offsets_within_article_insert;",
    "DROP TRIGGER IF EXISTS claim_offsets_within_article_update;",
    "DROP TRIGGER IF EXISTS claim_quote_matches_article_insert;",
    "DROP TRIGGER IF EXISTS claim_quote_matches_article_update;",
    "DROP TRIGGER IF EXISTS article_text_keeps_claims;",
]


def run(statements_by_vendor: dict[str, list[str]]):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRESQL_FORWARD, "sqlite": sqlite_forward()}),
            run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
