"""taxonomy.names.theme_name: a theme's name for one language."""

from django.utils import translation

from taxonomy.names import theme_name


def test_a_theme_is_named_in_the_language_asked_or_active_else_as_stored():
    assert theme_name("work-based learning", "el") == "μάθηση στον χώρο εργασίας"
    assert theme_name("Work-based learning", "de-at") == "arbeitsbasiertes Lernen"
    assert theme_name("work-based learning", "en") == "work-based learning"
    assert theme_name("urban beekeeping", "el") == "urban beekeeping"
    with translation.override("nl"):
        assert theme_name("digital skills") == "digitale vaardigheden"
