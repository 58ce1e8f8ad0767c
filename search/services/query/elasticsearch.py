"""The Elasticsearch engine: per-language analyzers, the thesaurus's concepts,
facets from aggregations ("did you mean" and the titles offered while typing:
es_suggest.py). The hits' snippets are made from
their text as on every engine (services/snippets.py), not by Elasticsearch's
highlighter."""

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import replace
from functools import lru_cache

from elasticsearch import ApiError

from ... import thesaurus, translation
from ...documents import LANGUAGES, alias_name
from .. import expansion, results_cache
from ..client import SearchUnavailable, send_search
from ..snippets import result_snippet
from . import floor, scoring, titles
from .analysed import AnalysedQuery, indexed_languages
from .es_suggest import did_you_mean, title_suggestions
from .facets import facet_aggs, facet_counts, search_facets, term_filters
from .request import Hit, SearchResults, any_word_retry, words_alone

logger = logging.getLogger(__name__)

# Weights, measured on search/eval (nDCG@10 / cross-language recall@10,
# 2026-11-24). The thesaurus as concept tags (search/thesaurus.py), relative to
# the user's own (stemmed) words: whole concepts 1.0 with parts (words of
# multi-word terms) 0.5: 0.879/0.718; parts 0.3: 0.877/0.718; 0.7: 0.876/0.721;
# 1.0: 0.868/0.702; whole 1.5, parts 0.5: 0.868/0.718; no parts: 0.796/0.622.
# (Expanding the query into every language's terms at search time, before:
# 0.868/0.671, at twice Elasticsearch's time per search.)
# Exact words 0.5 -> 0.2: 0.867/0.656 -> 0.868/0.671 (0.1: 0.856/0.674).
# Part tokens (words of multi-word terms, at 0.5) are gone since 2026-11-26
# (search/thesaurus.py).
CONCEPT_BOOST = 1.0
# How many of the user's own words a practice in its language must contain: all
# of one or two, 75 % of more.
OWN_MATCH = {"minimum_should_match": "2<75%"}
# The folded exact words (weight 0.2) no longer add to the score: without them
# Elasticsearch ranks as the database engines do, which never had them, and
# better (development sets, nDCG@10: 0.939 -> 0.941, 0.749 -> 0.758).


def _title_first(hits, q, languages):
    """The hits whose titles hold every word of the query as written first
    (titles.py), as the database engines order theirs."""
    wanted = _title_wanted(q, tuple(languages))
    return titles.title_first(hits, wanted, lambda hit: _title_words(hit.title))


# Both kept per process: the same query is paged and narrowed by facets, the
# same practices come back for many queries (each was ~15 us a hit).
_title_wanted = lru_cache(maxsize=1024)(titles.wanted_words)
_title_words = lru_cache(maxsize=8192)(titles.title_words)


def _translations(analysed, languages):
    """The translations of the query's words no thesaurus term holds
    (search/translation.py)."""
    if not analysed.use_thesaurus or not analysed.text:
        return ()
    return tuple(
        group
        for group in scoring.translations(
            expansion.translated_words(analysed.text, languages)
        )
        if any(code in languages for code in group.lemmas)
    )


def _translated(group, languages, boost=None):
    """One word's translations as one clause: the best of its lemmas, each in
    the title (x3) or text of its own language's practices (a dis_max: a
    practice holding several translations counts the word once)."""
    clause = {
        "dis_max": {
            "queries": [
                {
                    "multi_match": {
                        "query": lemma,
                        "fields": [f"title_{code}^3", f"text_{code}"],
                    }
                }
                for code, lemmas in group.lemmas.items()
                if code in languages
                for lemma in lemmas
            ]
        }
    }
    if boost is not None:
        clause["dis_max"]["boost"] = round(boost, 4)
    return clause


def _holds_translation(group, languages):
    """A practice holds any of one word's translations in its title or text
    (the units' filter, where nothing is scored): one match of the lemmas
    together per language, which finds what :func:`_translated`'s clause per
    lemma finds with one query per language instead of one per lemma."""
    clauses = [
        {
            "multi_match": {
                "query": " ".join(lemmas),
                "fields": [f"title_{code}", f"text_{code}"],
            }
        }
        for code, lemmas in group.lemmas.items()
        if code in languages
    ]
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses}}


