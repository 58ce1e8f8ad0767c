"""A query mixing a word the thesaurus knows (naming a concept) with a word it
does not know finds a practice holding only the unknown word, on every engine
(request.words_alone): the concept reaches the practices of every language,
the unknown word the texts of its own. Before, such a practice needed both
words in one field and was not found. A query whose known words name no
concept keeps its words together: the unknown one alone does not stand for
it.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess (as
test_engines.py)."""

import pytest

from search.services.query import SearchRequest

from .sqlite_run import on_sqlite

pytestmark = pytest.mark.django_db

# "apprenticeship" names a concept; "falconry" no thesaurus term holds, nor
# names a concept by its first letters; "dual" is a word of thesaurus terms
# ("dual system") that names no concept alone.
MIXED = "falconry apprenticeship"
NO_CONCEPT = "falconry dual"

PRACTICES = [
    {
        "title": "Apprenticeship in falconry",
        "summary": "Young people learn falconry in a three-year apprenticeship.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Birds of prey on rural estates",
        "summary": "Estate workers learn falconry from experienced falconers.",
        "content_language": "en",
        "country": "AT",
    },
    {
        "title": "Apprendistato in panetteria",
        "summary": "Gli apprendisti imparano a fare il pane con il lievito madre.",
        "content_language": "it",
        "country": "IT",
    },
    {
        "title": "Bakers in the old town",
        "summary": "Young bakers learn sourdough baking.",
        "content_language": "en",
        "country": "FR",
    },
]


@pytest.fixture
def mixed(stored_practices):
    return stored_practices(PRACTICES)


def titles(results, mixed):
    return [mixed[hit.page_id] for hit in results.hits]


def check_unknown_word_counts_alone(engine, mixed):
    found = titles(engine.search(SearchRequest(q=MIXED)), mixed)
    # Both words first; the practice holding only the unknown word is found
    # (before: only the two apprenticeship practices).
    assert found[0] == "Apprenticeship in falconry"
    assert sorted(found) == [
        "Apprendistato in panetteria",
        "Apprenticeship in falconry",
        "Birds of prey on rural estates",
    ]
    # Its other words name no concept: "falconry" alone is not the query, so
    # nothing holds enough of its words and the page says so.
    other = engine.search(SearchRequest(q=NO_CONCEPT))
    assert other.some_words


def test_every_engine_counts_an_unknown_word_alone(search_engine, mixed):
    check_unknown_word_counts_alone(search_engine(), mixed)


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine_mixed_words = on_sqlite(__file__, "database_engine", passed=1)
