"""The public search: one interface, two implementations, chosen by availability.

``ElasticsearchSearch`` queries the practices alias (per-language analyzers, the
thesaurus's concepts, facets, highlights, "did you mean"). ``DatabaseSearch``
answers the same :class:`SearchRequest` from the database (Wagtail's database
search backend: PostgreSQL full text, or SQLite), with the thesaurus expanding the
query in Python so that it still crosses languages. :func:`run_search` and
:func:`suggest` try Elasticsearch first and fall back on any outage; views never
branch on the backend.
"""

import logging
import math
import time
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from elasticsearch import ApiError

from .. import thesaurus
from ..analysis import fold, words
from ..documents import LANGUAGES, alias_name
from . import results_cache
from .client import SearchUnavailable, call, is_configured

logger = logging.getLogger(__name__)

FACETS = ("language", "country", "sector", "theme", "eqf")
# Facet name -> indexed keyword field.
FACET_FIELDS = {
    "language": "language",
    "country": "country",
    "sector": "sectors",
    "theme": "themes",
    "eqf": "eqf",
}
FACET_SIZES = {"language": 30, "country": 40, "sector": 40, "theme": 25, "eqf": 8}
MAX_QUERY_LENGTH = 200
SUGGEST_LIMIT = 10


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict = field(default_factory=dict)  # facet name -> list of values
    page: int = 1
    per_page: int = 10

    @classmethod
    def from_querydict(cls, data, per_page=10):
        q = " ".join((data.get("q") or "").split())[:MAX_QUERY_LENGTH]
        filters = {}
        for name in FACETS:
            values = [v.strip()[:64] for v in data.getlist(name) if v.strip()]
            if name == "eqf":
                values = [v for v in values if v.isdigit() and 1 <= int(v) <= 8]
            if name == "country":
                values = [v.upper() for v in values]
            if values:
                filters[name] = list(dict.fromkeys(values))[:20]
        try:
            page = max(1, min(int(data.get("page") or 1), 1000))
        except ValueError:
            page = 1
        return cls(q=q, filters=filters, page=page, per_page=per_page)


@dataclass
class Hit:
    page_id: int
    url: str
    title: str
    snippet: str  # safe HTML
    language: str
    country: str = ""
    score: float | None = None


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    options: list


@dataclass
class SearchResults:
    request: SearchRequest
    hits: list
    total: int
    facets: list
    backend: str
    degraded: bool = False
    did_you_mean: str = ""
    took_ms: float = 0.0
    cached: bool = False

    @property
    def num_pages(self):
        return max(1, math.ceil(min(self.total, 10000) / self.request.per_page))


# --- labels -----------------------------------------------------------------


_label_cache = {}


def labels(kind):
    """Names of content languages (``kind`` "language") or countries
    ("country") in the active language, translated once per process and
    language: a results page labels some 50 facet options."""
    from django.utils import translation

    key = (kind, translation.get_language() or settings.LANGUAGE_CODE)
    labels = _label_cache.get(key)
    if labels is None:
        if kind == "language":
            pairs = settings.CONTENT_LANGUAGE_CHOICES
        else:
            from django_countries import countries

            pairs = ((country.code, country.name) for country in countries)
        labels = _label_cache[key] = {code: str(name) for code, name in pairs}
    return labels


_sector_cache = {}
SECTOR_LABELS_TTL = 300
# A slug the labels do not know (a sector added since) reloads them, at most this
# often: an indexed slug with no sector behind it must not cost a query per search.
SECTOR_LABELS_RETRY = 30


def _sector_labels(slugs):
    """Sector names in the active language (cached per process for 5 minutes:
    the results page must not query the database for every search)."""
    from django.utils import translation

    from taxonomy.models import Sector

    language = translation.get_language() or settings.LANGUAGE_CODE
    cached = _sector_cache.get(language)
    now = time.monotonic()
    if (
        cached is None
        or cached[0] + SECTOR_LABELS_TTL < now
        or (
            not set(slugs) <= cached[1].keys() and cached[0] + SECTOR_LABELS_RETRY < now
        )
    ):
        labels = {}
        for sector in Sector.objects.select_related("locale").order_by("pk"):
            if sector.slug not in labels or sector.locale.language_code == language:
                labels[sector.slug] = sector.name
        cached = (now, labels)
        _sector_cache[language] = cached
    return cached[1]


