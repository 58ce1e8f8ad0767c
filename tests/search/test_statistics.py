"""Issue 15: the statistics the database engines rank with (document
frequencies, field lengths, concept weights, PostgreSQL's token postings) are
kept current by the indexing task, practice by practice, not only by a full
rebuild: after any publications and withdrawals they are what a rebuild from
the stored tokens would count."""

import pytest

from search.models import (
    ConceptWeight,
    FieldStatistic,
    PracticeTokens,
    TokenPostings,
    TokenStatistic,
)
from search.services import expansion, postings, statistics, tokens
from search.services.indexing.practice_documents import (
    iter_practice_documents,
    practice_document_of,
)

pytestmark = pytest.mark.django_db


def counted():
    return (
        sorted(TokenStatistic.objects.values_list("field", "token", "documents")),
        sorted(
            FieldStatistic.objects.values_list(
                "language", "field", "documents", "length"
            )
        ),
        # Impacts follow the averages of their time; the counts are exact.
        held(),
    )


def held():
    """(token, page id, counts in each scored field) of every posting, and
    whether each token's best-first order is by impact, then id."""
    found = []
    if not statistics.uses_postings():
        return found
    for token, row in postings.read(
        [""] + list(TokenPostings.objects.values_list("token", flat=True))
    ).items():
        width = postings.WIDTH
        for position, page_id in enumerate(row.pages):
            counts = tuple(row.counts[position * width : (position + 1) * width])
            found.append((token, page_id, counts))
        best = [(-row.impacts[i], row.pages[i]) for i in row.order]
        assert best == sorted(best) and len(best) == len(row)
    return sorted(found)


def weights():
    return {
        concept: (documents, round(weight, 9))
        for concept, documents, weight in ConceptWeight.objects.values_list(
            "concept", "documents", "weight"
        )
    }


def expected_weights():
    stored = set(PracticeTokens.objects.values_list("page_id", flat=True))
    _total, computed = expansion.compute_weights(
        tokens.concepts_of(document)
        for document in iter_practice_documents()
        if document["page_id"] in stored
    )
    return {cid: (n, round(weight, 9)) for cid, (n, weight) in computed.items()}


def test_indexing_and_unindexing_keep_statistics_and_weights_current(corpus):
    named = {
        slug: tokens.concepts_of(practice_document_of(page.pk))
        for slug, page in corpus.items()
    }
    slug = max(named, key=lambda slug: len(named[slug]))
    page = corpus[slug]
    concept = sorted(named[slug])[0]
    before = weights()

    tokens.store(page.pk, None)  # withdrawn: the task removes its tokens
    assert weights()[concept][0] == before[concept][0] - 1
    assert weights() == expected_weights()
    after_removal = counted()
    statistics.rebuild()
    assert counted() == after_removal

    tokens.store(page.pk, practice_document_of(page.pk))  # published again
    assert weights() == before == expected_weights()
    again = counted()
    statistics.rebuild()
    assert counted() == again


def test_rebuild_counts_from_the_stored_tokens(corpus):
    rows = PracticeTokens.objects.count()
    assert FieldStatistic.objects.filter(field="title").values_list(
        "documents", flat=True
    )
    assert (
        sum(
            FieldStatistic.objects.filter(field="title").values_list(
                "documents", flat=True
            )
        )
        == rows
    )
    if statistics.uses_postings():
        lengths = postings.read([postings.LENGTHS])[postings.LENGTHS]
        assert list(lengths.pages) == sorted(
            PracticeTokens.objects.values_list("page_id", flat=True)
        )
