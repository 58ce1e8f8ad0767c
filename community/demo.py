"""Demo content of the community app: site root, standard pages, organisations."""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site

from vetnet.site import wagtail_site_address

from .models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    Organisation,
    PageHeading,
    StandardPage,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures_demo"


def demo_user(username, first, last, email=None):
    """The demo account `username`, made once with no usable password (nobody
    signs in as a demo person)."""
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": email or f"{username}@vetnet.local",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


STANDARD_PAGES = [
    (
        "about",
        "About the Community of VET Practices",
        "VET NET Community connects VET providers, craft and SME associations and "
        "policymakers across Europe to share good practices, meet at workshops and "
        "counsel each other.",
    ),
    (
        "privacy",
        "Privacy notice",
        "How we handle the personal data of members and event registrants: what we "
        "keep, why, for how long, and how to download or delete it.",
    ),
    (
        "accessibility",
        "Accessibility statement",
        "We aim to meet WCAG 2.1 AA on every public page. Tell us about any barrier "
        "you meet and we will fix it.",
    ),
]


NEWS = [
    (
        "community-of-vet-practices-opens",
        "The Community of VET Practices opens",
        datetime.date(2026, 9, 15),
        "VET providers, craft and SME associations and policymakers can now sign up, "
        "describe their organisation and share good practices in their own language.",
        ["launch", "community"],
    ),
    (
        "call-for-good-practices",
        "Call for good practices in work-based learning",
        datetime.date(2026, 10, 6),
        "Share how your organisation trains apprentices and in-company tutors: every "
        "practice is reviewed by an editor and published in the repository.",
        ["good practices", "work-based learning"],
    ),
    (
        "international-workshop-rome",
        "International workshop in Rome announced",
        datetime.date(2026, 11, 3),
        "Partners meet at the CNA headquarters in Rome to compare approaches to "
        "digital and green skills for craft enterprises. Registration is open.",
        ["events", "workshop"],
    ),
]


def ensure_headings(page):
    """The page's title and introduction in the other interface languages, from
    the fixture (keyed by the page's slug); those already written stay."""
    rows = json.loads((FIXTURES / "page_headings.json").read_text(encoding="utf-8"))
    for language, (title, intro) in rows.get(page.slug, {}).items():
        PageHeading.objects.get_or_create(
            page=page, language=language, defaults={"title": title, "intro": intro}
        )
    return page


def ensure_news(home):
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=NewsIndexPage(
                title="News",
                slug="news",
                intro="What is happening in the VET NET Community.",
            )
        )
    ensure_headings(index)
    created = 0
    for slug, title, date, intro, tags in NEWS:
        if NewsPage.objects.filter(slug=slug).exists():
            continue
        page = NewsPage(title=title, slug=slug, date=date, intro=intro)
        page.tags.add(*tags)
        index.add_child(instance=page)
        created += 1
    return created


def ensure_home_page():
    """The site's root is our HomePage; Wagtail's placeholder page is replaced once."""
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is not None:
        return ensure_headings(home)
    root = Page.get_first_root_node()
    for placeholder in root.get_children().filter(slug="home"):
        if placeholder.specific_class is Page and placeholder.is_leaf():
            placeholder.delete()  # also deletes the Site that pointed at it
    home = root.add_child(
        instance=HomePage(
            title="VET NET Community",
            slug="home",
            intro="A Community of VET Practices: good practices, workshops and peer "
            "counselling for VET providers, craft and SME associations and "
            "policymakers in Europe.",
        )
    )
    hostname, port = wagtail_site_address()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": hostname,
            "port": port,
            "root_page": home,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    return ensure_headings(home)


def sync_default_site(**kwargs):
    """After every migrate: the default Site's host and port follow SITE_URL, so
    page URLs (the API's ``html_url``, feeds) name the real address."""
    hostname, port = wagtail_site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()  # save(), not update(): Wagtail drops its cached root paths


def normalise_website(value):
    if value and not value.startswith(("http://", "https://")):
        return f"https://{value}"
    return value


def load():
    home = ensure_home_page()
    created_pages = 0
    for slug, title, intro in STANDARD_PAGES:
        if not home.get_children().filter(slug=slug).exists():
            home.add_child(instance=StandardPage(title=title, slug=slug, intro=intro))
            created_pages += 1

    created_news = ensure_news(home)

    rows = json.loads((FIXTURES / "organisations.json").read_text(encoding="utf-8"))
    created_orgs = 0
    for row in rows:
        fields = {
            "name": row["name"],
            "short_name": row.get("short_name", ""),
            "kind": row["kind"],
            "country": row["country"],
            "city": row.get("city", ""),
            "website": normalise_website(row.get("website", "")),
            "languages": row.get("languages", []),
            "description": row.get("description", ""),
            "is_partner": row.get("is_partner", False),
        }
        org, created = Organisation.objects.get_or_create(
            slug=row["slug"], defaults=fields
        )
        created_orgs += created
    return (
        f"{created_pages} pages, {created_news} news and "
        f"{created_orgs} organisations created"
    )
