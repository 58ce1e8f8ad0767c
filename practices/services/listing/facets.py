"""The listing's facets: counted in one SQL query, cached between publishes, then
labelled and linked by taxonomy.facets like every other facet of the site."""

import hashlib
import logging
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, F, Value
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from practices.models import PracticeTag
from taxonomy.facets import BY_COUNT, BY_LABEL, BY_VALUE, build_facet, merge_terms
from taxonomy.models import Sector, TargetGroup
from taxonomy.names import (
    as_uuid,
    country_name,
    eqf_name,
    language_name,
    terms_named,
    theme_name,
)

from .facet_table import count_from_table
from .queryset import EQFLink, SectorLink, TargetLink, as_text, matching

logger = logging.getLogger(__name__)

TERM_FACETS = ("sector", "target")
TERM_MODELS = {"sector": Sector, "target": TargetGroup}


def count_facets(filters, own=False):
    """Counts per value of each facet, in ONE query, and the total.

    A facet is counted among the practices matching every OTHER chosen facet
    (and the text query), not its own: choosing one sector still shows how many
    practices each other sector would add. Facets nothing is chosen in share the
    filtered set. ``own``: every facet counted within the filtered set instead
    (what the set holds, as /insights/ charts it).

    A UNION ALL of grouped counts (countries and languages, together when
    neither is chosen; sectors, target groups, EQF levels, themes), each row
    shaped as (facet, value, label, key, n). Returns (total, counts); sectors and
    target groups come as (slug, own name, translation key, n) rows, to be named
    in the visitor's language (see listing_facets).

    The listing's counts (``own`` false) come from the facet table kept per
    content version (facet_table.py), without a query unless there is a text
    query; this SQL counts /insights/' ``own`` figures.
    """
    if not own:
        return count_from_table(filters)
    full = matching(filters)

    def within(name):
        if own or not filters.chosen(name):
            return full
        return matching(filters, skip=name)

    def grouped(name, qs, value, label=None, key=None):
        return (
            qs.order_by()
            .values(
                facet=Value(name),
                value=value,
                label=Value("") if label is None else label,
                key=Value("") if key is None else key,
            )
            .annotate(n=Count("pk"))
            .order_by()
        )

    if not own and (filters.chosen("country") or filters.chosen("language")):
        branches = [
            grouped("total", full, Value("")),
            grouped("country", within("country"), F("country")),
            grouped("language", within("language"), F("content_language")),
        ]
    else:  # one grouping gives both facets, and their sum the total
        branches = [grouped("page", full, F("country"), F("content_language"))]

    def linked(name, link, page_field, value, label=None, key=None):
        ids = within(name).order_by().values("pk")
        return (
            link.objects.filter(**{f"{page_field}__in": ids})
            .values(
                facet=Value(name),
                value=value,
                label=Value("") if label is None else label,
                key=Value("") if key is None else key,
            )
            .annotate(n=Count(page_field, distinct=True))
            .order_by()
        )

    def terms(name, link, fk):
        return linked(
            name,
            link,
            "practicepage_id",
            F(f"{fk}__slug"),
            F(f"{fk}__name"),
            as_text(f"{fk}__translation_key"),
        )

    first, *others = [
        *branches,
        terms("sector", SectorLink, "sector"),
        terms("target", TargetLink, "targetgroup"),
        linked("eqf", EQFLink, "practicepage_id", as_text("eqflevel_id")),
        linked(
            "theme", PracticeTag, "content_object_id", F("tag__slug"), F("tag__name")
        ),
    ]

    counts = {
        "country": defaultdict(int),
        "language": defaultdict(int),
        "eqf": {},
        "theme": {},
        "sector": [],
        "target": [],
    }
    total = 0
    for row in first.union(*others, all=True):
        facet, value, label, n = row["facet"], row["value"], row["label"], row["n"]
        if facet == "page":
            counts["country"][value] += n
            counts["language"][label] += n
            total += n
        elif facet == "total":
            total += n
        elif facet in ("country", "language"):
            counts[facet][value] += n
        elif facet == "eqf":
            counts["eqf"][int(value)] = n
        elif facet == "theme":
            counts["theme"][value] = (label, n)
        else:
            counts[facet].append((value, label, row["key"], n))
    counts["country"] = dict(counts["country"])
    counts["language"] = dict(counts["language"])
    return total, counts


