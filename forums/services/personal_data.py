"""A member's forum contributions: exported with their data, made anonymous when
the account is deleted (registered in ForumsConfig.ready).

The deletion page promises: "Your messages in the forums stay, but no longer show
your name."
"""

from django.utils.translation import gettext as _

from community.names import display_name
from community.services.personal_data import iso

from ..models import Message, Post, Room, Thread
from .pages import threads_changed


def export_contributions(user):
    messages = Message.objects.filter(author=user).select_related("room")
    posts = Post.objects.filter(author=user).select_related("thread")
    return {
        "forum_messages": [
            {"room": m.room.name, "text": m.text, "created_at": iso(m.created_at)}
            for m in messages.order_by("created_at")
        ],
        "forum_posts": [
            {"thread": p.thread.title, "text": p.body, "created_at": iso(p.created_at)}
            for p in posts.order_by("created_at")
        ],
    }


def anonymise_member(user):
    """Keep the member's messages, posts and threads, without their name.

    Excerpts promoted from a room to a thread quote each message as
    "Name: text"; the quotes of this member's messages become "former member".
    """
    rooms = Room.objects.filter(messages__author=user).distinct()
    _unname_quotes(
        Post.objects.filter(thread__source_room__in=rooms), display_name(user)
    )
    threads = set(Post.objects.filter(author=user).values_list("thread", flat=True))
    threads |= set(Thread.objects.filter(author=user).values_list("pk", flat=True))
    Message.objects.filter(author=user).update(author=None)
    Post.objects.filter(author=user).update(author=None)
    Thread.objects.filter(author=user).update(author=None)
    threads_changed(threads)  # cached thread pages showed the name


def _unname_quotes(posts, name):
    if not name:
        return
    quoted = f"{name}: "
    former = f"{_('former member')}: "
    for post in posts.filter(body__contains=quoted):
        paragraphs = post.body.split("\n\n")
        post.body = "\n\n".join(
            former + p[len(quoted) :] if p.startswith(quoted) else p for p in paragraphs
        )
        post.save(update_fields=["body"])
