"""The evaluation sets are well-formed: a judged slug that does not exist, a query
in no language or a practice with an unknown sector would silently weaken
``make eval-search``."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction

import community.demo
import practices.demo
from community.models import Organisation
from practices.models import PracticePage
from search.evaluation import (
    DEV2_DIR,
    HELD_OUT,
    PRACTICE_DIRS,
    SETS,
    load_queries,
    load_set,
    load_set_practices,
    set_practice_dirs,
)

LANGUAGES = {"it", "es", "ca", "el", "de", "nl", "en"}
# Smallest size of each set that brings practices of its own: practices,
# practices per language, queries, queries per language.
MINIMUM = {
    "test": (40, 5, 40, 5),
    "development-2": (28, 4, 30, 4),
    "development-3": (40, 5, 40, 5),
    "development-4": (45, 6, 45, 6),
    "development-5": (45, 6, 45, 6),
    "test-2": (49, 7, 49, 6),
}


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


DEMO = read(practices.demo.FIXTURES / "practices.json")
TAXONOMY = read(practices.demo.FIXTURES / "taxonomy.json")
DEMO_ORGANISATIONS = read(community.demo.FIXTURES / "organisations.json")
OWN_PRACTICES = {name: read(d / "practices.json") for name, d in PRACTICE_DIRS.items()}
OWN_ORGANISATIONS = {
    name: read(d / "organisations.json") for name, d in PRACTICE_DIRS.items()
}


@pytest.mark.parametrize("name", sorted(PRACTICE_DIRS))
def test_set_practices_are_new_complete_and_in_every_language(name):
    rows = OWN_PRACTICES[name]
    min_practices, per_language = MINIMUM[name][:2]
    slugs = [row["slug"] for row in rows]
    assert len(slugs) >= min_practices
    assert len(set(slugs)) == len(slugs)
    assert not set(slugs) & {row["slug"] for row in DEMO}
    languages = [row["language"] for row in rows]
    assert {code: languages.count(code) >= per_language for code in LANGUAGES} == (
        dict.fromkeys(LANGUAGES, True)
    )
    sectors = {row["slug"] for row in TAXONOMY["sectors"]}
    targets = {row["slug"] for row in TAXONOMY["target_groups"]}
    organisations = {row["slug"] for row in OWN_ORGANISATIONS[name]} | {
        row["slug"] for row in DEMO_ORGANISATIONS
    }
    for row in rows:
        assert row["title"] and row["summary"] and row["body"], row["slug"]
        assert len(row["summary"]) <= 600, row["slug"]
        assert row["sectors"] and set(row["sectors"]) <= sectors, row["slug"]
        assert set(row["target_groups"]) <= targets, row["slug"]
        assert row["organisation"] in organisations, row["slug"]
        assert row["eqf_levels"] and all(1 <= n <= 8 for n in row["eqf_levels"])
        assert len(row["country"]) == 2 and row["themes"], row["slug"]
    # A translation follows its original in the file (the loader keeps the
    # file's order) and is written in another language.
    seen = {}
    for row in rows:
        original = row.get("translation_of")
        if original:
            assert seen.get(original, row["language"]) != row["language"], row["slug"]
        seen[row["slug"]] = row["language"]


def test_second_development_set_shares_nothing_with_the_test_set():
    """Its practices and organisations are its own: a shared slug would load one
    set's text under the other's judgments (the loader keeps the first)."""
    for kind in (OWN_PRACTICES, OWN_ORGANISATIONS):
        dev2 = {row["slug"] for row in kind["development-2"]}
        assert not dev2 & {row["slug"] for row in kind["test"]}
    dev2_organisations = {row["slug"] for row in OWN_ORGANISATIONS["development-2"]}
    assert not dev2_organisations & {row["slug"] for row in DEMO_ORGANISATIONS}


def judged_practices(name):
    """slug -> language of the practices a set brings beyond the demo ones."""
    return {
        row["slug"]: row["language"]
        for directory in set_practice_dirs(name)
        for row in read(directory / "practices.json")
    }


def test_second_test_set_shares_nothing_with_the_other_sets():
    """Its practices and organisations are new: a slug shared with the first test
    set would bring held-out text into it, one shared with the second
    development set (loaded next to it) would load one text under the other's
    judgments, since the loader keeps the first."""
    for kind, demo in ((OWN_PRACTICES, DEMO), (OWN_ORGANISATIONS, DEMO_ORGANISATIONS)):
        own = {row["slug"] for row in kind["test-2"]}
        assert len(own) == len(kind["test-2"])
        for other in ("test", "development-2"):
            assert not own & {row["slug"] for row in kind[other]}, other
        assert not own & {row["slug"] for row in demo}
    assert "test-2" in HELD_OUT


def test_third_development_set_shares_nothing_with_the_other_sets():
    """Its practices and organisations are new: a slug shared with a test set
    would bring held-out text into a set people tune on, one shared with the
    second development set or the demo (loaded next to it) would load one text
    under the other's judgments, since the loader keeps the first."""
    for kind, demo in ((OWN_PRACTICES, DEMO), (OWN_ORGANISATIONS, DEMO_ORGANISATIONS)):
        own = {row["slug"] for row in kind["development-3"]}
        assert len(own) == len(kind["development-3"])
        for other in ("test", "test-2", "development-2"):
            assert not own & {row["slug"] for row in kind[other]}, other
        assert not own & {row["slug"] for row in demo}
    assert "development-3" not in HELD_OUT


