"""A thread's pages: posts_per_page() posts each, in the order they were written.

A reply sits under the post it answers when both are on the same page; on a later
page it says whom it answers and links to that post on its own page. Hidden posts
keep their place, so hiding one moves no other post to another page.

As the practice listing does, a page number that is no number shows the first
page and one past the end shows the last page, each with a notice; links name the
first page without ?page=.

Each page is cached on its own in the front cache (its path and query string,
vetnet/frontcache.py); after a change commits, purge_after() purges the pages it
changed: a new post its own page, or every page when it opened a new page (the
page links of every page change) or was committed after a later one; an edit or a
moderation action the post's page; a deleted post, a changed thread or a member's
name taken off their posts every page. A new post or thread also moves
the thread listing and the forums index, which list threads by last activity.
"""

import math
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlsplit

from django.db import transaction
from django.http import QueryDict
from django.urls import reverse

from vetnet import frontcache, pagination
from vetnet.pagination import Pages

from ..models import Post, Thread, posts_per_page


def page_count(total):
    return max(1, math.ceil(total / posts_per_page()))


def shown_page(raw, num_pages):
    """The page a ?page= value shows in a thread of `num_pages` pages."""
    return pagination.shown_page(raw, num_pages)[0]


@dataclass
class ThreadPage(Pages):
    """One page of a thread (vetnet.pagination.Pages, links by the thread's
    page addresses), its posts with replies under the post they answer if here."""

    thread: Thread | None = None
    total: int = 0
    posts: list = field(default_factory=list)


def ordered_ids(thread):
    return list(thread.posts.order_by("created_at", "id").values_list("id", flat=True))


def thread_page(thread, raw_page):
    """The page of `thread` that ?page=`raw_page` shows (two queries)."""
    ids = ordered_ids(thread)
    per_page = posts_per_page()
    num_pages = page_count(len(ids))
    number, asked = pagination.shown_page(raw_page, num_pages)
    page_ids = ids[(number - 1) * per_page : number * per_page]
    posts = list(
        Post.objects.filter(pk__in=page_ids)
        .select_related("author", "parent__author")
        .order_by("created_at", "id")
    )
    position = {pk: index for index, pk in enumerate(ids)}
    on_page = {post.pk: post for post in posts}
    roots = []
    for post in posts:
        post.children = []
        post.reply_to_url = None
        parent = on_page.get(post.parent_id)
        if parent is not None:
            parent.children.append(post)
            continue
        if post.parent_id in position:  # answers a post on another page
            parent_page = position[post.parent_id] // per_page + 1
            post.reply_to_url = f"{thread.page_url(parent_page)}#p{post.parent_id}"
        roots.append(post)
    return ThreadPage(
        number,
        num_pages,
        thread.page_url,
        asked,
        thread=thread,
        total=len(ids),
        posts=roots,
    )


# --- the front cache --------------------------------------------------------------


def purge_after(post, created, deleted):
    """Purge the cached pages a saved or deleted post changes once its transaction
    commits (registered with vetnet.frontcache for forums.Post)."""
    transaction.on_commit(
        partial(purge_post_pages, post.thread_id, post.pk, created, deleted),
        robust=True,
    )


def purge_thread_after(thread, created, deleted):
    """A thread made, renamed or deleted: all its pages and the listings; a
    renamed thread's pages at its old address too (they would stay cached up to
    FRONT_CACHE_SECONDS, where the old address now redirects)."""
    paths = [thread.get_absolute_url(), *listing_paths()]
    old_slug = getattr(thread, "renamed_from", None)
    if old_slug and not created:
        paths.append(reverse("forums:thread_detail", kwargs={"slug": old_slug}))
    transaction.on_commit(partial(frontcache.purge_now, paths), robust=True)


def threads_changed(thread_ids):
    """Threads changed without a save (a member's name taken off their posts by a
    queryset update): drop their kept copies and purge all their pages."""
    from vetnet.cache import bump_scope_version, thread_scope

    thread_ids = set(thread_ids)
    for thread_id in thread_ids:
        bump_scope_version(thread_scope(thread_id))
    if not frontcache.enabled() or not thread_ids:
        return
    paths = [t.get_absolute_url() for t in Thread.objects.filter(pk__in=thread_ids)]
    transaction.on_commit(
        partial(frontcache.purge_now, [*paths, *listing_paths()]), robust=True
    )


def listing_paths():
    return [reverse("forums:thread_list"), reverse("forums:index")]


def purge_post_pages(thread_id, post_id, created, deleted):
    """After the commit, so that the pages are counted as the next visitor sees
    them: a reply made at the same moment has committed or will purge itself."""
    thread = Thread.objects.filter(pk=thread_id).first()
    post = Post.objects.filter(pk=post_id).first()
    if thread is None:
        return  # the thread's own deletion purges its pages
    path = thread.get_absolute_url()
    listings = listing_paths() if created else []
    if deleted or post is None:  # every later post moved back
        frontcache.purge_now([path])
        return
    ids = ordered_ids(thread)
    per_page = posts_per_page()
    num_pages = page_count(len(ids))
    index = ids.index(post.pk)
    number = index // per_page + 1
    opened_a_page = created and index % per_page == 0
    # A post written before one already stored (two replies committed out of
    # order) may have moved that one onto a new page.
    followed = created and index < len(ids) - 1
    if opened_a_page or followed:
        frontcache.purge_now([path, *listings])
        return
    if listings:
        frontcache.purge_now(listings)
    frontcache.purge_where_now(
        [thread.page_url(number)],
        path,
        lambda url: (
            shown_page(QueryDict(urlsplit(url).query).get("page"), num_pages) == number
        ),
    )
