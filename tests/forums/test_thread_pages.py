"""Long threads are paged: a fixed number of posts a page, links to a post land on
its page, bad page numbers give a clear answer."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from forums.models import Post
from notifications.models import Follow, Notification
from tests.factories import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def long_thread(count, author, title="Apprentices abroad"):
    """A thread of `count` posts written a minute apart: "Post 1" … "Post <count>"."""
    thread = ThreadFactory(title=title, author=author)
    start = timezone.now() - timedelta(days=1)
    return thread, [
        PostFactory(
            thread=thread,
            author=author,
            body=f"Post {n}",
            created_at=start + timedelta(minutes=n),
        )
        for n in range(1, count + 1)
    ]


def bodies(html):
    return re.findall(r"<p>(Post \d+)</p>", html)


def pages_nav(html):
    match = re.search(
        r'<nav class="page-links" aria-label="([^"]+)">(.*?)</nav>', html, re.S
    )
    assert match, "no page links"
    return match.group(1), match.group(2)


def test_a_thread_shows_a_fixed_number_of_posts_a_page(client, alice):
    per_page = settings.FORUMS_POSTS_PER_PAGE
    assert 10 <= per_page <= 50  # a page to read, not the whole thread
    thread, _posts = long_thread(per_page * 2 + 3, alice)

    first = client.get(thread.get_absolute_url()).content.decode()
    assert bodies(first) == [f"Post {n}" for n in range(1, per_page + 1)]
    last = client.get(f"{thread.get_absolute_url()}?page=3").content.decode()
    assert bodies(last) == [
        f"Post {n}" for n in range(per_page * 2 + 1, per_page * 2 + 4)
    ]
    assert "Apprentices abroad, page 3 of 3 · VET NET Community" in last


def test_page_links_are_a_labelled_nav_with_the_current_page(client, alice, settings):
    settings.FORUMS_POSTS_PER_PAGE = 3
    thread, _posts = long_thread(30, alice)  # 10 pages
    url = thread.get_absolute_url()

    label, links = pages_nav(client.get(f"{url}?page=5").content.decode())
    assert label == "Pages of this thread"
    assert f'<a href="{url}?page=4" rel="prev">Previous</a>' in links
    assert f'<a href="{url}?page=6" rel="next">Next</a>' in links
    assert '<span aria-current="page">5</span>' in links
    shown = re.findall(r">(\d+|…)</", links)
    assert shown == ["1", "…", "4", "5", "6", "…", "10"]
    # The first page is the thread's own address, without ?page=1.
    assert f'<a href="{url}">1</a>' in links

    _label, first = pages_nav(client.get(url).content.decode())
    assert "Previous" not in first and '<span aria-current="page">1</span>' in first
    _label, last = pages_nav(client.get(f"{url}?page=10").content.decode())
    assert "Next" not in last
    # A short thread has no page links at all.
    short, _posts = long_thread(3, alice, title="Short")
    assert "page-links" not in client.get(short.get_absolute_url()).content.decode()


@pytest.mark.parametrize("language", ["it", "es", "ca", "el", "de", "nl"])
def test_page_links_speak_the_interface_language(client, alice, settings, language):
    settings.FORUMS_POSTS_PER_PAGE = 3
    thread, _posts = long_thread(7, alice)
    html = client.get(f"/{language}{thread.get_absolute_url()}?page=2").content.decode()
    label, links = pages_nav(html)
    for english in ("Pages of this thread", "Previous", "Next", "Page 2 of 3"):
        assert english not in label + links + html, (language, english)


def test_a_post_link_lands_on_the_page_that_shows_it(client, alice, settings):
    settings.FORUMS_POSTS_PER_PAGE = 5
    thread, posts = long_thread(12, alice)
    url = thread.get_absolute_url()
    assert posts[0].get_absolute_url() == f"{url}#p{posts[0].pk}"
    assert posts[6].get_absolute_url() == f"{url}?page=2#p{posts[6].pk}"
    assert posts[11].get_absolute_url() == f"{url}?page=3#p{posts[11].pk}"
    for post in (posts[4], posts[5], posts[11]):
        address, anchor = post.get_absolute_url().split("#")
        assert f'id="{anchor}"' in client.get(address).content.decode()

    # The lasting address (used by links made before the thread grew) redirects.
    lasting = client.get(f"{url}posts/{posts[6].pk}/")
    assert lasting.status_code == 302
    assert lasting.url == f"{url}?page=2#p{posts[6].pk}"
    gone = client.get(f"{url}posts/{posts[6].pk + 1000}/")
    assert gone.status_code == 302 and gone.url == url
    other = ThreadFactory(title="Another thread")
    assert client.get(f"{other.get_absolute_url()}posts/{posts[6].pk}/").url == (
        other.get_absolute_url()
    )


def test_a_hidden_post_keeps_its_place(client, alice, settings):
    settings.FORUMS_POSTS_PER_PAGE = 5
    thread, posts = long_thread(7, alice)
    Post.objects.filter(pk=posts[2].pk).update(hidden_at=timezone.now())
    assert posts[5].get_absolute_url().endswith(f"?page=2#p{posts[5].pk}")
    page = client.get(f"{thread.get_absolute_url()}?page=2").content.decode()
    assert bodies(page) == ["Post 6", "Post 7"]


def test_after_replying_the_author_lands_on_the_page_with_the_reply(
    alice_client, alice, settings
):
    settings.FORUMS_POSTS_PER_PAGE = 5
    thread, posts = long_thread(10, alice)
    url = thread.get_absolute_url()
    # Replying to the first post from page 2: the link keeps the page.
    page_two = alice_client.get(f"{url}?page=2").content.decode()
    assert f'href="?page=2&amp;reply_to={posts[5].pk}#reply"' in page_two
    assert f'action="{url}?page=2"' in page_two

    response = alice_client.post(
        f"{url}?page=2",
        {"body": "We send ours to Valencia.", "parent": posts[0].pk},
    )
    reply = Post.objects.get(body="We send ours to Valencia.")
    assert response.status_code == 302
    assert response.url == f"{url}?page=3#p{reply.pk}"
    page = alice_client.get(response.url.split("#")[0]).content.decode()
    assert "We send ours to Valencia." in page
    # The post it answers is on page 1: the reply says so and links there.
    assert re.search(
        rf'<a class="post__reply-to" href="{re.escape(url)}#p{posts[0].pk}">'
        r"in reply to [^<]+</a>",
        page,
    )


def test_a_reply_under_its_post_on_the_same_page(client, alice, bob, settings):
    settings.FORUMS_POSTS_PER_PAGE = 5
    thread, posts = long_thread(3, alice)
    PostFactory(thread=thread, author=bob, parent=posts[1], body="Post 4")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "post__reply-to" not in page
    nested = re.search(
        r'<div class="post__replies">\s*<article class="post" id="p(\d+)"', page
    )
    assert nested and int(nested.group(1)) == Post.objects.get(body="Post 4").pk


def test_notifications_link_to_the_page_of_the_post(
    client, alice, bob, settings, django_capture_on_commit_callbacks
):
    settings.FORUMS_POSTS_PER_PAGE = 5
    thread, posts = long_thread(5, alice)
    Follow.objects.create(user=bob, kind=Follow.Kind.THREAD, value=str(thread.pk))
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            thread.get_absolute_url(), {"body": "A sixth post, on page 2"}
        )
    reply = Post.objects.get(body__startswith="A sixth post")
    notification = Notification.objects.get(user=bob)
    expected = f"{thread.get_absolute_url()}?page=2#p{reply.pk}"
    assert notification.path == expected == response.url


@pytest.mark.parametrize(
    ("asked", "shown", "notice"),
    [
        ("3", 3, None),
        (
            "9",
            3,
            "There is no page 9: this thread fills 3 pages; this is the last one.",
        ),
        ("abc", 1, "“abc” is not a page number: this is the first page of the thread."),
        ("0", 1, "“0” is not a page number"),
        ("-2", 1, "“-2” is not a page number"),
        ("99999999999999999999", 1, "is not a page number"),
    ],
)
def test_a_bad_page_number_gives_a_clear_page(
    client, alice, settings, asked, shown, notice
):
    settings.FORUMS_POSTS_PER_PAGE = 5
    thread, _posts = long_thread(12, alice)
    response = client.get(thread.get_absolute_url(), {"page": asked})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<span aria-current="page">{shown}</span>' in html
    assert bodies(html)[0] == f"Post {(shown - 1) * 5 + 1}"
    if notice:
        assert notice in html.replace("&quot;", '"')
    else:
        assert 'role="status"' not in html


def test_an_unknown_thread_is_not_found_on_any_page(client):
    assert client.get("/forums/threads/nothing-here/?page=2").status_code == 404


def test_a_kept_copy_of_the_last_page_shows_a_new_reply(client, alice, bob, settings):
    """The embedded run keeps anonymous pages in Django's cache: a reply shows at
    once on the page it lands on."""
    from django.core.cache import cache

    cache.clear()
    settings.PAGE_CACHE_SECONDS = 300
    settings.FORUMS_POSTS_PER_PAGE = 5
    thread, posts = long_thread(7, alice)
    url = f"{thread.get_absolute_url()}?page=2"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    member = type(client)()
    member.force_login(bob)
    member.post(thread.get_absolute_url(), {"body": "Fresh from Rotterdam"})
    assert "Fresh from Rotterdam" in client.get(url).content.decode()


def test_a_former_members_posts_and_threads_still_show(client, alice, settings):
    """A deleted account leaves its posts without a name (author None)."""
    settings.FORUMS_POSTS_PER_PAGE = 2
    thread, posts = long_thread(3, None)
    PostFactory(thread=thread, author=alice, parent=posts[0], body="Post 4")
    page = client.get(f"{thread.get_absolute_url()}?page=2")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<strong id="p{posts[2].pk}-by">former member</strong>' in html
    assert ">in reply to former member</a>" in html
    listing = client.get("/forums/threads/").content.decode()
    assert "by former member, active" in listing


def test_a_renamed_threads_old_address_leads_to_the_new_one(client, alice, settings):
    """An editor changes a thread's slug in the admin: links to the old address
    (a page, in any language) answer 301 to the new one, as a renamed page's do,
    and after a second rename the first address leads to the newest at once."""
    from django.contrib.auth.models import User

    settings.FORUMS_POSTS_PER_PAGE = 3
    thread, _posts = long_thread(5, alice, title="Apprentices abroad")
    old = thread.get_absolute_url()
    editor = User.objects.create_superuser("root", "root@example.org", "pw")
    admin = type(client)()
    admin.force_login(editor)

    def rename(slug):
        response = admin.post(
            f"/admin/snippets/forums/thread/edit/{thread.pk}/",
            {"title": "Apprentices abroad", "slug": slug},
        )
        assert response.status_code == 302, response.content.decode()[:2000]

    rename("apprentices-abroad-2027")
    new = "/forums/threads/apprentices-abroad-2027/"
    for asked, lands in ((old, new), (f"/it{old}", f"/it{new}")):
        response = client.get(asked)
        assert response.status_code == 301 and response["Location"] == lands
        assert bodies(client.get(lands).content.decode()) == [
            "Post 1",
            "Post 2",
            "Post 3",
        ]
    # A reader on page 2 of the old address lands on page 2 of the new one.
    response = client.get(old, {"page": 2})
    assert response.status_code == 301
    assert response["Location"] == f"{new}?page=2"
    assert bodies(client.get(response["Location"]).content.decode()) == [
        "Post 4",
        "Post 5",
    ]
    rename("apprentices-abroad-2028")
    assert client.get(old)["Location"] == "/forums/threads/apprentices-abroad-2028/"
    assert client.get(new)["Location"] == "/forums/threads/apprentices-abroad-2028/"
