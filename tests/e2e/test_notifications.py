"""In Chromium, through a real Daphne and the real task worker: Anna follows a
sector on her follows page; an editor publishes a practice in it (by clicking
through Wagtail's admin, and through the page API); Anna's unread count changes
without a reload, Bruno's (who follows nothing) does not."""

import re

import pytest
from django.contrib.auth.models import Group

from practices.demo import ensure_index_page
from tests.baseline import ensure_baseline
from tests.factories import (
    PASSWORD,
    MemberFactory,
    PracticePageFactory,
    SectorFactory,
)
from tests.forums.servers import daphne_servers, session_cookie
from tests.worker import DATABASE_TASKS, running_worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def member_page(browser, base_url, user):
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(user), "url": base_url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _newsroom(settings):
    """Two members (Anna, Bruno), an editor and a draft practice in the
    construction sector, with the tasks queued for a real worker."""
    settings.TASKS = DATABASE_TASKS
    ensure_baseline()
    index = ensure_index_page()
    SectorFactory(slug="construction")
    anna = MemberFactory(first_name="Anna", last_name="Moretti")
    bruno = MemberFactory(first_name="Bruno", last_name="Keller")
    editor = MemberFactory(first_name="Elena", last_name="Editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    draft = PracticePageFactory(
        parent=index,
        title="Green building site",
        sectors=["construction"],
        publish=False,
    )
    return anna, bruno, editor, draft


def test_follower_count_changes_live_when_an_editor_publishes(browser, settings):
    anna, bruno, editor, draft = _newsroom(settings)

    with daphne_servers(
        1, {"DJANGO_SETTINGS_MODULE": "tests.notifications.daphne_settings"}
    ) as (base,):
        ctx_a, anna_page = member_page(browser, base, anna)
        ctx_b, bruno_page = member_page(browser, base, bruno)
        try:
            anna_page.goto(f"{base}/follows/")
            anna_page.get_by_label("Sector").select_option("construction")
            anna_page.locator(
                "form.follow-add", has=anna_page.get_by_label("Sector")
            ).get_by_role("button", name="Follow").click()
            anna_page.get_by_text("You follow this now.").wait_for()
            anna_page.goto(f"{base}/")
            bruno_page.goto(f"{base}/")
            for page in (anna_page, bruno_page):
                page.wait_for_selector("html[data-notifications-live='true']")
                assert page.locator(".notifications-count").is_hidden()

            with running_worker():
                draft.get_latest_revision().publish(user=editor)
                badge = anna_page.locator(".notifications-count")
                badge.wait_for(state="visible")
                assert badge.inner_text() == "1"

            assert bruno_page.locator(".notifications-count").is_hidden()
            # Without JavaScript's help too: the next page load says the same.
            anna_page.goto(f"{base}/notifications/")
            assert "New practice: Green building site" in anna_page.content()
        finally:
            ctx_a.close()
            ctx_b.close()


def editor_publishes_in_the_admin(browser, base, editor, page_id):
    """The editor signs in at /admin/, opens the practice's edit view and
    chooses Publish in the footer's action menu."""
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    admin = context.new_page()
    admin.set_default_timeout(30_000)
    try:
        admin.goto(f"{base}/admin/")
        admin.wait_for_url(re.compile(r"/admin/login/"))
        admin.locator("input[name=username]").fill(editor.username)
        admin.locator("input[name=password]").fill(PASSWORD)
        admin.get_by_role("button", name="Sign in").click()
        admin.wait_for_url(re.compile(r"/admin/$"))
        admin.goto(f"{base}/admin/pages/{page_id}/edit/")
        admin.locator("footer [data-w-dropdown-target='toggle']").last.click()
        admin.get_by_role("button", name="Publish", exact=True).click()
        # Back on the section's listing, with Wagtail's confirmation.
        admin.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
        admin.get_by_text("Green building site", exact=False).first.wait_for()
    finally:
        context.close()


def test_follower_count_changes_live_when_an_editor_publishes_in_the_admin(
    browser, settings
):
    anna, bruno, editor, draft = _newsroom(settings)
    from notifications.services import follows

    follows.follow(anna, "sector", "construction")

    with daphne_servers(
        1, {"DJANGO_SETTINGS_MODULE": "tests.notifications.daphne_settings"}
    ) as (base,):
        ctx_a, anna_page = member_page(browser, base, anna)
        ctx_b, bruno_page = member_page(browser, base, bruno)
        try:
            anna_page.goto(f"{base}/")
            bruno_page.goto(f"{base}/")
            for page in (anna_page, bruno_page):
                page.wait_for_selector("html[data-notifications-live='true']")
                assert page.locator(".notifications-count").is_hidden()

            with running_worker():
                editor_publishes_in_the_admin(browser, base, editor, draft.pk)
                badge = anna_page.locator(".notifications-count")
                badge.wait_for(state="visible", timeout=30_000)
                assert badge.inner_text() == "1"

            draft.refresh_from_db()
            assert draft.live
            assert bruno_page.locator(".notifications-count").is_hidden()
        finally:
            ctx_a.close()
            ctx_b.close()


