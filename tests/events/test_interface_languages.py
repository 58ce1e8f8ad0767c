"""Events in the interface languages: country names, one date format per locale
(Greek genitive months), links that keep the /<lang>/ prefix, and the calendar
entry that a cancellation takes out of the registrant's calendar."""

import datetime as dt
import html
import re
import zoneinfo

import pytest
from django.conf import settings
from django.core import mail
from icalendar import Calendar

from events.models import Registration
from events.services.registration import cancel, register
from tests.events.conftest import person

pytestmark = pytest.mark.django_db

ROME = dt.timezone(dt.timedelta(hours=1))
RZ = zoneinfo.ZoneInfo("Europe/Rome")  # summer time too


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


# Dates as their readers write them: Catalan elides "de" before a vowel ("d'abril",
# "d'agost", "d'octubre", but "de gener"), German puts a dot after the day,
# Italian, Spanish, Catalan and Dutch write weekdays and months in lower case.
# Each failed before: "27 de abril", "Martes 27 de abril", "Lunedì 2 Agosto".


def _text(html_bytes):
    """A page or message as its reader sees it: tags gone, entities decoded
    (the page writes d'abril as d&#x27;abril)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", html_bytes.decode()))


@pytest.fixture
def spring_summer_autumn(make_event):
    """Three days in the months Catalan elides (abril, agost, octubre), one in a
    month it does not (gener), all registering from 1 March 2027."""
    days = {
        "april": dt.datetime(2027, 4, 27, 10, 0, tzinfo=RZ),
        "august": dt.datetime(2027, 8, 2, 10, 0, tzinfo=RZ),
        "october": dt.datetime(2027, 10, 4, 10, 0, tzinfo=RZ),
        "january": dt.datetime(2028, 1, 10, 10, 0, tzinfo=RZ),
    }
    return {
        slug: make_event(
            slug,
            title=f"Workshop {slug}",
            start=start,
            end=start + dt.timedelta(hours=7),
            registration_opens=dt.datetime(2027, 3, 1, 9, 0, tzinfo=RZ),
            registration_closes=None,
        )
        for slug, start in days.items()
    }


def test_catalan_pages_elide_de_before_a_vowel(spring_summer_autumn, client):
    listing = _text(client.get("/ca/events/").content)
    for day in (
        "27 d'abril de 2027",
        "2 d'agost de 2027",
        "4 d'octubre de 2027",
        "10 de gener de 2028",
    ):
        assert day in listing, day
    assert "de abril" not in listing and "de octubre" not in listing
    assert "de agost" not in listing

    page = _text(client.get("/ca/events/april/").content)
    # The weekday in lower case, as in Catalan prose, a comma after it.
    assert "dimarts, 27 d'abril de 2027, 10:00" in page
    assert "1 de març de 2027" in page  # registration opens


@pytest.mark.parametrize(
    "language, when, opens",
    [
        # "Registration opens on Lunes, 1 de marzo": a capital inside a sentence.
        ("es", "lunes, 2 de agosto de 2027, 10:00", "lunes, 1 de marzo de 2027, 09:00"),
        ("it", "lunedì 2 agosto 2027, 10:00", "lunedì 1 marzo 2027, 09:00"),
        ("nl", "maandag 2 augustus 2027, 10:00", "maandag 1 maart 2027, 09:00"),
        ("de", "Montag, 2. August 2027, 10:00", "Montag, 1. März 2027, 09:00"),
        ("el", "Δευτέρα 2 Αυγούστου 2027, 10:00", "Δευτέρα 1 Μαρτίου 2027, 09:00"),
    ],
)
def test_an_event_page_writes_its_dates_in_the_readers_words(
    spring_summer_autumn, client, language, when, opens
):
    page = _text(client.get(f"/{language}/events/august/").content)
    assert when in page
    assert opens in page


def test_a_catalan_confirmation_writes_the_day_as_the_page_does(make_event, commit):
    start = dt.datetime(2027, 10, 4, 10, 0, tzinfo=RZ)
    october = make_event(
        "october",
        start=start,
        end=start + dt.timedelta(hours=7),
        registration_opens=None,
        registration_closes=None,
    )
    with commit():
        register(october, person(1, language="ca"))
    (message,) = mail.outbox
    assert "dilluns, 4 d'octubre de 2027, 10:00 – 17:00 (Europe/Rome)" in message.body
    assert "de octubre" not in message.body
