"""Members hear about their submission in member-facing e-mails, in their own
language, with links on SITE_URL they can open (not Wagtail's admin e-mails)."""

import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core import mail
from wagtail.models import WorkflowState

from practices.models import PracticePage
from tests.practices.test_submission import form_data, logged_in  # noqa: F401

pytestmark = pytest.mark.django_db


def submit_in_italian(client, data):
    response = client.post("/it/practices/submit/", data)
    assert response.status_code == 302
    return PracticePage.objects.get(title=data["title"])


def task_state(page):
    return WorkflowState.objects.get(object_id=str(page.pk)).current_task_state


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def links(message):
    return re.findall(r"https?://\S+", message.body)


def test_member_gets_a_published_email_in_their_language(
    logged_in,  # noqa: F811
    form_data,  # noqa: F811
    member,
    editor,
):
    page = submit_in_italian(logged_in, form_data)
    mail.outbox.clear()
    task_state(page).approve(user=editor)

    (message,) = mails_to(member.email)
    assert "pubblicata" in message.subject
    assert form_data["title"] in message.subject
    site = settings.SITE_URL
    assert f"{site}/it/practices/{quote(page.slug)}/" in links(message)
    assert f"{site}/it/practices/mine/" in links(message)
    assert all(link.startswith(f"{site}/it/") for link in links(message))
    assert "/admin/" not in message.body and "localhost" not in message.body


def test_member_gets_changes_requested_with_the_comment(
    logged_in,  # noqa: F811
    form_data,  # noqa: F811
    member,
    editor,
):
    page = submit_in_italian(logged_in, form_data)
    mail.outbox.clear()
    task_state(page).reject(user=editor, comment="Aggiungete il numero di apprendisti.")

    (message,) = mails_to(member.email)
    assert "modifiche" in message.subject.lower()
    assert "Aggiungete il numero di apprendisti." in message.body
    assert f"{settings.SITE_URL}/it/practices/mine/" in links(message)
    assert "/admin/" not in message.body


def test_staff_submitters_keep_wagtails_notification(client, form_data, editor):  # noqa: F811
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.create_user(
        username="sam", email="sam@example.org", password="pw", is_superuser=True
    )
    client.force_login(staff)
    page = submit_in_italian(client, form_data)
    mail.outbox.clear()
    task_state(page).approve(user=editor)
    (message,) = mails_to(staff.email)
    assert "/admin/" in message.body
