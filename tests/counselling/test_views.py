"""The pages: list with facets, a counsellor's free times in the visitor's zone,
booking, the session's room opening at its time, feedback, dashboards."""

import html
import re
from csv import DictReader
from datetime import UTC, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from counselling.models import Booking, WeeklyHours
from counselling.services import booking as svc
from counselling.services.availability import free_slots
from forums.models import Room
from tests.counselling.conftest import zone_in_daytime
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(make_counsellor, make_organisation, home):
    cna = make_organisation(name="CNA", slug="cna", country="IT")
    upf = make_organisation(name="Fundació UPF", slug="upf", country="ES")
    eleni = make_counsellor(
        "eleni",
        time_zone="Europe/Athens",
        languages=["el", "en"],
        topics=["apprenticeships"],
        organisation=cna,
    )
    jordi = make_counsellor(
        "jordi",
        time_zone="Europe/Madrid",
        languages=["ca", "es"],
        topics=["green skills"],
        organisation=upf,
    )
    return eleni, jordi


def signed_in(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize("prefix", ["", "/it", "/es", "/ca", "/el", "/de", "/nl"])
def test_list_in_every_language_without_a_cookie(network, prefix):
    response = Client().get(f"{prefix}/counselling/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Eleni" in html and "Jordi" in html
    assert not response.cookies  # anonymous GET: cacheable, nothing personal
    assert "public" in response["Cache-Control"]


def test_the_list_speaks_greek(network):
    html = Client().get("/el/counselling/").content.decode()
    assert "Συμβουλευτική μεταξύ ομοτίμων" in html
    assert 'href="/el/counselling/eleni/' in html


def test_language_facet_finds_the_greek_speaking_counsellor(network):
    html = Client().get("/counselling/?language=el").content.decode()
    assert "Eleni" in html and "Jordi" not in html
    # The language facet still counts Catalan (choosing one language keeps the
    # others countable); the country facet follows the selection.
    assert 'value="ca"' in html
    assert 'name="country" value="ES"' not in html


def test_counsellor_page_shows_times_in_the_visitors_zone(network):
    eleni = network[0]
    # Mondays 10:00-12:00 in Athens are 09:00-11:00 in Madrid.
    html = Client().get("/counselling/eleni/?tz=Europe/Madrid").content.decode()
    assert "Times are shown in the time zone Europe/Madrid" in html
    assert ">09:00</time>" in html and ">11:00</time>" not in html
    html = Client().get("/counselling/eleni/").content.decode()
    assert "Times are shown in the time zone Europe/Athens" in html
    assert ">11:00</time>" in html and ">09:00</time>" not in html
    assert "Log in to book" in html and 'name="slot"' not in html
    assert eleni.user.first_name in html


def test_a_greek_reader_sees_greek_dates_and_sector_names(network):
    """/el/ writes a day as the site's Greek formats do (genitive month:
    "Νοεμβρίου", never "Νοέμβριος" after a day number) and names the
    counsellor's sectors in Greek, once each."""
    from taxonomy.models import Sector
    from tests.factories import SectorFactory

    eleni = network[0]
    SectorFactory(slug="construction")
    eleni.sectors.set(Sector.objects.filter(slug="construction"))  # en, it, el

    html = Client().get("/el/counselling/eleni/").content.decode()

    assert html.count("Κατασκευές") == 1
    assert "Construction" not in html
    nominative = [m for m in ("ος 20", "ιος 20") if m in html]
    assert not nominative, "a month in the nominative after a day number"
    assert re.search(r"Δευτέρα \d+ \w+ου 20\d\d</time>", html), "no Greek day heading"


def test_member_books_a_time_and_it_is_gone_for_the_next(
    network, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    eleni = network[0]
    member, other = make_user(email="ana@example.org"), make_user(email="b@example.org")
    start = free_slots(svc.rules_for(eleni), [], timezone.now())[0].start
    data = {"slot": start.isoformat(), "topic": "Tutors", "time_zone": "Europe/Rome"}
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(member).post("/counselling/eleni/book/", data)
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/counselling/bookings/{booking.pk}/"
    assert (booking.member, booking.start, booking.member_time_zone) == (
        member,
        start,
        "Europe/Rome",
    )
    assert len(mailoutbox) == 2
    response = signed_in(other).post("/counselling/eleni/book/", data)
    assert response.status_code == 409
    assert "no longer free" in response.content.decode()
    assert Booking.objects.count() == 1
    page = signed_in(other).get("/counselling/eleni/").content.decode()
    assert start.isoformat() not in page


@pytest.mark.parametrize(
    "prefix,message",
    [
        ("", "Choose a time for your appointment."),
        ("/it", "Scegli un orario per il tuo appuntamento."),
        ("/es", "Elija un horario para su cita."),
        ("/ca", "Trieu un horari per a la vostra cita."),
        ("/el", "Επιλέξτε ώρα για το ραντεβού σας."),
        ("/de", "Wählen Sie eine Zeit für Ihren Termin."),
        ("/nl", "Kies een tijdstip voor uw afspraak."),
    ],
)
def test_booking_without_a_time_asks_for_one_in_the_pages_language(
    network, make_user, prefix, message
):
    member = make_user(email="ana@example.org")
    data = {"topic": "Tutors", "time_zone": "Europe/Rome"}
    response = signed_in(member).post(f"{prefix}/counselling/eleni/book/", data)
    assert response.status_code == 400
    page = response.content.decode()
    times = page[page.index('class="slot-days') : page.index("</fieldset>")]
    assert f"<li>{message}</li>" in times
    assert 'value="Tutors"' in page
    assert not Booking.objects.exists()


def test_the_room_opens_at_the_time_for_the_two_of_them(
    make_counsellor, make_user, settings, home
):
    settings.COUNSELLING_ROOM_OPENS_BEFORE = 60
    zone = zone_in_daytime()
    now = timezone.now().astimezone(ZoneInfo(zone))
    counsellor = make_counsellor("rome", hours=(), time_zone=zone)
    start_local = (now + timedelta(minutes=30)).replace(second=0, microsecond=0)
    WeeklyHours.objects.create(
        counsellor=counsellor,
        weekday=start_local.weekday(),
        start=start_local.time(),
        end=time(23, 59),
    )
    member, stranger = make_user(email="m@example.org"), make_user(email="s@x.org")
    booking = svc.book(counsellor, member, start_local.astimezone(UTC), "T", "UTC")
    client = signed_in(member)
    page = client.get(f"/counselling/bookings/{booking.pk}/").content.decode()
    assert "The private room opens on <time" in page
    # One sentence a language orders itself: a German date takes "am", not
    # the clock's "um" ("öffnet um Montag, 30. November ...").
    page = client.get(f"/de/counselling/bookings/{booking.pk}/").content.decode()
    assert "Der private Raum öffnet am <time" in page
    response = client.post(f"/counselling/bookings/{booking.pk}/room/")
    assert not Room.objects.exists()
    # Half an hour later the room is open: one private room for both of them.
    Booking.objects.filter(pk=booking.pk).update(
        start=timezone.now() + timedelta(seconds=30),
        end=timezone.now() + timedelta(minutes=60),
    )
    response = client.post(f"/counselling/bookings/{booking.pk}/room/")
    room = Room.objects.get()
    assert response["Location"] == room.get_absolute_url()
    assert room.is_private and room.counsellor == counsellor.user
    assert client.get(room.get_absolute_url()).status_code == 200
    assert signed_in(counsellor.user).get(room.get_absolute_url()).status_code == 200
    assert signed_in(stranger).get(room.get_absolute_url()).status_code == 403
    assert (
        signed_in(stranger).get(f"/counselling/bookings/{booking.pk}/").status_code
        == 403
    )


def past_booking(counsellor, member):
    start = timezone.now() - timedelta(hours=2)
    return Booking.objects.create(
        counsellor=counsellor,
        member=member,
        start=start,
        end=start + timedelta(hours=1),
        topic="Mentoring",
    )


def test_feedback_and_no_shows_for_counsellor_and_moderators_only(
    network, make_user, django_user_model
):
    eleni = network[0]
    member = make_user(email="fb@example.org")
    booking = past_booking(eleni, member)
    client = signed_in(member)
    client.post(
        f"/counselling/bookings/{booking.pk}/feedback/",
        {"rating": "4", "comment": "Very useful"},
    )
    booking.refresh_from_db()
    assert (booking.rating, booking.feedback) == (4, "Very useful")
    counsellor = signed_in(eleni.user)
    counsellor.post(f"/counselling/bookings/{booking.pk}/no-show/", {"no_show": "1"})
    assert Booking.objects.get(pk=booking.pk).no_show
    dashboard = counsellor.get("/counselling/dashboard/").content.decode()
    assert "Very useful" in dashboard and "Average rating: 4.0" in dashboard
    csv = counsellor.get("/counselling/dashboard/bookings.csv").content.decode()
    assert csv.startswith("\ufeff") and "Mentoring" in csv and "Very useful" in csv
    header = csv.splitlines()[0].lstrip("\ufeff")
    assert header.startswith(
        "Start (Europe/Athens),End (Europe/Athens),Member,E-mail,Topic"
    )
    spanish = counsellor.get("/es/counselling/dashboard/bookings.csv").content.decode()
    assert spanish.splitlines()[0].lstrip("\ufeff") == (
        "Inicio (Europe/Athens),Fin (Europe/Athens),Miembro,Correo electrónico,Tema,"
        "Estado,No se presentó,Valoración,Opinión"
    )
    # The status reads as a word of the visitor's language, like the headers.
    assert [line.split(",")[5] for line in csv.splitlines()[1:]] == ["booked"]
    assert [line.split(",")[5] for line in spanish.splitlines()[1:]] == ["reservada"]
    assert client.get("/counselling/dashboard/").status_code == 403
    assert client.get("/counselling/activity/").status_code == 403
    moderator = make_user(email="mod@example.org", groups=["Moderators"])
    activity = signed_in(moderator).get("/counselling/activity/")
    assert activity.status_code == 200
    html = activity.content.decode()
    assert "Eleni" in html
    assert "Very useful" not in html and "Mentoring" not in html


def test_member_moves_a_booking_to_another_free_time(
    network, make_user, django_capture_on_commit_callbacks, mailoutbox
):
    eleni = network[0]
    member = make_user(email="move@example.org")
    first, second = free_slots(svc.rules_for(eleni), [], timezone.now())[:2]
    booking = svc.book(eleni, member, first.start, "Tutors", "Europe/Athens")
    client = signed_in(member)
    page = client.get(f"/counselling/bookings/{booking.pk}/").content.decode()
    assert f'value="{second.start.isoformat()}"' in page
    assert f'<option value="{first.start.isoformat()}"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/counselling/bookings/{booking.pk}/move/",
            {"slot": second.start.isoformat()},
        )
    new = Booking.objects.get(status=Booking.Status.BOOKED)
    assert response["Location"] == f"/counselling/bookings/{new.pk}/"
    assert new.start == second.start
    assert Booking.objects.get(pk=booking.pk).status == "rescheduled"
    assert svc.free_slot(eleni, first.start) is not None
    assert len(mailoutbox) == 2


def test_a_group_session_gets_one_room_for_everyone_booked(
    make_counsellor, make_user, settings
):
    settings.COUNSELLING_ROOM_OPENS_BEFORE = 3600
    zone = zone_in_daytime()
    start = (timezone.now() + timedelta(minutes=20)).astimezone(ZoneInfo(zone))
    start = start.replace(second=0, microsecond=0)
    group = make_counsellor("group", hours=(), time_zone=zone, capacity=3)
    WeeklyHours.objects.create(
        counsellor=group, weekday=start.weekday(), start=start.time(), end=time(23, 59)
    )
    people = [make_user(email=f"g{i}@example.org") for i in range(3)]
    bookings = [svc.book(group, p, start.astimezone(UTC), "T", "UTC") for p in people]
    rooms = set()
    for person, booking in zip(people[:2], bookings[:2], strict=True):
        response = signed_in(person).post(f"/counselling/bookings/{booking.pk}/room/")
        rooms.add(response["Location"])
    (room,) = Room.objects.all()
    assert rooms == {room.get_absolute_url()}
    assert set(room.members.all()) == {*people, group.user}
    # The third, who has not entered yet, can read the room too.
    assert signed_in(people[2]).get(room.get_absolute_url()).status_code == 200


def test_the_list_costs_the_same_queries_for_more_counsellors(
    network, make_counsellor, make_user, django_assert_max_num_queries
):
    # Bookings and sectors are read in bulk, not one query per counsellor.
    member = make_user(email="q@example.org")
    start = free_slots(svc.rules_for(network[0]), [], timezone.now())[0].start
    svc.book(network[0], member, start, "T", "UTC")
    Client().get("/counselling/")  # warm per-process caches (sector names)
    with django_assert_max_num_queries(12) as few:
        Client().get("/counselling/")
    for n in range(6):
        make_counsellor(f"extra{n}", languages=["de"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = Client().get("/counselling/").content.decode()
    assert "Extra5" in html


def test_a_counsellor_sets_their_own_hours_on_the_site(network, make_user):
    jordi = network[1]  # Mondays 10:00-12:00 in Madrid
    hour = jordi.weekly_hours.get()
    client = signed_in(jordi.user)
    assert client.get("/counselling/dashboard/hours/").status_code == 200
    data = {
        "bio": "Dual training",
        "languages": ["ca", "es"],
        "topics": "dual training, tutors",
        "time_zone": "Europe/Athens",
        "mode": "online",
        "place": "",
        "session_minutes": "30",
        "buffer_minutes": "0",
        "booking_window_days": "28",
        "minimum_notice_minutes": "0",
        "is_active": "on",
        "hours-TOTAL_FORMS": "2",
        "hours-INITIAL_FORMS": "1",
        "hours-0-id": str(hour.pk),
        "hours-0-weekday": "0",
        "hours-0-start": "10:00",
        "hours-0-end": "12:00",
        "hours-0-DELETE": "on",
        "hours-1-weekday": "2",
        "hours-1-start": "16:00",
        "hours-1-end": "17:00",
        "off-TOTAL_FORMS": "1",
        "off-INITIAL_FORMS": "0",
        "off-0-first_day": "",
        "off-0-last_day": "",
        "off-0-reason": "",
    }
    response = client.post("/counselling/dashboard/hours/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    jordi.refresh_from_db()
    assert jordi.topics == ["dual training", "tutors"]
    assert list(jordi.weekly_hours.values_list("weekday", "start", "end")) == [
        (2, time(16), time(17))
    ]
    html = Client().get("/counselling/jordi/").content.decode()
    assert "Times are shown in the time zone Europe/Athens" in html
    assert ">16:00</time>" in html and ">16:30</time>" in html
    assert ">17:00</time>" not in html
    # An end before the start is refused, nothing saved.
    data.update({"hours-1-start": "18:00", "hours-0-DELETE": ""})
    data["hours-INITIAL_FORMS"] = "1"
    data["hours-0-id"] = str(jordi.weekly_hours.get().pk)
    response = client.post("/counselling/dashboard/hours/", data)
    assert response.status_code == 200
    assert jordi.weekly_hours.get().start == time(16)
    # Said in words, not as the database constraint's name.
    page = response.content.decode()
    assert "The hours end after they start." in page
    assert "counselling_hours_end_after_start" not in page
    other = make_user(email="not-a-counsellor@example.org")
    assert signed_in(other).get("/counselling/dashboard/hours/").status_code == 403


def test_a_members_bookings_are_in_their_data_export(network, make_user):
    eleni = network[0]
    member = make_user(email="export@example.org")
    start = free_slots(svc.rules_for(eleni), [], timezone.now())[0].start
    svc.book(eleni, member, start, "Mentoring tutors", "UTC")
    data = signed_in(member).get("/members/me/export.json").json()
    (booking,) = data["counselling_bookings"]
    assert booking["topic"] == "Mentoring tutors"
    assert booking["start"] == start.isoformat()
    counsellor_data = signed_in(eleni.user).get("/members/me/export.json").json()
    assert counsellor_data["counsellor_profile"]["time_zone"] == "Europe/Athens"


def test_a_group_time_is_not_offered_again_to_a_member_booked_on_it(
    make_counsellor, make_user
):
    group = make_counsellor("group", capacity=3)
    member, other = make_user(email="in@example.org"), make_user(email="o@example.org")
    start = free_slots(svc.rules_for(group), [], timezone.now())[0].start
    svc.book(group, member, start, "T", "UTC")
    offered = f'name="slot" value="{start.isoformat()}"'
    page = signed_in(member).get("/counselling/group/").content.decode()
    assert offered not in page
    assert "Your bookings with this counsellor" in page
    # The time still has two places for everyone else.
    page = signed_in(other).get("/counselling/group/").content.decode()
    assert offered in page
    assert "2 places left" in page


def settings_form(counsellor, **changes):
    """The settings form as the counsellor's browser posts it, unchanged but for
    ``changes`` (their one period of weekly hours kept)."""
    hour = counsellor.weekly_hours.get()
    data = {
        "bio": counsellor.bio,
        "languages": counsellor.languages,
        "topics": ", ".join(counsellor.topics),
        "time_zone": counsellor.time_zone,
        "mode": counsellor.mode,
        "place": counsellor.place,
        "session_minutes": str(counsellor.session_minutes),
        "buffer_minutes": str(counsellor.buffer_minutes),
        "booking_window_days": str(counsellor.booking_window_days),
        "minimum_notice_minutes": str(counsellor.minimum_notice_minutes),
        "is_active": "on",
        "hours-TOTAL_FORMS": "1",
        "hours-INITIAL_FORMS": "1",
        "hours-0-id": str(hour.pk),
        "hours-0-weekday": str(hour.weekday),
        "hours-0-start": hour.start.strftime("%H:%M"),
        "hours-0-end": hour.end.strftime("%H:%M"),
        "off-TOTAL_FORMS": "0",
        "off-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def field_value(page, name):
    (value,) = re.findall(rf'<input[^>]* name="{name}"[^>]* value="([^"]*)"', page)
    return value


def test_a_booking_window_beyond_a_year_is_refused_in_words_keeping_the_number(
    network,
):
    jordi = network[1]
    client = signed_in(jordi.user)
    client.cookies["django_language"] = "it"
    url = "/it/counselling/dashboard/hours/"
    response = client.post(url, settings_form(jordi, booking_window_days="4000"))
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "I membri possono prenotare al massimo con 365 giorni di anticipo: "
        "scegli 365 giorni o meno." in page
    )
    assert field_value(page, "booking_window_days") == "4000"  # as typed
    assert "Da 1 a 365 giorni." in page
    jordi.refresh_from_db()
    assert jordi.booking_window_days == 28
    # A year is accepted, and a member sees times up to a year ahead, no further.
    response = client.post(url, settings_form(jordi, booking_window_days="365"))
    assert response.status_code == 302
    jordi.refresh_from_db()
    assert jordi.booking_window_days == 365
    slots = free_slots(svc.rules_for(jordi), [], timezone.now())
    assert timezone.now() + timedelta(days=358) < slots[-1].start
    assert slots[-1].start <= timezone.now() + timedelta(days=365)


def test_no_window_or_a_notice_as_long_as_the_window_is_refused(network):
    jordi = network[1]
    client = signed_in(jordi.user)
    url = "/counselling/dashboard/hours/"
    page = client.post(url, settings_form(jordi, booking_window_days="0"))
    assert "Choose at least one day, or members cannot book any time." in (
        page.content.decode()
    )
    page = client.post(
        url,
        settings_form(jordi, booking_window_days="2", minimum_notice_minutes="2880"),
    ).content.decode()
    assert (
        "The minimum notice must be shorter than the 2 days members may book "
        "ahead, or no time is ever free." in page
    )
    assert field_value(page, "minimum_notice_minutes") == "2880"
    jordi.refresh_from_db()
    assert (jordi.booking_window_days, jordi.minimum_notice_minutes) == (28, 0)


GREEK_WEEKDAYS = "Δευτέρα Τρίτη Τετάρτη Πέμπτη Παρασκευή Σάββατο Κυριακή".split()
GREEK_MONTHS_AFTER_A_DAY = (
    "Ιανουαρίου Φεβρουαρίου Μαρτίου Απριλίου Μαΐου Ιουνίου Ιουλίου Αυγούστου "
    "Σεπτεμβρίου Οκτωβρίου Νοεμβρίου Δεκεμβρίου"
).split()
GERMAN_WEEKDAYS = "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split()
GERMAN_MONTHS = (
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
).split()
CATALAN_WEEKDAYS = "dilluns dimarts dimecres dijous divendres dissabte diumenge".split()
CATALAN_MONTHS_AFTER_A_DAY = (
    "de gener|de febrer|de març|d'abril|de maig|de juny|de juliol|d'agost|"
    "de setembre|d'octubre|de novembre|de desembre"
).split("|")


def greek(t):
    return (
        f"{GREEK_WEEKDAYS[t.weekday()]} {t.day} "
        f"{GREEK_MONTHS_AFTER_A_DAY[t.month - 1]} {t.year}, {t:%H:%M}"
    )


def german(t):
    return (
        f"{GERMAN_WEEKDAYS[t.weekday()]}, {t.day}. {GERMAN_MONTHS[t.month - 1]} "
        f"{t.year}, {t:%H:%M}"
    )


def catalan(t):
    return (
        f"{CATALAN_WEEKDAYS[t.weekday()]}, {t.day} "
        f"{CATALAN_MONTHS_AFTER_A_DAY[t.month - 1]} de {t.year}, {t:%H:%M}"
    )


@pytest.mark.parametrize(
    "language, zone, written",
    [
        ("el", "Europe/Athens", greek),  # the genitive month: "7 Δεκεμβρίου"
        ("de", "Europe/Berlin", german),  # the day's dot: "7. Dezember"
        ("ca", "Europe/Madrid", catalan),
    ],
)
def test_the_times_to_move_to_read_as_the_pages_other_times(
    network, make_user, language, zone, written
):
    """The "Move to another time" list wrote "Δευ 7 Δεκ, 11:00" and "Mo 7 Dez,
    11:00" (a pattern of its own) under "Δευτέρα 30 Νοεμβρίου 2026, 11:00" and
    "Montag, 30. November 2026, 11:00": now each time as the page's "When" writes
    it, in the reader's language and zone."""
    eleni = network[0]  # Mondays 10:00-12:00 in Athens
    member = make_user(email="move-words@example.org")
    first = free_slots(svc.rules_for(eleni), [], timezone.now())[0]
    booking = svc.book(eleni, member, first.start, "Tutors", "Europe/Athens")
    page = (
        signed_in(member)
        .get(f"/{language}/counselling/bookings/{booking.pk}/", {"tz": zone})
        .content.decode()
    )
    listed = re.search(r'<select id="move-slot"[^>]*>(.*?)</select>', page, re.S)
    options = re.findall(r'<option value="([^"]+)">(.*?)</option>', listed.group(1))
    assert len(options) >= 2
    for value, text in options:
        local = datetime.fromisoformat(value).astimezone(ZoneInfo(zone))
        assert html.unescape(text) == written(local)
    # The session's own time on the page reads the same way.
    when = re.search(r"<dd><time [^>]*>(.*?)</time>", page).group(1)
    assert html.unescape(when) == written(booking.start.astimezone(ZoneInfo(zone)))


def test_a_weekday_is_a_label_in_the_hours_and_a_word_in_a_date(network):
    """The hours' weekday stays a capitalised label ("Lunes"), its own msgid, now
    that dates write Django's plain one as Spanish prose does ("lunes, 7 de
    diciembre")."""
    jordi = network[1]
    page = signed_in(jordi.user).get("/es/counselling/dashboard/hours/")
    assert '<option value="0" selected>Lunes</option>' in page.content.decode()


def test_a_booking_notification_opens_that_booking_in_the_readers_language(
    network, make_user, django_capture_on_commit_callbacks
):
    """The counsellor's "booked" notification leads to the booking (its time,
    topic and buttons), not to the list of every counsellor."""
    from notifications.models import Notification

    eleni = network[0]
    member = make_user(email="ana@example.org")
    start = free_slots(svc.rules_for(eleni), [], timezone.now())[0].start
    data = {"slot": start.isoformat(), "topic": "Tutors", "time_zone": "Europe/Rome"}
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(member).post("/el/counselling/eleni/book/", data)
    booking = Booking.objects.get()
    note = Notification.objects.get(user=eleni.user)
    counsellor = signed_in(eleni.user)
    response = counsellor.post(f"/de/notifications/{note.pk}/read/", {"open": "1"})
    assert response["Location"] == f"/de/counselling/bookings/{booking.pk}/"
    page = counsellor.get(response["Location"]).content.decode()
    assert "Tutors" in page


def test_a_booking_notification_says_who_and_when_in_each_readers_zone(
    network, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    """Each of the two people reads who booked and when, in their own zone and
    language, on the notifications page and in their digest (built by the
    worker's task, whose own zone is the site's): it said only "Counselling
    session “Tutors”: booked"."""
    from django.utils import translation
    from wagtail.users.models import UserProfile

    from counselling.templatetags.counselling_time import local_text
    from notifications import tasks
    from notifications.services import preferences

    eleni = network[0]  # in Athens
    profile = UserProfile.get_for_user(eleni.user)
    profile.preferred_language = "de"
    profile.save()
    preferences.set_frequencies(eleni.user, {"booking": "daily"})
    member = make_user(email="ana@example.org", first_name="Ana", last_name="Rossi")
    start = free_slots(svc.rules_for(eleni), [], timezone.now())[0].start
    data = {"slot": start.isoformat(), "topic": "Tutors", "time_zone": "Asia/Tokyo"}
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(member).post("/el/counselling/eleni/book/", data)

    def when(language, zone):
        with translation.override(language):
            return f"{local_text(start, zone, 'DATETIME_FORMAT')} ({zone})"

    german = (
        f"Ana Rossi hat eine Beratungssitzung mit Ihnen gebucht am "
        f"{when('de', 'Europe/Athens')}: „Tutors“"
    )
    page = signed_in(eleni.user).get("/de/notifications/").content.decode()
    assert german in html.unescape(page)
    english = (
        f"You booked a counselling session with {eleni.name} on "
        f"{when('en', 'Asia/Tokyo')}: “Tutors”"
    )
    page = signed_in(member).get("/notifications/").content.decode()
    assert english in html.unescape(page)

    mailoutbox.clear()
    tasks.send_digests.enqueue("daily")
    [digest] = [m for m in mailoutbox if m.to == [eleni.user.email]]
    assert german in digest.body


def test_a_double_click_on_book_shows_the_one_booking_it_made(
    network, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    """The browser sends the form twice (a double click, a slow network): the
    member ends on their booking both times, with one booking and one
    confirmation, instead of an error page saying the time is taken."""
    eleni = network[0]
    member = make_user(email="ana@example.org")
    start = free_slots(svc.rules_for(eleni), [], timezone.now())[0].start
    data = {"slot": start.isoformat(), "topic": "Tutors", "time_zone": "Europe/Rome"}
    client = signed_in(member)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/de/counselling/eleni/book/", data)
        second = client.post("/de/counselling/eleni/book/", data)
    booking = Booking.objects.get()
    where = f"/de/counselling/bookings/{booking.pk}/"
    assert first["Location"] == second["Location"] == where
    page = client.get(second["Location"]).content.decode()
    assert "Sie haben diese Zeit bereits gebucht." in page
    assert len(mailoutbox) == 2  # the member's and the counsellor's, once


def test_another_language_on_a_refused_booking_s_page_shows_the_times(
    network, make_user
):
    """The language links of a refused booking's page (its address is the
    form's) lead to the counsellor's times in that language, in the same zone."""
    member = make_user(email="ana@example.org")
    client = signed_in(member)
    refused = client.post(
        "/counselling/eleni/book/?tz=Europe/Athens",
        {"topic": "Tutors", "time_zone": "Europe/Athens"},
    )
    assert 'href="/nl/counselling/eleni/book/?tz=Europe/Athens"' in refused.text
    response = client.get("/nl/counselling/eleni/book/?tz=Europe/Athens", follow=True)
    assert response.redirect_chain == [
        ("/nl/counselling/eleni/?tz=Europe%2FAthens", 302)
    ]
    assert "Er is nog niets geboekt: kies uw tijdstip." in response.text


def test_a_refused_decline_or_feedback_keeps_what_was_typed(network, make_user):
    """A reason longer than 500 characters, or a comment sent without a
    rating, comes back on the booking's page with the text and what to fix
    (it was a redirect saying "Please give a reason." and the text was gone)."""
    eleni = network[0]
    member = make_user(email="keep@example.org")
    slot = free_slots(svc.rules_for(eleni), [], timezone.now())[0]
    upcoming = svc.book(eleni, member, slot.start, "Tutors", "Europe/Athens")
    reason = "Ο σύμβουλος λείπει σε συνέδριο. " * 20
    response = signed_in(eleni.user).post(
        f"/counselling/bookings/{upcoming.pk}/decline/", {"reason": reason}
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert reason.strip() in page
    assert "at most 500 characters" in page
    assert Booking.objects.get(pk=upcoming.pk).is_active

    over = past_booking(eleni, member)
    response = signed_in(member).post(
        f"/counselling/bookings/{over.pk}/feedback/",
        {"comment": "Very useful, thank you"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Very useful, thank you" in page
    assert "Please choose a rating from 1 to 5." in page
    assert Booking.objects.get(pk=over.pk).rating is None


def test_a_counsellor_s_own_bookings_page_points_to_the_dashboard(network, make_user):
    """A counsellor who opens "My bookings" learns where members' bookings with
    them are, instead of reading only that they booked nothing."""
    eleni = network[0]
    page = signed_in(eleni.user).get("/de/counselling/mine/").content.decode()
    assert 'href="/de/counselling/dashboard/">Dashboard für Beratende</a>' in page
    member = signed_in(make_user(email="plain@example.org"))
    assert (
        "/counselling/dashboard/"
        not in member.get("/counselling/mine/").content.decode()
    )


def test_the_bookings_csv_gives_times_in_the_counsellors_own_zone(
    make_counsellor, make_user
):
    """The counsellor publishes hours in their own zone: their export says
    10:00 for a session they hold at 10:00 in Athens (it said
    "2030-09-23T07:00:00+00:00", UTC, which a spreadsheet keeps as text)."""
    eleni = make_counsellor("eleni", time_zone="Europe/Athens")
    start = datetime(2030, 9, 23, 7, 0, tzinfo=UTC)
    Booking.objects.create(
        counsellor=eleni,
        member=make_user(email="ana@example.org"),
        start=start,
        end=start + timedelta(hours=1),
        topic="Tutors",
    )
    answer = signed_in(eleni.user).get("/counselling/dashboard/bookings.csv")
    (row,) = DictReader(StringIO(answer.content.decode("utf-8-sig")))
    assert row["Start (Europe/Athens)"] == "2030-09-23 10:00:00"
    assert row["End (Europe/Athens)"] == "2030-09-23 11:00:00"
