"""Demo content of the repository: index page, taxonomy, published practices.

Idempotent, keyed by slug: a second run creates nothing. Translations
(`translation_of` in practices.json) share the original's Wagtail translation_key
(each practice's locale is its content language, see PracticePage.save), so
`page.get_translations()` and the API's `?translation_of=` find them. When that is
impossible (same locale, or the key already taken) a RelatedPractice link is made
instead.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale
from wagtail.rich_text import RichText

from community.demo import ensure_headings, ensure_home_page
from community.models import Organisation
from taxonomy.models import EQFLevel, Sector, TargetGroup

from .models import PracticeIndexPage, PracticePage, RelatedPractice
from .services.workflow import ensure_review_setup

FIXTURES = Path(__file__).resolve().parent / "fixtures_demo"


def ensure_locales():
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def ensure_index_page():
    home = ensure_home_page()
    index = PracticeIndexPage.objects.filter(slug="practices").first()
    if index is None:
        index = home.add_child(
            instance=PracticeIndexPage(
                title="Good practices",
                slug="practices",
                intro="Good practices in vocational education and training shared "
                "by the network's members, in their own languages.",
            )
        )
    ensure_review_setup(index)
    return ensure_headings(index)


def load_taxonomy(default_locale, fixtures=FIXTURES):
    data = json.loads((fixtures / "taxonomy.json").read_text(encoding="utf-8"))
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    created = 0
    for model, key in ((Sector, "sectors"), (TargetGroup, "target_groups")):
        for row in data[key]:
            names = row["names"]
            base, was_created = model.objects.get_or_create(
                slug=row["slug"],
                locale=default_locale,
                defaults={"name": names.get(default_locale.language_code, row["slug"])},
            )
            created += was_created
            for code, name in names.items():
                locale = locales.get(code)
                if locale is None or locale == default_locale:
                    continue
                _obj, was_created = model.objects.get_or_create(
                    translation_key=base.translation_key,
                    locale=locale,
                    defaults={"name": name, "slug": row["slug"]},
                )
                created += was_created
    return created


def body_blocks(row):
    blocks = [
        ("paragraph", RichText(f"<p>{escape(paragraph)}</p>"))
        for paragraph in row.get("body", [])
    ]
    if row.get("key_figures"):
        blocks.append(
            (
                "key_figures",
                {
                    "figures": [
                        {"value": figure["value"], "label": figure["label"]}
                        for figure in row["key_figures"]
                    ]
                },
            )
        )
    return blocks


def create_practice(index, row, default_locale, originals):
    sectors = Sector.objects.filter(
        slug__in=row.get("sectors", []), locale=default_locale
    )
    targets = TargetGroup.objects.filter(
        slug__in=row.get("target_groups", []), locale=default_locale
    )
    page = PracticePage(
        title=row["title"],
        slug=row["slug"],
        summary=row["summary"][:600],
        body=body_blocks(row),
        content_language=row["language"],
        country=row["country"],
        organisation=Organisation.objects.filter(slug=row.get("organisation")).first(),
        funding_programme=row.get("funding_programme") or "",
        year_start=row.get("year_start"),
        year_end=row.get("year_end"),
        outcomes=row.get("outcomes") or "",
        contact_name=row.get("contact_name") or "",
        contact_email=row.get("contact_email") or "",
    )
    original = originals.get(row.get("translation_of"))
    linked_as_translation = False
    if original is not None:
        locale = Locale.objects.filter(language_code=row["language"]).first()
        if (
            locale is not None
            and locale.pk != original.locale_id
            and not PracticePage.objects.filter(
                translation_key=original.translation_key, locale=locale
            ).exists()
        ):
            page.translation_key = original.translation_key
            linked_as_translation = True
    # Relations are set in memory (modelcluster) and written by the one save.
    page.sectors.set(list(sectors))
    page.target_groups.set(list(targets))
    page.eqf_levels.set(
        list(EQFLevel.objects.filter(level__in=row.get("eqf_levels", [])))
    )
    page.themes.set(row.get("themes", []))
    if original is not None and not linked_as_translation:
        page.related_practices.add(RelatedPractice(practice=original))
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def load(fixtures=None):
    default_locale = ensure_locales()
    index = ensure_index_page()
    fixtures = Path(fixtures or FIXTURES)
    taxonomy_created = load_taxonomy(default_locale, fixtures)
    rows = json.loads((fixtures / "practices.json").read_text(encoding="utf-8"))
    # Originals first, so that a translation finds the page it translates.
    rows.sort(key=lambda row: bool(row.get("translation_of")))
    existing = {page.slug: page for page in PracticePage.objects.child_of(index)}
    created = 0
    for row in rows:
        if row["slug"] in existing:
            continue
        existing[row["slug"]] = create_practice(index, row, default_locale, existing)
        created += 1
    return (
        f"practices: {created} practices and {taxonomy_created} taxonomy terms created"
    )
