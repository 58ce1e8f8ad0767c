"""A query word the thesaurus does not know still crosses languages when it is
written like a term of another language (search/thesaurus.py,
cognate_concepts): a French "apprentissage" is the Catalan "aprenentatge" and
the Spanish "aprendizaje" by its first letters, so it finds the apprenticeship
practices written in Italian, Catalan and Greek, on every engine.

PostgreSQL and Elasticsearch in this run; SQLite (the embedded default) by
running the database-engine tests again in a subprocess (sqlite_run.py).
"""

import pytest

from search import thesaurus
from search.services.query import DatabaseSearch, ElasticsearchSearch, SearchRequest

from .sqlite_run import on_sqlite

APPRENTICESHIP = {"it-apprendistato", "ca-aprenentatge", "el-mathiteia"}
DIGITAL = {"es-digital", "de-digital"}
# Words of languages the thesaurus has no terms in (French, Portuguese): no
# term holds them, and no practice is written in them.
QUERIES = {"apprentissage": APPRENTICESHIP, "digitalização": DIGITAL}


def test_an_unknown_word_names_the_concept_of_a_term_written_alike():
    assert not thesaurus.is_known_word("apprentissage")
    assert "apprenticeship" in thesaurus.cognate_concepts("apprentissage")
    assert "digitalisation" in thesaurus.cognate_concepts("digitalização")
    # A known word names its concepts through its terms, not by its letters;
    # a word written like no term names nothing.
    assert thesaurus.cognate_concepts("apprendistato") == []
    assert thesaurus.cognate_concepts("pâtisserie") == []


def test_a_known_word_completes_a_term_with_an_unknown_one():
    """Portuguese "formação dual": "dual" is a word of terms (it names no
    concept alone), "formação" of none; together they are the Spanish
    "formación dual" by their first letters, the dual system."""
    assert thesaurus.is_known_word("dual")
    assert not thesaurus.is_known_word("formação")
    assert "dual system" in thesaurus.cognate_concepts("formação dual")
    # known words alone are concepts_in's business, never a cognate
    assert thesaurus.cognate_concepts("formación dual") == []


def test_an_unknown_compound_ending_in_a_term_of_another_language_names_it():
    """Danish "karrierecoaching" is no word of any thesaurus language, and its
    first letters name only career concepts; it ends in the English one-word
    term "coaching", so it names coaching too (search/compounds.py,
    foreign_parts). An end shorter than the cognate letters is no head: with
    German held out, "projektbasiertes" does not end in the Spanish "ertes"."""
    assert not thesaurus.is_known_word("karrierecoaching")
    assert "coaching" in thesaurus.cognate_concepts("karrierecoaching")
    with thesaurus.holding_out("de"):
        assert "short-time work" not in thesaurus.cognate_concepts("projektbasiertes")


def _slugs(results, corpus):
    by_id = {page.pk: slug for slug, page in corpus.items()}
    return {by_id[hit.page_id] for hit in results.hits}


@pytest.mark.django_db
@pytest.mark.parametrize("q", QUERIES)
def test_database_engine_finds_an_unknown_word_in_other_languages(settings, corpus, q):
    """PostgreSQL in this run, SQLite in test_sqlite_engine's subprocess."""
    settings.ELASTICSEARCH_URL = None
    results = DatabaseSearch().search(SearchRequest(q=q))
    assert QUERIES[q] <= _slugs(results, corpus)
    assert "nl-warmtepomp" not in _slugs(results, corpus)


@pytest.mark.django_db
@pytest.mark.elasticsearch
@pytest.mark.parametrize("q", QUERIES)
def test_elasticsearch_finds_an_unknown_word_in_other_languages(es_index, corpus, q):
    from search.services.indexing import lifecycle

    lifecycle.rebuild()
    results = ElasticsearchSearch(cache=False).search(SearchRequest(q=q))
    assert QUERIES[q] <= _slugs(results, corpus)
    assert "nl-warmtepomp" not in _slugs(results, corpus)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine")
