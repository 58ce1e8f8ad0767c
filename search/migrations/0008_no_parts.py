"""No part tokens (thesaurus matching 4): the ``parts`` column goes, with the
structures over it: SQLite's FTS5 table is made again without it (and filled
from the stored tokens), PostgreSQL's tsvector column and its GIN index go
(the inverted index a search ranks from is search_tokenpostings).

Tokens stored by an analysis that still made part tokens (a ``parts`` value)
are dropped with their statistics: after migrate, search/signals.py
fill_tokens analyses the practices again (as for a database that never had
tokens), so that no deployment searches the old analysis.
"""

from django.db import migrations

COLUMNS = "title, concepts_title, concepts_text, text"
OLD_COLUMNS = COLUMNS + ", parts"


def _fts(columns):
    new = ", ".join(f"new.{c}" for c in columns.split(", "))
    old = ", ".join(f"old.{c}" for c in columns.split(", "))
    return [
        f"""CREATE VIRTUAL TABLE search_practice_fts USING fts5({columns},
            content='search_practicetokens', content_rowid='page_id',
            tokenize="unicode61 remove_diacritics 0")""",
        f"""CREATE TRIGGER search_practicetokens_ai AFTER INSERT
            ON search_practicetokens BEGIN
              INSERT INTO search_practice_fts(rowid, {columns})
              VALUES (new.page_id, {new});
            END""",
        f"""CREATE TRIGGER search_practicetokens_ad AFTER DELETE
            ON search_practicetokens BEGIN
              INSERT INTO search_practice_fts(search_practice_fts, rowid, {columns})
              VALUES ('delete', old.page_id, {old});
            END""",
        f"""CREATE TRIGGER search_practicetokens_au AFTER UPDATE
            ON search_practicetokens BEGIN
              INSERT INTO search_practice_fts(search_practice_fts, rowid, {columns})
              VALUES ('delete', old.page_id, {old});
              INSERT INTO search_practice_fts(rowid, {columns})
              VALUES (new.page_id, {new});
            END""",
        "INSERT INTO search_practice_fts(search_practice_fts) VALUES ('rebuild')",
    ]


DROP_FTS = [
    "DROP TRIGGER IF EXISTS search_practicetokens_ai",
    "DROP TRIGGER IF EXISTS search_practicetokens_ad",
    "DROP TRIGGER IF EXISTS search_practicetokens_au",
    "DROP TABLE IF EXISTS search_practice_fts",
]
DROP_TSVECTOR = [
    "DROP INDEX IF EXISTS search_practicetokens_document",
    "ALTER TABLE search_practicetokens DROP COLUMN IF EXISTS document",
]
TSVECTOR = [
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
# Tokens of the analysis with part tokens: analysed again after migrate.
STALE = [
    "DELETE FROM search_tokenstatistic",
    "DELETE FROM search_fieldstatistic",
    "DELETE FROM search_tokenpostings",
    "DELETE FROM search_practicetokens",
]


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


def _drop_stale(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM search_practicetokens WHERE parts <> '' LIMIT 1")
        stale = cursor.fetchone() is not None
    if stale:
        for sql in STALE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_postings")]

    operations = [
        migrations.RunPython(_drop_stale, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": DROP_FTS, "postgresql": DROP_TSVECTOR}),
            _run({"sqlite": _fts(OLD_COLUMNS), "postgresql": TSVECTOR}),
        ),
        migrations.RemoveField(model_name="practicetokens", name="parts"),
        migrations.RunPython(
            _run({"sqlite": _fts(COLUMNS)}),
            _run({"sqlite": DROP_FTS}),
        ),
    ]