def _holds_any(tokens):
    """A practice holds any of the concept ``tokens`` in its title or text: as
    terms (the concept fields hold each token whole), in a filter, where
    nothing is scored, and one pass over each token's practices; a multi_match
    analysed the tokens and kept a scorer per field and token."""
    return {
        "bool": {
            "should": [
                {"terms": {"concepts_title": tokens}},
                {"terms": {"concepts_text": tokens}},
            ]
        }
    }


# The ranking request's body per process, by what it is made of: the query
# (its analysis follows from the text, the thesaurus and the language held out
# of it), the facets chosen, the page, the languages the index holds, the
# first ranking's feedback, and the concept weights and collection statistics
# as last read (their generations: both are read again every minute). The
# same request comes back paged, narrowed and asked again; building it (the
# query's clauses, units, facets' aggregations, floor) was ~0.2 ms of a
# search's ~2 ms of Python (search/eval/README.md, eleventh session). Not
# the results: Elasticsearch computes each search in full.
BODIES_KEPT = 1024
_bodies = OrderedDict()
_bodies_lock = threading.Lock()


def forget_bodies():
    """Drop the bodies kept, the queries and the feedback (the benchmark's
    clients: each counts what it builds itself)."""
    with _bodies_lock:
        _bodies.clear()
        _queries.clear()
        _feedbacks.clear()


# The concept feedback of a query (expansion.second_round) per process, by
# what it follows from: the query's analysis, the languages the index holds,
# the feedback's rule, and the index's state (the statistics' and concept
# weights' generations, as the bodies'). A translated query's page 2 and its
# facets then cost one Elasticsearch request, not two: the first ranking the
# feedback is read from is the query's alone, the same for each of them. Kept
# only where the engine caches (``cache``): a search computed in full ranks
# twice, as a query nobody asked before does.
_feedbacks = OrderedDict()


# The query part of a body (the user's words, the concepts' clauses, the
# units' filter) per process, by what it is made of: the same for a query on
# every page and under every facet, which the bodies' key tells apart. The
# benchmark's workload asks each query on its own, on page 2 and under six
# facets: of the 322 bodies its 10 clients build for 500 searches, 116 are
# for a query the client met before (search/eval/README.md, fifteenth
# session).
_queries = OrderedDict()


def _kept_query(engine, analysed, languages, strict, feedback, partial):
    key = (analysed.text, *_shared_key(analysed, strict, languages, feedback, partial))
    return _kept(
        _queries,
        key,
        lambda: engine._query(analysed, languages, strict, feedback, partial),
    )


def _kept_body(engine, request, analysed, strict, languages, feedback, partial=True):
    key = (
        request.q,
        tuple((name, tuple(values)) for name, values in request.filters.items()),
        request.page,
        request.per_page,
        *_shared_key(analysed, strict, languages, feedback, partial),
    )
    return _kept(
        _bodies,
        key,
        lambda: engine.body(
            request, analysed, strict, languages, feedback=feedback, partial=partial
        ),
    )


def _shared_key(analysed, strict, languages, feedback, partial):
    """What a kept query part and a kept body both depend on besides the
    request: the analysis, the thesaurus's state, the translation's parameters
    and the collection's statistics."""
    return (
        analysed.use_thesaurus,
        thesaurus.held_out(),
        translation.parameters(),
        strict,
        languages,
        feedback,
        partial,
        expansion.generation(),
        scoring.stats_generation(),
    )


def _kept(table, key, build):
    """The value kept under key in table, built (outside the lock) and kept
    when missing; the least recently used goes past BODIES_KEPT."""
    with _bodies_lock:
        value = table.get(key)
        if value is not None:
            table.move_to_end(key)
            return value
    value = build()
    with _bodies_lock:
        table[key] = value
        if len(table) > BODIES_KEPT:
            table.popitem(last=False)
    return value


