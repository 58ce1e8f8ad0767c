"""The learning app's background work: issuing a completed course's credential.

``issue_course_credential`` is enqueued when the transaction that records a
completion commits (services/completion.py). Issuing is idempotent (a second run
returns the first credential), so any failure (database, media storage, the
certificate's fonts) is retried with the site's back-off (:mod:`vetnet.tasks`);
completions still without a credential after the last retry are picked up by
``manage.py issue_missing_credentials`` (a daily timer in production).
"""

from django_tasks import task

from vetnet.tasks import retrying_task

from .models import Enrolment
from .services.completion import course_completed, issue_missing_credentials


@retrying_task(retry_on=(Exception,))
def issue_course_credential(enrolment_id):
    enrolment = (
        Enrolment.objects.select_related("course", "user")
        .filter(pk=enrolment_id, completed_at__isnull=False)
        .first()
    )
    if enrolment is None:  # deleted with the account, or never completed
        return None
    return course_completed(enrolment).pk


@task()
def sweep_missing_credentials():
    issued, failed = issue_missing_credentials()
    return {"issued": issued, "failed": failed}
