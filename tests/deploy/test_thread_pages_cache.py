"""Each page of a forum thread in nginx's page cache, purged page by page.

Real nginx in front of the live server (tests/deploy/conftest.py): a new post
purges the page it lands on (every page when it opens a new one, as the page links
change), an edit or a moderation action the post's page, and the others stay
cached; the thread listing shows the thread's new activity at once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.baseline import ensure_baseline, forget_cached_rows
from tests.factories import MemberFactory, PostFactory, ThreadFactory

from .test_front_cache import fetch

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.redis,
    pytest.mark.nginx,
]


@pytest.fixture
def thread(live_server, settings):
    from django.core.cache import cache

    cache.clear()
    ensure_baseline()
    settings.FORUMS_POSTS_PER_PAGE = 3
    author = MemberFactory(first_name="Eleni", last_name="Papadaki")
    thread = ThreadFactory(title="Apprentices abroad", author=author)
    start = timezone.now() - timedelta(days=1)
    for n in range(1, 8):  # pages 1 and 2 full, page 3 with "Post 7"
        PostFactory(
            thread=thread,
            author=author,
            body=f"Post {n}",
            created_at=start + timedelta(minutes=n),
        )
    yield thread
    forget_cached_rows()


def cached(url):
    """Fetch `url` until nginx serves it from its cache; returns the body."""
    fetch(url)
    status, headers, body = fetch(url)
    assert status == 200 and headers["X-Cache-Status"] == "HIT", url
    return body


def from_cache(url):
    return fetch(url)[1]["X-Cache-Status"] == "HIT"


def test_a_reply_purges_the_page_it_lands_on_and_no_other(nginx, thread):
    from forums.services.threads import reply

    path = thread.get_absolute_url()
    first, second = nginx + path, nginx + f"{path}?page=2"
    last = [nginx + f"{path}?page=3", nginx + f"/de{path}?page=3"]
    past_the_end = nginx + f"{path}?page=40"
    listing = nginx + "/forums/threads/"
    for url in (first, second, *last, past_the_end, listing):
        cached(url)

    member = MemberFactory(first_name="Joris", last_name="Bakker")
    reply(member, thread, "We send ours to Rotterdam.")
    for url in (*last, past_the_end):
        status, headers, body = fetch(url)
        assert headers["X-Cache-Status"] != "HIT", url
        assert "We send ours to Rotterdam." in body, url
    assert from_cache(first) and from_cache(second)
    assert not from_cache(listing)  # the thread's activity moved

    # The reply that opens page 4: every page's links change.
    reply(member, thread, "And to Thessaloniki.")
    assert from_cache(first)
    reply(member, thread, "A fourth page now.")
    status, headers, body = fetch(first)
    assert headers["X-Cache-Status"] != "HIT"
    assert f'href="{path}?page=4"' in body
    assert "A fourth page now." in fetch(nginx + f"{path}?page=4")[2]
    assert "A fourth page now." in fetch(past_the_end)[2]


def test_an_edit_or_a_moderation_purges_the_posts_page(nginx, thread):
    from forums.services.permissions import ensure_groups
    from forums.services.threads import hide_post

    path = thread.get_absolute_url()
    pages = [nginx + path, nginx + f"{path}?page=2", nginx + f"{path}?page=3"]
    for url in pages:
        cached(url)
    moderators, _counsellors = ensure_groups()
    moderator = MemberFactory()
    moderator.groups.add(moderators)

    fifth = thread.posts.get(body="Post 5")
    hide_post(moderator, thread, fifth.pk)
    body = fetch(pages[1])[2]
    assert "Post 5" not in body and "Hidden by a moderator" in body
    assert from_cache(pages[0]) and from_cache(pages[2])

    first = thread.posts.get(body="Post 1")
    first.body = "Post 1, corrected"
    first.save()
    assert "Post 1, corrected" in fetch(pages[0])[2]
    assert from_cache(pages[2])


def test_a_deleted_members_name_leaves_the_cached_pages(nginx, thread):
    from forums.services.personal_data import anonymise_member

    pages = [nginx + thread.get_absolute_url(), nginx + f"/el{thread.page_url(3)}"]
    for url in pages:
        assert "Eleni Papadaki" in cached(url)
    anonymise_member(thread.author)
    for url in pages:
        assert "Eleni Papadaki" not in fetch(url)[2], url


def test_a_renamed_threads_old_pages_leave_the_cache(nginx, thread):
    """An editor changes the slug: the pages cached at the old address (every
    page, every language) go at once and lead to the same page of the new
    address, which shows the thread."""
    old = thread.get_absolute_url()
    old_pages = [
        (nginx + old, "/forums/threads/apprentices-in-europe/"),
        (nginx + f"{old}?page=2", "/forums/threads/apprentices-in-europe/?page=2"),
        (
            nginx + f"/de{old}?page=3",
            "/de/forums/threads/apprentices-in-europe/?page=3",
        ),
    ]
    for url, _new in old_pages:
        cached(url)

    thread = type(thread).objects.get(pk=thread.pk)  # as the admin's form has it
    thread.slug = "apprentices-in-europe"
    thread.save()
    for url, new in old_pages:
        status, headers, _body = fetch(url)
        assert headers.get("X-Cache-Status") != "HIT", url
        assert status == 301 and headers["Location"].endswith(new), url
    assert "Post 7" in fetch(nginx + thread.page_url(3))[2]


def test_each_page_of_the_thread_listing_is_cached_on_its_own(nginx, thread):
    """The listing's pages, and the same page with other parameters, are
    separate copies in nginx: each shows its own page marked, with links that
    keep its own parameters (the cache key holds the query string)."""
    ThreadFactory.create_batch(24)  # with the fixture's thread: 2 pages of 20
    listing = nginx + "/forums/threads/"
    current = '<span aria-current="page">{}</span>'
    first = cached(listing)
    second = cached(listing + "?page=2")
    filtered = cached(listing + "?lang=it&page=2")
    past = cached(listing + "?page=9")
    assert current.format(1) in first and 'href="?page=2"' in first
    assert current.format(2) in second and 'href="?"' in second
    assert current.format(2) in filtered and 'href="?lang=it"' in filtered
    assert "There is no page 9" in past and "There is no page 9" not in second
