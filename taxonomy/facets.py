"""Facets: counts per value of a filter, labelled, marked selected, linked.

The practice listing, the search and the organisation directory each count in
their own engine (one SQL UNION of grouped counts, Elasticsearch aggregations,
per-facet database counts); they all hand the counts here, as (value, count)
pairs, and get the same :class:`Facet` back. How a facet is ordered and where an
option links to are the only choices left to the caller.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import ngettext

# How options are ordered: by label (case-insensitive), by count (most first,
# then label), by value (EQF levels), or as the engine counted them (None).
BY_LABEL = "label"
BY_COUNT = "count"
BY_VALUE = "value"


@dataclass
class FacetOption:
    value: str | int
    label: str
    count: int
    selected: bool = False
    # The query string a click on this option leads to ("" where a form, not a
    # link, changes the selection).
    querystring: str = ""

    @property
    def count_label(self):
        """The count as "3 results", for its aria-label: one gettext call, where a
        blocktranslate per option cost the listing a fifth of its time."""
        return ngettext("%(counter)s result", "%(counter)s results", self.count) % {
            "counter": self.count
        }


@dataclass
class Facet:
    name: str  # the GET parameter it filters on
    options: list = field(default_factory=list)
    title: str = ""


def _label_key(option):
    return str(option.label).lower()


_ORDERS = {
    BY_LABEL: _label_key,
    BY_COUNT: lambda option: (-option.count, _label_key(option)),
    BY_VALUE: lambda option: int(option.value),
}


def _labeller(label):
    if label is None:
        return str
    if isinstance(label, dict):
        return lambda value: label.get(value, value)
    return label


def facet_options(
    counts: Iterable,
    *,
    selected: Iterable = (),
    label: Callable | dict | None = None,
    order: str | None = BY_LABEL,
    link: Callable | None = None,
):
    """Options for (value, count) pairs; values counted zero times are left out,
    unless chosen.

    ``selected``: the values the visitor chose (compared as text: GET parameters
    are text, counted values may be numbers). ``label``: a mapping or a function
    from value to label (the value itself by default). ``link(value, selected)``:
    the option's query string.
    """
    chosen = {str(value): value for value in selected if value not in (None, "")}
    label_of = _labeller(label)
    options = []
    pairs = list(counts.items() if isinstance(counts, dict) else counts)
    counted = {str(value) for value, count in pairs if count}
    # A chosen value stays on show (to be unchosen) even where nothing is left.
    pairs += [(value, 0) for text, value in chosen.items() if text not in counted]
    for value, count in pairs:
        is_selected = str(value) in chosen
        if not count and not is_selected:
            continue
        options.append(
            FacetOption(
                value=value,
                label=label_of(value),
                count=count,
                selected=is_selected,
                querystring=link(value, is_selected) if link else "",
            )
        )
    if order is not None:
        options.sort(key=_ORDERS[order])
    return options


def build_facet(name, counts, *, title="", **options):
    """A :class:`Facet` named ``name``; ``options`` as for :func:`facet_options`."""
    return Facet(name, facet_options(counts, **options), title)


def count_by(queryset, field_name):
    """(value, number of distinct rows) per value of ``field_name`` within
    ``queryset``, most frequent first, empty values left out: one grouped query."""
    rows = (
        queryset.order_by()
        .values(field_name)
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n")
    )
    return [(row[field_name], row["n"]) for row in rows if row[field_name]]


def merge_terms(rows):
    """Counts and fallback names of taxonomy terms from (slug, name, key, count)
    rows. A term translated into several locales shares its slug across them, and
    filters match on the slug: rows of one slug add up, under the first row's
    name and translation key.

    Returns ({slug: count}, {slug: (own name, translation key)}).
    """
    counts, terms = {}, {}
    for slug, name, key, count in rows:
        counts[slug] = counts.get(slug, 0) + count
        terms.setdefault(slug, (name, key))
    return counts, terms


def option_labels(options):
    """value -> its option's label (compared as text), else the value itself:
    the chips of chosen values are labelled as their facet's options are."""
    labels = {str(option.value): option.label for option in options}
    return lambda value: labels.get(str(value), value)
