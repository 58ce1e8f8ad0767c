"""Room pages without JavaScript, history paging, threads, counselling, promotions."""

import pytest
from django.test import override_settings

from forums.models import Message, MessageFlag, Post, Room, Thread
from forums.services.permissions import ensure_groups
from tests.factories import MessageFactory, PostFactory, ThreadFactory
from tests.page_links import page_nav

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def test_room_page_shows_history_and_a_plain_post_form(alice_client, open_room, alice):
    MessageFactory(room=open_room, author=alice, text="First thoughts")
    page = alice_client.get(f"/forums/rooms/{open_room.slug}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "First thoughts" in html
    assert 'aria-live="polite"' in html
    assert 'method="post"' in html and 'name="text"' in html
    assert '<label for="id_text">Your message' in html

    posted = alice_client.post(f"/forums/rooms/{open_room.slug}/", {"text": "Plain"})
    message = Message.objects.get(text="Plain")
    assert posted.status_code == 302
    assert posted.url.endswith(f"/forums/rooms/{open_room.slug}/#m{message.pk}")
    assert "Plain" in alice_client.get(posted.url).content.decode()


def test_a_too_long_post_keeps_the_text_and_explains(alice_client, open_room):
    text = "long " * 900
    page = alice_client.post(f"/forums/rooms/{open_room.slug}/", {"text": text})
    html = page.content.decode()
    assert page.status_code == 400
    assert "at most 4000 characters" in html
    assert text.strip()[:100] in html
    assert not Message.objects.exists()


def test_markup_in_a_message_is_shown_escaped(alice_client, open_room, alice):
    MessageFactory(room=open_room, author=alice, text="<script>alert(1)</script>")
    html = alice_client.get(f"/forums/rooms/{open_room.slug}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_right_to_left_text_takes_its_own_direction(alice_client, open_room, alice):
    """A message or post in Arabic or Hebrew is laid out right to left (its
    punctuation at its own end) inside the left-to-right page."""
    MessageFactory(room=open_room, author=alice, text="مرحبا بالجميع!")
    thread = ThreadFactory()
    PostFactory(thread=thread, author=alice, body="שלום לכולם!")
    room = alice_client.get(f"/forums/rooms/{open_room.slug}/").content.decode()
    assert '<p class="chat-msg__text" dir="auto">مرحبا بالجميع!</p>' in room
    page = alice_client.get(thread.get_absolute_url()).content.decode()
    assert '<div class="post__body" dir="auto"><p>שלום לכולם!</p></div>' in page


def test_older_messages_are_paged_with_before(alice_client, open_room, alice):
    messages = Message.objects.bulk_create(
        [Message(room=open_room, author=alice, text=f"m{i:02d}") for i in range(55)]
    )
    first_page = alice_client.get(f"/forums/rooms/{open_room.slug}/").content.decode()
    assert "m05" in first_page and "m04" not in first_page
    assert f"?before={messages[5].pk}" in first_page

    older = alice_client.get(f"/forums/rooms/{open_room.slug}/?before={messages[5].pk}")
    assert "m04" in older.content.decode() and "m05" not in older.content.decode()

    data = alice_client.get(
        f"/forums/rooms/{open_room.slug}/history.json?before={messages[5].pk}"
    ).json()
    assert [m["text"] for m in data["messages"]] == [f"m{i:02d}" for i in range(5)]
    assert data["has_more"] is False


def test_private_room_history_is_refused_to_non_members(
    client, private_room, alice, carol
):
    MessageFactory(room=private_room, author=alice, text="confidential")
    url = f"/forums/rooms/{private_room.slug}/"

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous.url
    assert client.get(url + "history.json").status_code == 403

    client.force_login(carol)
    assert client.get(url).status_code == 403
    refused = client.get(url + "history.json")
    assert refused.status_code == 403
    assert "confidential" not in refused.content.decode()
    assert client.post(url, {"text": "let me in"}).status_code == 403

    client.force_login(alice)
    assert "confidential" in client.get(url).content.decode()
    assert client.get(url + "history.json").json()["messages"][0]["text"] == (
        "confidential"
    )


def test_anonymous_visitors_read_only_open_rooms_that_allow_it(client, open_room):
    url = f"/forums/rooms/{open_room.slug}/"
    assert client.get(url).status_code == 302
    open_room.anonymous_can_read = True
    open_room.save()
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="text"' not in page.content.decode()
    assert client.post(url, {"text": "hi"}).status_code == 302
    assert not Message.objects.exists()


def test_hidden_messages_show_as_hidden_by_a_moderator(
    client, open_room, alice, moderator
):
    message = MessageFactory(room=open_room, author=alice, text="rude words")
    client.force_login(moderator)
    client.post(f"/forums/rooms/{open_room.slug}/messages/{message.pk}/hide/")
    client.force_login(alice)
    html = client.get(f"/forums/rooms/{open_room.slug}/").content.decode()
    assert "Hidden by a moderator" in html
    assert "rude words" not in html
    message.refresh_from_db()
    assert message.text == "rude words" and message.hidden_at is not None


@override_settings(
    REDIS_URL="redis://127.0.0.1:1/0",
    CHANNEL_LAYERS={
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
        }
    },
)
def test_with_redis_down_the_page_renders_and_posting_still_saves(
    client, open_room, alice
):
    client.force_login(alice)
    posted = client.post(f"/forums/rooms/{open_room.slug}/", {"text": "still works"})
    assert posted.status_code == 302
    assert Message.objects.filter(text="still works").exists()
    page = client.get(f"/forums/rooms/{open_room.slug}/")
    assert page.status_code == 200
    assert "still works" in page.content.decode()
    assert "js/room.js" in page.content.decode()


def test_counselling_request_opens_a_private_room_for_the_invited(
    alice_client, alice, bob, carol
):
    moderators, counsellors = ensure_groups()
    bob.groups.add(counsellors)
    bob.first_name, bob.last_name = "Bob", "Jansen"
    bob.save()
    form = alice_client.get("/forums/counselling/new/").content.decode()
    assert f'<option value="{bob.pk}">Bob Jansen</option>' in form  # not "bob"
    bad = alice_client.post(
        "/forums/counselling/new/",
        {"topic": "Apprentice dropout", "invite": "carol, nobody"},
    )
    assert bad.status_code == 200
    assert "No member is called: nobody" in bad.content.decode()
    assert 'value="Apprentice dropout"' in bad.content.decode()

    made = alice_client.post(
        "/forums/counselling/new/",
        {"topic": "Apprentice dropout", "invite": "carol", "counsellor": bob.pk},
    )
    room = Room.objects.get(topic="Apprentice dropout")
    assert made.status_code == 302 and made.url == room.get_absolute_url()
    assert room.is_private and room.counsellor == bob
    assert set(room.members.values_list("username", flat=True)) == {
        "alice",
        "bob",
        "carol",
    }


def test_visitors_sign_in_on_the_members_login_not_the_admins(client, open_room):
    """The "sign in to write / to reply" links lead to the members' login in the
    page's language (with sign-up and password reset), not to Wagtail's English
    admin login."""
    open_room.anonymous_can_read = True
    open_room.save()
    thread = ThreadFactory()
    for path in (
        f"/de/forums/rooms/{open_room.slug}/",
        f"/de{thread.get_absolute_url()}",
    ):
        page = client.get(path).content.decode()
        assert f'href="/de/accounts/login/?next={path}"' in page
        assert "/admin/login/" not in page


def test_a_thread_active_a_moment_ago_says_just_now(client):
    """Not "active 0 minutes ago" (|timesince under a minute), in any language;
    older activity still says how long ago."""
    from datetime import timedelta

    from django.utils import timezone

    fresh = ThreadFactory(title="Fresh thread")
    ThreadFactory(
        title="Older thread", last_activity_at=timezone.now() - timedelta(hours=3)
    )
    listing = client.get("/forums/threads/").content.decode()
    assert f"by {fresh.author.get_full_name()}, active just now" in listing
    assert "0\xa0minutes" not in listing and "3\xa0hours ago" in listing
    index = client.get("/el/forums/").content.decode()
    assert "ενεργό μόλις τώρα" in index
    assert "0\xa0λεπτά" not in index


def test_threads_posts_and_replies(alice_client, client, bob):
    created = alice_client.post(
        "/forums/threads/new/",
        {"title": "Mentoring apprentices", "body": "How do you train mentors?"},
    )
    thread = Thread.objects.get()
    assert created.url == thread.get_absolute_url()
    opening = thread.posts.get()

    client.force_login(bob)
    replied = client.post(
        thread.get_absolute_url(),
        {"body": "With a short course.", "parent": opening.pk},
    )
    assert replied.status_code == 302
    reply = Post.objects.get(body="With a short course.")
    assert reply.parent == opening

    page = client.get(thread.get_absolute_url()).content.decode()
    assert "How do you train mentors?" in page and "With a short course." in page
    assert "Mentoring apprentices" in client.get("/forums/threads/").content.decode()
    assert "Mentoring apprentices" in client.get("/forums/").content.decode()


def test_a_chat_excerpt_becomes_a_thread(alice_client, open_room, alice, bob):
    kept = MessageFactory(room=open_room, author=bob, text="Use a logbook")
    MessageFactory(room=open_room, author=alice, text="off-topic")
    response = alice_client.post(
        f"/forums/rooms/{open_room.slug}/promote/",
        {"title": "Logbooks for apprentices", "messages": [kept.pk]},
    )
    thread = Thread.objects.get()
    assert response.url == thread.get_absolute_url()
    body = thread.posts.get().body
    assert "Bob: Use a logbook" in body and "off-topic" not in body
    assert thread.source_room == open_room


def test_a_thread_becomes_a_draft_practice_in_review(
    alice_client, alice, practice_index
):
    from wagtail.models import WorkflowPage

    from practices.models import PracticePage

    workflow = WorkflowPage.objects.get(page=practice_index).workflow

    thread = ThreadFactory(title="Peer mentoring", author=alice)
    PostFactory(thread=thread, body="Pair a new trainer with a senior one.")
    response = alice_client.post(
        "/forums/threads/peer-mentoring/promote/",
        {
            "summary": "Peer mentoring for trainers",
            "content_language": "it",
            "country": "IT",
        },
    )
    assert response.status_code == 302
    practice = PracticePage.objects.get()
    assert practice.live is False
    assert practice.submitted_by == alice
    assert practice.content_language == "it"
    assert "Pair a new trainer" in str(practice.body)
    state = practice.current_workflow_state
    assert state is not None and state.workflow == workflow
    thread.refresh_from_db()
    assert thread.promoted_practice_id == practice.pk


def test_only_the_author_or_a_moderator_promotes_a_thread(
    client, alice, bob, moderator
):
    ThreadFactory(title="T", author=alice)
    client.force_login(bob)
    assert client.get("/forums/threads/t/promote/").status_code == 403
    client.force_login(moderator)
    assert client.get("/forums/threads/t/promote/").status_code == 200


def test_moderators_manage_rooms_in_the_admin(client, moderator, open_room):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    listing = client.get("/admin/snippets/forums/room/")
    assert listing.status_code == 200
    assert "Green skills" in listing.content.decode()


def test_moderation_page_lists_flags_and_the_log(
    client, open_room, alice, bob, moderator
):
    from forums.models import MessageFlag

    message = MessageFactory(room=open_room, author=alice, text="spam spam")
    MessageFlag.objects.create(message=message, flagged_by=bob, reason="spam")
    client.force_login(bob)
    assert client.get("/forums/moderation/").status_code == 403
    client.force_login(moderator)
    page = client.get("/forums/moderation/").content.decode()
    assert "spam spam" in page
    client.post(
        f"/forums/rooms/{open_room.slug}/messages/{message.pk}/hide/",
        {"reason": "advert"},
    )
    page = client.get("/forums/moderation/").content.decode()
    assert "advert" in page and "Nothing is waiting." in page


@pytest.mark.parametrize("language", ["it", "es", "ca", "el", "de", "nl"])
def test_the_room_speaks_the_interface_language(alice_client, open_room, language):
    from django.utils import translation

    with translation.override(language):
        label, button = translation.gettext("Your message"), translation.gettext("Send")
    assert (label, button) != ("Your message", "Send"), "catalogue not compiled"
    html = alice_client.get(f"/{language}/forums/rooms/{open_room.slug}/").content
    assert f'<label for="id_text">{label}' in html.decode()
    assert f">{button}</button>" in html.decode()


def test_moderators_hide_a_thread_post_and_it_is_kept(client, alice, bob, moderator):
    post = PostFactory(thread__title="T", thread__author=alice, body="buy cheap pills")
    client.force_login(bob)
    assert client.post(f"/forums/threads/t/posts/{post.pk}/hide/").status_code == 403
    client.force_login(moderator)
    assert client.post(f"/forums/threads/t/posts/{post.pk}/hide/").status_code == 302
    page = client.get("/forums/threads/t/").content.decode()
    assert "Hidden by a moderator" in page and "cheap pills" not in page
    post.refresh_from_db()
    assert post.body == "buy cheap pills" and post.hidden_at is not None


def test_the_plain_form_has_the_same_rate_limit(alice_client, open_room):
    import time

    if time.time() % 10 > 6:  # all eleven inside one 10-second window
        time.sleep(10 - time.time() % 10)
    url = f"/forums/rooms/{open_room.slug}/"
    for i in range(10):
        assert alice_client.post(url, {"text": f"n{i}"}).status_code == 302
    refused = alice_client.post(url, {"text": "one too many"})
    assert refused.status_code == 400
    assert "too fast" in refused.content.decode()
    assert "one too many" in refused.content.decode()
    assert Message.objects.count() == 10


def test_the_plain_flag_form_asks_for_a_reason_and_keeps_it(
    client, open_room, alice, bob
):
    """Issue 14: the room's Flag button sent no reason."""
    message = Message.objects.create(room=open_room, author=alice, text="Buy now")
    client.force_login(bob)
    html = client.get(f"/forums/rooms/{open_room.slug}/").content.decode()
    assert f'id="flag-reason-{message.pk}" name="reason" required' in html
    url = f"/forums/rooms/{open_room.slug}/messages/{message.pk}/flag/"
    refused = client.post(url, {"reason": ""}, follow=True)
    assert "Please say why you flag this message." in refused.content.decode()
    assert not MessageFlag.objects.exists()
    client.post(url, {"reason": "advertising"})
    assert MessageFlag.objects.get().reason == "advertising"


def test_the_plain_form_stores_a_resubmitted_message_once(alice_client, open_room):
    page = alice_client.get(f"/forums/rooms/{open_room.slug}/")
    form = page.context["form"]
    client_id = str(form["client_id"].value())
    assert f'name="client_id" value="{client_id}"' in page.content.decode()
    data = {"text": "Sent twice by a double click", "client_id": client_id}
    first = alice_client.post(f"/forums/rooms/{open_room.slug}/", data)
    second = alice_client.post(f"/forums/rooms/{open_room.slug}/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert open_room.messages.count() == 1


def test_a_resubmitted_reply_is_stored_once(client, alice):
    thread = ThreadFactory(title="Apprenticeship tutors")
    client.force_login(alice)
    page = client.get(thread.get_absolute_url())
    client_id = str(page.context["form"]["client_id"].value())
    data = {"body": "Our tutors meet monthly.", "client_id": client_id}
    first = client.post(thread.get_absolute_url(), data)
    second = client.post(thread.get_absolute_url(), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert thread.posts.filter(body="Our tutors meet monthly.").count() == 1


def test_the_thread_listing_pages_like_every_list(client):
    """85 threads, 20 a page: a labelled landmark, the current page marked, gaps
    as ellipses, and links that keep the page's other parameters (the listing
    showed "Previous 2 Next" with no name and dropped them)."""
    ThreadFactory.create_batch(85)
    html = client.get("/forums/threads/?page=2&lang=it").content.decode()
    current, links, gaps = page_nav(html, "Pages of threads")
    assert current == "2" and gaps == 1
    assert links == {
        "Previous": "?lang=it",
        "1": "?lang=it",
        "3": "?lang=it&page=3",
        "5": "?lang=it&page=5",
        "Next": "?lang=it&page=3",
    }


def test_a_thread_listing_page_past_the_end_shows_the_last_one(client):
    ThreadFactory.create_batch(25)
    response = client.get("/forums/threads/?page=9")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is no page 9: this list fills 2 pages; this is the last one." in html
    assert page_nav(html, "Pages of threads")[0] == "2"
    assert (
        "is not a page number" in client.get("/forums/threads/?page=x").content.decode()
    )
