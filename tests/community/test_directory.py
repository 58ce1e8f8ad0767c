"""The organisation directory: facets with counts, text search, constant queries,
organisation pages and membership requests."""

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import OrganisationMembership
from tests.page_links import page_nav

pytestmark = pytest.mark.django_db


@pytest.fixture
def sectors(db):
    from wagtail.models import Locale

    from taxonomy.models import Sector

    locale = Locale.get_default()
    return {
        slug: Sector.objects.create(name=name, slug=slug, locale=locale)
        for slug, name in [("construction", "Construction"), ("food", "Food")]
    }


@pytest.fixture
def directory(make_organisation, sectors):
    a = make_organisation(
        slug="alpha",
        name="Alpha Training",
        kind="vet_provider",
        country="IT",
        languages=["it", "en"],
        city="Rome",
    )
    b = make_organisation(
        slug="beta",
        name="Beta Crafts",
        kind="craft_sme_association",
        country="ES",
        languages=["es", "ca"],
        description="Bakers and masons",
    )
    c = make_organisation(
        slug="gamma",
        name="Gamma Chamber",
        kind="chamber",
        country="IT",
        languages=["it"],
    )
    a.sectors.add(sectors["construction"])
    b.sectors.add(sectors["construction"], sectors["food"])
    return a, b, c


def facet(response, name):
    return {o.value: o.count for o in response.context["facets"][name]}


def names(response):
    return [o.name for o in response.context["organisations"]]


def test_facets_count_every_value(client, directory):
    response = client.get("/organisations/")
    assert response.status_code == 200
    assert names(response) == ["Alpha Training", "Beta Crafts", "Gamma Chamber"]
    assert facet(response, "kind") == {
        "vet_provider": 1,
        "craft_sme_association": 1,
        "chamber": 1,
    }
    assert facet(response, "country") == {"IT": 2, "ES": 1}
    assert facet(response, "sector") == {"construction": 2, "food": 1}
    assert facet(response, "language") == {"it": 2, "en": 1, "es": 1, "ca": 1}


def test_selecting_a_facet_filters_and_recounts_the_others(client, directory):
    response = client.get("/organisations/?country=IT")
    assert names(response) == ["Alpha Training", "Gamma Chamber"]
    # The selected facet still offers its other values...
    assert facet(response, "country") == {"IT": 2, "ES": 1}
    # ...the other facets count within Italy.
    assert facet(response, "language") == {"it": 2, "en": 1}
    assert facet(response, "sector") == {"construction": 1}
    html = response.content.decode()
    assert 'name="country" value="IT" checked>' in html


def test_sector_and_language_filters(client, directory):
    assert names(client.get("/organisations/?sector=food")) == ["Beta Crafts"]
    assert names(client.get("/organisations/?language=ca")) == ["Beta Crafts"]
    both = client.get(
        "/organisations/?language=it&language=es&kind=chamber", follow=True
    )
    assert names(both) == ["Gamma Chamber"]


def test_text_search_matches_description_and_city(client, directory):
    assert names(client.get("/organisations/?q=masons")) == ["Beta Crafts"]
    assert names(client.get("/organisations/?q=rome")) == ["Alpha Training"]


def test_empty_result_shows_a_way_back(client, directory):
    html = client.get("/organisations/?q=nothing-like-this").content.decode()
    assert "No organisation matches these filters." in html
    assert "Clear all filters" in html


def test_directory_queries_do_not_grow_with_organisations(
    client, make_organisation, sectors
):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/organisations/?language=it").status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        make_organisation(slug=f"org-{n}").sectors.add(sectors["food"])
    few = count_queries()
    for n in range(3, 25):
        make_organisation(slug=f"org-{n}").sectors.add(
            sectors["food"], sectors["construction"]
        )
    assert count_queries() == few
    assert few <= 12


