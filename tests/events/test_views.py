"""What visitors, registrants and organisers see over HTTP."""

import csv
import datetime as dt
import io
import re
from html import unescape

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from events.models import Registration
from events.services.registration import register
from tests.events.conftest import person
from tests.factories import RegistrationFactory
from tests.page_links import page_nav

pytestmark = pytest.mark.django_db


def form_data(n=1, **extra):
    data = person(n, **extra)
    data["consent"] = "on"
    return {key: value for key, value in data.items() if value is not None}


def test_index_lists_upcoming_first_and_archives_past(make_event, client):
    now = timezone.now().replace(microsecond=0)
    make_event(
        "later",
        title="Later workshop",
        start=now + dt.timedelta(days=60),
        end=now + dt.timedelta(days=61),
    )
    make_event(
        "sooner",
        title="Sooner webinar",
        kind="webinar",
        country="ES",
        start=now + dt.timedelta(days=5),
        end=now + dt.timedelta(days=5, hours=2),
    )
    make_event(
        "old",
        title="Old workshop",
        start=now - dt.timedelta(days=9),
        end=now - dt.timedelta(days=8),
    )
    html = client.get("/events/").content.decode()
    upcoming, past = html.split("Past events (archive)")
    assert upcoming.index("Sooner webinar") < upcoming.index("Later workshop")
    assert "Old workshop" in past and "Old workshop" not in upcoming
    filtered = client.get("/events/?kind=webinar").content.decode()
    assert "Sooner webinar" in filtered and "Later workshop" not in filtered
    by_country = client.get("/events/?country=ES").content.decode()
    assert "Sooner webinar" in by_country and "Old workshop" not in by_country


def test_event_page_shows_venue_map_agenda_and_seats(event, client):
    html = client.get("/events/rome-workshop/").content.decode()
    assert "Piazza Mariano Armellini 9/a" in html
    assert "openstreetmap.org/search?query=" in html
    assert "2 seats left." in html
    assert "/events/rome-workshop/register/" in html


def test_a_member_finds_the_form_filled_from_their_account(
    event, client, make_user, make_organisation
):
    organisation = make_organisation(name="Scuola Edile Roma", country="IT")
    member = make_user(
        email="giulia@example.org", first_name="Giulia", last_name="Rossi"
    )
    member.profile.organisation = organisation
    member.profile.save()
    client.force_login(member)
    html = client.get("/events/rome-workshop/register/").content.decode()
    assert 'value="Giulia Rossi"' in html
    assert 'value="giulia@example.org"' in html
    assert 'value="Scuola Edile Roma"' in html
    assert '<option value="IT" selected>' in html
    # What they type wins, and a visitor starts from an empty form.
    client.post("/events/rome-workshop/register/", form_data(1, name="G. Rossi"))
    assert Registration.objects.get().name == "G. Rossi"
    client.logout()
    html = client.get("/events/rome-workshop/register/").content.decode()
    assert "Giulia" not in html and "giulia@example.org" not in html


def test_the_country_list_follows_the_readers_alphabet(event, client):
    html = client.get("/el/events/rome-workshop/register/").content.decode()
    # Angola before Afghanistan in Greek (Αγκόλα, Αφγανιστάν); English order
    # put Afghanistan first.
    assert html.index("Αγκόλα") < html.index("Αφγανιστάν")
    html = client.get("/de/events/rome-workshop/register/").content.decode()
    assert html.index("Ägypten") < html.index("Albanien")


def test_register_confirms_and_emails_with_ics(event, client, commit):
    with commit():
        response = client.post("/events/rome-workshop/register/", form_data(1))
    assert response.status_code == 302
    registration = Registration.objects.get(email="person1@example.org")
    assert response["Location"].endswith(f"/manage/{registration.token}/")
    page = client.get(response["Location"]).content.decode()
    assert "your seat is confirmed" in page
    (message,) = mail.outbox
    assert message.to == ["person1@example.org"]
    assert "Piazza Mariano Armellini 9/a" in message.body
    assert f"/events/rome-workshop/manage/{registration.token}/" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "rome-workshop.ics" and mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Rome international workshop"
    assert vevent.decoded("DTSTART") == event.start
    assert str(vevent.decoded("DTSTART").tzinfo) == "Europe/Rome"
    assert calendar.walk("VTIMEZONE")