def test_mention_autocomplete_in_a_thread_reply(browser, live_server):
    from tests.e2e.test_practices import log_in
    from tests.factories import ThreadFactory

    ensure_baseline()
    anna = MemberFactory(first_name="Anna", last_name="Moretti")
    anna.profile.is_public = True
    anna.profile.save()
    bruno = MemberFactory(first_name="Bruno", last_name="Keller")
    thread = ThreadFactory(title="Apprentice pay", author=bruno)
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    # Each suggestion is a request to the live server: generous under load.
    page.set_default_timeout(20_000)
    try:
        log_in(page, live_server, bruno)
        page.goto(f"{live_server.url}{thread.get_absolute_url()}")
        reply = page.get_by_label("Your reply")
        reply.press_sequentially("Thanks @An")
        page.get_by_role("option", name=f"Anna Moretti (@{anna.username})").wait_for()
        reply.press("Tab")
        assert reply.input_value() == f"Thanks @{anna.username} "
    finally:
        context.close()


def test_follow_without_a_choice_follows_nothing(open_page, live_server):
    """On a phone, "Follow" pressed before choosing a country asks for one: the
    list used to start on Afghanistan and followed it."""
    ensure_baseline()
    member = MemberFactory(first_name="Nikos")
    page = open_page(width=360, height=740, locale="el")
    page.context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(member), "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/el/follows/")
    country = page.locator("#follow-country")
    form = page.locator("form.follow-add", has=country)
    form.get_by_role("button").click()
    assert country.evaluate("(select) => select.validity.valueMissing")
    page.wait_for_timeout(500)  # a submit would have been sent by now
    assert not member.follows.exists()

    country.select_option("GR")
    form.get_by_role("button").click()
    page.wait_for_url(re.compile(r"/el/follows/"))
    page.locator(".follow-group").wait_for()
    assert list(member.follows.values_list("kind", "value")) == [("country", "GR")]


def test_a_long_notification_reads_from_the_left_on_a_phone(open_page, live_server):
    """A notification that wraps at 360 px starts each line at the card's edge
    like the text around it, not centred like a button's label."""
    from notifications.models import Notification

    ensure_baseline()
    member = MemberFactory(first_name="Nikos")
    Notification.objects.create(
        user=member,
        kind="practice",
        key="practice:1",
        title="Peer counselling between craft associations and VET providers",
        path="/practices/",
    )
    page = open_page(width=360, height=740, locale="el")
    page.context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(member), "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/el/notifications/")
    text = page.locator(".notification__text")
    assert text.evaluate("(b) => b.getClientRects()[0].height") > 30  # it wraps
    starts = text.evaluate(
        """(button) => { const range = document.createRange();
            range.selectNodeContents(button);
            return [...range.getClientRects()].map((line) => Math.round(line.left)); }"""
    )
    left = round(text.bounding_box()["x"])
    assert set(starts) == {left}, (starts, left)


def test_the_badge_counts_what_can_still_be_opened(open_page, live_server):
    """Two practices Anna follows are published, then one is unpublished: the
    header says 1, as the list has one to open, not 2."""
    from notifications.services import follows

    ensure_baseline()
    index = ensure_index_page()
    SectorFactory(slug="construction")
    anna = MemberFactory(first_name="Anna", last_name="Moretti")
    follows.follow(anna, "sector", "construction")
    gone = PracticePageFactory(
        parent=index, title="Withdrawn practice", sectors=["construction"]
    )
    PracticePageFactory(parent=index, title="Kept practice", sectors=["construction"])
    gone.unpublish()
    page = open_page()
    page.context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(anna), "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/events/")
    badge = page.locator(".notifications-count")
    assert badge.inner_text() == "1"
    page.goto(f"{live_server.url}/notifications/")
    page.get_by_text("1 unread notification", exact=True).wait_for()
    assert page.locator(".notification--gone").count() == 1
    page.get_by_role("button", name="Mark all as read").click()
    page.get_by_text("All notifications are marked as read.").wait_for()
    assert badge.is_hidden()
