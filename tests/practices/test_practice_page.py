"""One practice: language, translations, materials, organisation, related."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from practices.models import RelatedPractice

from .conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


def test_practice_page_shows_language_translations_materials_and_related(
    client, make_practice, organisation
):
    document = Document.objects.create(
        title="Tutor handbook", file=ContentFile(PDF_BYTES, "handbook.pdf")
    )
    original = make_practice(
        "Apprendistato nelle botteghe",
        content_language="it",
        organisation=organisation,
        sectors=["wood-furniture"],
        eqf_levels=[3, 4],
        themes=["apprenticeship"],
        body=[("attachment", {"document": document, "label": "Tutor handbook"})],
    )
    english = make_practice(
        "Apprenticeship in joinery workshops",
        content_language="en",
        translation_key=original.translation_key,
    )
    other = make_practice("Green skills for roofers", content_language="de")
    original.related_practices.add(RelatedPractice(practice=other))
    original.save_revision().publish()

    response = client.get(f"/practices/{original.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<article lang="it">' in html
    assert "Italian" in html
    assert "Accademia dei Mestieri" in html
    assert f'href="/practices/{english.slug}/" hreflang="en"' in html
    assert "Tutor handbook" in html and "(PDF" in html
    assert "Green skills for roofers" in html
    assert "Wood and furniture" in html

    italian_ui = client.get(f"/it/practices/{original.slug}/").content.decode()
    assert "Legno e arredamento" in italian_ui
    assert f'href="/it/practices/{english.slug}/"' in italian_ui


def test_a_preview_shows_the_drafts_taxonomy_and_related_practices(
    client, make_practice
):
    from practices.models import PracticePage
    from taxonomy.models import EQFLevel
    from tests.factories import SectorFactory

    page = make_practice(
        "Apprenticeship in joinery workshops",
        sectors=["wood-furniture"],
        eqf_levels=[3],
        themes=["apprenticeship"],
    )
    roofers = make_practice("Green skills for roofers", content_language="de")
    live_url = f"/practices/{page.slug}/"
    assert "Wood and furniture" in client.get(live_url).content.decode()

    # An editor changes the links in a draft and previews it.
    draft = PracticePage.objects.get(pk=page.pk)
    draft.sectors = [SectorFactory(slug="construction")]
    draft.eqf_levels = [EQFLevel.objects.get(level=5)]
    draft.themes.set(["green skills"])
    draft.related_practices.add(RelatedPractice(practice=roofers))
    draft.save_revision()
    preview = draft.get_latest_revision_as_object().make_preview_request()
    shown = preview.render().content.decode()
    assert "Construction" in shown and "Wood and furniture" not in shown
    assert "green skills" in shown and ">apprenticeship<" not in shown
    assert "Green skills for roofers" in shown

    # Visitors still see the published page, and the preview kept nothing.
    live = client.get(live_url).content.decode()
    assert "Wood and furniture" in live and "Construction" not in live
    assert "Green skills for roofers" not in live
