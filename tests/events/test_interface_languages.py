"""Events in the interface languages: country names, one date format per locale
(Greek genitive months), links that keep the /<lang>/ prefix, and the calendar
entry that a cancellation takes out of the registrant's calendar."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from icalendar import Calendar

from events.models import Registration
from events.services.registration import cancel, register
from tests.events.conftest import person

pytestmark = pytest.mark.django_db

ROME = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def february(make_event):
    return make_event(
        "february",
        title="February workshop",
        start=dt.datetime(2027, 2, 4, 10, 0, tzinfo=ROME),
        end=dt.datetime(2027, 2, 4, 17, 0, tzinfo=ROME),
        registration_opens=None,
        registration_closes=None,
    )


def test_registration_country_list_is_in_the_page_language(event, client):
    html = client.get("/it/events/rome-workshop/register/").content.decode()
    assert '<option value="DE">Germania</option>' in html
    assert '<option value="DE">Germany</option>' not in html
    greek = client.get("/el/events/rome-workshop/register/").content.decode()
    assert '<option value="DE">Γερμανία</option>' in greek


def test_greek_dates_use_the_genitive_month(february, client):
    html = client.get("/el/events/").content.decode()
    assert "4 Φεβρουαρίου 2027" in html
    assert "Φεβρουάριος" not in html


def test_home_and_events_pages_format_the_same_date_alike(february, client, home):
    for prefix, expected in [("", "4 February 2027"), ("/el", "4 Φεβρουαρίου 2027")]:
        events = client.get(f"{prefix}/events/").content.decode()
        front = client.get(f"{prefix}/").content.decode()
        assert expected in events, prefix
        assert expected in front, prefix


def test_back_links_and_email_links_keep_the_language_prefix(event, client, commit):
    html = client.get("/it/events/rome-workshop/register/").content.decode()
    assert '<a href="/it/events/rome-workshop/">' in html
    with commit():
        client.post(
            "/it/events/rome-workshop/register/",
            {**person(1, language="it"), "consent": "on"},
        )
    (message,) = mail.outbox
    assert f"{settings.SITE_URL}/it/events/rome-workshop/" in message.body
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith(f"{settings.SITE_URL}/it/") for link in links)


def _calendar(message):
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    content = attachment[1]
    return Calendar.from_ical(content if isinstance(content, bytes) else content)


def test_cancellation_email_takes_the_event_out_of_the_calendar(event, commit):
    with commit():
        registration = register(event, person(1))
    with commit():
        cancel(registration, by="self")
    confirmation, cancellation = mail.outbox
    assert registration.status == Registration.Status.CONFIRMED
    first, second = _calendar(confirmation), _calendar(cancellation)
    (entry,) = first.walk("VEVENT")
    (removal,) = second.walk("VEVENT")
    assert str(second["METHOD"]) == "CANCEL"
    assert str(removal["UID"]) == str(entry["UID"])
    assert str(removal["STATUS"]) == "CANCELLED"
    assert int(removal["SEQUENCE"]) > int(entry.get("SEQUENCE", 0))
