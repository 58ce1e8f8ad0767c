"""Models of the search app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingIndexUpdate(models.Model):
    """A page whose index update could not reach Elasticsearch.

    Written by the indexing task when Elasticsearch is down, so a save never fails;
    replayed by the next successful indexing task, ``search_index sync`` and
    ``search_index rebuild``. One row per page: the replay reads the page's state
    at that moment (published -> index it, otherwise remove it).
    """

    page_id = models.PositiveIntegerField(_("page id"), unique=True)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("pending search index update")
        verbose_name_plural = _("pending search index updates")

    def __str__(self):
        return f"page {self.page_id} ({self.attempts} attempts)"


class PracticeTokens(models.Model):
    """One published practice as the database engines search it: the terms its
    title and text give under its language's analysis chain (search/analysis.py)
    and the thesaurus concepts they name (search/thesaurus.py), computed once at
    index time with the Elasticsearch document (services/tokens.py).

    Each field holds space-separated tokens. SQLite mirrors the rows into an FTS5
    table (migrations 0003, 0008, 0009), which only splits on spaces: the analysis is
    ours; PostgreSQL searches them through ``TokenPostings``.
    """

    page_id = models.PositiveIntegerField(primary_key=True)
    language = models.CharField(max_length=8)
    title = models.TextField(blank=True)
    concepts_title = models.TextField(blank=True)
    concepts_text = models.TextField(blank=True)
    text = models.TextField(blank=True)
    # The text's main concepts, each once (services/tokens.py, main_tags): what
    # a partial match's count rule reads (services/query/floor.py), not scored.
    concepts_main = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("pre-analysed practice")
        verbose_name_plural = _("pre-analysed practices")

    def __str__(self):
        return f"page {self.page_id} ({self.language})"


class ConceptWeight(models.Model):
    """How common a thesaurus concept is among the published practices, and the
    weight that gives it in every engine's query (services/expansion.py): a
    concept most practices name (vocational training, competence) weighs little,
    a rare one fully. Recomputed from the documents' concept tags by each
    rebuild (``search_index rebuild``, and the first analysis after migrate).
    """

    concept = models.CharField(max_length=200, primary_key=True)
    documents = models.PositiveIntegerField(default=0)
    weight = models.FloatField(default=1.0)

    class Meta:
        verbose_name = _("thesaurus concept weight")
        verbose_name_plural = _("thesaurus concept weights")

    def __str__(self):
        return f"{self.concept}: {self.weight:.2f} ({self.documents} practices)"


class TokenStatistic(models.Model):
    """How many practices hold a token in one of the ``PracticeTokens`` fields:
    the document frequencies every engine's BM25 reads, kept current by the
    indexing task (services/statistics.py) instead of counted per search."""

    pk = models.CompositePrimaryKey("field", "token")
    field = models.CharField(max_length=16)
    token = models.CharField(max_length=200)
    # Signed: the indexing task adds a practice's differences in one
    # upsert, which checks the row it would insert (rows at 0 are deleted).
    documents = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("token statistic")
        verbose_name_plural = _("token statistics")

    def __str__(self):
        return f"{self.field}:{self.token} ({self.documents})"


class FieldStatistic(models.Model):
    """Per language and field: how many practices hold a token in the field and
    their tokens in all (BM25's average field length), kept as TokenStatistic."""

    pk = models.CompositePrimaryKey("language", "field")
    language = models.CharField(max_length=8)
    field = models.CharField(max_length=16)
    # Signed: the indexing task adds a practice's differences in one
    # upsert, which checks the row it would insert (rows at 0 are deleted).
    documents = models.IntegerField(default=0)
    length = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("field statistic")
        verbose_name_plural = _("field statistics")

    def __str__(self):
        return f"{self.language} {self.field}: {self.documents}"


class TokenPostings(models.Model):
    """PostgreSQL's inverted index of the practices' tokens: one row per token,
    every practice holding it with the token's BM25 term part in the
    practice's best field (without IDF, which the query multiplies in) and its
    count in each scored field, as packed arrays by practice id, with the
    practices' positions by impact (services/postings.py). A search reads the rows of its tokens alone; the
    row of the empty token holds the practices' field lengths."""

    token = models.CharField(max_length=200, primary_key=True)
    pages = models.BinaryField()
    impacts = models.BinaryField()
    counts = models.BinaryField()
    position_order = models.BinaryField()

    class Meta:
        verbose_name = _("token postings row")
        verbose_name_plural = _("token postings rows")

    def __str__(self):
        return self.token or "(field lengths)"
