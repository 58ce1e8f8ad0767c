"""Free times from weekly hours: pure functions, across daylight-saving changes.

In 2027 the EU moves its clocks forward on Sunday 28 March. Hours set at
10:00-12:00 in Rome stay 10:00 in Rome (09:00 UTC before, 08:00 UTC after); seen
from Athens (also EU rules) they stay 11:00, from Madrid (same zone offset as Rome)
10:00. New York changes on 14 March: for the two weeks between, a Roman 10:00 is
05:00 there instead of 04:00.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from counselling.services.availability import (
    Hours,
    Rules,
    candidate_slots,
    free_slots,
    is_free,
)

MONDAY = 0
ROME = Rules(
    zone="Europe/Rome",
    hours=(Hours(MONDAY, time(10), time(12)),),
    session=timedelta(minutes=60),
    window=timedelta(days=60),
)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def wall(slot, zone):
    return slot.start.astimezone(ZoneInfo(zone)).strftime("%a %d %b %H:%M")


def test_rome_hours_keep_their_wall_clock_across_the_spring_change():
    slots = free_slots(ROME, [], now=utc(2027, 3, 15))
    march = [s for s in slots if s.start < utc(2027, 4, 1)]
    assert [wall(s, "Europe/Rome") for s in march] == [
        "Mon 15 Mar 10:00",
        "Mon 15 Mar 11:00",
        "Mon 22 Mar 10:00",
        "Mon 22 Mar 11:00",
        "Mon 29 Mar 10:00",
        "Mon 29 Mar 11:00",
    ]
    # The instants move by the hour the clocks moved.
    assert march[2].start == utc(2027, 3, 22, 9)
    assert march[4].start == utc(2027, 3, 29, 8)


def test_rome_hours_seen_from_athens_and_madrid_across_the_change():
    slots = [
        s
        for s in free_slots(ROME, [], now=utc(2027, 3, 20))
        if s.start < utc(2027, 4, 1)
    ]
    assert [wall(s, "Europe/Athens") for s in slots] == [
        "Mon 22 Mar 11:00",
        "Mon 22 Mar 12:00",
        "Mon 29 Mar 11:00",
        "Mon 29 Mar 12:00",
    ]
    assert [wall(s, "Europe/Madrid") for s in slots] == [
        "Mon 22 Mar 10:00",
        "Mon 22 Mar 11:00",
        "Mon 29 Mar 10:00",
        "Mon 29 Mar 11:00",
    ]


def test_a_zone_that_changes_on_another_day_sees_the_hour_move():
    slots = free_slots(ROME, [], now=utc(2027, 3, 7))
    first = [wall(s, "America/New_York") for s in slots[:6:2]]
    # 8 March: both on winter time (6 h apart); 15 and 22 March: New York has
    # moved, Rome not yet (5 h); 29 March: both on summer time (6 h again).
    assert first == ["Mon 08 Mar 04:00", "Mon 15 Mar 05:00", "Mon 22 Mar 05:00"]
    assert wall(slots[6], "America/New_York") == "Mon 29 Mar 04:00"


def test_autumn_change_keeps_the_wall_clock_too():
    slots = free_slots(ROME, [], now=utc(2027, 10, 25))
    # The clocks go back on 31 October 2027: 25 October is still summer time.
    assert slots[0].start == utc(2027, 10, 25, 8)
    assert wall(slots[0], "Europe/Rome") == "Mon 25 Oct 10:00"
    assert slots[2].start == utc(2027, 11, 1, 9)
    assert wall(slots[2], "Europe/Rome") == "Mon 01 Nov 10:00"


def test_a_wall_clock_time_skipped_by_the_change_is_not_offered():
    sunday_night = Rules(
        zone="Europe/Rome",
        hours=(Hours(6, time(1, 30), time(3, 30)),),  # Sundays 01:30-03:30
        session=timedelta(minutes=60),
    )
    slots = candidate_slots(sunday_night, date(2027, 3, 28), date(2027, 3, 28))
    # 02:30 does not exist on 28 March 2027 in Rome.
    assert [wall_time(s[0]) for s in slots] == ["01:30"]


def wall_time(instant):
    return instant.astimezone(ZoneInfo("Europe/Rome")).strftime("%H:%M")


def test_buffer_spaces_the_slots_and_keeps_bookings_apart():
    rules = Rules(
        zone="Europe/Rome",
        hours=(Hours(MONDAY, time(9), time(12)),),
        session=timedelta(minutes=45),
        buffer=timedelta(minutes=15),
    )
    now = utc(2027, 5, 1)
    slots = free_slots(rules, [], now, until=utc(2027, 5, 4))
    assert [wall_time(s.start) for s in slots] == ["09:00", "10:00", "11:00"]
    # A booking at 10:00 (made before the counsellor changed their hours) takes its
    # slot; one at 10:20 blocks the 10:00 slot and, with the buffer, 11:00 too.
    booked = [(utc(2027, 5, 3, 8), utc(2027, 5, 3, 8, 45))]
    assert [wall_time(s.start) for s in free_slots(rules, booked, now)[:3]] == [
        "09:00",
        "11:00",
        "09:00",
    ]
    odd = [(utc(2027, 5, 3, 8, 20), utc(2027, 5, 3, 9, 5))]
    assert [wall_time(s.start) for s in free_slots(rules, odd, now)][:1] == ["09:00"]
    that_day = [s for s in free_slots(rules, odd, now) if s.start < utc(2027, 5, 4)]
    assert len(that_day) == 1


def test_group_sessions_fill_up_to_capacity():
    rules = Rules(
        zone="Europe/Athens",
        hours=(Hours(MONDAY, time(18), time(19, 30)),),
        session=timedelta(minutes=90),
        capacity=3,
    )
    now = utc(2027, 5, 1)
    start = utc(2027, 5, 3, 15)
    assert is_free(rules, [], now, start).remaining == 3
    two = [(start, start + timedelta(minutes=90))] * 2
    assert is_free(rules, two, now, start).remaining == 1
    assert is_free(rules, two * 2, now, start) is None


def test_window_notice_and_days_off():
    rules = Rules(
        zone="Europe/Madrid",
        hours=tuple(Hours(d, time(9), time(10)) for d in range(5)),
        session=timedelta(minutes=60),
        window=timedelta(days=7),
        notice=timedelta(hours=24),
        days_off=((date(2027, 5, 5), date(2027, 5, 6)),),
    )
    now = utc(2027, 5, 3, 6)  # Monday 08:00 in Madrid
    madrid = ZoneInfo("Europe/Madrid")
    days = [s.start.astimezone(madrid).date() for s in free_slots(rules, [], now)]
    # Not Monday (less than 24 h), not Wednesday or Thursday (days off), and
    # nothing past next Monday 08:00 (7 days).
    assert days == [date(2027, 5, 4), date(2027, 5, 7)]
