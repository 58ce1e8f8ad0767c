"""In Chromium against the live server: a member follows the notification of a
reply on page 2 of a long thread and lands on that post; a link made before the
thread had a second page finds the post too; the page links move between pages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from forums.models import Post
from notifications.models import Follow
from tests.baseline import ensure_baseline, forget_cached_rows
from tests.factories import MemberFactory, PostFactory, ThreadFactory
from tests.forums.servers import session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "\n\n".join(f"Paragraph {n} about mobility grants." for n in range(1, 16))


@pytest.fixture
def site(live_server, live_site_url, settings):
    ensure_baseline()
    settings.FORUMS_POSTS_PER_PAGE = 5
    yield live_server.url
    forget_cached_rows()


def signed_in(open_page, base, user):
    page = open_page(width=1024, height=700)
    page.context.add_cookies(
        [{"name": "sessionid", "value": session_cookie(user), "url": base}]
    )
    return page


def test_a_notification_leads_to_the_reply_on_page_two(site, open_page):
    base = site
    anna = MemberFactory(first_name="Anna", last_name="Moretti")
    joris = MemberFactory(first_name="Joris", last_name="Bakker")
    thread = ThreadFactory(title="Apprentices abroad", author=anna)
    start = timezone.now() - timedelta(days=1)
    posts = [
        PostFactory(
            thread=thread,
            author=anna,
            body=f"Post {n}\n\n{LONG}",
            created_at=start + timedelta(minutes=n),
        )
        for n in range(1, 9)
    ]
    # Anna follows the thread she wrote in (notifications' rule).
    assert Follow.objects.filter(user=anna, kind=Follow.Kind.THREAD).exists()
    path = thread.get_absolute_url()

    # Joris answers the first post; he lands on page 2, where his reply is.
    writer = signed_in(open_page, base, joris)
    writer.goto(f"{base}{path}")
    writer.locator(f"#p{posts[0].pk}").get_by_role("link", name="Reply").first.click()
    writer.get_by_label("Your reply").fill("Our apprentices go to Valencia.")
    writer.get_by_role("button", name="Post the reply").click()
    answer = Post.objects.get(body="Our apprentices go to Valencia.")
    writer.wait_for_url(f"{base}{path}?page=2#p{answer.pk}")
    expect(writer.locator(f"#p{answer.pk}")).to_be_in_viewport()

    page = signed_in(open_page, base, anna)
    page.goto(f"{base}/notifications/")
    page.get_by_role("button", name=re.compile("Apprentices abroad")).click()

    page.wait_for_url(f"{base}{path}?page=2#p{answer.pk}")
    post = page.locator(f"#p{answer.pk}")
    expect(post).to_contain_text("Our apprentices go to Valencia.")
    expect(post).to_be_in_viewport()
    pages = page.get_by_role("navigation", name="Pages of this thread")
    expect(pages.locator("[aria-current='page']")).to_have_text("2")
    # It answers the first post, on page 1: one click away.
    post.get_by_role("link", name="in reply to Anna Moretti").click()
    page.wait_for_url(f"{base}{path}#p{posts[0].pk}")
    expect(page.locator(f"#p{posts[0].pk}")).to_be_in_viewport()

    # A link from before the thread had two pages (no ?page=) finds the post.
    page.goto(f"{base}{path}#p{answer.pk}")
    page.wait_for_url(f"{base}{path}?page=2#p{answer.pk}")
    expect(page.locator(f"#p{answer.pk}")).to_be_in_viewport()

    pages.get_by_role("link", name="Previous").click()
    page.wait_for_url(f"{base}{path}")
    expect(page.get_by_text("Post 1", exact=True)).to_be_visible()
    expect(pages.locator("[aria-current='page']")).to_have_text("1")
