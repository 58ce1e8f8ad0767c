"""Words no thesaurus concept names, translated through the multilingual
lexicon (search/translation.py, Open Multilingual Wordnet): a query in one
language finds a practice in another that only the dictionary connects.
Before, "Korbflechter" found only practices holding the German word.

PostgreSQL and Elasticsearch in this run; SQLite (the embedded default) by
running the database-engine tests again in a subprocess (sqlite_run.py).
"""

import pytest

from search import thesaurus, translation
from search.services.query import SearchRequest, scoring

from .sqlite_run import on_sqlite

# A basket maker: no term of any language holds the word.
QUERY = "Korbflechter"
# (test_compound_translation.py finds them by compounds of the word)
BASKET_MAKER = {
    "slug": "it-cestaio",
    "title": "Bottega scuola del cestaio",
    "summary": "Un anno in bottega accanto a un cestaio esperto: vimini, "
    "salice e intreccio di cesti e gerle.",
    "content_language": "it",
    "country": "IT",
}
# A practice about something else, to show a query does not find everything.
BAKERY = {
    "slug": "en-bakery",
    "title": "Bakery apprenticeships in small towns",
    "summary": "Apprentices learn bread and pastry making in family bakeries "
    "and attend a vocational school one day a week.",
    "content_language": "en",
    "country": "IE",
}
CARPENTER = {
    "slug": "it-falegname",
    "title": "Bottega scuola del falegname",
    "summary": "Un anno in bottega accanto a un falegname esperto: legni, "
    "vernici e montaggio di mobili e gerle.",
    "content_language": "it",
    "country": "IT",
}
PRACTICES = [BASKET_MAKER, CARPENTER]


# A common word next to a specific one: "erfahrene" (experienced) translates
# to Italian "esperto", which most of the Italian practices hold.
COMMON_QUERY = "erfahrene Korbflechter"
EXPERIENCED = [
    {
        "slug": "it-tutor-esperti",
        "title": "Tutor esperti per i nuovi assunti",
        "summary": "Lavoratori esperti affiancano i nuovi assunti nei primi mesi "
        "in reparto.",
        "content_language": "it",
        "country": "IT",
    },
    {
        "slug": "it-docenti-esperti",
        "title": "Docenti esperti nelle scuole serali",
        "summary": "Docenti esperti insegnano agli adulti nelle scuole serali.",
        "content_language": "it",
        "country": "IT",
    },
    {
        "slug": "it-guide-esperte",
        "title": "Guide alpine esperte",
        "summary": "Corso per guide esperte di montagna e di arrampicata.",
        "content_language": "it",
        "country": "IT",
    },
]


def test_the_lexicon_loads_and_a_word_of_one_sense_translates():
    assert len(translation.lexicon()) > 50_000  # synsets
    found = translation.translate("liutaio")
    assert found.senses == 1
    assert "Geigenbauer" in found.lemmas["de"]
    assert "luthier" in found.lemmas["en"]
    # An inflected form finds its lemma by its stem ("Landwirte", farmers).
    assert "agricoltore" in translation.translate("Landwirte").lemmas["it"]


def test_a_word_of_many_senses_is_not_translated():
    assert translation.translate("Roma") is None  # a city, a people, ...
    assert translation.translate("Erzählcafé") is None  # not in the lexicon


# A basket maker in Spanish: a word only the Multilingual Central Repository's
# Spanish wordnet has (lexicon_build.EXTRA); Wiktionary's Spanish lacks it.
SPANISH_QUERY = "cestero"


def test_a_word_only_the_spanish_wordnet_has_translates():
    found = translation.translate(SPANISH_QUERY)
    assert "cestaio" in found.lemmas["it"]
    assert "Korbflechter" in found.lemmas["de"]


def test_the_spanish_wordnet_pushes_no_known_word_over_the_cap():
    """The MCR lists more senses of "extranjero" (foreign, a foreigner,
    abroad, ...) than MAX_SYNSETS: counted, the word was no longer
    translated ("prácticas en el extranjero" found no practice in another
    language). Its senses are those the base lexicon had."""
    found = translation.translate("extranjero")
    assert found.senses <= translation.MAX_SYNSETS
    assert "estero" in found.lemmas["it"]


def test_no_concept_connects_the_query_and_the_practice():
    assert not thesaurus.is_known_word(QUERY)
    assert thesaurus.cognate_concepts(QUERY) == []


@pytest.fixture
def practices(stored_practices):
    return stored_practices(PRACTICES, key="slug")


def _check(engine, practices):
    found = [
        practices[hit.page_id] for hit in engine.search(SearchRequest(q=QUERY)).hits
    ]
    assert found == ["it-cestaio"]


