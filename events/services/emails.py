"""E-mails to registrants, each in the registrant's own language.

Links are on SITE_URL and under the registrant's ``/<lang>/`` prefix. ``send()``
queues each message as a task (vetnet/mail.py): nothing here waits for SMTP.
"""

from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from vetnet.site import absolute_url, localised_path, reverse_in

from ..models import Registration
from .calendar import event_ics

WITH_CALENDAR = {"confirmed", "promoted", "cancelled"}
KINDS = {"confirmed", "waitlisted", "promoted", "cancelled", "reminder"}


def manage_url(registration):
    return absolute_url(
        reverse_in(
            registration.language,
            "events:manage",
            kwargs={"slug": registration.event.slug, "token": registration.token},
        )
    )


def event_url(event, language=None):
    return absolute_url(localised_path(event.url or "/", language))


def _render(kind, context):
    subject = render_to_string(f"events/email/{kind}_subject.txt", context)
    body = render_to_string(f"events/email/{kind}.txt", context)
    return " ".join(subject.split()), body


def build_registration_email(kind, registration):
    if kind not in KINDS:
        raise ValueError(kind)
    event = registration.event
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": event,
            "manage_url": manage_url(registration),
            "event_url": event_url(event, language=registration.language),
            "zone": event.zone,
        }
        subject, body = _render(kind, context)
    message = EmailMessage(subject, body, to=[registration.email])
    if kind in WITH_CALENDAR:
        message.attach(
            f"{event.slug}.ics",
            event_ics(
                event,
                context["event_url"],
                registration,
                cancelled=kind == "cancelled",
            ),
            "text/calendar",
        )
    return message


def send_registration_email(kind, registration_pk):
    registration = Registration.objects.select_related("event").get(pk=registration_pk)
    build_registration_email(kind, registration).send()


def send_update(event, subject, message, sender=""):
    """An organiser's update to every confirmed registrant. Returns how many."""
    registrations = list(
        Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED
        ).select_related("event")
    )
    messages = []
    for registration in registrations:
        with translation.override(registration.language):
            body = render_to_string(
                "events/email/update.txt",
                {
                    "registration": registration,
                    "event": event,
                    "message": message,
                    "sender": sender,
                    "manage_url": manage_url(registration),
                    "event_url": event_url(event, language=registration.language),
                    "zone": event.zone,
                },
            )
        messages.append(
            EmailMessage(f"{event.title}: {subject}", body, to=[registration.email])
        )
    with get_connection() as connection:
        connection.send_messages(messages)
    return len(messages)