def test_fourth_development_set_shares_nothing_with_the_other_sets():
    """Its practices and organisations are new: a slug shared with a test set
    would bring held-out text into a set people tune on, one shared with the
    demo or the second or third development set (all loaded next to it) would
    load one text under the other's judgments, since the loader keeps the
    first."""
    for kind, demo in ((OWN_PRACTICES, DEMO), (OWN_ORGANISATIONS, DEMO_ORGANISATIONS)):
        own = {row["slug"] for row in kind["development-4"]}
        assert len(own) == len(kind["development-4"])
        for other in ("test", "test-2", "development-2", "development-3"):
            assert not own & {row["slug"] for row in kind[other]}, other
        assert not own & {row["slug"] for row in demo}
    assert "development-4" not in HELD_OUT


def test_fifth_development_set_shares_nothing_with_the_other_sets():
    """Its practices and organisations are new: a slug shared with a test set
    would bring held-out text into a development set, one shared with the demo
    or the second, third or fourth development set (all loaded next to it)
    would load one text under the other's judgments, since the loader keeps
    the first."""
    others = ("test", "test-2", "development-2", "development-3", "development-4")
    for kind, demo in ((OWN_PRACTICES, DEMO), (OWN_ORGANISATIONS, DEMO_ORGANISATIONS)):
        own = {row["slug"] for row in kind["development-5"]}
        assert len(own) == len(kind["development-5"])
        for other in others:
            assert not own & {row["slug"] for row in kind[other]}, other
        assert not own & {row["slug"] for row in demo}
    assert "development-5" not in HELD_OUT
    assert set_practice_dirs("development-5")[:-1] == tuple(
        PRACTICE_DIRS[name] for name in others[2:]
    )
    # No other set loads them: the other sets' figures stay what they were.
    for name in set(SETS) - {"development-5"}:
        assert PRACTICE_DIRS["development-5"] not in set_practice_dirs(name), name


@pytest.mark.parametrize("name", ["development-3", "development-4", "development-5"])
def test_a_translation_gets_its_original_grade(name):
    """A translation and its original are judged alike in every query (the
    grading rule of search/eval/README.md): the set's own translations."""
    originals = {
        row["slug"]: row["translation_of"]
        for row in OWN_PRACTICES[name]
        if row.get("translation_of")
    }
    assert originals
    for query in load_queries(SETS[name]):
        for slug, original in originals.items():
            grades = query["relevant"].get(slug), query["relevant"].get(original)
            assert grades[0] == grades[1], (query["q"], slug)


