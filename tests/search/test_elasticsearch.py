"""The search page, suggestions and index maintenance on the real Elasticsearch."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from elasticsearch import Elasticsearch

from search.documents import alias_name
from search.models import PendingIndexUpdate
from search.services.indexing import lifecycle

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def es(settings):
    return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)


def result_languages(html):
    return re.findall(r'<li class="card search-result" lang="(\w+)"', html)


def result_titles(html):
    return re.findall(r'<h3><a href="[^"]*">([^<]+)</a></h3>', html)


def test_greek_query_finds_the_italian_and_catalan_practices(client, built):
    html = client.get("/search/", {"q": "μαθητεία"}).content.decode()
    languages = result_languages(html)
    assert {"el", "it", "ca"} <= set(languages)
    assert "es" not in languages and "nl" not in languages
    assert "Apprendistato duale nelle botteghe di falegnameria" in html
    assert "results may be less complete" not in html


def test_query_in_any_language_crosses_languages_and_inflections(client, built):
    # Catalan plural, unaccented Greek, German: all reach the Italian practice.
    for q in ("aprenents", "μαθητεια", "Lehrlinge"):
        titles = result_titles(client.get("/search/", {"q": q}).content.decode())
        assert "Apprendistato duale nelle botteghe di falegnameria" in titles, q


def test_italian_text_is_stemmed_as_italian(client, built):
    # "apprendisti" in the summary, "apprendistato" in the title: one stem.
    html = client.get("/search/", {"q": "apprendisti", "language": "it"}).content
    assert result_titles(html.decode()) == [
        "Apprendistato duale nelle botteghe di falegnameria"
    ]


def test_facets_count_and_filter(client, built):
    html = client.get("/search/", {"q": "digital"}).content.decode()
    assert set(result_languages(html)) == {"es", "de"}
    facet = re.search(r"facet--language.*?</fieldset>", html, re.S).group()
    assert "Spanish" in facet and "German" in facet
    assert re.search(r"German</label>\s*<span class=\"count\"[^>]*>1</span>", facet)

    filtered = client.get("/search/", {"q": "digital", "language": "de"})
    assert result_languages(filtered.content.decode()) == ["de"]
    by_country = client.get("/search/", {"q": "digital", "country": "ES"})
    assert result_languages(by_country.content.decode()) == ["es"]
    by_eqf = client.get("/search/", {"q": "μαθητεία", "eqf": "4"}).content.decode()
    assert set(result_languages(by_eqf)) == {"it", "el"}
    assert "EQF 3" in by_eqf and "Greece" in by_eqf


def test_facet_labels_follow_the_page_language(client, built):
    # Language and country names are translated once per language and kept:
    # the English page must not hand its names to the Italian one.
    english = client.get("/search/", {"q": "μαθητεία"}).content.decode()
    italian = client.get("/it/search/", {"q": "μαθητεία"}).content.decode()
    assert "Greece" in english and "Greek" in english
    assert "Grecia" in italian and "Greco" in italian
    assert "Greece" not in italian


def test_snippets_highlight_the_matching_words(client, built):
    html = client.get("/search/", {"q": "μαθητεία"}).content.decode()
    assert "<mark>μαθητείας</mark>" in html  # inflected form in the Greek summary
    assert "<mark>apprendisti</mark>" in html  # the Italian synonym, highlighted
    # With languages chosen (only their text fields are highlighted) the same.
    html = client.get(
        "/search/", {"q": "μαθητεία", "language": ["el", "it"]}
    ).content.decode()
    assert "<mark>μαθητείας</mark>" in html
    assert "<mark>apprendisti</mark>" in html


def test_did_you_mean_corrects_a_typo(client, built):
    html = client.get("/search/", {"q": "digitalisirung"}).content.decode()
    match = re.search(
        r'Did you mean <a href="([^"]+)"[^>]*><strong>([^<]+)</strong>', html
    )
    assert match, html[:2000]
    assert match.group(2) == "digitalisierung"
    corrected = client.get("/search/" + match.group(1).replace("&amp;", "&"))
    # The German practice first; the thesaurus also brings the Spanish one.
    assert result_languages(corrected.content.decode())[0] == "de"


def test_no_did_you_mean_for_a_thesaurus_word_no_practice_holds(client, built):
    # "warmtepomp" is in no practice's text ("Warmtepompen" is), so the index
    # does not know it and would offer the plural; but it is a word of the VET
    # vocabulary, not a typo: the practice answers, and nobody is told to spell
    # it otherwise.
    html = client.get("/search/", {"q": "warmtepomp"}).content.decode()
    assert "Did you mean" not in html
    assert result_languages(html)[0] == "nl"


def test_suggest_returns_at_most_ten_titles_as_json(client, built, make_practice):
    response = client.get("/search/suggest/", {"q": "aprenen"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["suggestions"]]
    assert titles == ["Aprenentatge dual en pastisseria artesana"]
    accents = client.get("/search/suggest/", {"q": "acompanamiento"}).json()
    assert accents["suggestions"][0]["language"] == "es"
    assert client.get("/search/suggest/", {"q": "x"}).json()["suggestions"] == []


def test_suggest_is_capped_at_ten(client, es_index, make_practice):
    for n in range(12):
        make_practice(
            f"Mentoring circle {n}", summary="Peer mentoring.", content_language="en"
        )
    lifecycle.rebuild()
    items = client.get("/search/suggest/", {"q": "mentoring"}).json()["suggestions"]
    assert len(items) == 10


def test_pagination(client, es_index, make_practice):
    for n in range(13):
        make_practice(
            f"Work-based learning case {n}",
            summary="Work-based learning.",
            content_language="en",
        )
    lifecycle.rebuild()
    first = client.get("/search/", {"q": "learning"}).content.decode()
    assert len(result_titles(first)) == 10 and "13 practices found" in first
    second = client.get("/search/", {"q": "learning", "page": 2}).content.decode()
    assert len(result_titles(second)) == 3
    assert not set(result_titles(first)) & set(result_titles(second))


def test_rebuild_swaps_the_alias_to_a_new_index(settings, built):
    client = es(settings)
    alias = alias_name()
    before = list(client.indices.get_alias(name=alias))
    out = StringIO()
    call_command("search_index", "rebuild", stdout=out)
    after = list(client.indices.get_alias(name=alias))
    assert len(before) == len(after) == 1 and before != after
    assert not client.indices.exists(index=before[0])  # old index dropped
    assert "6/6" in out.getvalue() and "6 indexed" in out.getvalue()
    status = StringIO()
    call_command("search_index", "status", stdout=status)
    assert "indexed   6" in status.getvalue() and "in sync" in status.getvalue()


def test_status_reports_a_difference(settings, built, make_practice):
    make_practice(
        "Not indexed yet",
        summary="Created without a commit hook.",
        content_language="en",
    )
    with pytest.raises(Exception, match="out of sync"):
        call_command("search_index", "status", stdout=StringIO())


def test_status_tells_an_index_built_by_an_older_version(client, settings, built):
    out = StringIO()
    call_command("search_index", "status", stdout=out)
    assert "in sync" in out.getvalue()
    # As if the fields or analyzers had changed since the index was built.
    es(settings).indices.put_mapping(index=alias_name(), meta={"schema": "0ld"})
    with pytest.raises(Exception, match="older version.*rebuild"):
        call_command("search_index", "status", stdout=StringIO())
    search = client.get("/healthz").json()["checks"]["search"]
    assert search["status"] == "degraded"
    assert "search_index rebuild" in search["reason"]
    call_command("search_index", "rebuild", stdout=StringIO())
    call_command("search_index", "status", stdout=StringIO())
    assert client.get("/healthz").json()["checks"]["search"]["status"] == "ok"


def _search(client, q):
    return result_titles(client.get("/search/", {"q": q}).content.decode())


def test_publish_unpublish_move_and_delete_update_the_index(
    client,
    settings,
    built,
    make_practice,
    practice_index,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_practice(
            "Laboratorio di ceramica",
            summary="Tornianti e smalti.",
            content_language="it",
        )
    es(settings).indices.refresh(index=alias_name())
    assert _search(client, "ceramica") == ["Laboratorio di ceramica"]

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    es(settings).indices.refresh(index=alias_name())
    assert _search(client, "ceramica") == []

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        page.move(practice_index, pos="first-child")
    es(settings).indices.refresh(index=alias_name())
    assert _search(client, "ceramica") == ["Laboratorio di ceramica"]

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    es(settings).indices.refresh(index=alias_name())
    assert _search(client, "ceramica") == []
    assert not PendingIndexUpdate.objects.exists()


def test_a_save_succeeds_while_elasticsearch_is_down_and_sync_catches_up(
    client,
    settings,
    built,
    make_practice,
    closed_port,
    django_capture_on_commit_callbacks,
):
    working_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = closed_port
    with django_capture_on_commit_callbacks(execute=True):
        page = make_practice(
            "Scuola di liuteria", summary="Violini e chitarre.", content_language="it"
        )
    assert page.live
    assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()

    settings.ELASTICSEARCH_URL = working_url
    from search.services.client import breaker

    breaker.reset()
    out = StringIO()
    call_command("search_index", "sync", stdout=out)
    assert "1 pending updates applied, 0 left" in out.getvalue()
    es(settings).indices.refresh(index=alias_name())
    assert _search(client, "liuteria") == ["Scuola di liuteria"]


def test_healthz_reports_elasticsearch_ok_with_an_index(client, built):
    search = client.get("/healthz").json()["checks"]["search"]
    assert search["status"] == "ok" and search["backend"] == "elasticsearch"
    assert search["documents"] == 6


def test_a_typo_in_one_word_of_two_still_finds_practices(client, built):
    html = client.get("/search/", {"q": "apprendistatto duale"}).content.decode()
    # No practice has both words: the search retries with any of them.
    assert "Apprendistato duale nelle botteghe di falegnameria" in result_titles(html)


def _analyze(settings, field, text):
    tokens = es(settings).indices.analyze(index=alias_name(), field=field, text=text)
    return [token["token"] for token in tokens["tokens"]]


def test_each_language_field_is_analysed_by_its_own_language(settings, built):
    # Greek: case, accents and inflection fold into one stem.
    assert _analyze(settings, "text_el", "ΜΑΘΗΤΕΊΑ μαθητείας") == ["μαθητει"] * 2
    # Italian: elision, stop words, light stemming.
    assert _analyze(settings, "text_it", "L'apprendistato nelle botteghe") == [
        "apprendistat",
        "botteg",
    ]
    # The same word, stemmed by German and by English.
    assert _analyze(settings, "text_de", "Ausbildungen") == ["ausbildung"]
    assert _analyze(settings, "text_en", "trainings") == ["train"]
    # A language without a built-in analyzer: standard.
    assert _analyze(settings, "text_hr", "Naukovanje Šegrt") == ["naukovanje", "šegrt"]
    # Accent-folded field: exact words without accents.
    assert _analyze(settings, "folded_text", "Formació Qualificação") == [
        "formacio",
        "qualificacao",
    ]


def test_practices_are_indexed_with_the_concepts_they_name(settings, built):
    # The Italian practice about apprenticeship carries the concept, found by its
    # inflected Italian terms, as a token any query naming it can match.
    hits = es(settings).search(
        index=alias_name(),
        query={"term": {"concepts_text": "apprenticeship"}},
        source=["language"],
        size=50,
    )["hits"]["hits"]
    assert "it" in {hit["_source"]["language"] for hit in hits}