def forget_sector_labels():
    _sector_cache.clear()


def build_facets(counts, filters):
    """``counts``: facet name -> [(value, count)]; returns labelled Facet objects."""
    languages = labels("language")
    countries = labels("country")
    sectors = _sector_labels([v for v, _ in counts.get("sector", [])])
    label_for = {
        "language": lambda v: languages.get(v, v),
        "country": lambda v: countries.get(v, v),
        "sector": lambda v: sectors.get(v, v.replace("-", " ").capitalize()),
        "theme": lambda v: v,
        "eqf": lambda v: f"EQF {v}",
    }
    facets = []
    for name in FACETS:
        selected = set(filters.get(name, []))
        options = [
            FacetOption(
                str(value), label_for[name](str(value)), count, str(value) in selected
            )
            for value, count in counts.get(name, [])
            if count
        ]
        if name == "eqf":
            options.sort(key=lambda option: int(option.value))
        facets.append(Facet(name, options))
    return facets


# --- Elasticsearch -------------------------------------------------------------


# Weights, measured on search/eval (nDCG@10 / cross-language recall@10,
# 2026-11-24). The thesaurus as concept tags (search/thesaurus.py), relative to
# the user's own (stemmed) words: whole concepts 1.0 with parts (words of
# multi-word terms) 0.5: 0.879/0.718; parts 0.3: 0.877/0.718; 0.7: 0.876/0.721;
# 1.0: 0.868/0.702; whole 1.5, parts 0.5: 0.868/0.718; no parts: 0.796/0.622.
# (Expanding the query into every language's terms at search time, before:
# 0.868/0.671, at twice Elasticsearch's time per search.)
# Exact words 0.5 -> 0.2: 0.867/0.656 -> 0.868/0.671 (0.1: 0.856/0.674).
CONCEPT_BOOST = 1.0
PART_BOOST = 0.5
# How many of the user's own words a practice in its language must contain: all
# of one or two, 75 % of more.
OWN_MATCH = {"minimum_should_match": "2<75%"}
# Weight of exact (folded, unstemmed) words.
EXACT_BOOST = 0.2
SNIPPET_WIDTH = 200


@dataclass
class AnalysedQuery:
    """The query as typed, its folded form (for "did you mean") and the thesaurus
    concepts it names: their ids, and the tokens the concept fields hold for them
    (whole terms, and words of multi-word terms)."""

    text: str
    use_thesaurus: bool
    folded: str
    concepts: tuple = ()
    unknown_words: str = ""  # those not in the thesaurus: maybe typos

    @classmethod
    def of(cls, text, use_thesaurus=True):
        return cls(
            text,
            use_thesaurus,
            fold(text).strip(),
            tuple(thesaurus.concepts_in(text)) if use_thesaurus and text else (),
            " ".join(
                word
                for word, _start, _end in words(text)
                if not thesaurus.is_known_word(word)
            ),
        )

    @property
    def concept_tokens(self):
        return " ".join(thesaurus.concept_token(c) for c in self.concepts)

    @property
    def part_tokens(self):
        return " ".join(
            thesaurus.concept_token(c) + thesaurus.PART for c in self.concepts
        )

    def terms_in(self, language):
        """The raw thesaurus terms of the query's concepts a text in ``language``
        may hold (its own and the lingua franca's): what a snippet marks."""
        return thesaurus.terms_for(self.concepts, language)


LANGUAGES_TTL = 60
_indexed_languages = {}


def indexed_languages():
    """Languages the practices index holds texts in (cached per alias for a
    minute; every language when the index cannot be asked)."""
    alias = alias_name()
    cached = _indexed_languages.get(alias)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    body = {
        "size": 0,
        "aggs": {"languages": {"terms": {"field": "language", "size": 100}}},
    }
    try:
        response = call(lambda client: client.search(index=alias, **body))
    except (ApiError, SearchUnavailable):
        return LANGUAGES
    found = {
        bucket["key"] for bucket in response["aggregations"]["languages"]["buckets"]
    }
    # Practices in a language without fields of its own are indexed as English.
    languages = tuple(code for code in LANGUAGES if code in found) or ("en",)
    if found - set(LANGUAGES):
        languages = tuple(dict.fromkeys((*languages, "en")))
    if found:  # an empty index is about to be filled: ask again next time
        _indexed_languages[alias] = (time.monotonic() + LANGUAGES_TTL, languages)
    return languages