@pytest.mark.parametrize(
    "name", ["development", "development-3", "development-4", "development-5", "test-2"]
)
def test_every_query_has_relevant_practices_in_two_other_languages(name):
    """A cross-language set: each query is answered by practices written in at
    least two languages other than its own (translations count once each)."""
    language = {row["slug"]: row["language"] for row in DEMO} | judged_practices(name)
    for query in load_queries(SETS[name]):
        others = {language[slug] for slug in query["relevant"]} - {query["language"]}
        assert len(others) >= 2, query["q"]


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_judged_slug_exists_and_queries_are_short(name):
    queries = load_queries(SETS[name])
    known = {row["slug"] for row in DEMO} | set(judged_practices(name))
    if name in PRACTICE_DIRS:
        min_queries, per_language = MINIMUM[name][2:]
        assert len(queries) >= min_queries
        languages = [query["language"] for query in queries]
        assert all(languages.count(code) >= per_language for code in LANGUAGES)
    assert {query["language"] for query in queries} == LANGUAGES
    for query in queries:
        assert 1 <= len(query["q"].split()) <= 4, query["q"]
        assert set(query["relevant"]) <= known, query["q"]
        assert set(query["relevant"].values()) <= {1, 2, 3}, query["q"]
        assert 3 in query["relevant"].values(), query["q"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo organisations and practices, as the sets are evaluated over
    them: loaded once for the module's tests that take this fixture (each test
    still runs in a transaction of its own, rolled back after it, inside this
    one, rolled back at the module's end) instead of once in each of them."""
    with django_db_blocker.unblock(), transaction.atomic():
        community.demo.load()
        practices.demo.load()
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_test_set_loader_adds_its_practices_once(tmp_path):
    """Two practices and their organisations, as eval_search loads the whole set."""
    rows = OWN_PRACTICES["test"][:2]
    (tmp_path / "practices.json").write_text(json.dumps(rows), encoding="utf-8")
    (tmp_path / "organisations.json").write_text(
        json.dumps(OWN_ORGANISATIONS["test"]), encoding="utf-8"
    )
    assert load_set_practices(tmp_path) == 2
    assert load_set_practices(tmp_path) == 0
    page = PracticePage.objects.live().get(slug=rows[0]["slug"])
    assert page.content_language == rows[0]["language"]
    assert page.organisation == Organisation.objects.get(slug=rows[0]["organisation"])


@pytest.mark.django_db
def test_second_development_set_loads_and_every_judgment_names_a_practice(
    demo, tmp_path
):
    """The whole set loads next to the demo practices, its judgments resolve
    against what is in the database, and one that names a missing practice is
    refused instead of counting as a silent miss."""
    assert load_set_practices(DEV2_DIR) == len(OWN_PRACTICES["development-2"])
    present = PracticePage.objects.live().values_list("slug", flat=True)
    queries = load_queries(SETS["development-2"], known_slugs=present)
    assert len(queries) >= 30
    organisations = {row["slug"] for row in OWN_ORGANISATIONS["development-2"]}
    assert Organisation.objects.filter(slug__in=organisations).count() == len(
        organisations
    )
    wrong = [dict(queries[0], relevant={"it-no-such-practice": 3})]
    (tmp_path / "queries.json").write_text(json.dumps(wrong), encoding="utf-8")
    with pytest.raises(ValueError, match="it-no-such-practice"):
        load_queries(tmp_path / "queries.json", known_slugs=present)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["development-2", "development-3", "development-4", "development-5"]
)
def test_eval_search_reports_a_development_set_per_query(demo, settings, name):
    """``eval_search --set development-2 --per-query`` evaluates the set over the
    demo practices plus its own (the third set: and the second's), lists every
    query, and leaves the database with the demo practices only (database
    engine here; Elasticsearch is exercised by ``make eval-search``)."""
    settings.ELASTICSEARCH_URL = ""
    queries = load_queries(SETS[name])
    out = io.StringIO()
    call_command("eval_search", "--set", name, "--per-query", stdout=out)
    report = out.getvalue()
    total = len(DEMO) + len(judged_practices(name))
    assert f"{name} set: {len(queries)} queries, {total} practices" in report
    for query in queries:
        assert f"[{query['language']}] {query['q']}" in report
    assert PracticePage.objects.count() == len(DEMO)


