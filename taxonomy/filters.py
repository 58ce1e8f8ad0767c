"""Filters read from GET parameters: one parser for every faceted page.

The practice listing (and its exports, feed and /insights/), the search and the
organisation directory all take their facets from the address the same way:

- a facet may be repeated to choose several values (``?sector=a&sector=b``):
  OR within a facet, AND across facets (the engines apply that rule);
- each value is cleaned by its facet's :class:`Param` (a country code upper
  case, an EQF level a number from 1 to 8...); a value that cannot be valid is
  dropped and reported as an :class:`IgnoredValue`, never silently;
- the chosen values are kept in one canonical order (facets in the page's
  order, values sorted), so two addresses choosing the same thing write the
  same permalink, the same cache key and the same links.

:class:`Selection` holds the result and writes the links that change it (add or
drop one value, drop a whole facet, change the page or the sort order).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from django.http import HttpResponsePermanentRedirect
from django.utils.translation import gettext as _
from django_countries import countries

from .names import language_names

# How many values of one facet an address may choose (more are reported).
MAX_VALUES = 20


class Invalid(ValueError):
    """A value that cannot be valid for its facet; the message says why."""


@dataclass(frozen=True)
class IgnoredValue:
    """A filter value in the address that cannot be valid, and why (shown on the
    page, and the reason an export answers 400)."""

    name: str
    value: str
    reason: str

    def __str__(self):
        return f"{self.name} “{self.value[:50]}”: {self.reason}"


# --- cleaners: text of one GET value -> the facet's value, or Invalid ----------


def country_code(text):
    code = text.upper()
    if code not in countries:
        raise Invalid(_("not a country code"))
    return code


def content_language(text):
    code = text.lower()
    if code not in language_names():
        raise Invalid(_("not a language code we know"))
    return code


def eqf_level(text):
    if not (text.isdigit() and 1 <= int(text) <= 8):
        raise Invalid(_("EQF levels are 1 to 8"))
    return int(text)


def slug(text):
    """Sectors, themes, target groups: matched against slugs, never invalid
    (an unknown slug selects nothing, as a stale link would)."""
    return text[:120]


def choice(values):
    """A cleaner accepting only ``values`` (as text)."""
    allowed = {str(value) for value in values}

    def clean(text):
        if text not in allowed:
            raise Invalid(_("not one of the choices"))
        return text

    return clean


@dataclass(frozen=True)
class Param:
    """One facet's GET parameter: its name and how a value of it is cleaned."""

    name: str
    clean: Callable = slug


def _values_of(params, name):
    """Every value of ``name`` in a QueryDict or a plain dict (of a string or
    a list of strings)."""
    if hasattr(params, "getlist"):
        return params.getlist(name)
    value = params.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def parse_facets(params, spec, limit=MAX_VALUES):
    """({facet name: tuple of chosen values, sorted}, [IgnoredValue]) for the
    facets of ``spec`` (Params, in the page's order)."""
    chosen, ignored = {}, []
    for param in spec:
        values = set()
        for raw in _values_of(params, param.name):
            text = str(raw).strip()
            if not text:
                continue
            try:
                values.add(param.clean(text))
            except Invalid as exc:
                ignored.append(IgnoredValue(param.name, text, str(exc)))
        ordered = sorted(values, key=_sort_key)
        if len(ordered) > limit:
            ignored.append(
                IgnoredValue(
                    param.name,
                    ", ".join(str(v) for v in ordered[limit:]),
                    _("at most %(limit)d values per filter") % {"limit": limit},
                )
            )
            ordered = ordered[:limit]
        chosen[param.name] = tuple(ordered)
    return chosen, ignored


def _sort_key(value):
    return (0, value, "") if isinstance(value, int) else (1, 0, str(value))


def parse_query(params, length=200):
    """The text query: stripped, inner blanks collapsed, at most ``length``."""
    values = _values_of(params, "q")
    return " ".join((values[-1] if values else "").split())[:length]


@dataclass(frozen=True)
class Chip:
    """A chosen value shown above the results, with the link that drops it."""

    name: str
    value: object
    label: str
    querystring: str
    title: str = ""  # the facet's


