"""What a search asks and what it answers, whichever engine answers it."""

import math
from dataclasses import dataclass, field

from django.db.models import Q

from taxonomy.filters import (
    Param,
    Selection,
    content_language,
    country_code,
    eqf_level,
    parse_facets,
    parse_query,
)
from vetnet.pagination import parse_page

from .. import expansion

MAX_QUERY_LENGTH = 200
SUGGEST_LIMIT = 10


def any_word_retry(q, total):
    """Whether a search that found ``total`` practices is run again for any
    of its words, on every engine: when nothing holds enough of them (a typo
    in one, a word no practice uses) and there are several to choose from."""
    return not total and len(q.split()) > 1


def words_alone(q, concepts, languages):
    """The words of ``q`` that may match a practice's own words without the
    rest of the query, on every engine: those no thesaurus term holds (nor a
    function word), when the rest of the query names a concept (``concepts``).
    A text in a language the thesaurus lacks words of ("formazione formatori
    blended", the thesaurus knowing only "formatori blended") then counts
    the unknown words it holds, while the concepts reach the texts of every
    language. A query whose other words name no concept keeps its words
    together: "formació dual" is no search for every text with "formació"."""
    if not concepts:
        return ()
    alone = expansion.unit_words(q, languages, skip_known=True)
    others = expansion.unit_words(q, languages, skip_known=False)
    return tuple(alone) if alone and len(alone) < len(others) else ()


def _theme(text):
    """A theme's tag slug, as the documents hold it (search/documents.py) and
    the practice listing filters it. An address written when search chose
    themes by name still chooses the theme: a name is read as its slug."""
    from taggit.models import Tag

    text = text[:100]
    tags = Tag.objects.filter(Q(slug=text) | Q(name__iexact=text))
    found = dict(tags.values_list("slug", "name")[:5])
    if text in found or not found:
        return text
    return next(iter(found))


# The search's facets, in the results page's order, read by the one parser of
# every faceted page (taxonomy/filters.py): repeated to choose several values.
SEARCH_PARAMS = (
    Param("language", content_language),
    Param("country", country_code),
    Param("sector"),
    Param("theme", _theme),
    Param("eqf", eqf_level),
)
FACETS = tuple(param.name for param in SEARCH_PARAMS)


@dataclass
class SearchSelection(Selection):
    """The results page's address: the query, the chosen facets, the page."""

    page: int = 1

    def extra_params(self):
        return {"page": "" if self.page == 1 else self.page}


@dataclass
class SearchRequest:
    q: str = ""
    # facet name -> the values chosen (sorted; absent when none): OR within a
    # facet, AND across facets.
    filters: dict = field(default_factory=dict)
    page: int = 1
    per_page: int = 10
    ignored: list = field(default_factory=list)  # values that cannot be valid

    @classmethod
    def from_querydict(cls, data, per_page=10):
        facets, ignored = parse_facets(data, SEARCH_PARAMS)
        # Results stop at 10,000 (1,000 pages); a page past the last one is
        # answered by the view (vetnet.pagination: the last page, with a notice).
        page = min(parse_page(data.get("page"))[0], 1000)
        return cls(
            q=parse_query(data, MAX_QUERY_LENGTH),
            filters={name: list(values) for name, values in facets.items() if values},
            page=page,
            per_page=per_page,
            ignored=ignored,
        )

    @property
    def selection(self):
        return SearchSelection(
            q=self.q,
            facets={
                name: tuple(
                    int(v) if name == "eqf" else v for v in self.filters.get(name, ())
                )
                for name in FACETS
            },
            ignored=self.ignored,
            page=self.page,
        )


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
    # The hits hold some of the query's words, as none held enough of them
    # (any_word_retry): the page says so.
    some_words: bool = False

    @property
    def num_pages(self):
        return max(1, math.ceil(min(self.total, 10000) / self.request.per_page))
