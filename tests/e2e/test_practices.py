"""In Chromium: a visitor filters the repository by facets; a member submits a
practice and an editor approves it in the Wagtail admin."""

import json
import re
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

import community.demo
import practices.demo
from practices.models import PracticePage
from tests.baseline import ensure_baseline

from ..practices.conftest import PDF_BYTES

# The flush after each transactional test removes what migrations created (root
# page and collection, locales, the review workflow); `ensure_baseline` puts it back, so
# these tests pass whatever ran before them.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBSET = {
    "it-apprendistato-falegnameria-valmetauro",
    "en-dual-apprenticeship-joinery-metauro-valley",
    "es-acompanamiento-digital-micropymes",
    "ca-acompanyament-digital-micropimes",
    "ca-aprenentatge-dual-pastisseria-artesana",
    "el-symvouleutiki-omotimon-vetnet",
    "de-duale-ausbildung-tischlerhandwerk-verbund",
}


@pytest.fixture
def repository(transactional_db, tmp_path):
    ensure_baseline()
    fixtures = practices.demo.FIXTURES
    rows = json.loads((fixtures / "practices.json").read_text(encoding="utf-8"))
    subset = [row for row in rows if row["slug"] in SUBSET]
    (tmp_path / "practices.json").write_text(json.dumps(subset), encoding="utf-8")
    shutil.copy(fixtures / "taxonomy.json", tmp_path / "taxonomy.json")
    community.demo.load()
    practices.demo.load(tmp_path)


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def tick(page, legend, label):
    """Tick a facet's checkbox and apply the filters (a plain form submission)."""
    fieldset = page.locator(
        "fieldset.facet", has=page.locator(f"legend:text-is('{legend}')")
    )
    fieldset.get_by_label(re.compile(label)).check()
    page.get_by_role("button", name="Apply filters").click()


def test_visitor_filters_the_listing_by_facets(live_server, repository, page):
    page.goto(f"{live_server.url}/practices/")
    assert page.locator(".results-count").inner_text() == "7 practices"

    tick(page, "Sector", "Wood and furniture")
    page.wait_for_url(re.compile(r"sector=wood-furniture"))
    assert page.locator(".results-count").inner_text() == "3 practices"
    assert page.locator(".practice-card").count() == 3

    tick(page, "Language", "German")
    page.wait_for_url(re.compile(r"language=de"))
    assert page.locator(".results-count").inner_text() == "1 practice"
    permalink = page.url
    assert "sector=wood-furniture" in permalink
    title = page.locator(".practice-card h3").inner_text()

    # The filtered view is a permalink: a fresh visit shows the same result.
    other = page.context.new_page()
    other.goto(permalink)
    assert other.locator(".practice-card h3").inner_text() == title
    other.close()

    page.get_by_role("link", name=title).click()
    assert page.locator("h1").inner_text() == title
    page.go_back()
    page.get_by_role("link", name="Clear all filters").first.click()
    assert page.locator(".results-count").inner_text() == "7 practices"

    # Catalan practice translated into Spanish: linked both ways.
    page.goto(f"{live_server.url}/practices/ca-acompanyament-digital-micropimes/")
    page.get_by_role("link", name="Spanish").click()
    assert "es-acompanamiento-digital-micropymes" in page.url


