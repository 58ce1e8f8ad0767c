"""Practice cards: each page's taxonomy, names in the visitor's language."""

from django.db import connection
from django.db.models import Prefetch
from wagtail.images import get_image_model

from practices.models import PracticeTag
from taxonomy.models import Sector, TargetGroup
from taxonomy.names import as_uuid, terms_named, theme_name

from .queryset import EQFLink, SectorLink, TargetLink

CARD_RENDITION = "fill-480x270"


def practice_cards(pages, language=None, name_keys=()):
    """Attach taxonomy to each page and localise `name_keys`, in ONE query
    whatever the number of pages.

    A UNION ALL over the four link tables, rows shaped (page, kind, term, slug,
    name): themes come with their tag's slug and name, sectors, target groups
    and EQF levels as ids, named from taxonomy.names.terms_named (every term in
    the visitor's language, read once per content version). Written as SQL: the
    ORM spent longer composing the union than the database answering it.

    Sets on each page: `card_sectors`, `card_targets` (lists of dicts with slug
    and name, sorted by name), `card_eqf` (ints, ascending), `card_themes` (names,
    sorted; `card_theme_links` the same as dicts of slug and name). Returns {translation_key: localised name} for `name_keys` (the
    translation keys of the facets' sectors and target groups).
    """
    named = terms_named(language)
    by_id = {page.pk: page for page in pages}
    for page in pages:
        page.card_sectors, page.card_targets = [], []
        page.card_eqf, page.card_theme_links = [], []
    if by_id:
        terms = {"sector": named[Sector], "target": named[TargetGroup]}
        for page_id, kind, term, slug, name in link_rows(list(by_id)):
            page = by_id[page_id]
            if kind == "eqf":
                page.card_eqf.append(int(term))
            elif kind == "theme":
                page.card_theme_links.append(_theme(slug, name, language))
            elif term in terms[kind]:
                slug, name = terms[kind][term]
                target = page.card_sectors if kind == "sector" else page.card_targets
                target.append({"slug": slug, "name": name})
    for page in pages:
        _sort_cards(page)
    wanted = {as_uuid(key) for key in name_keys if key}
    return {key: name for key, name in named["keys"].items() if key in wanted}


def _column(model, name):
    return connection.ops.quote_name(model._meta.get_field(name).column)


def draft_cards(page, language=None):
    """The same card fields for one page from its links as they stand on the
    object, not in the link tables: a preview's draft, whose sectors, target
    groups, levels and themes are saved in its revision only."""
    named = terms_named(language)

    def terms(model, items):
        found = (named[model].get(item.pk) for item in items)
        return [{"slug": slug, "name": name} for slug, name in filter(None, found)]

    page.card_sectors = terms(Sector, page.sectors.all())
    page.card_targets = terms(TargetGroup, page.target_groups.all())
    page.card_eqf = [int(level.pk) for level in page.eqf_levels.all()]
    page.card_theme_links = [
        _theme(tag.slug, tag.name, language) for tag in page.themes.all()
    ]
    _sort_cards(page)


def _theme(slug, stored, language):
    """A card's theme: its slug (for links), its name in the visitor's language
    and its stored name (exports and feeds keep the stored one)."""
    return {"slug": slug, "name": theme_name(stored, language), "stored": stored}


def _sort_cards(page):
    page.card_sectors.sort(key=lambda item: item["name"].lower())
    page.card_targets.sort(key=lambda item: item["name"].lower())
    page.card_eqf.sort()
    page.card_theme_links.sort(key=lambda item: item["name"].lower())
    page.card_themes = sorted(
        (item["stored"] for item in page.card_theme_links), key=str.lower
    )


def link_rows(page_ids):
    """(page id, kind, term id, tag slug, tag name) of every taxonomy link of the
    pages: one UNION ALL, in SQL every backend speaks."""
    quote = connection.ops.quote_name
    tag = PracticeTag._meta.get_field("tag").related_model
    marks = ", ".join(["%s"] * len(page_ids))
    branches = [
        # The branch with every column typed comes first (UNION takes its types).
        f"SELECT l.{_column(PracticeTag, 'content_object')}, 'theme', l."
        f"{_column(PracticeTag, 'tag')}, t.{_column(tag, 'slug')}, "
        f"t.{_column(tag, 'name')} FROM {quote(PracticeTag._meta.db_table)} l "
        f"JOIN {quote(tag._meta.db_table)} t ON t.{_column(tag, 'id')} = l."
        f"{_column(PracticeTag, 'tag')} WHERE l."
        f"{_column(PracticeTag, 'content_object')} IN ({marks})"
    ]
    for kind, link, field in (
        ("sector", SectorLink, "sector"),
        ("target", TargetLink, "targetgroup"),
        ("eqf", EQFLink, "eqflevel"),
    ):
        page_column = _column(link, "practicepage")
        branches.append(
            f"SELECT {page_column}, '{kind}', {_column(link, field)}, NULL, NULL "
            f"FROM {quote(link._meta.db_table)} WHERE {page_column} IN ({marks})"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches), page_ids * len(branches))
        return cursor.fetchall()


def card_queryset(qs):
    """The practices with organisation and cover image (one join), and the
    cover's card rendition when it exists (one more query for the whole page)."""
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec=CARD_RENDITION)
    )
    return qs.select_related("organisation", "image").prefetch_related(
        Prefetch("image__renditions", queryset=renditions)
    )
