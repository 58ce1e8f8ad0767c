"""Taxonomy names in the visitor's language, computed one way for every app.

Content languages and countries are named from settings and django-countries
(translated by gettext, kept per process and language); sectors and target groups
are Wagtail snippets translated per locale, read from the database: a term's name
is the one of its translation in the visitor's language, else its own. Practice
themes (tags, stored in English) are named by the ThemeName rows editors keep in
the admin, else by the tag's own name.
"""

import uuid

from django.conf import settings
from django.utils import translation
from django_countries import countries

from .models import Sector, TargetGroup, ThemeName


def language_code(language=None):
    """The base language code of ``language``, or of the active language."""
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    return code.split("-")[0]


# --- gettext names: content languages and countries -------------------------------

_gettext_names = {}


def _names(kind, pairs):
    key = (kind, translation.get_language() or settings.LANGUAGE_CODE)
    names = _gettext_names.get(key)
    if names is None:
        names = _gettext_names[key] = {code: str(name) for code, name in pairs()}
    return names


def language_names():
    """{ISO 639-1 code: name} of the content languages in the active language
    (translated once per process and language: a page names dozens of them)."""
    return _names("language", lambda: settings.CONTENT_LANGUAGE_CHOICES)


def country_names():
    """{ISO 3166 code: name} of every country in the active language."""
    return _names("country", lambda: ((c.code, c.name) for c in countries))


def language_name(code):
    return language_names().get(code, code)


def country_name(code):
    return country_names().get(code, code) if code else ""


def eqf_name(level):
    return f"EQF {level}"


# --- snippet names: sectors and target groups --------------------------------------


def localised_names(translation_keys, language=None):
    """{translation_key: name} of sectors and target groups in ``language``.

    One query (a UNION over both snippet tables) whatever the number of keys;
    keys without a translation in that language are absent (callers fall back
    on the term's own name).
    """
    keys = {key for key in translation_keys if key}
    if not keys:
        return {}
    language = language_code(language)
    first, second = (
        model.objects.filter(translation_key__in=keys, locale__language_code=language)
        .values_list("translation_key", "name")
        .order_by()
        for model in (Sector, TargetGroup)
    )
    return dict(first.union(second, all=True))


def as_uuid(value):
    """A translation key read through a text column (PostgreSQL writes UUIDs with
    dashes, SQLite stores 32 hex digits): the same UUID either way."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


# --- every sector and target group, kept per content version ------------------------


# The snippet tables are small and change only through saves that bump the content
# version (vetnet/cache.py watches them): one read of both per process and version
# names every card, facet and practice page after it without a join.
def _read_term_rows():
    rows = {}
    for model in (Sector, TargetGroup):
        rows[model] = list(
            model.objects.values_list(
                "pk", "slug", "name", "translation_key", "locale__language_code"
            ).order_by("pk")
        )
    return {"rows": rows, "named": {}}


def _all_term_rows():
    from vetnet.cache import memo_per_version

    # While the cache is out, a version never seen before: read afresh.
    return memo_per_version("taxonomy.names.terms", _read_term_rows)


def terms_named(language=None):
    """{model: {pk: (slug, name in language)}} of every sector and target group,
    under the key "keys" {translation_key: name} of their translations in
    ``language`` (what localised_names answers, without a query), and under
    "slugs" {slug: name} of the sectors (the translation's name where there is
    one, else the first sector's with that slug)."""
    language = language_code(language)
    table = _all_term_rows()
    named = table["named"].get(language)
    if named is None:
        keys = {
            key: name
            for rows in table["rows"].values()
            for _pk, _slug, name, key, code in rows
            if code == language
        }
        named = {"keys": keys}
        for model, rows in table["rows"].items():
            named[model] = {
                pk: (slug, keys.get(key, name)) for pk, slug, name, key, _code in rows
            }
        slugs = named["slugs"] = {}
        for _pk, slug, name, _key, code in table["rows"][Sector]:
            if slug not in slugs or code == language:
                slugs[slug] = name
        table["named"][language] = named
    return named


def sector_names_by_slug():
    """{slug: name} of every sector in the active language, for results that
    carry only slugs (the search index, facet counts): terms_named's, by slug."""
    return terms_named()["slugs"]


# --- theme names: the editors' ThemeName rows, kept per content version -------------


# Saving or deleting a ThemeName or a tag, and publishing, bump the content version
# (vetnet/cache.py): one read of the names (and of the themes' slugs) per process
# and version serves every card, facet and page after it. While the cache is out
# each call reads them afresh.
def _read_theme_names():
    named = {}
    rows = ThemeName.objects.values_list("tag__name", "language", "name").order_by()
    for tag, language, name in rows:
        named.setdefault(tag.lower(), {})[language] = name
    return named


def _read_theme_slugs():
    from .themes import theme_tags

    return dict(theme_tags().values_list("slug", "name"))


def _theme_names():
    from vetnet.cache import memo_per_version

    return memo_per_version("taxonomy.names.themes", _read_theme_names)


def _named(names, stored, language):
    given = names.get(stored.lower())
    return given.get(language, stored) if given else stored


def theme_name(name, language=None):
    """A practice theme's name in ``language`` (else the active language): the
    name editors gave its tag in that language, the stored name otherwise.
    Only for display: filters, links and exports keep the tag's slug and name."""
    if not name:
        return name or ""
    return _named(_theme_names(), name, language_code(language))


def theme_names_by_slug(slugs, language=None):
    """{slug: name in ``language``} of the ``slugs`` that are themes (a tag some
    practice or event carries), for results that carry only slugs (the search
    index, its facet counts)."""
    from vetnet.cache import memo_per_version

    stored = memo_per_version("taxonomy.names.theme-slugs", _read_theme_slugs)
    names, language = _theme_names(), language_code(language)
    return {
        slug: _named(names, stored[slug], language) for slug in slugs if slug in stored
    }
