"""Background tasks that retry: the one retry policy of the site.

django-tasks runs a task once. Work that talks to another server (SMTP for
e-mail, Elasticsearch for the index) is declared with :func:`retrying_task`: when
it raises one of the errors named in ``retry_on``, the same task is enqueued again
with ``run_after`` pushed back by the next delay of ``settings.TASK_RETRY_DELAYS``
(seconds) and ``attempt`` one higher, and the error is re-raised so the failed
run stays in the task list of the admin with its traceback. After the last delay
the task gives up; the failed runs remain in the admin.

A backend that cannot defer work (the immediate backend of the unit tests) gets no
retry: the failure is recorded and the caller's request is unaffected.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def retry_delay(attempt):
    """Seconds before retry number ``attempt + 1``, or None when out of retries."""
    delays = list(settings.TASK_RETRY_DELAYS)
    return delays[attempt] if attempt < len(delays) else None


def schedule_retry(the_task, args, kwargs, attempt, error):
    """Enqueue ``the_task`` again after the next back-off delay. Returns the delay
    in seconds, or None when no retry was scheduled."""
    delay = retry_delay(attempt)
    if delay is None:
        logger.error(
            "task %s failed for good after %s attempts: %s",
            the_task.module_path,
            attempt + 1,
            error,
        )
        return None
    if not the_task.get_backend().supports_defer:
        return None
    the_task.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        *args, attempt=attempt + 1, **kwargs
    )
    logger.warning(
        "task %s failed (attempt %s: %s); retrying in %ss",
        the_task.module_path,
        attempt + 1,
        error,
        delay,
    )
    return delay


def retrying_task(*, retry_on, **task_options):
    """Like ``@task()``, plus a retry with back-off on the errors in ``retry_on``.

    The decorated function is called without ``attempt``; the task accepts it.
    """

    def decorate(func):
        @functools.wraps(func)
        def run(*args, attempt=0, **kwargs):
            try:
                return func(*args, **kwargs)
            except retry_on as error:
                schedule_retry(the_task, args, kwargs, attempt, error)
                raise

        the_task = task(**task_options)(run)
        return the_task

    return decorate
