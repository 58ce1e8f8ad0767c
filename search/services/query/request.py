"""What a search asks and what it answers, whichever engine answers it."""

import math
from dataclasses import dataclass, field

FACETS = ("language", "country", "sector", "theme", "eqf")
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