@dataclass
class Selection:
    """What a faceted page's address chooses.

    ``facets``: {name: tuple of values} in the page's facet order. Pages with
    more parameters (sort order, page number) subclass it and name them in
    :meth:`extra_params`.
    """

    q: str = ""
    facets: dict = field(default_factory=dict)
    ignored: list = field(default_factory=list)

    def chosen(self, name):
        return self.facets.get(name, ())

    @property
    def active(self):
        """Whether the visitor narrowed the set (a text query or any facet)."""
        return bool(self.q) or any(self.facets.values())

    def extra_params(self):
        """The permalink's parameters after the facets ({name: value}, in
        order; empty values are left out): a page's sort order and number."""
        return {}

    def pairs(self, **changes):
        """The permalink's (name, value) pairs in canonical order (the query,
        the facets, the extras), with ``changes`` applied: for a facet, the
        values it gets; for the query or an extra, its value; None drops."""
        q, facets, extras = self.q, dict(self.facets), self.extra_params()
        for name, value in changes.items():
            if name == "q":
                q = value or ""
            elif name in facets:
                facets[name] = tuple(sorted(set(value or ()), key=_sort_key))
            else:
                extras[name] = value
        pairs = [("q", q)] if q else []
        for name, values in facets.items():
            pairs += [(name, value) for value in values]
        pairs += [(name, value) for name, value in extras.items() if value]
        return pairs

    @property
    def permalink_pairs(self):
        return self.pairs()

    def querystring(self, **changes):
        pairs = self.pairs(**changes)
        return "?" + urlencode(pairs) if pairs else "?"

    def toggled(self, name, value, **changes):
        """The querystring with ``value`` added to facet ``name``, or dropped
        when it is chosen (the first page: the set changes)."""
        values = self.chosen(name)
        if value in values:
            values = tuple(v for v in values if v != value)
        else:
            values = (*values, value)
        return self.querystring(**{name: values, "page": None, **changes})

    def link_maker(self, name):
        """value -> :meth:`toggled` querystring, cheap for a facet of hundreds
        of options: the other parameters are encoded once."""
        chosen = set(self.chosen(name))
        before, after = [], []
        for key, value in self.pairs(page=None):
            if key == name:
                continue
            position = self._position(key)
            (before if position < self._position(name) else after).append(
                urlencode([(key, value)])
            )

        def link(value):
            values = chosen ^ {value}
            own = [urlencode([(name, v)]) for v in sorted(values, key=_sort_key)]
            parts = before + own + after
            return "?" + "&".join(parts) if parts else "?"

        return link

    def _position(self, key):
        order = ["q", *self.facets, *self.extra_params()]
        return order.index(key) if key in order else len(order)

    def chips(self, labels, titles=None, query_title=None):
        """The chosen values, each labelled and with the link that drops it.
        ``labels``: {facet name: function of a value -> its label};
        ``titles``: {facet name: its title}; ``query_title``: the text query's
        chip title (None: no chip for the query)."""
        titles = titles or {}
        chips = []
        if self.q and query_title is not None:
            chips.append(
                Chip(
                    "q",
                    self.q,
                    self.q,
                    self.querystring(q=None, page=None),
                    query_title,
                )
            )
        for name, values in self.facets.items():
            label = labels.get(name, str)
            chips += [
                Chip(
                    name,
                    value,
                    str(label(value)),
                    self.toggled(name, value),
                    str(titles.get(name, "")),
                )
                for value in values
            ]
        return chips


def canonical_querystring(query_string, spec):
    """``query_string`` (the address's, raw) with each facet's values of
    ``spec`` in canonical order (sorted as :func:`parse_facets` sorts them,
    repeats out), in the places the facet's values had, every other parameter
    left as it was; None when it has them so already.

    Pages redirect to it (:func:`canonical_redirect`), so that two addresses
    choosing the same values are one page in the page cache. A value that
    cannot be valid stays, after its facet's valid ones, for the page to
    report it; an empty value (an unused form field) is left alone."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    changed = False
    for param in spec:
        places = [
            i for i, (name, value) in enumerate(pairs) if name == param.name and value
        ]
        valid, invalid, seen = [], [], set()
        for place in places:
            value = pairs[place][1]
            try:
                key = _sort_key(param.clean(value.strip()))
            except Invalid:
                invalid.append(value)
                continue
            if key not in seen:
                seen.add(key)
                valid.append((key, value))
        values = [value for _key, value in sorted(valid)]
        values += list(dict.fromkeys(invalid))
        if values == [pairs[place][1] for place in places]:
            continue
        changed = True
        for place, value in zip(places, values + [None] * len(places), strict=False):
            pairs[place] = (param.name, value)
    if not changed:
        return None
    return "?" + urlencode(
        [(name, value) for name, value in pairs if value is not None]
    )


def canonical_redirect(request, spec):
    """A permanent redirect to the page's canonical address when ``request``
    chose its facet values in another order, else None."""
    if request.method not in ("GET", "HEAD"):
        return None
    querystring = canonical_querystring(request.META.get("QUERY_STRING", ""), spec)
    if querystring is None:
        return None
    return HttpResponsePermanentRedirect(request.path + querystring)