def test_several_values_of_a_facet_without_javascript(live_server, repository, browser):
    """Checkboxes in a plain GET form: OR within a facet, chips to remove one."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/practices/")
    sectors = page.locator(
        "fieldset.facet", has=page.locator("legend:text-is('Sector')")
    )
    labels = sectors.locator("label").all_inner_texts()
    chosen = [label for label in labels if label != "Wood and furniture"][:1]
    for label in ["Wood and furniture", *chosen]:
        sectors.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"sector=.*&sector="))
    slugs = re.findall(r"sector=([\w-]+)", page.url)
    expected = (
        PracticePage.objects.live().filter(sectors__slug__in=slugs).distinct().count()
    )
    assert len(slugs) == 2 and expected > 3  # more than Wood and furniture's 3
    assert page.locator(".results-count").inner_text() == f"{expected} practices"
    # Each chosen value is a chip that removes it alone.
    page.locator(".filter-chips a", has_text="Wood and furniture").click()
    [other] = [slug for slug in slugs if slug != "wood-furniture"]
    page.wait_for_url(re.compile(rf"sector={other}$"))
    assert "wood-furniture" not in page.url
    context.close()


def test_member_submits_and_editor_approves_in_admin(
    live_server, repository, page, browser, tmp_path
):
    User = get_user_model()
    member = User.objects.create_user("maria", "maria@example.org", "pw-e2e-1")
    editor = User.objects.create_user("eddie", "eddie@example.org", "pw-e2e-1")
    editor.groups.add(Group.objects.get(name="Editors"))

    log_in(page, live_server, member)
    page.goto(f"{live_server.url}/practices/submit/")
    page.get_by_label(re.compile(r"^Title")).fill("Open badges for café apprentices")
    page.get_by_label(re.compile(r"^Summary")).fill("Badges for every skill learnt.")
    page.get_by_label(re.compile(r"^Description")).fill("How it works.\n\nWho joined.")
    page.get_by_label(re.compile(r"^Language of your text")).select_option("en")
    page.get_by_label(re.compile(r"^Country")).select_option("GR")
    page.get_by_label("EQF 4").check()
    page.get_by_label(re.compile(r"^Contact name")).fill("Eleni")
    # A wrong e-mail first: the form comes back with everything kept.
    page.get_by_label(re.compile(r"^Contact e-mail")).fill("eleni@")
    page.get_by_role("button", name="Send for review").click()
    assert page.locator("#field-contact_email .errorlist").is_visible()
    assert page.get_by_label(re.compile(r"^Title")).input_value() == (
        "Open badges for café apprentices"
    )
    assert page.get_by_label("EQF 4").is_checked()
    page.get_by_label(re.compile(r"^Contact e-mail")).fill("eleni@example.org")
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(PDF_BYTES)
    page.get_by_label(re.compile(r"^Materials")).set_input_files(str(plan))
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url(re.compile(r"/practices/mine/$"))
    assert page.locator(".submission--in_review").inner_text().count("In review") == 1

    practice = PracticePage.objects.get(title="Open badges for café apprentices")
    assert not practice.live
    # Back from "My practices" lands on the refused form as it was last typed
    # (Chromium puts back the corrected address), not on its "Confirm Form
    # Resubmission" (ERR_CACHE_MISS).
    page.go_back()
    assert page.get_by_label(re.compile(r"^Contact e-mail")).input_value() == (
        "eleni@example.org"
    )
    assert page.get_by_label(re.compile(r"^Title")).input_value() == (
        "Open badges for café apprentices"
    )

    # The editor approves in Wagtail's admin.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = context.new_page()
    log_in(admin, live_server, editor)
    admin.goto(f"{live_server.url}/admin/")
    assert admin.get_by_text("Open badges for café apprentices").first.is_visible()
    admin.goto(f"{live_server.url}/admin/pages/{practice.pk}/edit/")
    admin.locator("footer [data-w-dropdown-target='toggle']").last.click()
    admin.get_by_role("button", name=re.compile(r"^Approve")).first.click()
    admin.wait_for_load_state()
    context.close()

    practice.refresh_from_db()
    assert practice.live
    page.goto(f"{live_server.url}/practices/mine/")
    assert "Published" in page.locator(".submission").inner_text()
    page.goto(f"{live_server.url}/practices/?country=GR&language=en")
    assert page.get_by_role(
        "link", name="Open badges for café apprentices"
    ).is_visible()


def test_a_refused_submission_takes_the_keyboard_to_its_errors(
    live_server, page, tmp_path
):
    """A title left out and a program file attached: the form comes back with
    the keyboard on its summary of errors (not at the top of the page, a
    header's worth of Tab presses away), which says the file must be chosen
    again; Tab then reaches the first field to fix, which names its error."""
    ensure_baseline()
    practices.demo.ensure_index_page()
    member = get_user_model().objects.create_user("maria", "maria@example.org", "pw")
    log_in(page, live_server, member)
    page.goto(f"{live_server.url}/practices/submit/")
    page.get_by_label(re.compile(r"^Summary")).fill("Badges for every skill learnt.")
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ" + bytes(200))
    page.get_by_label(re.compile(r"^Materials")).set_input_files(str(program))
    page.get_by_role("button", name="Send for review").click()
    summary = page.locator("#form-errors")
    summary.wait_for()
    assert page.evaluate("document.activeElement.id") == "form-errors"
    assert "please choose them again" in summary.inner_text()
    page.keyboard.press("Tab")
    title = page.get_by_label(re.compile(r"^Title"))
    assert title.evaluate("(input) => input === document.activeElement")
    assert title.get_attribute("aria-invalid") == "true"
    described = title.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == "This field is required."
    summary_text = page.get_by_label(re.compile(r"^Summary")).input_value()
    assert summary_text == "Badges for every skill learnt."
