"""When a course is completed, and what follows."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import strip_tags

from practices.services.member_mail import member_language
from vetnet.site import absolute_url

from ..models import Enrolment, LessonCompletion
from .outline import course_outline


def course_lesson_ids(course):
    return set(course_outline(course, course.url_path).lesson_ids)


def is_course_complete(enrolment):
    """Every live lesson of the course is done (a course without lessons never is)."""
    wanted = course_lesson_ids(enrolment.course)
    if not wanted:
        return False
    done = set(
        LessonCompletion.objects.filter(
            enrolment=enrolment, lesson_id__in=wanted
        ).values_list("lesson_id", flat=True)
    )
    return wanted <= done


def check_course_completion(enrolment):
    """Record the completion once, the first time every lesson is done."""
    if enrolment.completed_at is not None or not is_course_complete(enrolment):
        return False
    now = timezone.now()
    updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at=None).update(
        completed_at=now
    )
    if not updated:
        return False
    enrolment.completed_at = now
    transaction.on_commit(lambda: course_completed(enrolment), robust=False)
    return True


def credential_arguments(enrolment):
    """The keyword arguments of credentials.services.issue_credential for this
    completion (stable badge key across translations of the course)."""
    course = enrolment.course
    user = enrolment.user
    language = member_language(user)
    with translation.override(language):
        course_url = course.get_url()
    return {
        "recipient": user,
        "badge_key": f"course:{course.translation_key}",
        "badge_name": course.title,
        "badge_description": strip_tags(course.summary),
        "criteria_url": absolute_url(course_url),
        "workload_hours": int(course.workload_hours),
        "learning_outcomes": course.outcome_list,
        "language": language,
        "issuer_organisation": course.issuing_organisation,
    }


def course_completed(enrolment):
    """Called once, after the commit that recorded the course's completion.

    The credential (certificate and Open Badge) is issued here by the credentials
    app: ``issue_credential(**credential_arguments(enrolment))``. That app is not
    on this branch yet, so nothing is issued; the lead wires the call in.
    """
    return None
