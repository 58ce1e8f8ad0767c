import datetime as dt
import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Locale, Page

from community.demo import ensure_home_page
from events.models import EventIndexPage, EventPage


def ensure_tree():
    """Transactional tests flush the migrations' Locale and root page: put them back."""
    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def index_page(db):
    ensure_tree()
    home = ensure_home_page()
    existing = EventIndexPage.objects.filter(slug="events").first()
    if existing:
        return existing
    return home.add_child(instance=EventIndexPage(title="Events", slug="events"))


@pytest.fixture
def make_event(index_page):
    def make(slug="rome-workshop", **fields):
        now = timezone.now().replace(microsecond=0)
        values = {
            "title": "Rome international workshop",
            "kind": "workshop",
            "start": now + dt.timedelta(days=30),
            "end": now + dt.timedelta(days=31),
            "timezone": "Europe/Rome",
            "venue_name": "CNA Headquarters",
            "venue_address": "Piazza Mariano Armellini 9/a",
            "city": "Rome",
            "country": "IT",
            "capacity": 2,
            "waiting_list": True,
        }
        values.update(fields)
        return index_page.add_child(instance=EventPage(slug=slug, **values))

    return make


@pytest.fixture
def event(make_event):
    return make_event()


def person(n=1, **extra):
    data = {
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "organisation": "CNA",
        "country": "IT",
        "role": "trainer",
        "needs": "",
        "language": "en",
        "consent": True,
    }
    data.update(extra)
    return data


@pytest.fixture
def organiser(django_user_model):
    user = django_user_model.objects.create_user("org", "org@example.org", "pw")
    # Transactional tests flush the migration's group: rebuild it from its own list.
    migration = importlib.import_module("events.migrations.0002_organisers_group")
    group, _ = Group.objects.get_or_create(name=migration.GROUP)
    for app_label, model, codename in migration.PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label,
                content_type__model=model,
                codename=codename,
            )
        )
    user.groups.add(group)
    return user


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on_commit callbacks (the e-mails) of what happens inside, as a real
    commit would; tests that need real commits and connections are transactional."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
