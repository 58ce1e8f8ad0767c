"""The statistics every database search reads, kept at index time.

A search used to count them: the practices holding each of its tokens (per
field), the practices and tokens per field and language, and (PostgreSQL) a
ts_rank over every practice holding any of its tokens; at 10,000 practices
that was most of a second per search. They are stored instead, and the
indexing task that stores a practice's tokens (services/tokens.py) moves them
by the difference between the practice's old and new tokens:

* ``TokenStatistic``: practices holding a token, per field (BM25's IDF);
* ``FieldStatistic``: practices and tokens per language and field (BM25's
  average field length);
* ``ConceptWeight``: practices naming a concept, and the weight that gives it
  (services/expansion.py), so weights follow each publication, not only a
  rebuild;
* ``TokenImpact`` (PostgreSQL): each practice's tokens with their BM25 term
  part in the practice's best field, the inverted index a search ranks from.
"""

from collections import Counter

from django.db import connection, transaction
from django.db.models import F, Sum

from ..models import (
    ConceptWeight,
    FieldStatistic,
    PracticeTokens,
    TokenImpact,
    TokenStatistic,
)

FIELDS = ("title", "text", "concepts_title", "concepts_text", "parts")
# The fields each kind of token is scored in, with their boosts (as
# query/scoring.py and the Elasticsearch query weigh them).
WORD_FIELDS = (("title", 3.0), ("text", 1.0))
CONCEPT_FIELDS = (("concepts_title", 3.0), ("concepts_text", 1.0))
K1, B = 1.2, 0.75


def _fields(row):
    """{field: [tokens]} of a PracticeTokens row (a model or a value dict)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    return {field: (get(field) or "").split() for field in FIELDS}


def _language(row):
    return row["language"] if isinstance(row, dict) else row.language


def _counts(rows, sign=1):
    """(Counter of (field, token) -> practices, Counter of (language, field)
    -> (practices, tokens)) of ``rows``, times ``sign``."""
    tokens, fields = Counter(), Counter()
    for row in rows:
        language = _language(row)
        for field, held in _fields(row).items():
            if not held:
                continue
            for token in set(held):
                tokens[field, token] += sign
            fields[language, field, "documents"] += sign
            fields[language, field, "length"] += sign * len(held)
    return tokens, fields


def _upsert(table, keys, rows):
    """Add ``rows`` ((*keys, *amounts)) to ``table``'s amounts (inserting the
    missing keys) in one statement per 500 rows; amounts reaching 0 are
    deleted by the caller."""
    if not rows:
        return
    amount_names = ["documents", "length"][: len(rows[0]) - len(keys)]
    columns = [*keys, *amount_names]
    update = ", ".join(
        f"{name} = {table}.{name} + excluded.{name}" for name in amount_names
    )
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            batch = rows[start : start + 500]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                + ", ".join([placeholders] * len(batch))
                + f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {update}",
                [value for row in batch for value in row],
            )


def _apply(tokens, fields):
    token_rows = [(f, t, n) for (f, t), n in tokens.items() if n]
    _upsert(TokenStatistic._meta.db_table, ("field", "token"), token_rows)
    field_rows = [
        (language, field, fields[language, field, "documents"], length)
        for (language, field, kind), length in fields.items()
        if kind == "length"
    ]
    _upsert(FieldStatistic._meta.db_table, ("language", "field"), field_rows)
    TokenStatistic.objects.filter(documents__lte=0).delete()
    FieldStatistic.objects.filter(documents__lte=0).delete()


def _bm25_part(count, length, average, boost):
    norm = K1 * (1 - B + B * length / max(average, 1e-6))
    return boost * count / (count + norm)


def _averages():
    """{field: average tokens among the practices holding it} (all languages)."""
    found = {}
    for row in FieldStatistic.objects.values("field").annotate(
        n=Sum("documents"), total=Sum("length")
    ):
        found[row["field"]] = row["total"] / row["n"] if row["n"] else 1.0
    return found


SCORED = ("title", "text", "concepts_title", "concepts_text")
LENGTHS = ""  # the token of the row holding a practice's field lengths


def impacts(row, averages):
    """[(token, impact, count in each SCORED field)] of one practice: each
    token's BM25 term part in the best of the fields it is scored in, then
    the fields' lengths under the token :data:`LENGTHS`."""
    fields = _fields(row)
    best, counts = {}, {}
    for field_set in (WORD_FIELDS, CONCEPT_FIELDS):
        for field, boost in field_set:
            held = fields[field]
            position = SCORED.index(field)
            for token, count in Counter(held).items():
                counts.setdefault(token, [0, 0, 0, 0])[position] = count
                value = _bm25_part(count, len(held), averages.get(field, 1.0), boost)
                if value > best.get(token, 0.0):
                    best[token] = value
    lengths = [len(fields[field]) for field in SCORED]
    return [(token, best[token], *counts[token]) for token in best] + [
        (LENGTHS, 0.0, *lengths)
    ]


