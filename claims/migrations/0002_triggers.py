"""Triggers that keep every claim's quote where its offsets say it is.

A CHECK constraint cannot read another table, so the two rules that involve the article's text
live in triggers, for each database the project runs on, firing only when a guarded column changes:

- ``claim_offsets_within_article``: a claim's end offset is not past the end of its article (on
  PostgreSQL, inserts are checked per statement by ``claim_offsets_within_article_insert``);
- ``claim_quote_matches_article``: ``article.text[start:end] == quote``;
- ``article_text_keeps_claims``: editing an article's text may not move the text under its claims.

``start < end`` is the CHECK constraint ``claim_start_before_end``; the triggers leave that case to it.
"""

from django.db import migrations

from ._vendor import RunSQLOn

GUARDED = 'article_id, start, "end", quote'

POSTGRESQL = [
    (
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
        "DROP FUNCTION claims_claim_check_offsets();",
    ),
    (
        f"""
        CREATE TRIGGER claim_offsets_within_article
        BEFORE UPDATE OF {GUARDED} ON claims_claim
        FOR EACH ROW EXECUTE FUNCTION claims_claim_check_offsets();
        """,
        "DROP TRIGGER claim_offsets_within_article ON claims_claim;",
    ),
    # For INSERT (and so COPY, the bulk path) the same two rules are checked once per statement over
    # the inserted rows, each article's text read once: a row trigger reading the text for every
    # claim holds a bulk load to about a thousand claims a second. It raises the same messages.
    (
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
        "DROP FUNCTION claims_claim_check_inserted_offsets();",
    ),
    (
        """
        CREATE TRIGGER claim_offsets_within_article_insert
        AFTER INSERT ON claims_claim
        REFERENCING NEW TABLE AS inserted_claims
        FOR EACH STATEMENT EXECUTE FUNCTION claims_claim_check_inserted_offsets();
        """,
        "DROP TRIGGER claim_offsets_within_article_insert ON claims_claim;",
    ),
    (
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
        "DROP FUNCTION claims_article_check_claims();",
    ),
    (
        """
        CREATE TRIGGER article_text_keeps_claims
        BEFORE UPDATE OF text ON claims_article
        FOR EACH ROW EXECUTE FUNCTION claims_article_check_claims();
        """,
        "DROP TRIGGER article_text_keeps_claims ON claims_article;",
    ),
]

ARTICLE_TEXT = "(SELECT a.text FROM claims_article a WHERE a.id = NEW.article_id)"
SQLITE_EVENTS = {"insert": "INSERT", "update": f"UPDATE OF {GUARDED}"}

SQLITE = []
for suffix, event in SQLITE_EVENTS.items():
    SQLITE += [
        (
            f"""
            CREATE TRIGGER claim_offsets_within_article_{suffix} BEFORE {event} ON claims_claim
            WHEN NEW."end" > NEW.start AND NEW."end" > length({ARTICLE_TEXT})
            BEGIN SELECT RAISE(ABORT, 'claim_offsets_within_article: end offset past the end of the article'); END;
            """,
            f"DROP TRIGGER claim_offsets_within_article_{suffix};",
        ),
        (
            f"""
            CREATE TRIGGER claim_quote_matches_article_{suffix} BEFORE {event} ON claims_claim
            WHEN NEW."end" > NEW.start AND NEW."end" <= length({ARTICLE_TEXT})
                AND substr({ARTICLE_TEXT}, NEW.start + 1, NEW."end" - NEW.start) <> NEW.quote
            BEGIN SELECT RAISE(ABORT, 'claim_quote_matches_article: the article text at these offsets is not the quote'); END;
            """,
            f"DROP TRIGGER claim_quote_matches_article_{suffix};",
        ),
    ]
SQLITE.append(
    (
        """
        CREATE TRIGGER article_text_keeps_claims BEFORE UPDATE OF text ON claims_article
        WHEN EXISTS (
            SELECT 1 FROM claims_claim c
            WHERE c.article_id = NEW.id
              AND (c."end" > length(NEW.text) OR substr(NEW.text, c.start + 1, c."end" - c.start) <> c.quote)
        )
        BEGIN SELECT RAISE(ABORT, 'article_text_keeps_claims: the new text moves the text under a claim'); END;
        """,
        "DROP TRIGGER article_text_keeps_claims;",
    )
)


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [RunSQLOn("postgresql", sql, reverse) for sql, reverse in POSTGRESQL] + [
        RunSQLOn("sqlite", sql, reverse) for sql, reverse in SQLITE
    ]
