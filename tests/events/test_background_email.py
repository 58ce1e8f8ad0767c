"""Confirmation e-mails leave through the task worker, not the request.

A real SMTP server (aiosmtpd) on a loopback port this test owns: down while a
visitor registers, up later. The registration answers at once; the worker tries,
fails, retries with back-off and delivers once the server is back.
"""

import time
from email import message_from_bytes

import pytest
from django_tasks_db.models import DBTaskResult

from events.models import Registration
from tests.events.test_views import form_data
from tests.worker import running_worker, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DELIVER = "vetnet.mail.deliver_email"


def test_registration_succeeds_while_smtp_is_down_and_its_mail_arrives_later(
    smtp, event, client
):
    controller, inbox = smtp
    started = time.monotonic()
    response = client.post(
        "/events/rome-workshop/register/", form_data(1, email="giulia@example.org")
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 2
    registration = Registration.objects.get(email="giulia@example.org")
    assert registration.status == Registration.Status.CONFIRMED
    # Queued, not sent: nothing has talked to the (absent) mail server yet.
    (queued,) = DBTaskResult.objects.filter(task_path=DELIVER)
    assert queued.status == "READY"

    with running_worker():

        def failed_once():
            """the worker tried the unreachable server and scheduled a retry"""
            return DBTaskResult.objects.filter(
                task_path=DELIVER, status="FAILED"
            ).exists() and DBTaskResult.objects.filter(
                task_path=DELIVER, status="READY"
            )

        failed = wait_for(failed_once)
        assert failed[0].args_kwargs["kwargs"]["attempt"] >= 1
        assert not inbox.messages

        controller.start()
        wait_for(lambda: inbox.messages)

    (envelope,) = inbox.messages
    assert envelope.rcpt_tos == ["giulia@example.org"]
    message = message_from_bytes(envelope.content)
    assert "Rome international workshop" in message["Subject"]
    parts = [part.get_content_type() for part in message.walk()]
    assert "text/calendar" in parts
    assert DBTaskResult.objects.filter(task_path=DELIVER, status="SUCCESSFUL").exists()
