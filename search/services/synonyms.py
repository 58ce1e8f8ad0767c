"""The VET thesaurus as an Elasticsearch ``synonym_graph`` search analyzer.

Each language field is indexed with Elasticsearch's built-in analyzer of its
language (``documents.ES_ANALYZERS``); the user's own words are searched with the
same analyzer. The thesaurus is one extra clause whose analyzer,
``vet_thesaurus_<lang>`` (one per field language), is ``standard`` tokenizer ->
``lowercase`` -> ``synonym_graph`` with one rule per concept:

    every term of the concept, in every language (plus accent-less forms)
      => the *indexed* form of the concept's terms in <lang> (and English)

The right-hand sides are produced by Elasticsearch itself: when an index is
created, each language's terms (and the English ones, common inside texts of every
language) are run through that language's built-in analyzer with ``_analyze``.
So "μαθητεία" becomes "apprendistat" (Italian), "aprenent" (Catalan), "μαθητει"
(Greek) ... exactly the terms those analyzers wrote into the index.

Why not a custom search analyzer per language with the synonym filter inside the
language chain: the analysis plugin available to our Elasticsearch lacks
``greek_lowercase`` and ``german_normalization``, so the Greek and German chains
cannot be rebuilt filter by filter; analysing the rules with the built-in
analyzers keeps every language exact. Nothing here touches the index analyzers:
a thesaurus edit takes effect at the next ``search_index rebuild``.
"""

import bisect
import unicodedata
from pathlib import Path

from .. import thesaurus
from ..analysis import stopwords

# Terms of these languages are also looked for inside texts of every language.
LINGUA_FRANCA = ("en",)


def _strip_accents(text):
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def analyse_terms(client, analyzer, terms):
    """Index terms of each of ``terms`` under ``analyzer``: one ``_analyze`` call,
    tokens assigned back to their term by offset."""
    if not terms:
        return []
    text, starts = "", []
    for term in terms:
        starts.append(len(text.encode("utf-16-le")) // 2)  # ES offsets: UTF-16
        text += term + " \n "
    tokens = client.indices.analyze(analyzer=analyzer, text=text)["tokens"]
    out = [[] for _ in terms]
    for token in tokens:
        out[bisect.bisect_right(starts, token["start_offset"]) - 1].append(
            token["token"]
        )
    return [" ".join(tokens) for tokens in out]


def _escape(term):
    return term.replace("\\", "\\\\").replace(",", "\\,").replace("=>", "= >")


_computed = {}


def synonym_rules(client, field_analyzers, path=thesaurus.THESAURUS_PATH):
    """Solr-format rules per field language (``field_analyzers``: language ->
    built-in analyzer name): language -> [rule]. Computed once per process and
    thesaurus version (every index build reuses them)."""
    path = Path(path)
    stamp = path.stat().st_mtime_ns if path.exists() else 0
    key = (str(path), stamp, tuple(sorted(field_analyzers.items())))
    if key not in _computed:
        _computed[key] = _synonym_rules(client, field_analyzers, path)
    return _computed[key]


def _synonym_rules(client, field_analyzers, path):
    concepts = thesaurus.load(path)
    if not concepts:
        return {}
    lhs = {}
    for concept, by_language in concepts.items():
        terms = []
        for language, values in by_language.items():
            stop = stopwords(language)
            for term in values:
                lowered = term.lower()
                # Also without its function words ("formazione dei formatori"
                # is typed "formazione formatori") and without accents.
                bare = " ".join(w for w in lowered.split() if w not in stop)
                for form in (lowered, bare):
                    if form:
                        terms += [form, _strip_accents(form)]
        lhs[concept] = ", ".join(map(_escape, dict.fromkeys(terms)))
    rules = {}
    for language, analyzer in field_analyzers.items():
        pairs = [
            (concept, term)
            for concept, by_language in concepts.items()
            for source in dict.fromkeys((language, *LINGUA_FRANCA))
            for term in by_language.get(source, [])
        ]
        analysed = analyse_terms(client, analyzer, [term for _c, term in pairs])
        rhs = {}
        for (concept, _term), indexed in zip(pairs, analysed, strict=True):
            # A multi-word term also as its single words: on search/eval, all
            # words required scored 0.832/0.644 (nDCG@10 / cross-language
            # recall@10), any word 0.847/0.661, phrase + words 0.866/0.653.
            for form in (indexed, *indexed.split()):
                rhs.setdefault(concept, {})[form] = None
        rules[language] = [
            f"{lhs[concept]} => {', '.join(map(_escape, indexed))}"
            for concept, indexed in rhs.items()
        ]
    return rules
