"""The text's main concepts (``concepts_main``: services/tokens.py, main_tags),
which the count rule for a practice holding only some of a query's concepts
reads (services/query/floor.py).

The column is filled here from each row's ``concepts_text`` (the rule below is
services/tokens.py's of this migration's time), so that a database keeps
searching its stored tokens without analysing the practices again. SQLite's
FTS5 table is made again with the column (the partial rule matches it with a
column filter; bm25() weighs it 0). Elasticsearch's mapping gains the field
too: its schema fingerprint changes, and ``search_index status`` asks for the
rebuild that writes it.
"""

from collections import Counter

from django.db import migrations, models

COLUMNS = "title, concepts_title, concepts_text, text"
NEW_COLUMNS = COLUMNS + ", concepts_main"


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


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(sql)

    return run


def _main(tokens):
    counts = Counter(tokens)
    return [t for t, n in counts.items() if n >= max(2, 0.08 * len(tokens))]


def _fill(apps, schema_editor):
    tokens = apps.get_model("search", "PracticeTokens")
    rows = list(tokens.objects.only("page_id", "concepts_text"))
    for row in rows:
        row.concepts_main = " ".join(_main(row.concepts_text.split()))
    tokens.objects.bulk_update(rows, ["concepts_main"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_no_parts")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": DROP_FTS}), _run({"sqlite": _fts(COLUMNS)})
        ),
        migrations.AddField(
            model_name="practicetokens",
            name="concepts_main",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop),
        migrations.RunPython(_run({"sqlite": _fts(NEW_COLUMNS)}), _run({"sqlite": DROP_FTS})),
    ]