def test_email_in_registrants_language(event, client, commit):
    with commit():
        client.post("/events/rome-workshop/register/", form_data(1, language="it"))
    (message,) = mail.outbox
    assert message.subject.startswith("Iscrizione confermata")
    month = timezone.localtime(event.start, event.zone).month
    italian_months = [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ]
    assert italian_months[month - 1] in message.body.lower()
    assert "Quando:" in message.body and "Italia" in message.body
    assert "/it/events/rome-workshop/manage/" in message.body


def test_invalid_form_keeps_values_and_says_why(event, client):
    data = form_data(1, email="not-an-address")
    del data["consent"]
    response = client.post("/events/rome-workshop/register/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Person 1"' in html
    assert "Enter a valid email address." in html
    assert "Please accept the privacy notice to register." in html
    assert not Registration.objects.exists()


def test_second_attempt_gets_message_and_link(event, client):
    client.post("/events/rome-workshop/register/", form_data(1))
    mail.outbox.clear()
    response = client.post(
        "/events/rome-workshop/register/", form_data(2, email="Person1@example.org")
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "is already registered for this event" in html
    # Nothing about the other registration's state (issue 14).
    for status in ("Confirmed", "Waiting list", "Cancelled", "confirmed", "waitlist"):
        assert status not in html.split('id="already-registered"')[1].split("</div>")[0]
    assert "/events/rome-workshop/register/resend/" in html
    assert Registration.objects.count() == 1
    client.post(
        "/events/rome-workshop/register/resend/", {"email": "person1@example.org"}
    )
    (reminder,) = mail.outbox
    token = Registration.objects.get().token
    assert f"/manage/{token}/" in reminder.body


def test_self_service_cancel_promotes_first_waiting(event, client, commit):
    first = register(event, person(1))
    register(event, person(2))
    waiting = register(event, person(3))
    mail.outbox.clear()
    with commit():
        client.post(
            f"/events/rome-workshop/manage/{first.token}/",
            {"action": "cancel", "confirm": "yes"},
        )
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == "cancelled" and first.cancelled_by == "self"
    assert waiting.status == "confirmed"
    assert {m.to[0]: m.subject for m in mail.outbox} == {
        "person1@example.org": "Registration cancelled: Rome international workshop",
        "person3@example.org": "A seat is yours: Rome international workshop",
    }


def test_cancelling_asks_for_confirmation_first(event, client):
    """Issue 14: one click cancelled. The first POST only asks (no JavaScript)."""
    first = register(event, person(1))
    url = f"/events/rome-workshop/manage/{first.token}/"
    response = client.post(url, {"action": "cancel"})
    first.refresh_from_db()
    assert first.status == "confirmed"
    html = response.content.decode()
    assert "Cancel this registration?" in html
    assert 'name="confirm" value="yes"' in html
    assert f'href="{url}"' in html  # "No, keep it"
    client.post(url, {"action": "cancel", "confirm": "yes"})
    first.refresh_from_db()
    assert first.status == "cancelled"


def test_someone_waiting_is_not_told_they_give_up_a_seat(make_event, client):
    """Someone on the waiting list has no seat to give: cancelling takes them
    off the list, and the page says so (in their language too)."""
    event = make_event("rome-workshop", capacity=1)
    register(event, person(1))
    waiting = register(event, person(2))
    assert waiting.status == "waitlisted"
    url = f"/events/rome-workshop/manage/{waiting.token}/"
    page = client.get(url).content.decode()
    assert "If you cancel, you leave the waiting list." in page
    assert "your seat goes" not in page
    asked = client.post(url, {"action": "cancel"}).content.decode()
    assert "You leave the waiting list and lose your place in line." in asked
    assert "Your seat goes" not in asked
    german = client.get(f"/de{url}").content.decode()
    assert "Wenn Sie stornieren, verlassen Sie die Warteliste." in german


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (
            {"registration_closes": timezone.now() - dt.timedelta(hours=1)},
            "Registration for this event is closed.",
        ),
        (
            {
                "start": timezone.now() - dt.timedelta(days=3),
                "end": timezone.now() - dt.timedelta(days=2),
            },
            "This event has taken place.",
        ),
        (
            {"capacity": 0, "waiting_list": False},
            "This event is full and has no waiting list.",
        ),
    ],
)
def test_no_form_when_registration_impossible(make_event, client, fields, text):
    make_event("rome-workshop", **fields)
    for url in ("/events/rome-workshop/", "/events/rome-workshop/register/"):
        html = client.get(url).content.decode()
        assert text in html
        assert 'name="email"' not in html
    response = client.post("/events/rome-workshop/register/", form_data(1))
    assert text in response.content.decode()
    assert not Registration.objects.exists()


