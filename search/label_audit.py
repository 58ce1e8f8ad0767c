"""Which concepts a language names only by long official terms
(``manage.py thesaurus_labels``; search/synonyms/README.md).

A practitioner types the short everyday name ("Kurzarbeit", "furlough",
"dropout"), and the terminologies give the official one ("short-time working
arrangements", "early leaving from education and training"). A (concept,
language) pair is listed when none of the language's terms analyses to one
word while at least ``others`` other languages have such a term: those
languages show that a short name exists, so the listed language's short name
is missing or the language has none (Greek and Catalan often write a
phrase). The list is read, not applied: each candidate label still goes
through the collision audit (``manage.py thesaurus_collisions``).
"""

from . import thesaurus


def one_word_terms(terms, language):
    """The terms of ``terms`` that analyse to a single word in ``language``."""
    return [
        term
        for term in terms
        if any(len(form) == 1 for form in thesaurus.term_forms(term, language))
    ]


def long_only(others=3):
    """(language, concept id, its terms there, {language: one-word terms}) for
    every pair with no one-word term where ``others`` languages have one."""
    languages = thesaurus.languages()
    found = []
    for concept_id, terms in sorted(thesaurus.load().items()):
        short = {
            language: one_word_terms(terms.get(language, []), language)
            for language in languages
        }
        having = {language: words for language, words in short.items() if words}
        for language in languages:
            if not short[language] and len(having) >= others:
                found.append((language, concept_id, terms.get(language, []), having))
    return found
