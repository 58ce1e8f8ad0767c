"""Free times, computed from weekly hours: pure functions, no database.

Weekly hours are wall-clock times in the counsellor's zone. Each week's
occurrences come from an RFC 5545 recurrence rule (dateutil's ``rrule``) over
*naive* local times, and only then are they placed in the zone: 10:00 in Rome
stays 10:00 in Rome on both sides of a daylight-saving change (08:00 UTC in
summer, 09:00 UTC in winter). A wall-clock time that does not exist that day
(the hour skipped in spring) is left out; one that exists twice (autumn) is the
first of the two.

Slots are laid end to end from the start of each period of hours, one session
plus the buffer apart; a slot is offered when it fits in the period, lies inside
the booking window, is not on a day off, and (one-to-one) no booking overlaps it
with its buffer, or (group) fewer than `capacity` members booked that very time
and no other booking overlaps it.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import WEEKLY, rrule


@dataclass(frozen=True)
class Hours:
    weekday: int  # 0 = Monday
    start: time
    end: time


@dataclass(frozen=True)
class Rules:
    zone: str
    hours: tuple  # of Hours
    days_off: tuple = ()  # of (first_day, last_day), dates in the zone
    session: timedelta = timedelta(minutes=45)
    buffer: timedelta = timedelta(0)
    capacity: int = 1
    window: timedelta = timedelta(days=28)
    notice: timedelta = timedelta(0)


@dataclass(frozen=True)
class Slot:
    start: datetime  # aware, UTC
    end: datetime
    remaining: int  # places left (1 for a free one-to-one time)


def local_instant(naive, zone):
    """``naive`` wall-clock time in ``zone`` as an aware datetime, or None when
    that time does not exist there (skipped by a daylight-saving change)."""
    aware = naive.replace(tzinfo=zone, fold=0)
    back = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return aware if back == naive else None


def _occurrences(hours, first_day, last_day):
    """(naive start, naive end) of each period of hours between the two dates."""
    for period in hours:
        rule = rrule(
            WEEKLY,
            byweekday=period.weekday,
            dtstart=datetime.combine(first_day, period.start),
            until=datetime.combine(last_day, period.start),
        )
        for start in rule:
            yield start, datetime.combine(start.date(), period.end)


def _is_day_off(day, days_off):
    return any(first <= day <= last for first, last in days_off)


def candidate_slots(rules, first_day: date, last_day: date):
    """Every slot the hours define between two local dates (UTC, sorted)."""
    zone = ZoneInfo(rules.zone)
    step = rules.session + rules.buffer
    slots = set()
    for period_start, period_end in _occurrences(rules.hours, first_day, last_day):
        if _is_day_off(period_start.date(), rules.days_off):
            continue
        start = period_start
        while start + rules.session <= period_end:
            instant = local_instant(start, zone)
            if instant is not None:
                utc = instant.astimezone(UTC)
                slots.add((utc, utc + rules.session))
            start += step
    return sorted(slots)


def free_slots(rules, bookings, now, *, until=None):
    """Free slots from now on, within the booking window.

    ``bookings``: (start, end) of the active bookings (aware datetimes), one
    item per member booked. ``until``: stop earlier than the window's end.
    """
    zone = ZoneInfo(rules.zone)
    earliest = now + rules.notice
    latest = now + rules.window
    if until is not None:
        latest = min(latest, until)
    first_day = now.astimezone(zone).date()
    last_day = latest.astimezone(zone).date()
    taken = Counter(start for start, _end in bookings)
    periods = sorted(set(bookings))
    free = []
    for start, end in candidate_slots(rules, first_day, last_day):
        if start < earliest or start > latest:
            continue
        remaining = rules.capacity - taken.get(start, 0)
        if remaining <= 0:
            continue
        if _overlaps_other(start, end, periods, rules.buffer):
            continue
        free.append(Slot(start, end, remaining))
    return free


def _overlaps_other(start, end, periods, buffer):
    """A booking at another time overlaps this slot or its buffer (bookings at
    this very start are the group's own places, counted by capacity)."""
    for other_start, other_end in periods:
        if other_start == start:
            continue
        if other_start < end + buffer and start < other_end + buffer:
            return True
    return False


def is_free(rules, bookings, now, start):
    """The free slot starting at ``start``, or None."""
    for slot in free_slots(rules, bookings, now, until=start + timedelta(seconds=1)):
        if slot.start == start:
            return slot
    return None