def uses_impacts():
    return connection.vendor == "postgresql"


def _write_impacts(page_ids, rows, averages):
    TokenImpact.objects.filter(page_id__in=page_ids).delete()
    columns = ", ".join(("page_id", "token", "impact", *SCORED))
    with connection.cursor() as cursor:
        with cursor.copy(
            f"COPY {TokenImpact._meta.db_table} ({columns}) FROM STDIN"
        ) as copy:
            for row in rows:
                page_id = _page_id(row)
                for values in impacts(row, averages):
                    copy.write_row((page_id, *values))


class Held:
    """A field of one practice as the rescoring reads it (query/scoring.py):
    the counts of the tokens asked about, and the field's length."""

    __slots__ = ("counts", "length")

    def __init__(self, length):
        self.counts = {}
        self.length = length

    def count(self, token):
        return self.counts.get(token, 0)

    def __contains__(self, token):
        return token in self.counts

    def __len__(self):
        return self.length


def pg_array(values):
    """A PostgreSQL array literal of ``values`` (ints, floats or strings), for
    one ``%s::type[]`` parameter: psycopg binds Django's parameters on the
    client, and quoting a list element by element cost a search more time
    than the statement it was sent with."""
    if all(isinstance(value, int) for value in values):
        return "{" + ",".join(map(str, values)) + "}"
    if all(isinstance(value, float) for value in values):
        return "{" + ",".join(map(repr, values)) + "}"
    quoted = (
        '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' for value in values
    )
    return "{" + ",".join(quoted) + "}"


