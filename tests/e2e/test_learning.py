"""A learner on a 390 px wide phone enrols, finishes lessons and a quiz; axe-core
finds no serious or critical violation on the course, lesson and My learning
pages."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from learning import demo as learning_demo
from tests.baseline import ensure_baseline, forget_cached_rows
from tests.e2e.test_accessibility import AXE, serious_violations
from tests.forums.servers import session_cookie

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

COURSE = "/learn/e-leadership-for-vet-trainers/"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def course(live_server):
    ensure_baseline()
    learning_demo.load()
    yield COURSE
    forget_cached_rows()


@pytest.fixture
def learner():
    user = get_user_model().objects.create_user(
        "lea", "lea@example.org", first_name="Lea", last_name="Janssens"
    )
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def phone_page(browser, base_url, user=None):
    context = browser.new_context(locale="en-GB", viewport=PHONE, bypass_csp=True)
    if user is not None:
        context.add_cookies(
            [{"name": "sessionid", "value": session_cookie(user), "url": base_url}]
        )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def check(page, label, failures):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (package.json)")
    found = serious_violations(page)
    if found:
        failures[label] = found
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"{label} scrolls sideways by {overflow}px at 390px"


def test_a_learner_on_a_phone_finishes_a_lesson_and_its_quiz(
    browser, live_server, course, learner
):
    base = live_server.url
    failures = {}
    context, page = phone_page(browser, base)
    page.goto(base + course)
    check(page, "course (visitor)", failures)
    context.close()

    context, page = phone_page(browser, base, learner)
    page.goto(base + course)
    page.get_by_role("button", name="Enrol in this course").click()
    page.get_by_text("You are enrolled").wait_for()
    check(page, "course (enrolled)", failures)

    page.get_by_role("link", name="Start the course").click()
    page.get_by_role(
        "heading", name="Digital transformation in European SMEs"
    ).wait_for()
    check(page, "lesson", failures)
    page.get_by_role("button", name="Mark as done").click()
    page.get_by_role("heading", name="The three pillars of e-leadership").wait_for()
    page.get_by_role("button", name="Mark as done").click()
    page.get_by_role(
        "heading", name="e-Leaders in a small company", exact=True
    ).wait_for()

    # The quiz: a wrong answer first, then the right ones.
    page.get_by_label("Programming in several languages").check()
    page.get_by_label("A chief digital officer").check()
    page.get_by_label("Because SME managers cannot take part in training").check()
    page.get_by_role("button", name="Check my answers").click()
    page.get_by_text("Not passed yet: 0%").wait_for()
    page.get_by_text("No: an e-leader does not need to write code.").wait_for()
    check(page, "lesson with quiz feedback", failures)
    page.get_by_label("Programming in several languages").uncheck()
    for answer in (
        "Business knowledge",
        "Understanding of technology",
        "Classic leadership skills",
        "The owner or a manager",
        "Because VET providers and associations are the ones who reach small firms",
    ):
        page.get_by_label(answer).check()
    page.get_by_role("button", name="Check my answers again").click()
    page.get_by_text("Quiz passed with 100%").wait_for()
    page.get_by_text("You completed this lesson.").wait_for()

    page.goto(base + "/learn/my/")
    page.get_by_role("heading", name="My learning").wait_for()
    page.get_by_text("38% complete").wait_for()  # 3 of the 8 lessons
    check(page, "my learning", failures)
    context.close()
    assert failures == {}


def test_a_trainer_on_a_phone_reads_the_learners_table(
    browser, live_server, course, learner
):
    """The learners' table scrolls sideways on a phone: its scrolling region
    took no keyboard focus, so someone without a mouse could not read the
    columns past the screen's edge (axe: scrollable-region-focusable)."""
    from learning.models import CoursePage, Enrolment

    page_course = CoursePage.objects.get(
        url_path__endswith="/e-leadership-for-vet-trainers/"
    )
    Enrolment.objects.create(
        course=page_course, user=learner, status=Enrolment.Status.ACTIVE
    )
    trainer = page_course.trainers.first()
    failures = {}
    context, page = phone_page(browser, live_server.url, trainer)
    page.goto(f"{live_server.url}/learn/course/{page_course.pk}/learners/")
    page.get_by_role("heading", name="Learners and results").wait_for()
    page.get_by_text("Lea Janssens").wait_for()
    check(page, "trainer's report", failures)
    region = page.get_by_role(
        "region", name="Enrolments, progress and best quiz scores"
    )
    region.focus()
    focused = page.evaluate("document.activeElement.classList.contains('table-scroll')")
    context.close()
    assert failures == {}
    assert focused


