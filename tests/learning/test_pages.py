"""Course and lesson pages: cacheable for visitors, personal for learners, and a
lesson costs the same number of queries whatever the size of its course."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MemberFactory

from .conftest import lessons_of

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_anonymous_course_and_lesson_pages_are_public_without_cookies(make_course):
    course = make_course(modules=1, lessons=2)
    lesson = lessons_of(course)[-1]
    for path in (
        "/learn/",
        course.url,
        f"/it{course.url}",
        lesson.url,
        f"/el{lesson.url}",
    ):
        response = Client().get(path)
        assert response.status_code == 200, path
        assert not response.cookies, (path, response.cookies)
        control = response["Cache-Control"]
        assert "public" in control and "s-maxage=" in control, (path, control)
        body = response.content.decode()
        # Nothing personal in a page a shared cache keeps.
        assert "csrfmiddlewaretoken" not in body
        assert "Continue where you left off" not in body


def test_learner_pages_are_private(make_course):
    course = make_course(modules=1, lessons=2)
    client = Client()
    client.force_login(MemberFactory())
    client.post(reverse("learning:enrol", args=[course.pk]))
    for path in (course.url, lessons_of(course)[-1].url, reverse("learning:mine")):
        response = client.get(path)
        assert "private" in response["Cache-Control"], path


def lesson_queries(client, lesson):
    client.get(lesson.url)  # warm the site root paths, as a running site has them
    with CaptureQueriesContext(connection) as queries:
        assert client.get(lesson.url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_lesson_costs_the_same_queries_whatever_the_course_size(
    make_course, signed_in, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # every request is rendered
    small = make_course(slug="small", modules=1, lessons=2)
    large = make_course(slug="large", modules=6, lessons=5)
    client = Client()
    if signed_in:
        client.force_login(MemberFactory())
        for course in (small, large):
            client.post(reverse("learning:enrol", args=[course.pk]))
    counts = [
        lesson_queries(client, lessons_of(course)[-1]) for course in (small, large)
    ]
    assert counts[0] == counts[1], counts
    assert counts[0] > 0


def test_publishing_a_lesson_purges_its_whole_course(make_course, monkeypatch):
    """Every lesson shows the course's outline: renaming one changes them all."""
    from vetnet import frontcache

    course = make_course(modules=2, lessons=2)
    lesson = lessons_of(course)[0]
    subtrees = []  # what would be purged below a path (with nginx in front)
    monkeypatch.setattr(
        frontcache, "purge", lambda paths=(), subtree=(), **kw: subtrees.extend(subtree)
    )
    lesson.title = "A new title"
    lesson.save_revision().publish()
    # Purged under every language prefix from its unprefixed path.
    assert subtrees == ["/learn/e-leadership/"]


def test_a_course_names_the_course_it_translates_and_both_link(make_course):
    english = make_course(slug="e-leadership")
    italian = make_course(
        slug="e-leadership-it",
        title="e-Leadership per formatori VET",
        content_language="it",
        translation_of=english,
    )
    assert italian.locale.language_code == "it"
    assert list(english.get_translations()) == [italian.page_ptr.specific]
    assert italian.title in Client().get(english.url).content.decode()
    # A later edit of the original, published again, keeps the link.
    english.summary = "Changed."
    english.save_revision().publish()
    assert italian.title in Client().get(english.url).content.decode()


def test_a_sector_linked_in_several_languages_is_shown_once(make_course):
    """A course linked to the English and the Italian copy of one sector (as the
    demo did, and as an editor choosing both may) names it once, in the reader's
    language."""
    from taxonomy.models import Sector
    from tests.factories import SectorFactory

    SectorFactory(slug="construction")
    course = make_course(modules=1, lessons=1)
    course.sectors.set(Sector.objects.filter(slug="construction"))
    course.save_revision().publish()
    assert course.sectors.count() == 3  # en, it, el
    for path, name in ((course.url, "Construction"), (f"/it{course.url}", "Edilizia")):
        body = Client().get(path).content.decode()
        assert body.count(name) == 1, (path, body.count(name))
