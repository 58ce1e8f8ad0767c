"""The listing's filters: what the GET parameters ask for, and links that change it."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django_countries import countries

from taxonomy.names import language_names

FILTER_PARAMS = ("q", "country", "language", "sector", "theme", "eqf", "target")
PERMALINK_PARAMS = (*FILTER_PARAMS, "sort", "page")
SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "title": ("title", "pk"),
}
DEFAULT_SORT = "newest"
DEFAULT_PER_PAGE = 12


@dataclass(frozen=True)
class IgnoredValue:
    """A filter value in the address that cannot be valid, and why (shown on the
    listing, and the reason an export answers 400)."""

    name: str
    value: str
    reason: str

    def __str__(self):
        return f"{self.name} “{self.value[:50]}”: {self.reason}"


@dataclass
class Filters:
    q: str = ""
    country: str = ""
    language: str = ""
    sector: str = ""
    theme: str = ""
    eqf: int | None = None
    target: str = ""
    sort: str = DEFAULT_SORT
    page: int = 1
    ignored: list = field(default_factory=list)
    # The page asked for when it was past the last one (the last one is shown).
    page_requested: int | None = None

    def params(self, **changes):
        """The GET parameters of this view, with `changes` applied (None drops)."""
        values = {
            "q": self.q,
            "country": self.country,
            "language": self.language,
            "sector": self.sector,
            "theme": self.theme,
            "eqf": self.eqf,
            "target": self.target,
            "sort": "" if self.sort == DEFAULT_SORT else self.sort,
            "page": "" if self.page == 1 else self.page,
        }
        values.update(changes)
        return {key: values[key] for key in PERMALINK_PARAMS if values.get(key)}

    def querystring(self, **changes):
        params = self.params(**changes)
        return "?" + urlencode(params) if params else "?"

    def querystrings_for(self, param):
        """value -> querystring(param=value, page=None), the other parameters
        encoded once: a facet links each of its options (hundreds of themes)."""
        others = {
            key: urlencode({key: value})
            for key, value in self.params(page=None).items()
            if key != param
        }

        def querystring(value):
            own = urlencode({param: value}) if value else ""
            parts = [
                own if key == param else others.get(key) for key in PERMALINK_PARAMS
            ]
            parts = [part for part in parts if part]
            return "?" + "&".join(parts) if parts else "?"

        return querystring

    @property
    def active(self):
        return any(getattr(self, name) for name in FILTER_PARAMS)


def parse_filters(params):
    """Read GET parameters; values that cannot be valid are dropped and reported."""
    filters = Filters()
    ignored = []
    filters.q = params.get("q", "").strip()[:200]
    country = params.get("country", "").strip().upper()
    if country:
        if country in countries:
            filters.country = country
        else:
            ignored.append(IgnoredValue("country", country, _("not a country code")))
    language = params.get("language", "").strip().lower()
    if language:
        if language in language_names():
            filters.language = language
        else:
            ignored.append(
                IgnoredValue("language", language, _("not a language code we know"))
            )
    for name in ("sector", "theme", "target"):
        value = params.get(name, "").strip()[:120]
        setattr(filters, name, value)
    eqf = params.get("eqf", "").strip()
    if eqf:
        if eqf.isdigit() and 1 <= int(eqf) <= 8:
            filters.eqf = int(eqf)
        else:
            ignored.append(IgnoredValue("eqf", eqf, _("EQF levels are 1 to 8")))
    sort = params.get("sort", "").strip()
    filters.sort = sort if sort in SORTS else DEFAULT_SORT
    if sort and sort not in SORTS:
        ignored.append(IgnoredValue("sort", sort, _("not a sort order")))
    page = params.get("page", "1").strip() or "1"
    filters.page = int(page) if page.isdigit() and 0 < int(page) < 10**9 else 1
    if str(filters.page) != page.lstrip("0") or page == "0":
        ignored.append(IgnoredValue("page", page, _("not a page number")))
    filters.ignored = ignored
    return filters