@pytest.mark.django_db
def test_third_development_set_loads_with_the_second_and_every_judgment_resolves(demo):
    """``eval_search --set development-3`` evaluates over the demo practices,
    the second development set's and its own: all load, translations as
    translations of their original, and every judgment names a practice that
    is in the database (none counts as a silent miss)."""
    own = OWN_PRACTICES["development-3"] + OWN_PRACTICES["development-2"]
    assert load_set("development-3") == len(own)
    present = PracticePage.objects.live().values_list("slug", flat=True)
    assert len(present) == len(DEMO) + len(own)
    queries = load_queries(SETS["development-3"], known_slugs=present)
    assert len(queries) >= MINIMUM["development-3"][2]
    for row in OWN_PRACTICES["development-3"]:
        if row.get("translation_of"):
            page = PracticePage.objects.get(slug=row["slug"])
            original = PracticePage.objects.get(slug=row["translation_of"])
            assert page.translation_key == original.translation_key, row["slug"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, loaded",
    [
        ("development-4", ("development-4", "development-3", "development-2")),
        (
            "development-5",
            ("development-5", "development-4", "development-3", "development-2"),
        ),
    ],
)
def test_a_later_development_set_loads_with_the_earlier_ones(demo, name, loaded):
    """``eval_search --set development-4`` evaluates over the demo practices,
    the second and third development sets' and its own (development-5: the
    fourth's too): all load once, translations as translations of their
    original, and every judgment names a practice that is in the database
    (none counts as a silent miss)."""
    own = [row for loaded_name in loaded for row in OWN_PRACTICES[loaded_name]]
    assert load_set(name) == len(own)
    assert load_set(name) == 0
    present = PracticePage.objects.live().values_list("slug", flat=True)
    assert len(present) == len(DEMO) + len(own)
    queries = load_queries(SETS[name], known_slugs=present)
    assert len(queries) >= MINIMUM[name][2]
    organisations = {row["slug"] for row in OWN_ORGANISATIONS[name]}
    assert Organisation.objects.filter(slug__in=organisations).count() == len(
        organisations
    )
    for row in OWN_PRACTICES[name]:
        if row.get("translation_of"):
            page = PracticePage.objects.get(slug=row["slug"])
            original = PracticePage.objects.get(slug=row["translation_of"])
            assert page.translation_key == original.translation_key, row["slug"]
            assert page.content_language == row["language"], row["slug"]


@pytest.mark.django_db
def test_second_test_set_loads_with_the_second_development_set(demo):
    """``eval_search --set test-2`` evaluates over the demo practices, the second
    development set's and its own: all load, and every judgment names a
    practice that is in the database (none counts as a silent miss)."""
    own = OWN_PRACTICES["test-2"] + OWN_PRACTICES["development-2"]
    assert load_set("test-2") == len(own)
    assert load_set("test-2") == 0
    present = PracticePage.objects.live().values_list("slug", flat=True)
    assert len(present) == len(DEMO) + len(own)
    queries = load_queries(SETS["test-2"], known_slugs=present)
    assert len(queries) >= MINIMUM["test-2"][2]
    organisations = {row["slug"] for row in OWN_ORGANISATIONS["test-2"]}
    assert Organisation.objects.filter(slug__in=organisations).count() == len(
        organisations
    )
    page = PracticePage.objects.get(slug=OWN_PRACTICES["test-2"][0]["slug"])
    assert page.content_language == OWN_PRACTICES["test-2"][0]["language"]
