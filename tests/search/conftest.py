"""Fixtures for the search tests: a practice factory, a private index prefix per
test, and a clean circuit breaker."""

import itertools
import socket
import uuid

import pytest
from django.conf import settings as django_settings
from elasticsearch import Elasticsearch
from wagtail.models import Locale, Page

from community.demo import ensure_home_page
from practices.models import PracticeIndexPage, PracticePage
from search.services.client import breaker
from taxonomy.models import EQFLevel, Sector

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def closed_breaker():
    breaker.reset()
    yield
    breaker.reset()


@pytest.fixture
def es_index(settings):
    """A unique ``test_…`` prefix for this test's indices; deleted afterwards."""
    prefix = f"test_{uuid.uuid4().hex[:10]}"
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    yield prefix
    client = Elasticsearch(django_settings.ELASTICSEARCH_URL, request_timeout=10)
    # Wildcard deletes are refused (destructive_requires_name): name each index.
    names = list(client.indices.get(index=f"{prefix}-*", allow_no_indices=True))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)


@pytest.fixture
def closed_port():
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def practice_index(db):
    # Transactional tests flush the tables a data migration filled.
    locale, _ = Locale.objects.get_or_create(
        language_code=django_settings.LANGUAGE_CODE
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = ensure_home_page()
    index = PracticeIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=PracticeIndexPage(title="Good practices", slug="practices")
        )
    return index


@pytest.fixture
def make_practice(practice_index):
    """Create and publish a practice; keyword arguments override the defaults."""

    def make(
        title,
        summary,
        language,
        country="IT",
        body="",
        sectors=(),
        eqf=(),
        themes=(),
        publish=True,
        **fields,
    ):
        n = next(_numbers)
        page = PracticePage(
            title=title,
            slug=fields.pop("slug", f"practice-{n}"),
            summary=summary,
            content_language=language,
            country=country,
            body=[("paragraph", f"<p>{body}</p>")] if body else [],
            live=False,
            **fields,
        )
        practice_index.add_child(instance=page)
        for slug in sectors:
            sector, _ = Sector.objects.get_or_create(
                slug=slug, defaults={"name": slug.replace("-", " ").capitalize()}
            )
            page.sectors.add(sector)
        page.eqf_levels.set(list(EQFLevel.objects.filter(level__in=eqf)))
        page.themes.set(list(themes))
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page

    return make


# A small multilingual corpus: three practices about apprenticeship (it, ca, el),
# two about digital skills (es, de) and one unrelated (nl).
CORPUS = [
    {
        "slug": "it-apprendistato",
        "title": "Apprendistato duale nelle botteghe di falegnameria",
        "summary": "Gli apprendisti alternano lavoro in bottega e laboratorio presso "
        "il centro di formazione, seguiti da tutor aziendali.",
        "language": "it",
        "country": "IT",
        "sectors": ["wood-furniture"],
        "eqf": [3, 4],
        "themes": ["apprenticeship"],
    },
    {
        "slug": "ca-aprenentatge",
        "title": "Aprenentatge dual en pastisseria artesana",
        "summary": "Els aprenents treballen tres dies per setmana en obradors artesans "
        "i dos dies a l'escola.",
        "language": "ca",
        "country": "ES",
        "sectors": ["food-catering"],
        "eqf": [3],
        "themes": ["apprenticeship"],
    },
    {
        "slug": "el-mathiteia",
        "title": "Μαθητεία στην κομμωτική",
        "summary": "Νέοι κομμωτές σε πρόγραμμα μαθητείας: τέσσερις ημέρες την εβδομάδα "
        "εργασία στο κομμωτήριο.",
        "language": "el",
        "country": "GR",
        "sectors": ["personal-services"],
        "eqf": [4],
        "themes": ["apprenticeship"],
    },
    {
        "slug": "es-digital",
        "title": "Acompañamiento digital para micropymes",
        "summary": "Un programa de capacitación digital para personas propietarias de "
        "comercios de proximidad.",
        "language": "es",
        "country": "ES",
        "sectors": ["retail"],
        "eqf": [5],
        "themes": ["digital skills"],
    },
    {
        "slug": "de-digital",
        "title": "Digitalcoaches für Handwerksbetriebe",
        "summary": "Digitale Kompetenzen im Handwerk: Coaches begleiten Betriebe bei der "
        "Digitalisierung.",
        "language": "de",
        "country": "DE",
        "sectors": ["crafts"],
        "eqf": [5],
        "themes": ["digital skills"],
    },
    {
        "slug": "nl-warmtepomp",
        "title": "Warmtepompen installeren: bijscholing voor installateurs",
        "summary": "Korte praktijkcursussen over warmtepompen voor installatiebedrijven.",
        "language": "nl",
        "country": "NL",
        "sectors": ["construction"],
        "eqf": [4],
        "themes": ["green skills"],
    },
]


@pytest.fixture
def corpus(make_practice):
    return {spec["slug"]: make_practice(**spec) for spec in CORPUS}


@pytest.fixture
def built(es_index, corpus):
    """The corpus indexed in a fresh index of its own."""
    from search.services.indexing import lifecycle

    lifecycle.rebuild()
    return corpus


@pytest.fixture
def event_index(practice_index):
    from events.models import EventIndexPage

    home = practice_index.get_parent()
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=EventIndexPage(title="Events", slug="events"))
    return index


@pytest.fixture
def make_event(event_index):
    """Create an event and publish it (unless ``publish=False``)."""
    import datetime as dt

    from django.utils import timezone

    from events.models import EventPage

    def make(title, publish=True, **fields):
        start = timezone.now().replace(microsecond=0) + dt.timedelta(days=30)
        values = {
            "kind": "workshop",
            "summary": "A day of workshops for trainers and craft businesses.",
            "start": start,
            "end": start + dt.timedelta(hours=8),
            "timezone": "Europe/Rome",
            "city": "Perugia",
            "country": "IT",
            "live": False,
            **fields,
        }
        page = EventPage(title=title, slug=f"event-{next(_numbers)}", **values)
        event_index.add_child(instance=page)
        if publish:
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def make_organisation(db):
    from community.models import Organisation

    def make(name, **fields):
        values = {
            "slug": f"organisation-{next(_numbers)}",
            "kind": "vet_provider",
            "country": "ES",
            "city": "Sevilla",
            **fields,
        }
        return Organisation.objects.create(name=name, **values)

    return make
