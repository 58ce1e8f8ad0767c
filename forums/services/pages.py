"""A thread's pages: posts_per_page() posts each, in the order they were written.

A reply sits under the post it answers when both are on the same page; on a later
page it says whom it answers and links to that post on its own page. Hidden posts
keep their place, so hiding one moves no other post to another page.

As the practice listing does, a page number that is no number shows the first
page and one past the end shows the last page, each with a notice; links name the
first page without ?page=.
"""

import math
from dataclasses import dataclass

from vetnet.pagination import page_numbers

from ..models import Post, Thread, posts_per_page

MAX_PAGE = 10**9


def parse_page(raw):
    """(number, valid): the page a ?page= value asks for; (1, False) when it is
    no page number (text, zero, negative)."""
    text = str(raw if raw is not None else "").strip()
    if not text:
        return 1, True
    if text.isdigit() and 0 < int(text) < MAX_PAGE:
        return int(text), True
    return 1, False


def page_count(total):
    return max(1, math.ceil(total / posts_per_page()))


def shown_page(raw, num_pages):
    """The page a ?page= value shows in a thread of `num_pages` pages."""
    number, _valid = parse_page(raw)
    return min(number, num_pages)


@dataclass
class ThreadPage:
    thread: Thread
    number: int
    num_pages: int
    total: int
    posts: list  # the page's posts, replies under the post they answer if here
    asked: str | None = None  # the ?page= value when it named no page shown

    @property
    def past_the_end(self):
        return self.asked is not None and parse_page(self.asked)[1]

    @property
    def has_other_pages(self):
        return self.num_pages > 1

    @property
    def url(self):
        return self.thread.page_url(self.number)

    @property
    def previous_url(self):
        return self.thread.page_url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self):
        if self.number < self.num_pages:
            return self.thread.page_url(self.number + 1)
        return None

    def links(self):
        """Page numbers with gaps (None): 1 … 4 5 6 … 20."""
        return [
            None
            if n is None
            else {
                "number": n,
                "current": n == self.number,
                "url": self.thread.page_url(n),
            }
            for n in page_numbers(self.number, self.num_pages)
        ]


def ordered_ids(thread):
    return list(thread.posts.order_by("created_at", "id").values_list("id", flat=True))


def thread_page(thread, raw_page):
    """The page of `thread` that ?page=`raw_page` shows (two queries)."""
    ids = ordered_ids(thread)
    per_page = posts_per_page()
    num_pages = page_count(len(ids))
    number, valid = parse_page(raw_page)
    asked = None
    if not valid or number > num_pages:
        asked = str(raw_page).strip()
        number = min(number, num_pages)
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
    return ThreadPage(thread, number, num_pages, len(ids), roots, asked)
