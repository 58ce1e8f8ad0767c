"""When a course is completed, and what follows."""

import logging

from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import strip_tags

from credentials.models import Credential
from credentials.services import issue_credential
from practices.services.member_mail import member_language
from vetnet.site import absolute_url

from ..models import Enrolment, LessonCompletion
from .outline import course_outline

logger = logging.getLogger(__name__)


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
    # The worker issues the credential, retrying on failure (learning/tasks.py);
    # robust: not even enqueueing can break the learner's request.
    transaction.on_commit(lambda: _enqueue_issuing(enrolment.pk), robust=True)
    return True


def _enqueue_issuing(enrolment_id):
    from ..tasks import issue_course_credential

    issue_course_credential.enqueue(enrolment_id)


def badge_key(course):
    """One badge per course whatever its translation (they share the key)."""
    return f"course:{course.translation_key}"


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
        "badge_key": badge_key(course),
        "badge_name": course.title,
        "badge_description": strip_tags(course.summary),
        "criteria_url": absolute_url(course_url),
        "workload_hours": int(course.workload_hours),
        "learning_outcomes": course.outcome_list,
        "language": language,
        "content_language": course.locale.language_code,
        "issuer_organisation": course.issuing_organisation,
    }


def course_completed(enrolment):
    """Called once, after the commit that recorded the course's completion: the
    credentials app issues the certificate and the Open Badge (idempotent: a
    second call returns the first credential)."""
    return issue_credential(**credential_arguments(enrolment))


def _credentials_of(completed):
    """{(user id, badge key): Credential} of these completed enrolments' learners."""
    return {
        (credential.recipient_id, credential.badge_class.key): credential
        for credential in Credential.objects.filter(
            recipient_id__in={e.user_id for e in completed},
            badge_class__key__in={badge_key(e.course) for e in completed},
        ).select_related("badge_class")
    }


def credentials_for(enrolments):
    """{enrolment id: Credential} of completed enrolments that have one, in one
    query. Pages only read: a missing credential is the worker's to issue (the
    task's retries, then ``issue_missing_credentials``)."""
    completed = [e for e in enrolments if e.completed_at is not None]
    if not completed:
        return {}
    found = _credentials_of(completed)
    result = {}
    for enrolment in completed:
        credential = found.get((enrolment.user_id, badge_key(enrolment.course)))
        if credential is not None:
            result[enrolment.pk] = credential
    return result


def missing_credentials(batch=500):
    """Completed enrolments whose credential was never issued, oldest first."""
    completed = Enrolment.objects.filter(completed_at__isnull=False).select_related(
        "course", "user"
    )
    missing = []
    chunk = []
    for enrolment in completed.order_by("completed_at").iterator(chunk_size=batch):
        chunk.append(enrolment)
        if len(chunk) == batch:
            missing += _without_credential(chunk)
            chunk = []
    return missing + _without_credential(chunk)


def _without_credential(chunk):
    if not chunk:
        return []
    found = _credentials_of(chunk)
    return [e for e in chunk if (e.user_id, badge_key(e.course)) not in found]


def issue_missing_credentials():
    """Issue every missing credential here; one failure does not stop the others.
    Returns (issued, failed)."""
    issued = failed = 0
    for enrolment in missing_credentials():
        try:
            course_completed(enrolment)
        except Exception:
            logger.exception("credential of enrolment %s not issued", enrolment.pk)
            failed += 1
        else:
            issued += 1
    return issued, failed