class ElasticsearchSearch:
    backend = "elasticsearch"

    def __init__(self, use_thesaurus=True, cache=True):
        self.use_thesaurus = use_thesaurus
        # A repeated search is answered from the results cache (results_cache.py)
        # and, past it, from Elasticsearch's shard request cache (the query phase:
        # hits, total, facets), both until the index next changes. Off only to
        # measure searches computed in full.
        self.cache = cache

    def _query(self, analysed, languages, strict=True):
        """Either of: the user's words, through each language field's own
        analyzer; the thesaurus concepts the query names, on the concept fields
        (whole terms, and apart from them the words of multi-word terms), which
        reach practices in every language. The folded exact words only add to
        the score."""
        if not analysed.text:
            return {"match_all": {}}
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
        for tokens, boost in (
            (analysed.concept_tokens, CONCEPT_BOOST),
            (analysed.part_tokens, PART_BOOST),
        ):
            if tokens:
                should.append(
                    {
                        "multi_match": {
                            "query": tokens,
                            "fields": ["concepts_title^3", "concepts_text"],
                            "boost": boost,
                        }
                    }
                )
        return {
            "bool": {
                "must": [{"bool": {"should": should, "minimum_should_match": 1}}],
                "should": [
                    {
                        "multi_match": {
                            "query": analysed.text,
                            "fields": ["folded_title^2", "folded_text"],
                            "boost": EXACT_BOOST,
                        }
                    }
                ],
            }
        }

    def _filters(self, filters):
        return [
            {"terms": {FACET_FIELDS[name]: values}}
            for name, values in filters.items()
            if values
        ]

    def _highlight(self, analysed, languages):
        """One snippet from the text field of the practice's language. Each field
        gets a query of its own: the user's words, and the thesaurus terms of the
        query's concepts in that language (and English), which is what made a
        practice in another language match."""

        def field_query(code):
            name = f"text_{code}"
            clauses = [{"match": {name: {"query": analysed.text}}}]
            terms = analysed.terms_in(code)
            if terms:
                clauses.append({"match": {name: {"query": " ".join(terms)}}})
            return {"bool": {"should": clauses}}

        return {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "require_field_match": True,
            "fields": {
                f"text_{code}": {
                    "fragment_size": SNIPPET_WIDTH,
                    "number_of_fragments": 1,
                    "highlight_query": field_query(code),
                }
                for code in languages
            },
        }

    def body(self, request, analysed, strict=True, languages=LANGUAGES):
        """``languages``: those the index holds practices in (thesaurus clauses
        and highlights for the others would cost time and find nothing)."""
        body = {
            "query": {
                "bool": {
                    "must": [self._query(analysed, languages, strict)],
                    "filter": self._filters(request.filters),
                }
            },
            "from": (request.page - 1) * request.per_page,
            "size": request.per_page,
            "track_total_hits": True,
            "_source": [
                "page_id",
                "url",
                "title",
                "summary",
                "language",
                "country",
            ],
            "aggs": {
                name: {
                    "terms": {"field": FACET_FIELDS[name], "size": FACET_SIZES[name]}
                }
                for name in FACETS
            },
        }
        if analysed.text:
            body["highlight"] = self._highlight(analysed, languages)
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
            return call(
                lambda client: client.search(
                    index=alias_name(), request_cache=self.cache, **body
                )
            )
        except ApiError as exc:
            # No index yet (never built) or a rejected query: the database answers.
            logger.warning("search: Elasticsearch refused the query: %s", exc)
            raise SearchUnavailable(str(exc)) from exc

    def did_you_mean_body(self, analysed):
        """A suggest-only request: asked only when a query finds little, so the
        common case pays nothing for it."""
        body = {"size": 0, "track_total_hits": False}
        body["suggest"] = {
            "did_you_mean": {
                "text": analysed.folded,
                "phrase": {
                    "field": "folded_text",
                    "size": 3,
                    "max_errors": 2,
                    # Any better phrase than the user's (we drop it if identical):
                    # the default (1.0) stays silent on small indices.
                    "confidence": 0,
                    "direct_generator": [
                        {
                            "field": "folded_text",
                            "suggest_mode": "missing",
                            "min_word_length": 3,
                        }
                    ],
                },
            }
        }
        return body

    def search(self, request):
        started = time.monotonic()
        key = None
        if self.cache:
            variant = self.backend if self.use_thesaurus else f"{self.backend}-plain"
            key = results_cache.key_for(request, variant)
            cached = results_cache.get(key)
            if cached is not None:
                return replace(
                    cached,
                    cached=True,
                    took_ms=round((time.monotonic() - started) * 1000, 1),
                )
        results = self._search(request, started)
        results_cache.put(key, results)
        return results

    def _search(self, request, started):
        analysed = AnalysedQuery.of(request.q, self.use_thesaurus)
        languages = indexed_languages()
        response = self._send(self.body(request, analysed, languages=languages))
        unknown_word = any(
            word["options"]
            for word in response.get("suggest", {}).get("typed_words", [])
        )
        if not response["hits"]["total"]["value"] and len(request.q.split()) > 1:
            # Nothing has all the words (a typo in one of them, say): any word.
            response = self._send(
                self.body(request, analysed, strict=False, languages=languages)
            )
        hits = [self._hit(raw, analysed) for raw in response["hits"]["hits"]]
        counts = {
            name: [
                (bucket["key"], bucket["doc_count"])
                for bucket in response["aggregations"][name]["buckets"]
            ]
            for name in FACETS
        }
        total = response["hits"]["total"]["value"]
        return SearchResults(
            request=request,
            hits=hits,
            total=total,
            facets=build_facets(counts, request.filters),
            backend=self.backend,
            did_you_mean=self._did_you_mean(analysed) if unknown_word else "",
            took_ms=round((time.monotonic() - started) * 1000, 1),
        )

    @staticmethod
    def _hit(raw, analysed):
        source = raw["_source"]
        language = source.get("language") or ""
        fragments = [
            fragment
            for values in raw.get("highlight", {}).values()
            for fragment in values
        ]
        if fragments:
            text = mark_safe(fragments[0])  # noqa: S308 - encoder "html" escapes
        else:
            text = escape(Truncator(source.get("summary") or "").chars(SNIPPET_WIDTH))
        return Hit(
            page_id=source["page_id"],
            url=source.get("url") or "",
            title=source.get("title") or "",
            snippet=text,
            language=language,
            country=source.get("country") or "",
            score=raw.get("_score"),
        )

    def _did_you_mean(self, analysed):
        if not analysed.folded:
            return ""
        body = self.did_you_mean_body(analysed)
        try:
            response = call(lambda client: client.search(index=alias_name(), **body))
        except ApiError as exc:
            logger.warning("search: suggestion failed: %s", exc)
            return ""
        suggestions = response.get("suggest", {}).get("did_you_mean") or [{}]
        for option in suggestions[0].get("options", []):
            text = option.get("text", "")
            if text and text != analysed.folded:
                return text
        return ""

    def suggest(self, q):
        body = {
            "suggest": {
                "titles": {
                    "prefix": q,
                    "completion": {
                        "field": "suggest",
                        "size": SUGGEST_LIMIT,
                        "skip_duplicates": True,
                        "fuzzy": {
                            "fuzziness": "AUTO",
                            "prefix_length": 2,
                            "min_length": 4,
                        },
                    },
                }
            },
            "_source": ["title", "url", "language"],
        }
        try:
            response = call(lambda client: client.search(index=alias_name(), **body))
        except ApiError as exc:
            raise SearchUnavailable(str(exc)) from exc
        items = []
        for option in response["suggest"]["titles"][0]["options"]:
            source = option.get("_source", {})
            items.append(
                {
                    "text": option["text"],
                    "title": source.get("title", ""),
                    "url": source.get("url", ""),
                    "language": source.get("language", ""),
                }
            )
        return items[:SUGGEST_LIMIT]


