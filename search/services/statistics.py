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
* ``TokenPostings`` (PostgreSQL): per token, the practices holding it with
  its BM25 term part in each one's best field, the inverted index a search
  ranks from (services/postings.py).
"""

import logging
import time
from collections import Counter
from functools import partial

from django.db import connection, transaction
from django.db.models import F, Sum

from ..models import (
    ConceptWeight,
    FieldStatistic,
    PracticeTokens,
    TokenStatistic,
)
from . import postings

logger = logging.getLogger(__name__)

FIELDS = ("title", "text", "concepts_title", "concepts_text")


def _fields(row):
    """{field: [tokens]} of a PracticeTokens row (a model or a value dict)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    return {field: (get(field) or "").split() for field in FIELDS}


def _language(row):
    return row["language"] if isinstance(row, dict) else row.language


def held_field(language):
    """The TokenStatistic field counting the practices in ``language`` whose
    title or text holds a token: how common a dictionary translation is in
    its own language's practices (query/scoring.py, term_shares)."""
    return f"held_{language}"


def _counts(rows, sign=1):
    """(Counter of (field, token) -> practices, Counter of (language, field)
    -> (practices, tokens)) of ``rows``, times ``sign``; the tokens also per
    language (:func:`held_field`)."""
    tokens, fields = Counter(), Counter()
    for row in rows:
        language = _language(row)
        row_fields = _fields(row)
        for field, held in row_fields.items():
            if not held:
                continue
            for token in set(held):
                tokens[field, token] += sign
            fields[language, field, "documents"] += sign
            fields[language, field, "length"] += sign * len(held)
        for token in set(row_fields["title"]) | set(row_fields["text"]):
            tokens[held_field(language), token] += sign
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


def _averages():
    """{field: average tokens among the practices holding it} (all languages)."""
    found = {}
    for row in FieldStatistic.objects.values("field").annotate(
        n=Sum("documents"), total=Sum("length")
    ):
        found[row["field"]] = row["total"] / row["n"] if row["n"] else 1.0
    return found


def uses_postings():
    return connection.vendor == "postgresql"


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
    if uses_postings():
        postings.replace(
            page_id,
            _fields(old) if old is not None else None,
            _fields(new) if new is not None else None,
            _averages(),
        )
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
        if uses_postings():
            postings.rebuild(
                [(row["page_id"], _fields(row)) for row in rows], _averages()
            )
    _forget_collection_stats()
    return len(rows)


def _forget_collection_stats():
    """This process reads the moved statistics at once (the scorer keeps them
    for a minute; other processes see them within that minute), and every
    process reads the stored tokens it keeps again once they are committed
    (:func:`index_version`)."""
    from .query.scoring import forget_stats

    transaction.on_commit(forget_stats)
    transaction.on_commit(_bump_index_version, robust=True)
    forget_stats()


# Moves whenever stored tokens are committed, in any process: the database
# engines keep the index rows they read per process (postings.read_kept,
# query/sqlite.py) and read this with the content version once per search.
INDEX_VERSION = "search:index-version"


def index_version():
    """The counter, or while the cache is out a value never seen before: what
    is kept per version is then read again (fresh, slower) rather than kept
    past commits nobody could count."""
    from vetnet.cache import counter, readable

    return readable(partial(counter, INDEX_VERSION), "search index version")


def _bump_index_version():
    from django.core.cache import cache

    try:
        cache.incr(INDEX_VERSION)
    except ValueError:  # no counter yet (or lost): start above any earlier one
        cache.add(INDEX_VERSION, time.time_ns(), timeout=None)


def frequencies(pairs):
    """{(field, token): practices whose field holds it} of ``pairs``."""
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return {}
    wanted = {token for _field, token in pairs}
    found = {
        (field, token): documents
        for field, token, documents in TokenStatistic.objects.filter(
            field__in={field for field, _token in pairs}, token__in=wanted
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
