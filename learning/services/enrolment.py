"""Enrolment: self-enrolment, or a request a trainer approves; places limited by
the course's capacity, counted under a lock on the course's row."""

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from ..models import CoursePage, Enrolment
from . import mail
from .rooms import add_to_room

DEFAULT_LOCK_TIMEOUT_MS = 3000
POSTGRES_LOCK_NOT_AVAILABLE = "55P03"


class EnrolmentError(Exception):
    pass


class CourseFull(EnrolmentError):
    pass


class EnrolmentBusy(EnrolmentError):
    """The course's lock could not be taken in time: try again."""


def enrolment_for(course, user):
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(course=course, user=user).first()


def is_trainer(course, user):
    if not user.is_authenticated:
        return False
    return user.is_superuser or course.trainers.filter(pk=user.pk).exists()


def places_taken(course):
    return Enrolment.objects.filter(
        course=course, status=Enrolment.Status.ACTIVE
    ).count()


def _lock_course(course_id):
    """SELECT ... FOR UPDATE on the course's own row (not Wagtail's page row), the
    transaction's first statement; PostgreSQL waits at most LEARNING_LOCK_TIMEOUT_MS.
    """
    if connection.vendor == "postgresql":
        timeout = getattr(settings, "LEARNING_LOCK_TIMEOUT_MS", DEFAULT_LOCK_TIMEOUT_MS)
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = {int(timeout)}")
    return (
        CoursePage.objects.select_for_update(of=("self",))
        .only("pk", "capacity")
        .get(pk=course_id)
    )


def _under_course_lock(course, work):
    try:
        with transaction.atomic(durable=True):
            locked = _lock_course(course.pk)
            return work(locked)
    except OperationalError as error:
        cause = error.__cause__
        if getattr(cause, "sqlstate", None) == POSTGRES_LOCK_NOT_AVAILABLE:
            raise EnrolmentBusy() from error
        raise


def _has_place(locked_course):
    # Re-counted under the lock: a place counted before it may be gone now.
    return (
        locked_course.capacity is None
        or places_taken(locked_course) < locked_course.capacity
    )


def enrol(course, user):
    """Enrol ``user``: active at once (self-enrolment, while places remain) or
    pending a trainer's approval. Returns the enrolment; raises CourseFull."""
    existing = enrolment_for(course, user)
    if existing is not None:
        return existing
    if course.enrolment_mode == CoursePage.EnrolmentMode.APPROVAL:
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    course=course, user=user, status=Enrolment.Status.PENDING
                )
        except IntegrityError:
            return enrolment_for(course, user)
        mail.enrolment_requested(enrolment)
        return enrolment

    def work(locked):
        again = enrolment_for(course, user)
        if again is not None:
            return again
        if not _has_place(locked):
            raise CourseFull()
        enrolment = Enrolment.objects.create(
            course=course, user=user, status=Enrolment.Status.ACTIVE
        )
        add_to_room(course, user)
        return enrolment

    return _under_course_lock(course, work)


def approve(enrolment, by):
    """A trainer lets a pending learner in, if a place is left."""
    course = enrolment.course

    def work(locked):
        current = Enrolment.objects.get(pk=enrolment.pk)
        if current.status == Enrolment.Status.ACTIVE:
            return current
        if not _has_place(locked):
            raise CourseFull()
        current.status = Enrolment.Status.ACTIVE
        current.approved_at = timezone.now()
        current.approved_by = by
        current.save(update_fields=["status", "approved_at", "approved_by"])
        add_to_room(course, current.user)
        mail.enrolment_approved(current)
        return current

    return _under_course_lock(course, work)


def reject(enrolment, by):
    if enrolment.status == Enrolment.Status.PENDING:
        enrolment.status = Enrolment.Status.REJECTED
        enrolment.approved_by = by
        enrolment.save(update_fields=["status", "approved_by"])
    return enrolment