def test_every_engine_finds_the_translated_word(search_engine, practices):
    _check(search_engine(), practices)


def test_every_engine_finds_a_word_only_the_spanish_wordnet_has(
    search_engine, practices
):
    """Spanish "cestero" finds the Italian basket maker's practice, not the
    carpenter's; before, nothing: the lexicon's Spanish was Wiktionary's
    alone."""
    assert not thesaurus.is_known_word(SPANISH_QUERY)
    found = [
        practices[hit.page_id]
        for hit in search_engine().search(SearchRequest(q=SPANISH_QUERY)).hits
    ]
    assert found == ["it-cestaio"]


@pytest.fixture
def common_word_practices(stored_practices):
    # The basket maker's practice (it holds "esperto" too) and three others.
    return stored_practices([BASKET_MAKER, *EXPERIENCED], key="slug")


def _check_common(engine, practices):
    """The basket maker's practice, not those holding only "esperto": it is in
    most of the Italian practices, so it says nothing of what the query is
    about. Before, all four were listed."""
    assert "espert" in translation.translate("erfahrene").terms["it"]
    found = [
        practices[hit.page_id]
        for hit in engine.search(SearchRequest(q=COMMON_QUERY)).hits
    ]
    assert found == ["it-cestaio"]


def test_every_engine_drops_a_common_translation(search_engine, common_word_practices):
    _check_common(search_engine(), common_word_practices)


# Dry stone ("pietra a secco"): both words are words of thesaurus terms, but
# only of terms the query does not name ("secco" of "lavaggio a secco", dry
# cleaning), so the thesaurus says nothing of them here and the dictionary
# translates them. Before, a word of any term was never translated: the query
# found only practices holding the Italian words.
DRY_STONE = "pietra a secco"
DRY_STONE_PRACTICES = [
    {
        "slug": "en-dry-stone",
        "title": "Dry stone walling for hill farmers",
        "summary": "Farmers learn to rebuild the field walls of their farms in "
        "dry stone, without mortar: choosing, splitting and laying each stone.",
        "content_language": "en",
        "country": "IE",
    },
    BAKERY,
]


def test_the_dry_stone_words_are_known_but_name_nothing_here():
    assert thesaurus.is_known_word("secco") and thesaurus.is_known_word("pietra")
    assert thesaurus.concepts_in(DRY_STONE) == []
    assert "secco" in thesaurus.named_words("lavaggio a secco")


@pytest.fixture
def dry_stone(stored_practices):
    return stored_practices(DRY_STONE_PRACTICES, key="slug")


def test_every_engine_translates_words_only_other_terms_hold(search_engine, dry_stone):
    found = [
        dry_stone[hit.page_id]
        for hit in search_engine().search(SearchRequest(q=DRY_STONE)).hits
    ]
    assert found == ["en-dry-stone"]


# Every cache of translations is keyed by translation.parameters(): an
# evaluation that holds a language out or sweeps a cap in one process reads
# translations made under its own values. Before, the lexicon's own caches
# were keyed by the word alone: the engines asked again under a new cap and
# got the translation made before it.


@pytest.mark.django_db
def test_a_cap_changed_gives_a_new_translation_not_the_kept_one(monkeypatch):
    word, compound = ("Korbflechter",), ("mandenmakersopleiding",)
    assert scoring.translations(word)[0].lemmas["it"] == (
        "canestraio",
        "cestaio",
        "panieraio",
    )
    assert [group.weight for group in scoring.translations(compound)] == [0.25]
    monkeypatch.setattr(translation, "MAX_LEMMAS", 1)
    monkeypatch.setattr(translation, "MODIFIER_SHARE", 0.2)
    assert scoring.translations(word)[0].lemmas["it"] == ("canestraio",)
    assert [group.weight for group in scoring.translations(compound)] == [0.1]


@pytest.mark.django_db
def test_a_language_held_out_gives_its_own_translations():
    """The Dutch thesaurus knows "opleiding" (training): the compound's head
    is translated only while Dutch is held out of it."""
    compound = ("mandenmakersopleiding",)
    assert [group.share for group in scoring.translations(compound)] == [0.5]
    with thesaurus.holding_out("nl"):
        held = scoring.translations(compound)
    assert [group.share for group in held] == [1.0, 0.5]
    assert "formació" in held[0].lemmas["ca"]
    assert [group.share for group in scoring.translations(compound)] == [0.5]


# The database-engine tests again, on SQLite (tests/search/sqlite_run.py).
test_sqlite_engine = on_sqlite(__file__, "database_engine", passed=4)
