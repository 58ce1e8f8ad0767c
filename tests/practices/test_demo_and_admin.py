"""Demo loader (idempotent, translations by key) and the taxonomy in the admin."""

import json
import shutil

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale, WorkflowPage

import community.demo
import practices.demo
from practices.models import PracticeIndexPage, PracticePage
from taxonomy.models import Sector

pytestmark = pytest.mark.django_db


FIXTURES = practices.demo.FIXTURES
SUBSET = {
    "it-apprendistato-falegnameria-valmetauro",
    "en-dual-apprenticeship-joinery-metauro-valley",
    "es-acompanamiento-digital-micropymes",
    "ca-acompanyament-digital-micropimes",
    "el-symvouleutiki-omotimon-vetnet",
}


def test_demo_fixtures_reference_known_taxonomy_and_organisations():
    rows = json.loads((FIXTURES / "practices.json").read_text(encoding="utf-8"))
    taxonomy = json.loads((FIXTURES / "taxonomy.json").read_text(encoding="utf-8"))
    organisations = json.loads(
        (community.demo.FIXTURES / "organisations.json").read_text(encoding="utf-8")
    )
    sectors = {row["slug"] for row in taxonomy["sectors"]}
    targets = {row["slug"] for row in taxonomy["target_groups"]}
    slugs = {row["slug"] for row in rows}
    assert len(slugs) == len(rows)
    for row in rows:
        assert set(row["sectors"]) <= sectors, row["slug"]
        assert set(row["target_groups"]) <= targets, row["slug"]
        assert row["organisation"] in {org["slug"] for org in organisations}
        assert all(1 <= level <= 8 for level in row["eqf_levels"])
        assert len(row["summary"]) <= 600, row["slug"]
        assert row["translation_of"] in slugs | {None}


@pytest.fixture
def demo_subset(tmp_path):
    """The real taxonomy and five real practices (with translation pairs): the
    whole set takes half a minute to load, too long for the suite."""
    rows = json.loads((FIXTURES / "practices.json").read_text(encoding="utf-8"))
    subset = [row for row in rows if row["slug"] in SUBSET]
    (tmp_path / "practices.json").write_text(json.dumps(subset), encoding="utf-8")
    shutil.copy(FIXTURES / "taxonomy.json", tmp_path / "taxonomy.json")
    return tmp_path


def test_demo_loader_is_idempotent_and_links_translations(client, demo_subset):
    community.demo.load()
    first = practices.demo.load(demo_subset)
    assert "5 practices" in first
    assert practices.demo.load(demo_subset) == (
        "practices: 0 practices and 0 taxonomy terms created"
    )
    assert PracticePage.objects.live().count() == 5
    index = PracticeIndexPage.objects.get()
    assert index.url == "/practices/"
    assert WorkflowPage.objects.get(page=index).workflow.name == "Practice review"

    english = PracticePage.objects.get(
        slug="en-dual-apprenticeship-joinery-metauro-valley"
    )
    assert [page.slug for page in english.get_translations()] == [
        "it-apprendistato-falegnameria-valmetauro"
    ]
    assert english.body.raw_data[-1]["type"] == "key_figures"
    construction = Sector.objects.get(slug="construction", locale=Locale.get_default())
    greek = construction.get_translation(Locale.objects.get(language_code="el"))
    assert greek.name == "Κατασκευές"

    catalan = PracticePage.objects.get(slug="ca-acompanyament-digital-micropimes")
    assert [page.content_language for page in catalan.get_translations()] == ["es"]
    response = client.get("/practices/?language=ca&format=json")
    assert response.json()["count"] == 1
    assert sorted(english.themes.names()) == [
        "apprenticeship",
        "dual system",
        "mentoring",
    ]
    page = client.get(f"/practices/{english.slug}/").content.decode()
    assert "Italiano" in page or "Italian" in page


def test_taxonomy_snippets_are_in_the_admin(client, taxonomy):
    admin = get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "pw-for-tests-1"
    )
    client.force_login(admin)
    response = client.get("/admin/snippets/practices/sector/")
    assert response.status_code == 200
    assert "Construction" in response.content.decode()
    response = client.get("/admin/snippets/practices/targetgroup/?locale=it")
    assert response.status_code == 200
    assert "Apprendisti" in response.content.decode()