# --- database fallback ----------------------------------------------------------------


def _any_word_query(terms, leaf_size=8):
    """A query matching any word of ``terms``, as a balanced tree of ORs: the
    PostgreSQL backend folds a flat OR left-deep, which overflows Python's
    recursion limit at a few hundred words."""
    from wagtail.search.query import Or, PlainText

    unique = list(dict.fromkeys(w for term in terms for w, _s, _e in words(term)))
    leaves = [
        PlainText(" ".join(unique[i : i + leaf_size]), operator="or")
        for i in range(0, len(unique), leaf_size)
    ] or [PlainText("", operator="or")]
    while len(leaves) > 1:
        leaves = [
            Or([leaves[i], leaves[i + 1]]) if i + 1 < len(leaves) else leaves[i]
            for i in range(0, len(leaves), 2)
        ]
    return leaves[0]


class DatabaseSearch:
    backend = "database"
    # How many ranked candidates the database search hands to faceting.
    CANDIDATES = 1000

    def __init__(self, use_thesaurus=True):
        self.use_thesaurus = use_thesaurus

    def _base(self):
        from practices.models import PracticePage

        return PracticePage.objects.live().public()

    def _ranked_ids(self, q):
        queryset = self._base()
        if not q:
            return list(
                queryset.order_by("-first_published_at", "-pk").values_list(
                    "pk", flat=True
                )[: self.CANDIDATES]
            )
        terms = [q, *(thesaurus.expand_query(q) if self.use_thesaurus else [])]
        results = queryset.search(_any_word_query(terms))
        return [page.pk for page in results[: self.CANDIDATES]]

    def _filtered(self, ids, filters):
        queryset = self._base().filter(pk__in=ids)
        if filters.get("language"):
            queryset = queryset.filter(content_language__in=filters["language"])
        if filters.get("country"):
            queryset = queryset.filter(country__in=filters["country"])
        if filters.get("sector"):
            queryset = queryset.filter(sectors__slug__in=filters["sector"])
        if filters.get("theme"):
            queryset = queryset.filter(tagged_items__tag__name__in=filters["theme"])
        if filters.get("eqf"):
            queryset = queryset.filter(eqf_levels__level__in=filters["eqf"])
        return queryset.distinct()

    def _counts(self, queryset):
        def pairs(values_field):
            rows = (
                queryset.order_by()
                .values(values_field)
                .annotate(n=Count("pk", distinct=True))
                .order_by("-n")
            )
            return [(row[values_field], row["n"]) for row in rows if row[values_field]]

        return {
            "language": pairs("content_language"),
            "country": pairs("country"),
            "sector": pairs("sectors__slug"),
            "theme": pairs("tagged_items__tag__name")[: FACET_SIZES["theme"]],
            "eqf": pairs("eqf_levels__level"),
        }

    def search(self, request):
        started = time.monotonic()
        ranked = self._ranked_ids(request.q)
        queryset = self._filtered(ranked, request.filters)
        matching = set(queryset.values_list("pk", flat=True))
        ordered = [pk for pk in ranked if pk in matching]
        start = (request.page - 1) * request.per_page
        page_ids = ordered[start : start + request.per_page]
        pages = {page.pk: page for page in self._base().filter(pk__in=page_ids)}
        hits = []
        for pk in page_ids:
            page = pages.get(pk)
            if page is None:
                continue
            hits.append(
                Hit(
                    page_id=page.pk,
                    url=page.get_url() or "",
                    title=page.title,
                    snippet=escape(Truncator(page.summary).chars(200)),
                    language=page.content_language,
                    country=str(page.country) if page.country else "",
                )
            )
        return SearchResults(
            request=request,
            hits=hits,
            total=len(ordered),
            facets=build_facets(self._counts(queryset), request.filters),
            backend=self.backend,
            degraded=True,
            took_ms=round((time.monotonic() - started) * 1000, 1),
        )

    def suggest(self, q):
        pages = (
            self._base().filter(title__icontains=q).order_by("title")[:SUGGEST_LIMIT]
        )
        return [
            {
                "text": page.title,
                "title": page.title,
                "url": page.get_url() or "",
                "language": page.content_language,
            }
            for page in pages
        ]


# --- entry points ---------------------------------------------------------------


def _implementations():
    if is_configured():
        yield ElasticsearchSearch()
    yield DatabaseSearch()


def run_search(request):
    """Results for ``request`` from the best available implementation."""
    for implementation in _implementations():
        try:
            return implementation.search(request)
        except SearchUnavailable as exc:
            logger.info(
                "search: %s unavailable, falling back: %s", implementation.backend, exc
            )
    raise AssertionError("the database implementation does not raise SearchUnavailable")


def suggest(q):
    q = " ".join((q or "").split())[:MAX_QUERY_LENGTH]
    if len(q) < 2:
        return []
    for implementation in _implementations():
        try:
            return implementation.suggest(q)
        except SearchUnavailable as exc:
            logger.info(
                "suggest: %s unavailable, falling back: %s", implementation.backend, exc
            )
    return []
