"""A completion's credential is issued by the task worker, which retries a failed
issuing with the site's back-off (vetnet/tasks.py) instead of the learner's next
page view doing it."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from credentials.models import Credential
from learning.models import Enrolment
from learning.tasks import issue_course_credential
from tests.factories import MemberFactory
from tests.worker import DATABASE_TASKS, running_worker, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TASK = "learning.tasks.issue_course_credential"


def test_a_failed_issuing_is_retried_by_the_worker(settings, tmp_path, make_course):
    course = make_course(modules=1, lessons=1)
    learner = MemberFactory()
    enrolment = Enrolment.objects.create(
        course=course, user=learner, status="active", completed_at=timezone.now()
    )
    fonts = settings.CREDENTIALS_FONT_DIR
    settings.TASKS = DATABASE_TASKS
    settings.TASK_RETRY_DELAYS = [0.5] * 5
    # The certificate's fonts are missing on this server: issuing fails.
    settings.CREDENTIALS_FONT_DIR = str(tmp_path)

    with pytest.raises(ImproperlyConfigured):
        issue_course_credential.call(enrolment.pk)
    assert not Credential.objects.exists()
    (retry,) = DBTaskResult.objects.filter(task_path=TASK, status="READY")
    assert retry.args_kwargs["kwargs"] == {"attempt": 1}

    settings.CREDENTIALS_FONT_DIR = fonts  # an operator installs them
    with running_worker():

        def issued():
            """the retry issued the learner's credential"""
            return Credential.objects.filter(recipient=learner).first()

        credential = wait_for(issued)
    assert credential.badge_class.key == f"course:{course.translation_key}"
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"
