"""E-mails about enrolment by approval: the trainers hear of a request, the learner
of the approval. Each in the reader's language with links on SITE_URL under that
language's prefix, as practices/services/member_mail.py does; sent through the
site's mail backend (vetnet/mail.py) once the enrolment is committed."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from community.names import display_name
from practices.services.member_mail import member_language
from vetnet.site import absolute_url, localised_path, reverse_in


def _send(kind, reader, context):
    if not reader.email or not reader.is_active:
        return
    language = member_language(reader)
    course = context["course"]
    with translation.override(language):
        context = {
            **context,
            "name": display_name(reader),
            "site_name": settings.WAGTAIL_SITE_NAME,
            "course_url": absolute_url(localised_path(course.url or "/", language)),
            "learners_url": absolute_url(
                reverse_in(
                    language, "learning:trainer", kwargs={"course_id": course.pk}
                )
            ),
        }
        subject = render_to_string(f"learning/email/{kind}_subject.txt", context)
        body = render_to_string(f"learning/email/{kind}.txt", context)
    EmailMessage(" ".join(subject.split()), body, to=[reader.email]).send()


def enrolment_requested(enrolment):
    """After the commit: every trainer of the course hears of the request."""

    def send():
        course = enrolment.course
        for trainer in course.trainers.all():
            _send(
                "requested",
                trainer,
                {"course": course, "learner": display_name(enrolment.user)},
            )

    transaction.on_commit(send, robust=True)


def enrolment_approved(enrolment):
    """After the commit: the learner hears that they are in."""
    transaction.on_commit(
        lambda: _send("approved", enrolment.user, {"course": enrolment.course}),
        robust=True,
    )
