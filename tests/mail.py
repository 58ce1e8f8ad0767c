"""A real SMTP server for the tests that follow an e-mail out of the task worker.

aiosmtpd listens on a loopback port of the test's own; the settings send mail
through vetnet.mail's task backend, so only the worker (tests/worker.py) speaks
SMTP. The fixture hands back the controller unstarted: a test decides when the
server is up (one test keeps it down at first to see the worker retry).
"""

import time
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller

from tests.forums.servers import free_port
from tests.worker import DATABASE_TASKS


class Inbox:
    """What the server received: the envelopes, and each message parsed with the
    wall-clock time it arrived."""

    def __init__(self):
        self.messages = []
        self.arrivals = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        self.arrivals.append((time.time(), message_from_bytes(envelope.content)))
        return "250 Message accepted"


@pytest.fixture
def smtp(settings):
    port = free_port()
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "vetnet.mail.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.TASK_RETRY_DELAYS = [0.5] * 20
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    yield controller, inbox
    if getattr(controller, "_thread", None) is not None:
        controller.stop()
