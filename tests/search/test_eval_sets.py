"""The evaluation sets are well-formed: a judged slug that does not exist, a query
in no language or a practice with an unknown sector would silently weaken
``make eval-search``."""

import json

import pytest

import community.demo
import practices.demo
from community.models import Organisation
from practices.models import PracticePage
from search.evaluation import SETS, TEST_DIR, load_queries, load_test_practices

LANGUAGES = {"it", "es", "ca", "el", "de", "nl", "en"}


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


DEMO = read(practices.demo.FIXTURES / "practices.json")
TAXONOMY = read(practices.demo.FIXTURES / "taxonomy.json")
TEST_PRACTICES = read(TEST_DIR / "practices.json")
TEST_ORGANISATIONS = read(TEST_DIR / "organisations.json")


def test_test_set_practices_are_new_complete_and_in_every_language():
    slugs = [row["slug"] for row in TEST_PRACTICES]
    assert len(slugs) >= 40
    assert len(set(slugs)) == len(slugs)
    assert not set(slugs) & {row["slug"] for row in DEMO}
    languages = [row["language"] for row in TEST_PRACTICES]
    assert {code: languages.count(code) >= 5 for code in LANGUAGES} == dict.fromkeys(
        LANGUAGES, True
    )
    sectors = {row["slug"] for row in TAXONOMY["sectors"]}
    targets = {row["slug"] for row in TAXONOMY["target_groups"]}
    organisations = {row["slug"] for row in TEST_ORGANISATIONS} | {
        row["slug"] for row in read(community.demo.FIXTURES / "organisations.json")
    }
    for row in TEST_PRACTICES:
        assert row["title"] and row["summary"] and row["body"], row["slug"]
        assert len(row["summary"]) <= 600, row["slug"]
        assert row["sectors"] and set(row["sectors"]) <= sectors, row["slug"]
        assert set(row["target_groups"]) <= targets, row["slug"]
        assert row["organisation"] in organisations, row["slug"]
        assert row["eqf_levels"] and all(1 <= n <= 8 for n in row["eqf_levels"])
        assert len(row["country"]) == 2 and row["themes"], row["slug"]


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_judged_slug_exists_and_queries_are_short(name):
    queries = load_queries(SETS[name])
    known = {row["slug"] for row in DEMO}
    if name == "test":
        known |= {row["slug"] for row in TEST_PRACTICES}
        assert len(queries) >= 40
        languages = [query["language"] for query in queries]
        assert all(languages.count(code) >= 5 for code in LANGUAGES)
    assert {query["language"] for query in queries} == LANGUAGES
    for query in queries:
        assert 1 <= len(query["q"].split()) <= 4, query["q"]
        assert set(query["relevant"]) <= known, query["q"]
        assert set(query["relevant"].values()) <= {1, 2, 3}, query["q"]
        assert 3 in query["relevant"].values(), query["q"]


@pytest.mark.django_db
def test_test_set_loader_adds_its_practices_once(tmp_path):
    """Two practices and their organisations, as eval_search loads the whole set."""
    rows = TEST_PRACTICES[:2]
    (tmp_path / "practices.json").write_text(json.dumps(rows), encoding="utf-8")
    (tmp_path / "organisations.json").write_text(
        json.dumps(TEST_ORGANISATIONS), encoding="utf-8"
    )
    assert load_test_practices(tmp_path) == 2
    assert load_test_practices(tmp_path) == 0
    page = PracticePage.objects.live().get(slug=rows[0]["slug"])
    assert page.content_language == rows[0]["language"]
    assert page.organisation == Organisation.objects.get(slug=rows[0]["organisation"])
