"""taxonomy.names.theme_name: a theme's name for one language, from the names
editors keep (ThemeName, seeded with the demo's sixteen themes), renamed as soon
as one is saved, the stored English name where none is given, and read afresh
rather than failing while the cache (which holds the content version) is out."""

import socket

import pytest
from django.utils import translation
from taggit.models import Tag

from taxonomy.models import ThemeName
from taxonomy.names import theme_name, theme_names_by_slug

pytestmark = pytest.mark.django_db


def test_a_theme_is_named_in_the_language_asked_or_active_else_as_stored():
    assert theme_name("work-based learning", "el") == "μάθηση στον χώρο εργασίας"
    assert theme_name("Work-based learning", "de-at") == "arbeitsbasiertes Lernen"
    assert theme_name("work-based learning", "en") == "work-based learning"
    assert theme_name("urban beekeeping", "el") == "urban beekeeping"
    with translation.override("nl"):
        assert theme_name("digital skills") == "digitale vaardigheden"


def test_a_name_editors_give_shows_at_once_and_others_stay_english():
    tag = Tag.objects.create(name="urban beekeeping", slug="urban-beekeeping")
    assert (
        theme_name("urban beekeeping", "el") == "urban beekeeping"
    )  # kept per version

    name = ThemeName.objects.create(tag=tag, language="el", name="αστική μελισσοκομία")
    assert theme_name("urban beekeeping", "el") == "αστική μελισσοκομία"
    assert theme_name("Urban Beekeeping", "el") == "αστική μελισσοκομία"
    assert theme_name("urban beekeeping", "de") == "urban beekeeping"

    name.name = "μελισσοκομία στην πόλη"
    name.save()
    assert theme_name("urban beekeeping", "el") == "μελισσοκομία στην πόλη"
    name.delete()
    assert theme_name("urban beekeeping", "el") == "urban beekeeping"


def test_themes_are_named_by_slug_for_the_search_facets(make_practice):
    make_practice("Bees on the roof", themes=["urban beekeeping", "mentoring"])
    tag = Tag.objects.get(slug="urban-beekeeping")
    ThemeName.objects.create(tag=tag, language="it", name="apicoltura urbana")
    with translation.override("it"):
        assert theme_names_by_slug(["urban-beekeeping", "mentoring", "no-such"]) == {
            "urban-beekeeping": "apicoltura urbana",
            "mentoring": "mentoring",
        }
    assert theme_names_by_slug(["urban-beekeeping"], "es") == {
        "urban-beekeeping": "urban beekeeping"
    }


def test_themes_are_named_while_the_cache_is_out(settings):
    with socket.socket() as sock:  # a loopback port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}",
        }
    }
    assert theme_name("mentoring", "es") == "mentoría"
