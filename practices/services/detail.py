"""What a practice page shows besides its own fields."""

from practices.models import PracticePage
from taxonomy.names import country_name, language_names, localised_names


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
    sectors = list(page.sectors.all())
    targets = list(page.target_groups.all())
    names = localised_names(
        [item.translation_key for item in sectors + targets], language=None
    )
    translations = list(
        page.get_translations().live().type(PracticePage).specific().order_by("title")
    )
    related = list(
        PracticePage.objects.live()
        .filter(pk__in=page.related_practices.values("practice_id"))
        .order_by("title")
    )
    languages = language_names()
    return {
        "language_name": languages.get(page.content_language, ""),
        "country_name": country_name(page.country.code) if page.country else "",
        "sector_names": sorted(names.get(s.translation_key, s.name) for s in sectors),
        "target_names": sorted(names.get(t.translation_key, t.name) for t in targets),
        "eqf_list": [level.level for level in page.eqf_levels.all()],
        "theme_list": list(page.themes.all()),
        "translations": [
            {
                "page": other,
                "language": other.content_language,
                "language_name": languages.get(other.content_language, ""),
            }
            for other in translations
        ],
        "related": related,
        "materials": materials_of(page),
    }
