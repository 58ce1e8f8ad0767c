"""In Chromium, at a phone's and a desktop's width: what the product pass of
the eighth session found cramped or out of reach."""

import pytest

from tests.baseline import ensure_baseline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def narrow(open_page):
    return open_page(375, 700)


def test_remember_me_sits_beside_its_label(live_server, page):
    """The sign-in form stretched the checkbox to the form's width: the box stood
    alone mid-line and its label, "Remember Me:", was pushed to the far right."""
    ensure_baseline()
    page.goto(f"{live_server.url}/accounts/login/")
    box = page.get_by_role("checkbox", name="Remember Me").bounding_box()
    label = page.locator("label[for=id_remember]").bounding_box()

    assert box["width"] < 30
    assert 0 <= label["x"] - (box["x"] + box["width"]) < 20
    assert page.locator("label[for=id_remember]").inner_text() == "Remember Me"


def test_on_a_phone_a_link_passes_the_filters(live_server, make_practice, narrow):
    """In one column the filters stand above the results, some 2,000 pixels of
    checkboxes with the demo content: a link at their top leads to the results."""
    make_practice("Bottega apprenticeship", country="IT", sectors=["wood-furniture"])
    narrow.goto(f"{live_server.url}/practices/")
    heading = narrow.locator("#results-heading")
    skip = narrow.get_by_role("link", name="Skip the filters to the results")
    assert skip.bounding_box()["y"] < narrow.locator(".facet-form").bounding_box()["y"]

    skip.click()

    assert narrow.evaluate("location.hash") == "#results-heading"
    top = heading.bounding_box()["y"]
    assert 0 <= top < 700


def test_on_a_desktop_the_filters_need_no_link(live_server, make_practice, page):
    make_practice("Bottega apprenticeship", country="IT", sectors=["wood-furniture"])
    page.goto(f"{live_server.url}/practices/")
    assert not page.get_by_role(
        "link", name="Skip the filters to the results"
    ).is_visible()


def test_the_event_sectors_read_as_a_list_of_choices(live_server, make_event, page):
    """The sector filter of the events was the browser's bare fieldset: bullets,
    a frame, and each count on a line below its sector."""
    make_event("rome-workshop", sectors=["construction"])
    make_event("athens-workshop", sectors=["construction", "food-catering"])
    page.goto(f"{live_server.url}/events/")
    option = page.locator(".event-filters .facet li").first
    label = option.locator("label").bounding_box()
    count = option.locator(".count").bounding_box()

    assert abs(count["y"] - label["y"]) < 4
    assert option.evaluate("li => getComputedStyle(li).listStyleType") == "none"
    assert (
        page.locator(".event-filters .facet").evaluate(
            "f => getComputedStyle(f).borderTopStyle"
        )
        == "none"
    )


def test_the_follow_and_e_mail_choices_line_up(
    live_server, make_user, make_practice, page
):
    """Each select stood right after its label, so the choices zigzagged with
    the labels' lengths: now they start in one column."""
    from django.test import Client

    make_practice("Bottega apprenticeship", country="IT", sectors=["wood-furniture"])
    client = Client()
    client.force_login(make_user())
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"{live_server.url}/follows/")
    lefts = {
        round(box["x"])
        for box in (
            select.bounding_box()
            for select in page.locator(".follow-add select, .preferences select").all()
        )
    }

    assert page.locator(".preferences select").count() > 5
    assert len(lefts) == 1


def signed_in(page, base_url, user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": base_url,
            }
        ]
    )


@pytest.mark.parametrize("language", ["", "/el", "/de"])
def test_my_profile_fits_a_phone(live_server, make_user, open_page, language):
    """The profile form's column took the width of its widest line of language
    checkboxes: at 360 px the page scrolled sideways (117 px in Greek) and the
    fields ran off the screen's right edge."""
    ensure_baseline()
    page = open_page(360, 740)
    signed_in(page, live_server.url, make_user())
    page.goto(f"{live_server.url}{language}/members/me/")
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    field = page.locator("#id_first_name").bounding_box()

    assert overflow <= 0
    assert field["x"] + field["width"] <= 360


@pytest.mark.parametrize("path", ["/el/practices/", "/de/insights/"])
def test_the_two_search_boxes_have_names_of_their_own(
    live_server, make_practice, page, path
):
    """The site's search and the listing's search were two search landmarks with
    no name: a screen reader's list of landmarks read 'search' twice, with no
    way to tell the whole site's from the filter of this page's list."""
    make_practice("Bottega apprenticeship", country="IT", sectors=["wood-furniture"])
    page.goto(f"{live_server.url}{path}")
    names = page.locator("[role=search]").evaluate_all(
        "forms => forms.map(f => f.getAttribute('aria-label')"
        " || document.getElementById(f.getAttribute('aria-labelledby'))?.textContent)"
    )

    assert len(names) == 2
    assert all(name and name.strip() for name in names)
    assert len({name.strip() for name in names}) == 2
