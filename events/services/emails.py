"""E-mails to registrants, each in the registrant's own language."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ..models import Registration
from .calendar import event_ics

WITH_CALENDAR = {"confirmed", "promoted"}
KINDS = {"confirmed", "waitlisted", "promoted", "cancelled", "reminder"}


def _site_url(site_url):
    return (site_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def manage_url(registration, site_url=None):
    with translation.override(registration.language):
        path = reverse(
            "events:manage",
            kwargs={"slug": registration.event.slug, "token": registration.token},
        )
    return _site_url(site_url) + path


def event_url(event, site_url=None):
    return _site_url(site_url) + (event.url or "")


def _render(kind, context):
    subject = render_to_string(f"events/email/{kind}_subject.txt", context)
    body = render_to_string(f"events/email/{kind}.txt", context)
    return " ".join(subject.split()), body


def build_registration_email(kind, registration, site_url=None):
    if kind not in KINDS:
        raise ValueError(kind)
    event = registration.event
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": event,
            "manage_url": manage_url(registration, site_url),
            "event_url": event_url(event, site_url),
            "zone": event.zone,
        }
        subject, body = _render(kind, context)
    message = EmailMessage(subject, body, to=[registration.email])
    if kind in WITH_CALENDAR:
        message.attach(
            f"{event.slug}.ics",
            event_ics(event, context["event_url"], registration),
            "text/calendar",
        )
    return message


def send_registration_email(kind, registration_pk, site_url=None):
    registration = Registration.objects.select_related("event").get(pk=registration_pk)
    build_registration_email(kind, registration, site_url).send()


def send_update(event, subject, message, sender="", site_url=None):
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
                    "manage_url": manage_url(registration, site_url),
                    "event_url": event_url(event, site_url),
                    "zone": event.zone,
                },
            )
        messages.append(
            EmailMessage(f"{event.title}: {subject}", body, to=[registration.email])
        )
    with get_connection() as connection:
        connection.send_messages(messages)
    return len(messages)