def test_organisation_page_lists_practices_and_public_members(
    client, directory, make_practice, make_user
):
    alpha = directory[0]
    make_practice("Bricklaying in Rome", organisation=alpha)
    colleague = make_user("colleague@example.org", first_name="Lia", last_name="Verdi")
    colleague.profile.organisation = alpha
    colleague.profile.is_public = True
    colleague.profile.save()
    hidden = make_user("hidden@example.org", first_name="Hid", last_name="Den")
    hidden.profile.organisation = alpha
    hidden.profile.save()
    for user in (colleague, hidden):  # affiliated by approval (issue 14)
        OrganisationMembership.objects.create(
            user=user, organisation=alpha, status="approved"
        )

    html = client.get("/organisations/alpha/").content.decode()
    assert "Bricklaying in Rome" in html
    assert "Lia Verdi" in html and "Hid Den" not in html
    assert "Construction" in html


def test_organisation_page_lists_its_upcoming_events(client, directory, make_event):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now() + timedelta(days=10)
    make_event(
        "workshop-rome",
        title="Workshop in Rome",
        start=start,
        end=start + timedelta(hours=6),
        organisers=[directory[0]],
    )
    assert "Workshop in Rome" in client.get("/organisations/alpha/").content.decode()


def test_join_request_is_approved_by_an_organisation_admin(
    client, directory, make_user
):
    alpha = directory[0]
    admin = make_user("admin@alpha.org")
    OrganisationMembership.objects.create(
        user=admin, organisation=alpha, role="admin", status="approved"
    )
    applicant = make_user("applicant@example.org", first_name="App", last_name="Licant")

    client.force_login(applicant)
    client.post("/organisations/alpha/join/")
    request = OrganisationMembership.objects.get(user=applicant)
    assert request.status == "pending"
    # The organisation's admin hears about it, with the page to decide on.
    assert [m.to for m in mail.outbox] == [["admin@alpha.org"]]
    assert "App Licant" in mail.outbox[0].body
    assert f"{settings.SITE_URL}/organisations/alpha/" in mail.outbox[0].body
    client.post("/organisations/alpha/join/")  # asking twice sends nothing new
    assert len(mail.outbox) == 1
    assert (
        "waiting for approval" in client.get("/organisations/alpha/").content.decode()
    )
    # The applicant cannot approve themselves.
    response = client.post(
        f"/organisations/alpha/requests/{request.pk}/", {"decision": "approve"}
    )
    assert response.status_code == 403

    client.force_login(admin)
    assert "App Licant" in client.get("/organisations/alpha/").content.decode()
    client.post(f"/organisations/alpha/requests/{request.pk}/", {"decision": "approve"})
    request.refresh_from_db()
    assert request.status == "approved" and request.decided_by == admin
    applicant.profile.refresh_from_db()
    assert applicant.profile.organisation == alpha


def test_several_values_chips_and_invalid_values(client, directory):
    """Issue 15: OR within a facet, AND across; a chip per chosen value that
    removes it alone; an invalid value named, not silently dropped."""
    response = client.get(
        "/organisations/?country=ES&kind=chamber&country=IT&kind=vet_provider&country=Q1"
    )
    assert names(response) == ["Alpha Training", "Gamma Chamber"]
    # Countries counted under the kind choice alone: Spain would add nothing.
    assert facet(response, "country") == {"IT": 2, "ES": 0}
    chips = {chip.label: chip.querystring for chip in response.context["chips"]}
    # Values in one order whatever the address's: the permalink is canonical.
    assert chips["Spain"] == "?kind=chamber&kind=vet_provider&country=IT"
    assert chips["Chamber"] == "?kind=vet_provider&country=ES&country=IT"
    html = response.content.decode()
    assert "country “Q1”" in html
    assert 'href="?kind=chamber&amp;kind=vet_provider&amp;country=IT"' in html
    either = client.get("/organisations/?country=ES&country=IT&sector=food")
    assert names(either) == ["Beta Crafts"]


def test_directory_pages_keep_the_facets(client, directory, monkeypatch):
    """Two Italian organisations, one a page: the landmark names the list, the
    page shown is marked among numbered links, which keep the chosen country."""
    from community.services import directory as service

    monkeypatch.setattr(service, "ORGANISATIONS_PER_PAGE", 1)
    html = client.get("/organisations/", {"country": "IT", "page": 2}).content
    current, links, _gaps = page_nav(html.decode(), "Pages of organisations")
    assert current == "2"
    assert links == {"Previous": "?country=IT", "1": "?country=IT"}
    past = client.get("/organisations/", {"country": "IT", "page": 7}).content
    assert "There is no page 7: this list fills 2 pages" in past.decode()
