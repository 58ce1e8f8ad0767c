"""Fixtures of the community tests: the site, organisations, members per role."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from community.models import Organisation
from community.services.profiles import welcome_new_member

PASSWORD = "a-long-Test-passw0rd"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # allauth keeps its rate-limit counters in the cache; start every test clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    def make(email, *, groups=(), verified=True, first_name="Test", last_name="User"):
        from allauth.account.models import EmailAddress

        user = get_user_model().objects.create_user(
            username=email.split("@")[0],
            email=email,
            password=PASSWORD,
            first_name=first_name,
            last_name=last_name,
        )
        EmailAddress.objects.create(
            user=user, email=email, verified=verified, primary=True
        )
        welcome_new_member(user)
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def member(make_user):
    return make_user("member@example.org")


@pytest.fixture
def make_org(db):
    def make(slug, **fields):
        defaults = {
            "name": slug.replace("-", " ").title(),
            "kind": "vet_provider",
            "country": "IT",
            "languages": ["it"],
        }
        defaults.update(fields)
        return Organisation.objects.create(slug=slug, **defaults)

    return make


@pytest.fixture
def practice_index(home):
    from practices.models import PracticeIndexPage

    index = PracticeIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=PracticeIndexPage(title="Practices", slug="practices")
        )
    return index


@pytest.fixture
def make_practice(practice_index):
    from practices.models import PracticePage

    def make(title, **fields):
        defaults = {
            "summary": f"Summary of {title}",
            "content_language": "en",
            "country": "IT",
        }
        defaults.update(fields)
        page = PracticePage(title=title, **defaults)
        practice_index.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make
