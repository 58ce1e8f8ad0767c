"""What a practice page shows besides its own fields."""

from django.db.models import Q
from django.utils.safestring import mark_safe

from practices.models import PracticePage, RelatedPractice
from taxonomy.names import country_name, language_names
from vetnet.routing import version_memo

from .listing.cards import draft_cards, practice_cards


def materials_of(page):
    """Documents and images of the body, in order: the practice's materials."""
    documents, images = [], []
    for block in page.body:
        if block.block_type == "attachment" and block.value.get("document"):
            documents.append(block.value)
        elif block.block_type == "image" and block.value.get("image"):
            images.append(block.value)
    return {"documents": documents, "images": images}


def practice_details(page, request=None):
    """The practice page's context in two queries whatever it links to: its
    taxonomy (one UNION ALL, names from the per-version term table), its live
    translations and related practices (one). Kept per content version and language
    (vetnet.routing.version_memo: all of it changes only with content), so a
    page seen again in the same version costs none. A preview shows the
    draft's own taxonomy, related practices and body, and keeps none of them."""
    if getattr(request, "is_preview", False):
        details = _draft_shown(page)
        details["body_html"] = None  # rendered by the template from the draft
    else:
        details = dict(
            version_memo("practice-details", page.pk, lambda: _shown_with(page))
        )
        details["body_html"] = version_memo(
            "practice-body", page.pk, lambda: body_html(page)
        )
    details["materials"] = materials_of(page)
    # The parent's address without loading it: this page's, one step up.
    details["repository_url"] = (page.get_url(request) or "").rsplit("/", 2)[0] + "/"
    return details


def body_html(page):
    """The body's blocks rendered as the template's include_block renders them
    (their templates read only the block's value and the active language):
    kept with the rest, so a page seen again does not render its body anew."""
    return mark_safe("".join(str(child.render()) for child in page.body))  # noqa: S308


def _shown_with(page):
    practice_cards([page])
    # Its translations and its related practices in one query (marked which).
    related_ids = RelatedPractice.objects.filter(page=page).values("practice_id")
    others = (
        _others(page, related_ids)
        .annotate(is_related=Q(pk__in=related_ids))
        .order_by("title")
    )
    return _shown(page, list(others))


def _draft_shown(page):
    """What a preview shows: the draft's links as its revision holds them."""
    draft_cards(page)
    related_ids = {link.practice_id for link in page.related_practices.all()}
    others = list(_others(page, related_ids).order_by("title"))
    for other in others:
        other.is_related = other.pk in related_ids
    return _shown(page, others)


def _others(page, related_ids):
    return PracticePage.objects.live().filter(
        (Q(translation_key=page.translation_key) & ~Q(pk=page.pk))
        | Q(pk__in=related_ids)
    )


def _shown(page, others):
    translations = [
        other
        for other in others
        if other.translation_key == page.translation_key and other.pk != page.pk
    ]
    related = [other for other in others if other.is_related]
    languages = language_names()
    return {
        "language_name": languages.get(page.content_language, ""),
        "country_name": country_name(page.country.code) if page.country else "",
        "sector_names": sorted(item["name"] for item in page.card_sectors),
        "target_names": sorted(item["name"] for item in page.card_targets),
        "eqf_list": page.card_eqf,
        "theme_list": page.card_theme_links,
        "translations": [
            {
                "page": other,
                "language": other.content_language,
                "language_name": languages.get(other.content_language, ""),
            }
            for other in translations
        ],
        "related": related,
    }
