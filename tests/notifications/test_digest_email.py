"""Digests through the real worker to a real SMTP server (aiosmtpd): in the
member's language, linking back, with RFC 8058 unsubscribe headers; never to an
unconfirmed address; never twice."""

import time
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.test import Client
from wagtail.users.models import UserProfile

from notifications.models import Digest, Notification
from notifications.services import digests, follows, preferences
from tests.baseline import ensure_baseline
from tests.factories import MemberFactory, PracticePageFactory, SectorFactory
from tests.worker import running_worker, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SITE = "https://vetnet.example.org"


@pytest.fixture
def italian_follower(transactional_db, settings):
    settings.SITE_URL = SITE
    ensure_baseline()
    SectorFactory(slug="construction")
    giulia = MemberFactory(email="giulia@example.org", first_name="Giulia")
    profile = UserProfile.get_for_user(giulia)
    profile.preferred_language = "it"
    profile.save()
    follows.follow(giulia, "sector", "construction")
    preferences.set_frequencies(giulia, {"practice": "immediate"})
    return giulia


def header(message, name):
    return str(make_header(decode_header(message[name])))


def parts(message):
    return {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }


def test_publish_mails_followers_in_their_language_once(smtp, italian_follower):
    from practices.demo import ensure_index_page

    controller, inbox = smtp
    controller.start()
    unconfirmed = MemberFactory(email="nobody@example.org", verified=False)
    follows.follow(unconfirmed, "sector", "construction")
    preferences.set_frequencies(unconfirmed, {"practice": "immediate"})

    index = ensure_index_page()
    page = PracticePageFactory(
        parent=index, title="Cantiere verde", sectors=["construction"]
    )
    with running_worker():
        wait_for(lambda: inbox.messages)
        time.sleep(1)  # anything else the worker would (wrongly) send
        # A run repeated after a restart finds nothing left to send.
        assert digests.run("immediate") == {"built": 0, "queued": 0}
        time.sleep(1)

    (envelope,) = inbox.messages
    assert envelope.rcpt_tos == ["giulia@example.org"]
    message = message_from_bytes(envelope.content)
    assert header(message, "Subject") == "1 nuova notifica da VET NET Community"
    assert message["Content-Language"] == "it"
    body = parts(message)
    link = f"{SITE}/it/practices/{page.slug}/"
    assert "Nuova pratica: Cantiere verde" in body["text/plain"]
    assert link in body["text/plain"]
    assert f'href="{link}"' in body["text/html"]
    assert f"{SITE}/it/follows/" in body["text/plain"]

    # Unfolded as a mail client reads it (the long header is folded on the wire).
    unsubscribe = "".join(message["List-Unsubscribe"].split())
    assert unsubscribe.startswith(f"<{SITE}/") and unsubscribe.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The mail client's one-click POST: no session, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe[1:-1].removeprefix(SITE),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert preferences.frequencies_of(italian_follower)["practice"] == "off"
    assert not Notification.objects.filter(
        user=unconfirmed, digest__isnull=False
    ).exists()


def test_a_worker_stopped_between_building_and_queueing_sends_once(
    italian_follower, mailoutbox
):
    Notification.objects.create(
        user=italian_follower,
        kind="practice",
        key="p1",
        title="A",
        path="/practices/a/",
    )
    _run, built = digests.build("immediate")
    assert built == 1
    # Restarted: building again finds the notification taken, queueing sends it once.
    assert digests.build("immediate")[1] == 0
    assert digests.queue() == 1
    assert digests.queue() == 0
    assert len(mailoutbox) == 1
    assert Digest.objects.get().queued_at is not None


def test_daily_digest_is_built_once_per_day(italian_follower, mailoutbox):
    preferences.set_frequencies(italian_follower, {"practice": "daily"})
    for key in ("p1", "p2"):
        Notification.objects.create(
            user=italian_follower, kind="practice", key=key, title=key, path="/"
        )
    assert digests.run("immediate") == {"built": 0, "queued": 0}
    assert digests.run("daily") == {"built": 1, "queued": 1}
    Notification.objects.create(
        user=italian_follower, kind="practice", key="p3", title="p3", path="/"
    )
    # Same day: the day's digest exists; p3 waits for tomorrow's.
    assert digests.run("daily") == {"built": 0, "queued": 0}
    assert len(mailoutbox) == 1
    assert "p1" in mailoutbox[0].body and "p2" in mailoutbox[0].body
