"""Practice cards: each page's taxonomy, names in the visitor's language."""

from django.db.models import F, Prefetch, Value
from wagtail.images import get_image_model

from practices.models import PracticeTag
from taxonomy.models import Sector, TargetGroup
from taxonomy.names import as_uuid, language_code, localised_name

from .queryset import EQFLink, SectorLink, TargetLink, as_text

CARD_RENDITION = "fill-480x270"


def practice_cards(pages, language=None, name_keys=()):
    """Attach taxonomy to each page and localise `name_keys`, in ONE query
    whatever the number of pages.

    A UNION ALL over the four link tables, rows shaped (page, kind, slug, name),
    with sector and target group names already in `language` (a correlated
    subquery per linked term, a few per card); plus, when `name_keys` (the
    translation keys of the facets' sectors and target groups) are given, their
    names in `language` as rows of kind "name" (slug = the key).

    Sets on each page: `card_sectors`, `card_targets` (lists of dicts with slug
    and name, sorted by name), `card_eqf` (ints, ascending), `card_themes` (names,
    sorted). Returns {translation_key: localised name} for `name_keys`.
    """
    language = language_code(language)
    by_id = {page.pk: page for page in pages}
    for page in pages:
        page.card_sectors, page.card_targets = [], []
        page.card_eqf, page.card_themes = [], []
    name_keys = {key for key in name_keys if key}
    branches = []
    if by_id:

        def terms(kind, link, model, fk):
            return link.objects.filter(practicepage_id__in=by_id).values(
                page=F("practicepage_id"),
                kind=Value(kind),
                slug=F(f"{fk}__slug"),
                name=localised_name(model, fk, language),
            )

        branches += [
            terms("sector", SectorLink, Sector, "sector"),
            terms("target", TargetLink, TargetGroup, "targetgroup"),
            EQFLink.objects.filter(practicepage_id__in=by_id).values(
                page=F("practicepage_id"),
                kind=Value("eqf"),
                slug=as_text("eqflevel_id"),
                name=Value(""),
            ),
            PracticeTag.objects.filter(content_object_id__in=by_id).values(
                page=F("content_object_id"),
                kind=Value("theme"),
                slug=F("tag__slug"),
                name=F("tag__name"),
            ),
        ]
    if name_keys:
        branches += [
            model.objects.filter(
                translation_key__in=name_keys, locale__language_code=language
            ).values(
                # Column names of a union come from its first branch; these
                # differ only because `slug` and `name` are fields here.
                page=Value(0),
                kind=Value("name"),
                term_key=as_text("translation_key"),
                term_name=F("name"),
            )
            for model in (Sector, TargetGroup)
        ]
    if not branches:
        return {}
    first, *others = [branch.order_by() for branch in branches]
    names = {}
    for row in first.union(*others, all=True):
        kind = row["kind"]
        if kind == "name":
            # Without pages the names' branch comes first and names the columns
            # (an empty result whose facets still count other values).
            key, name = row.get("slug", row.get("term_key")), row.get("name")
            names[as_uuid(key)] = row.get("term_name", name) if name is None else name
            continue
        page = by_id[row["page"]]
        if kind == "eqf":
            page.card_eqf.append(int(row["slug"]))
        elif kind == "theme":
            page.card_themes.append(row["name"])
        else:
            target = page.card_sectors if kind == "sector" else page.card_targets
            target.append({"slug": row["slug"], "name": row["name"]})
    for page in pages:
        page.card_sectors.sort(key=lambda item: item["name"].lower())
        page.card_targets.sort(key=lambda item: item["name"].lower())
        page.card_eqf.sort()
        page.card_themes.sort(key=str.lower)
    return names


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