def test_full_with_waiting_list_says_so(make_event, client, commit):
    make_event("rome-workshop", capacity=0)
    html = client.get("/events/rome-workshop/register/").content.decode()
    assert "you join the waiting list" in html
    with commit():
        client.post("/events/rome-workshop/register/", form_data(1))
    assert Registration.objects.get().status == "waitlisted"
    assert mail.outbox[0].subject.startswith("You are on the waiting list")


def test_event_ics_is_parseable(event, client):
    response = client.get("/events/rome-workshop/event.ics")
    assert response["Content-Type"].startswith("text/calendar")
    (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert "Piazza Mariano Armellini 9/a" in str(vevent["LOCATION"])
    assert vevent.decoded("DTEND") == event.end


def test_csv_forbidden_to_others(event, client, django_user_model):
    response = client.get("/events/rome-workshop/registrations.csv")
    assert response.status_code == 302 and "/login/" in response["Location"]
    django_user_model.objects.create_user("member", "m@example.org", "pw")
    client.login(username="member", password="pw")
    assert client.get("/events/rome-workshop/registrations.csv").status_code == 403
    assert client.get("/events/rome-workshop/checkin/").status_code == 403


def test_csv_for_organisers(event, client, organiser):
    register(event, person(1, name="Giulia Rossi", needs="Vegetarian"))
    register(event, person(2, name="=HYPERLINK(evil)"))
    register(event, person(3))
    client.force_login(organiser)
    response = client.get("/events/rome-workshop/registrations.csv")
    assert response.status_code == 200
    # The file starts with a BOM (utf-8-sig) like every export.
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    # Statuses, roles and countries by name, as the registration form shows them.
    assert [row["Status"] for row in rows] == ["Confirmed", "Confirmed", "Waiting list"]
    assert rows[0]["Name"] == "Giulia Rossi"
    assert rows[0]["Accessibility or dietary needs"] == "Vegetarian"
    assert rows[1]["Name"] == "'=HYPERLINK(evil)"


def test_csv_times_read_as_times_of_the_events_zone_named_in_the_header(
    event, client, organiser
):
    """A spreadsheet reads "2030-03-04 13:05:09" as a date and time in every
    locale (it kept "2030-03-04T13:05:09.123456+01:00" as text); the header
    says which zone the times are in, the event's, as the event page does."""
    giulia = register(event, person(1, name="Giulia Rossi"))
    Registration.objects.filter(pk=giulia.pk).update(
        created_at=dt.datetime(2030, 3, 4, 12, 5, 9, 123456, tzinfo=dt.UTC),
        checked_in_at=dt.datetime(2030, 7, 1, 7, 30, tzinfo=dt.UTC),
    )
    client.force_login(organiser)
    response = client.get("/events/rome-workshop/registrations.csv")
    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert row["Registered at (Europe/Rome)"] == "2030-03-04 13:05:09"
    assert row["Checked in at (Europe/Rome)"] == "2030-07-01 09:30:00"  # summer
    assert row["Promoted at (Europe/Rome)"] == ""


def test_csv_headers_are_in_the_organisers_language(event, client, organiser):
    register(event, person(1, name="Giulia Rossi", needs="Vegetarian"))
    client.force_login(organiser)
    english = client.get("/events/rome-workshop/registrations.csv")
    german = client.get("/de/events/rome-workshop/registrations.csv")
    header, row = list(csv.reader(io.StringIO(german.content.decode("utf-8-sig"))))
    assert header[:4] == ["Name", "E-Mail", "Organisation", "Land"]
    assert header[8:10] == [
        "Angemeldet am (Europe/Rome)",
        "Nachgerückt am (Europe/Rome)",
    ]
    # Same columns, same order; the values a person reads are in German too.
    english_row = next(csv.reader(english.content.decode("utf-8-sig").splitlines()[1:]))
    assert len(english_row) == len(row)
    assert row[3] == "Italien" and row[7] == "Bestätigt"
    assert row[4] == "Ausbilder/in / Lehrkraft bei einem Bildungsanbieter"
    assert (english_row[3], english_row[7]) == ("Italy", "Confirmed")


def test_registrants_csv_starts_with_a_bom(event, client, organiser):
    # Excel reads a CSV without a byte-order mark as the local code page, so
    # "Müller" or Greek names come out garbled.
    register(event, person(1, name="Δήμητρα Müller"))
    client.force_login(organiser)
    response = client.get("/events/rome-workshop/registrations.csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["Name"] == "Δήμητρα Müller"


def test_checkin_search_and_one_tap(event, client, organiser):
    giulia = register(event, person(1, name="Giulia Rossi"))
    register(event, person(2, name="Marc Puig"))
    client.force_login(organiser)
    html = client.get("/events/rome-workshop/checkin/?q=giulia").content.decode()
    assert "Giulia Rossi" in html and "Marc Puig" not in html
    assert "0 present of 2 expected" in html
    response = client.post(
        f"/events/rome-workshop/checkin/{giulia.pk}/",
        {"present": "1", "q": "giulia"},
        follow=True,
    )
    html = response.content.decode()
    assert "1 present of 2 expected" in html
    giulia.refresh_from_db()
    assert giulia.checked_in_at is not None


def test_admin_list_filters_add_cancel_and_update(event, client, organiser):
    register(event, person(1))
    register(event, person(2))
    waiting = register(event, person(3))
    client.force_login(organiser)
    url = f"/admin/event-registrations/{event.pk}/"
    html = client.get(url + "?status=waitlisted").content.decode()
    assert "person3@example.org" in html and "person1@example.org" not in html
    added = {f"add-{key}": value for key, value in form_data(4).items()}
    client.post(url, added)
    assert Registration.objects.get(email="person4@example.org").status == "waitlisted"
    first = Registration.objects.get(email="person1@example.org")
    mail.outbox.clear()
    client.post(f"{url}cancel/{first.pk}/")
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    mail.outbox.clear()
    client.post(
        url, {"update-subject": "Room change", "update-message": "We meet in Sala B."}
    )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "person2@example.org",
        "person3@example.org",
    ]
    assert "We meet in Sala B." in mail.outbox[0].body


def test_times_shown_in_the_events_own_time_zone(make_event, client):
    import zoneinfo

    athens = zoneinfo.ZoneInfo("Europe/Athens")
    make_event(
        "athens",
        title="Athens workshop",
        timezone="Europe/Athens",
        start=dt.datetime(2030, 9, 23, 10, 0, tzinfo=athens),
        end=dt.datetime(2030, 9, 23, 17, 0, tzinfo=athens),
    )
    html = client.get("/events/athens/").content.decode()
    assert ">Monday 23 September 2030, 10:00</time> – <time" in html
    assert ">17:00</time>" in html
    assert "(Europe/Athens)" in html


@pytest.mark.parametrize("language", ["es", "ca", "el", "de", "nl"])
def test_confirmation_in_every_interface_language(event, commit, language):
    from django.utils import translation

    with translation.override(language):
        subject = translation.gettext("Registration confirmed: %(title)s")
        greeting = translation.gettext("Dear %(name)s,")
    assert subject != "Registration confirmed: %(title)s"  # the catalogue has it
    with commit():
        register(event, person(1, language=language))
    (message,) = mail.outbox
    assert message.subject == subject % {"title": "Rome international workshop"}
    assert message.body.startswith(greeting % {"name": "Person 1"})
    assert f"/{language}/events/rome-workshop/manage/" in message.body


def test_listing_queries_do_not_grow_with_events(
    make_event, client, django_assert_max_num_queries
):
    now = timezone.now()
    for n in range(3):
        make_event(
            f"e{n}",
            start=now + dt.timedelta(days=n + 1),
            end=now + dt.timedelta(days=n + 2),
        )
    client.get("/events/")  # warm site and locale caches
    with django_assert_max_num_queries(12) as few:
        client.get("/events/")
    few_queries = len(few.captured_queries)  # read now: a request resets the log
    for n in range(3, 12):
        make_event(
            f"e{n}",
            start=now + dt.timedelta(days=n + 1),
            end=now + dt.timedelta(days=n + 2),
        )
    # The first request after a publish refills this process's routing tables
    # (vetnet/routing.py); then the listing costs what it did.
    client.get("/events/")
    with django_assert_max_num_queries(few_queries):
        html = client.get("/events/").content.decode()
    assert html.count('class="card event-card"') == 12


def test_registration_pages_keep_the_filters_and_cancel_returns_there(
    event, client, organiser
):
    """250 confirmed registrants: page links keep the status and the search
    (they went by ?p= and had no name), and cancelling someone on page 2 of
    the filtered table returns there, not to the unfiltered first page."""
    Registration.objects.bulk_create(
        RegistrationFactory.build(event=event, status="confirmed", name=f"Ann {n:03}")
        for n in range(250)
    )
    client.force_login(organiser)
    url = f"/admin/event-registrations/{event.pk}/"
    html = client.get(url, {"status": "confirmed", "q": "ann", "page": 2}).content
    current, links, _gaps = page_nav(html.decode(), "Pages of registrations")
    assert current == "2"
    assert links["3"] == links["Next"] == "?status=confirmed&q=ann&page=3"
    assert links["1"] == "?status=confirmed&q=ann"
    form = re.search(
        r'<form method="post" action="([^"]+/cancel/\d+/)">(.*?)</form>',
        html.decode(),
        re.S,
    )
    fields = {
        name: unescape(value)
        for name, value in re.findall(r'name="([^"]+)" value="([^"]*)"', form[2])
    }
    answer = client.post(form[1], fields)
    assert answer.status_code == 302
    assert answer.url == f"{url}?status=confirmed&q=ann&page=2"
    back = client.get(answer.url).content.decode()
    assert page_nav(back, "Pages of registrations")[0] == "2"
    # Ann 100, cancelled, left the table: page 2 now starts with Ann 101.
    assert "<td>Ann 101</td>" in back and "<td>Ann 100</td>" not in back


def test_an_old_p_bookmark_of_the_registrations_lands_on_its_page(
    event, client, organiser
):
    """The table went by ?p= until it took the site's ?page=: a bookmark of
    page 2 (with its filters) is sent on, permanently, to the same page."""
    Registration.objects.bulk_create(
        RegistrationFactory.build(event=event, status="confirmed", name=f"Ann {n:03}")
        for n in range(150)
    )
    client.force_login(organiser)
    url = f"/admin/event-registrations/{event.pk}/"
    answer = client.get(f"{url}?status=confirmed&q=ann&p=2")
    assert answer.status_code == 301
    assert answer.url == f"{url}?status=confirmed&q=ann&page=2"
    html = client.get(answer.url).content.decode()
    assert page_nav(html, "Pages of registrations")[0] == "2"
    assert "<td>Ann 100</td>" in html and "<td>Ann 099</td>" not in html
    # The first page is named without a number, as its page links name it.
    assert client.get(f"{url}?p=1").url == url
    # A link that names both keeps ?page= and drops the stale ?p=.
    assert client.get(f"{url}?page=2&p=1").url == f"{url}?page=2"
