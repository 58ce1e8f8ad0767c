"""Full-text structures over the pre-analysed tokens, one per database engine.

The tokens are already analysed (stemmed, folded, stop words out) by our own
per-language chains, so each engine only splits on spaces: SQLite gets an FTS5
table kept in step with ``search_practicetokens`` by triggers (ranked with
bm25() and column weights), PostgreSQL a stored, weighted tsvector column with
the 'simple' configuration and a GIN index (ranked with ts_rank).
"""

from django.db import migrations

COLUMNS = "title, concepts_title, concepts_text, text, parts"
NEW = ", ".join(f"new.{c}" for c in COLUMNS.split(", "))
OLD = ", ".join(f"old.{c}" for c in COLUMNS.split(", "))

SQLITE = [
    f"""CREATE VIRTUAL TABLE search_practice_fts USING fts5({COLUMNS},
        content='search_practicetokens', content_rowid='page_id',
        tokenize="unicode61 remove_diacritics 0")""",
    f"""CREATE TRIGGER search_practicetokens_ai AFTER INSERT ON search_practicetokens
        BEGIN
          INSERT INTO search_practice_fts(rowid, {COLUMNS})
          VALUES (new.page_id, {NEW});
        END""",
    f"""CREATE TRIGGER search_practicetokens_ad AFTER DELETE ON search_practicetokens
        BEGIN
          INSERT INTO search_practice_fts(search_practice_fts, rowid, {COLUMNS})
          VALUES ('delete', old.page_id, {OLD});
        END""",
    f"""CREATE TRIGGER search_practicetokens_au AFTER UPDATE ON search_practicetokens
        BEGIN
          INSERT INTO search_practice_fts(search_practice_fts, rowid, {COLUMNS})
          VALUES ('delete', old.page_id, {OLD});
          INSERT INTO search_practice_fts(rowid, {COLUMNS})
          VALUES (new.page_id, {NEW});
        END""",
    "INSERT INTO search_practice_fts(search_practice_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_practicetokens_ai",
    "DROP TRIGGER IF EXISTS search_practicetokens_ad",
    "DROP TRIGGER IF EXISTS search_practicetokens_au",
    "DROP TABLE IF EXISTS search_practice_fts",
]

POSTGRESQL = [
    """ALTER TABLE search_practicetokens ADD COLUMN document tsvector
        GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', title || ' ' || concepts_title), 'A')
          || setweight(to_tsvector('simple', concepts_text), 'B')
          || setweight(to_tsvector('simple', text), 'C')
          || setweight(to_tsvector('simple', parts), 'D')
        ) STORED""",
    """CREATE INDEX search_practicetokens_document
        ON search_practicetokens USING GIN (document)""",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_practicetokens_document",
    "ALTER TABLE search_practicetokens DROP COLUMN IF EXISTS document",
]


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_practicetokens")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
