"""axe-core (from the npm registry, node_modules/) finds no serious or critical
violations on the main public pages, with the demo content loaded."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.baseline import ensure_baseline, forget_cached_rows
from tests.factories import PASSWORD

# Migrations hold data (locales, groups, root page) that the flush after each
# transactional test removes; ensure_baseline() puts it back (Django's
# serialized_rollback takes effect only now and then once Playwright runs).
pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def demo(live_server):
    ensure_baseline()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    yield
    forget_cached_rows()


@pytest.fixture
def axe_page(browser):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (package.json)")
    # Inject axe's script even where the site's CSP would refuse inline scripts.
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def serious_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def demo_urls():
    from events.models import EventPage
    from forums.models import Post, Room, Thread
    from practices.models import PracticePage

    practice = PracticePage.objects.live().public().order_by("pk").first()
    event = EventPage.objects.live().public().order_by("start").last()
    room = Room.objects.filter(anonymous_can_read=True).order_by("pk").first()
    if room is None:  # until the forums demo has an open room
        room = Room.objects.create(
            name="Work-based learning",
            slug="work-based-learning",
            description="Peer counselling on apprenticeships.",
            anonymous_can_read=True,
        )
    assert practice and event, "demo content is incomplete"
    thread = Thread.objects.create(title="Apprentices abroad", slug="paged-thread")
    Post.objects.bulk_create(
        Post(thread=thread, body=f"Experience {n}") for n in range(1, 46)
    )
    return {
        "home": "/",
        "practices": "/practices/",
        "a practice": practice.url,
        "events": "/events/",
        "an event": event.url,
        "register": f"{event.url}register/",
        "sign-up": "/accounts/signup/",
        "a room": room.get_absolute_url(),
        "a long thread, page 2": thread.page_url(2),
        "organisations": "/organisations/",
        "an organisation": "/organisations/ecipa-foundation/",
        "members": "/members/",
        "news": "/news/",
    }


def log_in(page, base_url):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        "axe", "axe@example.org", PASSWORD, first_name="Axe", last_name="Tester"
    )
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{base_url}/")


def test_no_serious_or_critical_violations(live_server, demo, axe_page):
    # One test, one demo load: loading the demo is the slow part.
    urls = demo_urls()
    failures = {}
    for label, path in urls.items():
        response = axe_page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{label}: {path} answered {response.status}"
        found = serious_violations(axe_page)
        if found:
            failures[f"{label} {path}"] = found
    # Signed in: the profile form and a room as a member sees it.
    log_in(axe_page, live_server.url)
    for label, path in (("my profile", "/members/me/"), ("a room", urls["a room"])):
        axe_page.goto(f"{live_server.url}{path}")
        found = serious_violations(axe_page)
        if found:
            failures[f"{label} (signed in) {path}"] = found
    assert failures == {}

    # Responsive down to 360 px: no sideways scrolling.
    axe_page.set_viewport_size({"width": 360, "height": 740})
    for path in (
        "/",
        urls["organisations"],
        urls["a practice"],
        urls["sign-up"],
        urls["a long thread, page 2"],
    ):
        axe_page.goto(f"{live_server.url}{path}")
        overflow = axe_page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
