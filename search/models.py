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

    def __str__(self):
        return f"page {self.page_id} ({self.attempts} attempts)"


class PracticeTokens(models.Model):
    """One published practice as the database engines search it: the terms its
    title and text give under its language's analysis chain (search/analysis.py)
    and the thesaurus concepts they name (search/thesaurus.py), computed once at
    index time with the Elasticsearch document (services/tokens.py).

    Each field holds space-separated tokens. SQLite mirrors the rows into an FTS5
    table and PostgreSQL into a weighted tsvector column (migration 0003): both
    only split on spaces, the analysis is ours.
    """

    page_id = models.PositiveIntegerField(primary_key=True)
    language = models.CharField(max_length=8)
    title = models.TextField(blank=True)
    concepts_title = models.TextField(blank=True)
    concepts_text = models.TextField(blank=True)
    text = models.TextField(blank=True)
    parts = models.TextField(blank=True)

    class Meta:
        verbose_name = _("pre-analysed practice")

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

    def __str__(self):
        return f"{self.concept}: {self.weight:.2f} ({self.documents} practices)"
