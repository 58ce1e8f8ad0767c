"""Background tasks: staff see them in the admin; the retry policy's limits."""

import pytest
from django.contrib.auth import get_user_model
from django_tasks_db.models import DBTaskResult

from tests.worker import DATABASE_TASKS
from vetnet.mail import deliver_email
from vetnet.tasks import schedule_retry

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(settings):
    settings.TASKS = DATABASE_TASKS
    deliver_email.enqueue({"subject": "Welcome"})
    return DBTaskResult.objects.get()


def test_superusers_see_background_tasks_in_the_admin(client, queued):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    listing = client.get("/admin/background_tasks/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "deliver_email" in html and "Ready" in html
    detail = client.get(f"/admin/background_tasks/inspect/{queued.pk}/")
    assert detail.status_code == 200
    # Read-only: nobody adds or edits task rows by hand.
    assert client.get("/admin/background_tasks/new/").status_code in (302, 403)
    edit = client.get(f"/admin/background_tasks/edit/{queued.pk}/")
    assert edit.status_code in (302, 403)


def test_members_do_not_see_background_tasks(client, queued):
    member = get_user_model().objects.create_user("m", "m@example.org", "x")
    client.force_login(member)
    response = client.get("/admin/background_tasks/")
    assert response.status_code in (302, 403)


def test_retries_back_off_then_stop(settings, queued):
    settings.TASK_RETRY_DELAYS = [10, 60]
    args, kwargs = ({"subject": "Welcome"},), {}
    assert schedule_retry(deliver_email, args, kwargs, 0, OSError("down")) == 10
    assert schedule_retry(deliver_email, args, kwargs, 1, OSError("down")) == 60
    assert schedule_retry(deliver_email, args, kwargs, 2, OSError("down")) is None
    retries = DBTaskResult.objects.exclude(pk=queued.pk).order_by("run_after")
    assert [task.args_kwargs["kwargs"]["attempt"] for task in retries] == [1, 2]
    first, second = retries
    assert 50 <= (second.run_after - first.run_after).total_seconds() <= 51
