"""Words a Snowball stemmer cuts to another word's short stem, which no spelling
rule of search/stemguard.py tells apart (they differ by an inflection-like
ending): German "Lehrer" (teacher) and "Lehre" (apprenticeship) are both
"lehr", "Schule" (school) and "Schüler" (learner) both "schul"; Catalan
"donar" (to give) and "dona" (woman) "don", "aprendre" (to learn) and
"aprenent" (apprentice) "apren"; English "hospital" and "hospitality"
"hospit"; "mobile", "mobility" and the Catalan "moble" (furniture) "mobil" or
"mob".
synonyms/stems.txt gives the term's word its own token (Lucene's
stemmer_override rules), in queries and in the practices' concept tags, so
the other word names nothing, and the concept is still named by its labels.

PostgreSQL and Elasticsearch in this run, SQLite in a subprocess."""

import pytest

from search import collisions, thesaurus
from search.services.query import SearchRequest

from .sqlite_run import on_sqlite

# word -> the concept its stem named, though the word does not mean it.
FALSE_FRIENDS = {
    ("Lehrer", "de"): "apprenticeship",
    ("Lehrerinnen", "de"): "apprenticeship",
    ("Schule", "de"): "learner",
    ("Schulen", "de"): "learner",
    ("donar", "ca"): "women",
    ("aprendre", "ca"): "apprenticeship",
    ("hospital", "en"): "tourism and hospitality",
    ("hospitals", "en"): "tourism and hospitality",
    ("mobile", "en"): "learning mobility",
    ("mobile", "ca"): "furniture making",
}


@pytest.mark.parametrize(("word", "chain"), sorted(FALSE_FRIENDS))
def test_a_word_sharing_a_short_stem_no_longer_names_the_other_concept(word, chain):
    concept = FALSE_FRIENDS[(word, chain)]
    # The stem alone (no stem guard) named it: the override, not the guard.
    assert concept not in collisions.named(word, chain, rules=False)
    assert concept not in thesaurus.concepts_in(word)


def test_the_concepts_are_still_named_by_their_own_labels():
    assert thesaurus.concepts_in("Lehre") == ["apprenticeship"]
    assert thesaurus.concepts_in("Lehrling") == ["apprenticeship"]
    assert "learner" in thesaurus.concepts_in("Schüler")
    assert "learner" in thesaurus.concepts_in("Schülerinnen")
    assert thesaurus.concepts_in("dones") == ["women"]
    assert thesaurus.concepts_in("aprenents") == ["apprenticeship"]
    assert "apprenticeship" in thesaurus.concepts_in("aprenentes")
    assert thesaurus.concepts_in("hospitality") == ["tourism and hospitality"]
    for word in ("mobility", "mobilitat", "mobilità", "Mobilität", "mobiliteit"):
        assert "learning mobility" in thesaurus.concepts_in(word), word
    assert thesaurus.concepts_in("mobles") == ["furniture making"]
    # A hospital is health care (EuroVoc files hospitals under health care;
    # Greek "νοσοκομείο" was already its term).
    assert thesaurus.concepts_in("hospitals") == ["social and health care"]
    # "Lehrer" is EuroVoc's German label of teacher, free now that it is no
    # longer "Lehre"; "Lehrerfortbildung" splits into teacher and training.
    assert thesaurus.concepts_in("Lehrer") == ["teacher"]
    assert "teacher" in thesaurus.concepts_in("Lehrerfortbildung")
    # Phrases holding the words are read as before.
    assert "learning to learn" in thesaurus.concepts_in("aprendre a aprendre")
    assert "dual system" in thesaurus.concepts_in("aprenentatge dual")


def test_a_text_is_tagged_by_what_its_words_mean():
    tags = thesaurus.concept_tags("Els aprenents donen suport a les dones.", "ca")
    assert sorted(tags) == ["apprenticeship", "women"]  # "dones", not "donen"
    tags = thesaurus.concept_tags("Volen aprendre a fer mobles.", "ca")
    assert tags == ["furniture_making"]
    tags = thesaurus.concept_tags("Die Lehrer der Schule begleiten die Schüler.", "de")
    assert sorted(tags) == ["learner", "teacher"]
    tags = thesaurus.concept_tags("Hospital staff use mobile phones.", "en")
    assert tags == ["social_and_health_care"]


PRACTICES = [
    {
        "title": "Apprentices in the bakery",
        # Not "learn": "aprendre" (to learn) is translated (search/translation.py),
        # and a practice holding its translation is rightly found.
        "summary": "Apprentices master the trade over three years.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Women in the construction trades",
        "summary": "Women electricians mentor young women on building sites.",
        "content_language": "en",
        "country": "IE",
    },
    {
        "title": "Formazione nel turismo alberghiero",
        "summary": "Corsi di ospitalità e accoglienza per gli alberghi della costa.",
        "content_language": "it",
        "country": "IT",
    },
    {
        "title": "Κινητικότητα μαθητευόμενων στο εξωτερικό",
        "summary": "Μαθητευόμενοι περνούν τρεις μήνες σε επιχειρήσεις άλλων χωρών.",
        "content_language": "el",
        "country": "GR",
    },
    {
        "title": "Furniture making in small workshops",
        "summary": "Cabinetmakers restore and build furniture.",
        "content_language": "en",
        "country": "MT",
    },
]


@pytest.fixture
def stems(stored_practices):
    return stored_practices(PRACTICES)


def titles(engine, q, stems):
    return {stems[hit.page_id] for hit in engine.search(SearchRequest(q=q)).hits}


def check_short_stems(engine, stems):
    # Before: each word named the concept of another word with its stem, so
    # it found the practice about that concept, in another language.
    for q in ("Lehrer", "aprendre"):
        assert "Apprentices in the bakery" not in titles(engine, q, stems), q
    assert "Women in the construction trades" not in titles(engine, "donar", stems)
    assert "Formazione nel turismo alberghiero" not in titles(engine, "hospital", stems)
    found = titles(engine, "mobile", stems)
    assert "Κινητικότητα μαθητευόμενων στο εξωτερικό" not in found
    assert "Furniture making in small workshops" not in found
    # Their own labels, in another language than the practice's, find them.
    for q in ("Lehre", "aprenents"):
        assert "Apprentices in the bakery" in titles(engine, q, stems), q
    assert "Women in the construction trades" in titles(engine, "dones", stems)
    assert "Formazione nel turismo alberghiero" in titles(engine, "hospitality", stems)
    assert "Κινητικότητα μαθητευόμενων στο εξωτερικό" in titles(
        engine, "mobilitat", stems
    )
    assert "Furniture making in small workshops" in titles(engine, "mobles", stems)


def test_every_engine_short_stems(search_engine, stems):
    check_short_stems(search_engine(), stems)


test_sqlite_engine_short_stems = on_sqlite(__file__, "database_engine", passed=1)