def filters_digest(filters):
    return hashlib.sha256(filters.querystring(page=None).encode()).hexdigest()


def facet_fragment(filters):
    """The key parts and lifetime of the rendered filter form, or None when the
    counts are not kept (FACET_CACHE_SECONDS=0). The form shows nothing but the
    counts, the filters and names in the visitor's language (the template adds
    the language to the key): kept per content version, like the counts, it is
    always exact, and an uncached listing no longer renders its hundred options.
    """
    from vetnet.cache import content_version, facet_cache_seconds

    seconds = facet_cache_seconds()
    if seconds <= 0:
        return None
    try:
        version = content_version()
    except Exception:  # noqa: BLE001 - a cache outage renders the form
        return None
    return {"seconds": seconds, "version": version, "digest": filters_digest(filters)}


def cached_counts(filters, own=False):
    """count_facets, kept in the cache until the next publish.

    The counts are the costly part of an uncached listing at 10,000 practices
    (grouped counts over the filtered set). They only change when content does,
    so they are keyed on the page cache's content version (bumped on every
    publish, unpublish, move, delete or taxonomy change) and the filter set;
    labels and links are made per request, in the visitor's language.
    FACET_CACHE_SECONDS bounds their life (0 = off, as in tests), apart from the
    page cache: behind nginx no page is kept by Django, the counts still are. A
    cache outage just recomputes.
    """
    from vetnet.cache import content_version, facet_cache_seconds

    seconds = facet_cache_seconds()
    if seconds <= 0:
        return count_facets(filters, own)
    digest = filters_digest(filters)
    try:
        kind = "own" if own else "others"
        key = f"practices:facet-counts:{content_version()}:{kind}:{digest}"
        stored = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage must not break the listing
        logger.warning("facet cache unavailable", exc_info=True)
        return count_facets(filters, own)
    if stored is None:
        stored = count_facets(filters, own)
        try:
            cache.set(key, stored, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("facet cache unavailable", exc_info=True)
    return stored


def term_keys(counts):
    """Translation keys of the counted sectors and target groups."""
    return {row[2] for name in TERM_FACETS for row in counts[name]}


def listing_facets(counts, filters, names):
    """The facets in the listing's order, each option linking to the view with
    that value added to the facet's chosen ones (or dropped, when chosen).

    ``names``: {translation key: name in the visitor's language} of the terms.
    """

    def facet(param, title, values, **options):
        # Made when read: the filter form links nothing (a hundred options, a
        # link each, for the API and the tests).
        link = lazy(filters.link_maker(param), str)
        return build_facet(
            param,
            values,
            title=title,
            selected=filters.chosen(param),
            link=lambda value, _selected: link(value),
            **options,
        )

    def terms(param, title):
        values, own = merge_terms(counts[param])
        labels = {
            slug: names.get(as_uuid(key), name) for slug, (name, key) in own.items()
        }
        unnamed = set(filters.chosen(param)) - labels.keys()
        if unnamed:
            # Chosen, but counted nowhere (nothing matches): named all the same,
            # in the visitor's language, from the table kept per content version.
            named = dict(terms_named()[TERM_MODELS[param]].values())
            labels |= {slug: named[slug] for slug in unnamed if slug in named}
        return facet(param, title, values, label=labels, order=BY_LABEL)

    themes = counts["theme"]
    return [
        facet(
            "country",
            _("Country"),
            counts["country"],
            label=country_name,
            order=BY_LABEL,
        ),
        facet(
            "language",
            _("Language"),
            counts["language"],
            label=language_name,
            order=BY_COUNT,
        ),
        terms("sector", _("Sector")),
        facet(
            "theme",
            _("Theme"),
            {slug: n for slug, (_name, n) in themes.items()},
            label={slug: theme_name(name) for slug, (name, _n) in themes.items()},
            order=BY_COUNT,
        ),
        facet("eqf", _("EQF level"), counts["eqf"], label=eqf_name, order=BY_VALUE),
        terms("target", _("Target group")),
    ]