def floored(query, q):
    """``query`` matching only the practices scoring at least ``q``'s floor
    (floor.py): its hits, total and facets alike. A function_score's own
    ``min_score``, not the request's: that one is checked by the collector,
    apart from the ranking (as if each match were scored twice), while the
    function_score keeps the score it compared. Same hits, scores, totals and
    facets for the benchmark's 139 distinct bodies at 10,000 practices, and
    the node's CPU per request 10.14 -> 8.59 ms (bench/es_bodies.py compare,
    5 passes). A coordination's function_score (ElasticsearchSearch._query)
    takes the floor itself; the kept query is not changed."""
    threshold = floor.elasticsearch_floor(q)
    if not threshold:
        return query
    if "function_score" in query:
        return {"function_score": {**query["function_score"], "min_score": threshold}}
    return {"function_score": {"query": query, "min_score": threshold}}


class ElasticsearchSearch:
    backend = "elasticsearch"

    def __init__(self, use_thesaurus=True, cache=True, feedback=expansion.FEEDBACK):
        self.use_thesaurus = use_thesaurus
        # Concept feedback for words the thesaurus does not know
        # (expansion.feedback); None only to measure without it.
        self.feedback = feedback
        # A repeated search is answered from the results cache (results_cache.py)
        # and, past it, from Elasticsearch's shard request cache (the query phase:
        # hits, total, facets), both until the index next changes. Off only to
        # measure searches computed in full.
        self.cache = cache

    def _query(self, analysed, languages, strict=True, feedback=None, partial=True):
        """Either of: the user's words, through each language field's own
        analyzer; the thesaurus concepts the query names, on the concept fields,
        which reach practices in every language."""
        query, every = self._matching(analysed, languages, strict, feedback, partial)
        factor = scoring.coordination(len(every))
        if factor == 1:
            return query
        # A practice holding every unit of the query: its score times the
        # factor (scoring.coordination; fulltext.ranked, the same).
        return {
            "function_score": {
                "query": query,
                "functions": [
                    {"filter": {"bool": {"filter": every}}, "weight": factor}
                ],
                "boost_mode": "multiply",
            }
        }

    def _matching(self, analysed, languages, strict, feedback, partial):
        """(:meth:`_query` without the coordination, the query's units)."""
        if not analysed.text:
            return {"match_all": {}}, []
        own = {
            "query": analysed.text,
            "fields": [
                field
                for code in languages
                for field in (f"title_{code}^3", f"text_{code}")
            ],
        }
        if strict:
            own.update(OWN_MATCH)
        should = [{"multi_match": own}]
        alone = strict and words_alone(analysed.text, analysed.concepts, languages)
        if alone:  # the larger of both, as scoring.score
            both = (own, {**own, "query": " ".join(alone)})
            should = [{"dis_max": {"queries": [{"multi_match": m} for m in both]}}]
        linked = {}  # a unit's linked concepts: a dis_max (expansion.unit_groups)
        for token, weight, _kind, unit in analysed.weighted_concepts(feedback):
            clause = {
                "multi_match": {
                    "query": token,
                    "fields": ["concepts_title^3", "concepts_text"],
                    "boost": round(CONCEPT_BOOST * weight, 4),
                }
            }
            if unit is None:
                should.append(clause)
            else:
                linked.setdefault(unit, []).append(clause)
        concepts = should[1:] + [
            {"dis_max": {"queries": clauses, "tie_breaker": expansion.UNIT_TIE}}
            for clauses in linked.values()
        ]
        if scoring.CONCEPT_TIE < 1 and concepts:  # as scoring.score
            tie = scoring.CONCEPT_TIE
            concepts = [{"dis_max": {"queries": concepts, "tie_breaker": tie}}]
        should = (
            should[:1]
            + concepts
            + [
                _translated(group, languages, group.weight)
                for group in _translations(analysed, languages)
            ]
        )
        units, every = (
            self._units(analysed, languages, feedback, partial) if strict else ([], [])
        )
        query = {
            "bool": {
                "filter": units,
                "must": [{"bool": {"should": should, "minimum_should_match": 1}}],
            }
        }
        return query, every

    def _units(self, analysed, languages, feedback=None, partial=True):
        """Enough of the query's units (services/expansion.py): each of its
        concepts, or a narrower or related one, on the concept fields; each of
        its other words in a title or text, or a concept it names by its first
        letters or the first ranking's ``feedback`` gives; with ``partial``,
        all of them or what floor.Partial asks of a practice holding some;
        and the units' clauses themselves."""
        extra = feedback.concepts if feedback else ()
        units = [
            _holds_any([thesaurus.concept_token(c) for c in standing])
            for _concept, standing in expansion.concept_units(analysed.concepts)
        ]
        fields = [f for code in languages for f in (f"title_{code}", f"text_{code}")]
        translated = {group.word: group for group in _translations(analysed, languages)}
        for word in expansion.unit_words(
            analysed.text, languages, skip_known=analysed.use_thesaurus
        ):
            unit = {"multi_match": {"query": word, "fields": fields}}
            cognates = (
                (*expansion.word_concepts(word), *extra)
                if analysed.use_thesaurus
                else ()
            )
            either = [unit]
            if cognates:  # or a concept the word names by its first letters
                tokens = [thesaurus.concept_token(c) for c in cognates]
                either.append(_holds_any(tokens))
            if word in translated:  # or the word's translation (translation.py)
                either.append(_holds_translation(translated[word], languages))
            if len(either) > 1:
                unit = {"bool": {"should": either}}
            units.append(unit)
        if not units:
            return [], []
        needed = expansion.units_needed(len(units))
        found = [{"bool": {"should": units, "minimum_should_match": needed}}]
        partial = partial and floor.partial_rule(analysed.concepts, len(units))
        if partial:  # every unit, or what a partial match must hold (floor.py)
            found.append(partial.elasticsearch_filter(units))
        return found, units

    def body(self, request, analysed, strict=True, languages=LANGUAGES, **rules):
        """``languages``: those the index holds practices in (clauses for the
        others would cost time and find nothing); ``rules``: ``feedback``
        (expansion.Feedback), ``partial`` (floor.Partial's rule, off only when
        it left nothing)."""
        feedback, partial = rules.get("feedback"), rules.get("partial", True)
        query = _kept_query(self, analysed, languages, strict, feedback, partial)
        if strict:
            query = floored(query, request.q)
        body = {
            "query": {"bool": {"must": [query]}},
            "from": (request.page - 1) * request.per_page,
            "size": request.per_page,
            "track_total_hits": True,
            "_source": [
                "page_id",
                "url",
                "title",
                "summary",
                # A snippet from the body when the summary holds no query word.
                "body",
                "language",
                "country",
            ],
            "aggs": facet_aggs(request.filters),
        }
        chosen = term_filters(request.filters)
        if chosen:
            # After the facets are counted: each counts under the others only.
            body["post_filter"] = {"bool": {"filter": chosen}}
        if analysed.unknown_words:
            # Words of the query found nowhere in the index (suggest_mode
            # "missing": words the index holds cost a lookup each): only then is
            # a typo likely there, and "did you mean" asked for. Words of the
            # thesaurus are not asked about: "Ausbildung" is no typo because no
            # practice holds it.
            body["suggest"] = {
                "typed_words": {
                    "text": analysed.unknown_words,
                    "term": {
                        "field": "folded_text",
                        "suggest_mode": "missing",
                        "size": 1,
                    },
                }
            }
        if not request.q:
            body["sort"] = [
                {"first_published_at": {"order": "desc", "missing": "_last"}}
            ]
            return body
        return body

    def _send(self, body):
        try:
            return send_search(alias_name(), body, request_cache=self.cache)
        except ApiError as exc:
            # No index yet (never built) or a rejected query: the database answers.
            logger.warning("search: Elasticsearch refused the query: %s", exc)
            raise SearchUnavailable(str(exc)) from exc

    def search(self, request):
        started = time.monotonic()
        key = None
        if self.cache:
            variant = self.backend if self.use_thesaurus else f"{self.backend}-plain"
            key = results_cache.key_for(request, variant)
            cached = results_cache.get(key)
            if cached is not None:
                # This request's own: what the key leaves out (values the
                # address held that were ignored) is shown from it.
                return replace(
                    cached,
                    request=request,
                    cached=True,
                    took_ms=round((time.monotonic() - started) * 1000, 1),
                )
        results = self._search(request, started)
        results_cache.put(key, results)
        return results

    def _search(self, request, started):
        analysed = AnalysedQuery.of(request.q, self.use_thesaurus)
        languages = indexed_languages()
        extra = self._feedback(analysed, languages)
        body = _kept_body(self, request, analysed, True, languages, extra)
        response = self._send(body)
        if not response["hits"]["total"]["value"] and request.q:
            # floor.Partial left nothing: no practice names the query's
            # concepts, so those holding their neighbours count.
            loose = _kept_body(self, request, analysed, True, languages, extra, False)
            if loose != body:
                response = self._send(loose)
        unknown_word = any(
            word["options"]
            for word in response.get("suggest", {}).get("typed_words", [])
        )
        some_words = any_word_retry(request.q, response["hits"]["total"]["value"])
        if some_words:
            # Nothing has all the words (a typo in one of them, say): any word.
            response = self._send(
                _kept_body(self, request, analysed, False, languages, extra)
            )
        hits = [self._hit(raw, analysed) for raw in response["hits"]["hits"]]
        if request.page == 1:
            hits = _title_first(hits, request.q, languages)
        counts = facet_counts(response["aggregations"])
        total = response["hits"]["total"]["value"]
        return SearchResults(
            request=request,
            hits=hits,
            total=total,
            facets=search_facets(counts, request.filters),
            backend=self.backend,
            did_you_mean=did_you_mean(analysed) if unknown_word else "",
            took_ms=round((time.monotonic() - started) * 1000, 1),
            some_words=some_words and bool(total),
        )

    def _feedback(self, analysed, languages):
        """expansion.second_round, from the page ids of a light request (no
        facets, highlights or counts), for words the thesaurus lacks."""
        unknown = analysed.use_thesaurus and analysed.unknown_words
        if not unknown or not expansion.wants_feedback(unknown, languages):
            return None

        def first(strict):
            body = self._first_body(analysed, languages, strict)
            hits = self._send(body)["hits"]["hits"]
            return [raw["fields"]["page_id"][0] for raw in hits]

        named = (*analysed.concepts, *analysed.cognates)
        retry = any_word_retry(analysed.text, 0)
        words = expansion.unit_words(analysed.text, languages)

        def computed():
            found = expansion.second_round(first, named, self.feedback, retry, words)
            return found or expansion.Feedback()  # kept: None is "missing"

        if not self.cache:
            return computed() or None
        key = (
            analysed.text,
            *_shared_key(analysed, True, languages, self.feedback, True),
        )
        return _kept(_feedbacks, key, computed) or None

    def _first_body(self, analysed, languages, strict):
        """The feedback round's first ranking (expansion.second_round): the
        page ids from the doc values (no stored document is read, no hit is
        counted past the best ones), coordinated only among the best
        scoring.FIRST_COORDINATED in a rescore, so that Elasticsearch skips
        what cannot reach them, which the coordination's function_score
        would not let it do (as fulltext.first_rankings)."""
        window = scoring.FIRST_COORDINATED
        query, every = self._matching(analysed, languages, strict, None, True)
        body = {
            "query": query,
            "size": self.feedback.practices,
            "_source": False,
            "docvalue_fields": ["page_id"],
            "track_total_hits": False,
        }
        factor = scoring.coordination(len(every))
        if factor != 1 and window:
            holds_every = {"bool": {"filter": every}}
            body["rescore"] = {
                "window_size": window,
                "query": {
                    "rescore_query": {
                        "constant_score": {"filter": holds_every, "boost": factor}
                    },
                    "score_mode": "multiply",
                },
            }
        return body

    @staticmethod
    def _hit(raw, analysed):
        source = raw["_source"]
        language = source.get("language") or ""
        return Hit(
            page_id=source["page_id"],
            url=source.get("url") or "",
            title=source.get("title") or "",
            snippet=result_snippet(
                source.get("summary") or "",
                source.get("body") or "",
                language,
                analysed.text,
                analysed.use_thesaurus,
            ),
            language=language,
            country=source.get("country") or "",
            score=raw.get("_score"),
        )

    def suggest(self, q):
        return title_suggestions(q)