def held_rows(page_ids, tokens, postings):
    """{page id: row for query/scoring.py} of ``page_ids`` that the
    inverted index holds, knowing only ``tokens``, from PostgreSQL's
    ``TokenImpact`` rows (no practice's text is read). ``postings``: {token:
    about how many practices hold it}; a token held by fewer practices than
    ``page_ids`` has is read through its postings (the (token, impact)
    index), a common one by looking each page's row up (the primary key), so
    that a search never reads every row of a token most practices hold."""
    table = TokenImpact._meta.db_table
    counts = ", ".join("i." + f for f in SCORED)
    few = [t for t in tokens if t != LENGTHS and postings.get(t, 0) <= len(page_ids)]
    many = [LENGTHS, *(t for t in tokens if t != LENGTHS and t not in few)]
    ids = pg_array(list(page_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT i.page_id, i.token, {counts}, NULL FROM {table} i"
            " WHERE i.token = ANY(%s::text[]) AND i.page_id = ANY(%s::int[])"
            # Looked up per page by the primary key (OFFSET 0: joined whole,
            # PostgreSQL read every posting of these tokens to hash them).
            f" UNION ALL SELECT i.page_id, i.token, {counts}, NULL"
            " FROM unnest(%s::int[]) AS h(page_id) CROSS JOIN LATERAL"
            f" (SELECT * FROM {table} WHERE page_id = h.page_id"
            " AND token = ANY(%s::text[]) OFFSET 0) i"
            " UNION ALL SELECT page_id, NULL, 0, 0, 0, 0, language"
            f" FROM {PracticeTokens._meta.db_table} WHERE page_id = ANY(%s::int[])",
            [pg_array(few), ids, ids, pg_array(many), ids],
        )
        rows = cursor.fetchall()
    languages = {row[0]: row[6] for row in rows if row[1] is None}
    found = {}
    for page_id, token, *counts, _language in rows:
        if token == LENGTHS:
            row = {
                "page_id": page_id,
                "language": languages.get(page_id, "en"),
                "parts": "",
            }
            row.update({f: Held(n) for f, n in zip(SCORED, counts, strict=True)})
            found[page_id] = row
    for page_id, token, *counts, _language in rows:
        if not token:
            continue
        row = found.get(page_id)
        if row is None:
            continue
        for field, count in zip(SCORED, counts, strict=True):
            if count:
                row[field].counts[token] = count
    return found


def _page_id(row):
    return row["page_id"] if isinstance(row, dict) else row.page_id


def refresh_weights(changed=None):
    """Store the concepts' practices counts moved by ``changed`` ({concept:
    delta}), then every concept's weight for the current number of practices."""
    from .expansion import forget_weights, idf_weight

    for concept, delta in (changed or {}).items():
        updated = ConceptWeight.objects.filter(concept=concept).update(
            documents=F("documents") + delta
        )
        if not updated and delta > 0:
            ConceptWeight.objects.create(concept=concept, documents=delta)
    ConceptWeight.objects.filter(documents__lte=0).delete()
    total = PracticeTokens.objects.count()
    stale = []
    for weight in ConceptWeight.objects.all():
        value = idf_weight(weight.documents, total)
        if abs(value - weight.weight) > 1e-9:
            weight.weight = value
            stale.append(weight)
    ConceptWeight.objects.bulk_update(stale, ["weight"], batch_size=500)
    forget_weights()


def replace(page_id, old, new):
    """Move the statistics from practice ``page_id``'s ``old`` row (None: it
    had none) to its ``new`` one (None: it has none now). Runs in the indexing
    task, inside its transaction."""
    tokens, fields = _counts([new] if new is not None else [])
    old_tokens, old_fields = _counts([old] if old is not None else [], sign=-1)
    tokens.update(old_tokens)
    fields.update(old_fields)
    _apply(tokens, fields)
    concepts = {
        concept: delta for concept, delta in _concept_deltas(old, new).items() if delta
    }
    if concepts or (old is None) != (new is None):
        refresh_weights(concepts)
    if uses_impacts():
        _write_impacts([page_id], [new] if new is not None else [], _averages())
    _forget_collection_stats()


def _concept_deltas(old, new):
    from .tokens import concept_of_token

    def named(row):
        if row is None:
            return set()
        fields = _fields(row)
        return {
            concept
            for field in ("concepts_title", "concepts_text")
            for token in fields[field]
            if token.startswith("c0") and (concept := concept_of_token(token))
        }

    before, after = named(old), named(new)
    return {
        **dict.fromkeys(before - after, -1),
        **dict.fromkeys(after - before, 1),
    }


def rebuild():
    """Every statistic afresh from the stored tokens (``search_index
    rebuild``, and once after the migration that added them)."""
    rows = list(PracticeTokens.objects.values("page_id", "language", *FIELDS))
    with transaction.atomic():
        TokenStatistic.objects.all().delete()
        FieldStatistic.objects.all().delete()
        tokens, fields = _counts(rows)
        _apply(tokens, fields)
        if uses_impacts():
            TokenImpact.objects.all().delete()
            _write_impacts([], rows, _averages())
    _forget_collection_stats()
    return len(rows)


def _forget_collection_stats():
    """This process reads the moved statistics at once (the scorer keeps them
    for a minute; other processes see them within that minute)."""
    from .query.scoring import forget_stats

    transaction.on_commit(forget_stats)
    forget_stats()


def frequencies(pairs):
    """{(field, token): practices whose field holds it} of ``pairs``."""
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return {}
    wanted = {token for _field, token in pairs}
    found = {
        (field, token): documents
        for field, token, documents in TokenStatistic.objects.filter(
            token__in=wanted
        ).values_list("field", "token", "documents")
    }
    return {pair: found.get(pair, 0) for pair in pairs}


def collection_stats():
    """{language: {field: (practices holding it, average tokens among them)}},
    and the same over all languages under the key None (query/scoring.py)."""
    rows = list(
        FieldStatistic.objects.values_list("language", "field", "documents", "length")
    )
    found = {}
    for language in {row[0] for row in rows} | {None}:
        found[language] = {}
        for field in FIELDS:
            chosen = [
                row
                for row in rows
                if row[1] == field and (language is None or row[0] == language)
            ]
            holding = sum(row[2] for row in chosen)
            length = sum(row[3] for row in chosen)
            found[language][field] = (holding, length / holding if holding else 1.0)
    return found
