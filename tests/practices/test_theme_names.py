"""Theme names read in the page's language (tags are stored in English); the
links and filters keep the tag's slug, the CSV export its stored name."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_greek_practice_page_and_listing_name_themes_in_greek(client, make_practice):
    page = make_practice(
        "Dual training in Thessaloniki",
        themes=["work-based learning", "urban beekeeping"],
    )

    html = client.get(f"/el/practices/{page.slug}/").content.decode()
    assert "μάθηση στον χώρο εργασίας" in html
    assert "?theme=work-based-learning" in html
    # A theme nobody translated keeps the name it was stored with.
    assert "urban beekeeping" in html

    listing = client.get("/el/practices/").content.decode()
    facet = listing[listing.index('data-facet="theme"') :]
    facet = facet[: facet.index("</fieldset>")]
    assert (
        'name="theme" value="work-based-learning">\nμάθηση στον χώρο εργασίας' in facet
    )

    german = client.get(f"/de/practices/{page.slug}/").content.decode()
    assert "arbeitsbasiertes Lernen" in german
    english = client.get(f"/practices/{page.slug}/").content.decode()
    assert "work-based learning" in english
    assert "μάθηση στον χώρο εργασίας" not in english


def test_the_csv_export_keeps_the_stored_theme_names(client, make_practice):
    make_practice("Dual training in Thessaloniki", themes=["work-based learning"])
    body = client.get("/el/practices/?format=csv").content.decode("utf-8-sig")
    assert "work-based learning" in body
    assert "μάθηση στον χώρο εργασίας" not in body