def test_a_quiz_asks_for_an_answer_before_it_is_checked(
    browser, live_server, course, learner
):
    """'Check my answers' with nothing chosen sent the quiz, which came back
    failed at 0% with every question 'Not quite': the browser now asks for an
    answer to each one-answer question first."""
    from learning.models import CoursePage, Enrolment, QuizAttempt

    Enrolment.objects.create(
        course=CoursePage.objects.get(url_path__endswith=COURSE),
        user=learner,
        status=Enrolment.Status.ACTIVE,
    )
    context, page = phone_page(browser, live_server.url, learner)
    page.goto(
        f"{live_server.url}{COURSE}what-e-leadership-means/e-leaders-in-small-companies/"
    )
    page.get_by_role("button", name="Check my answers").click()
    missing = page.get_by_label("The owner or a manager").evaluate(
        "input => input.validity.valueMissing"
    )
    context.close()

    assert missing
    assert not QuizAttempt.objects.exists()


def test_a_trainer_pages_through_a_large_course_s_learners(
    browser, live_server, course
):
    """Sixty learners: the table shows fifty, and page links lead to the rest
    (it listed all of them on one page, however many there were)."""
    from learning.models import CoursePage, Enrolment

    page_course = CoursePage.objects.get(
        url_path__endswith="/e-leadership-for-vet-trainers/"
    )
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"learner{n:02}",
            email=f"learner{n:02}@example.org",
            first_name="Learner",
            last_name=f"{n:02}",
        )
        for n in range(1, 61)
    )
    Enrolment.objects.bulk_create(
        Enrolment(course=page_course, user=user, status=Enrolment.Status.ACTIVE)
        for user in users
    )
    context, page = phone_page(browser, live_server.url, page_course.trainers.first())
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        page.goto(f"{live_server.url}/learn/course/{page_course.pk}/learners/")
        rows = page.locator("table.learners tbody tr")
        assert rows.count() == 50
        assert page.locator("#learners-shown").inner_text() == "Learners 1–50 of 60"
        pages = page.get_by_role("navigation", name="Pages of learners")
        assert pages.locator("[aria-current=page]").inner_text() == "1"
        pages.get_by_role("link", name="2").click()
        page.wait_for_url("**/learners/?page=2")
        assert rows.count() == 10
        assert page.locator("#learners-shown").inner_text() == "Learners 51–60 of 60"
        assert rows.first.locator("th").inner_text() == "Learner 51"
        assert page.get_by_role("link", name="Previous").count() == 1
    finally:
        context.close()


def test_a_learner_whose_session_ended_signs_in_and_is_back_at_the_course(
    browser, live_server, course, learner
):
    """ "Enrol" with a session that ended asks to sign in; the sign-in returns to
    the course page with its button (nothing recorded), not to a page about
    buttons and links."""
    learner.set_password("a long test password")
    learner.save()
    context, page = phone_page(browser, live_server.url, learner)
    try:
        page.goto(f"{live_server.url}/de{COURSE}")
        context.clear_cookies(name="sessionid")
        page.get_by_role("button", name="In diesen Kurs einschreiben").click()
        page.wait_for_url("**/accounts/login/**")
        page.locator("input[name=login]").fill("lea@example.org")
        page.locator("input[name=password]").fill("a long test password")
        page.locator("main form [type=submit]").last.click()

        page.wait_for_url(f"{live_server.url}/de{COURSE}")
        assert page.get_by_role("button", name="In diesen Kurs einschreiben").count()
        assert not learner.enrolments.exists()
    finally:
        context.close()
