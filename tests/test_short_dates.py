"""Short dates (a post's date and time, a learner's completion) as their readers
write them: Catalan's abbreviated month carries its "de", elided before a
vowel ("3 d'abr. 2026", "5 de febr. 2026"), and Greek abbreviates months
without the accent (CLDR: "Νοε", "Μαΐ")."""

import html
import re
from datetime import UTC, datetime

import pytest

from tests.factories import MemberFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db

DAYS = {
    "february": datetime(2026, 2, 5, 11, 0, tzinfo=UTC),
    "april": datetime(2026, 4, 3, 11, 0, tzinfo=UTC),
    "may": datetime(2026, 5, 20, 11, 0, tzinfo=UTC),
    "august": datetime(2026, 8, 2, 11, 0, tzinfo=UTC),
    "october": datetime(2026, 10, 12, 11, 0, tzinfo=UTC),
    "november": datetime(2026, 11, 9, 11, 0, tzinfo=UTC),
}


@pytest.fixture
def thread():
    alice = MemberFactory(first_name="Alice")
    thread = ThreadFactory(title="Apprentices abroad", author=alice)
    for month, when in DAYS.items():
        PostFactory(thread=thread, author=alice, body=month, created_at=when)
    return thread


def post_dates(client, prefix, thread):
    page = client.get(f"{prefix}{thread.get_absolute_url()}").content.decode()
    dates = re.findall(r'<time datetime="[^"]+">([^<]+)</time>', page)
    return [html.unescape(date).rsplit(",", 1)[0] for date in dates]


def test_catalan_short_dates_put_de_before_the_month_eliding_it_before_a_vowel(
    client, thread
):
    assert post_dates(client, "/ca", thread) == [
        "5 de febr. 2026",
        "3 d'abr. 2026",
        "20 de maig 2026",
        "2 d'ag. 2026",
        "12 d'oct. 2026",
        "9 de nov. 2026",
    ]


def test_greek_short_months_are_abbreviated_without_the_accent(client, thread):
    assert post_dates(client, "/el", thread) == [
        "5 Φεβ 2026",
        "3 Απρ 2026",
        "20 Μαΐ 2026",
        "2 Αυγ 2026",
        "12 Οκτ 2026",
        "9 Νοε 2026",
    ]
