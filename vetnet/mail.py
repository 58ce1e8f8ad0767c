"""Every e-mail of the site leaves through a background task.

``EMAIL_BACKEND`` is :class:`TaskEmailBackend`: ``send()`` anywhere (our services,
allauth, Wagtail) stores each message as a :func:`deliver_email` task in the same
database transaction and returns at once. The task worker hands it to the real
backend, ``settings.EMAIL_DELIVERY_BACKEND`` (SMTP in production), and retries with
back-off while the mail server is unreachable (:mod:`vetnet.tasks`).
"""

import base64
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from .tasks import retrying_task

logger = logging.getLogger(__name__)


def _encode_content(content):
    if isinstance(content, bytes):
        return {"base64": base64.b64encode(content).decode("ascii")}
    return {"text": str(content)}


def _decode_content(data):
    if "base64" in data:
        return base64.b64decode(data["base64"])
    return data["text"]


def message_to_json(message):
    """The parts of an EmailMessage a task can carry (JSON)."""
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if filename is None and not isinstance(content, str | bytes):
            raise ValueError("MIME attachments cannot be queued; pass bytes or text")
        attachments.append([filename, _encode_content(content), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
    }


def message_from_json(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, _decode_content(content), mimetype)
    return message


# smtplib's errors are OSErrors, as are refused and timed-out connections.
@retrying_task(retry_on=(OSError,))
def deliver_email(data):
    """Send one queued message through the real backend."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    return connection.send_messages([message_from_json(data)])


class TaskEmailBackend(BaseEmailBackend):
    """Queues each message as a :func:`deliver_email` task instead of sending it."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                deliver_email.enqueue(message_to_json(message))
            except Exception:
                if self.fail_silently:
                    logger.exception("mail: could not queue %r", message.subject)
                    continue
                raise
            queued += 1
        return queued
