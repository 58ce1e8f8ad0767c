"""A published practice reaches those who follow what it is about, and only them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from notifications.models import Follow, Notification
from notifications.services import follows, triggers
from tests.factories import MemberFactory, PracticePageFactory

pytestmark = pytest.mark.django_db


def kinds_for(user):
    return list(Notification.objects.filter(user=user).values_list("kind", "title"))


def test_followers_of_a_sector_and_a_matching_saved_search_hear_of_it(member, publish):
    searcher = MemberFactory()
    other = MemberFactory()
    follows.follow(member, "sector", "construction")
    follows.follow(searcher, "search", "?country=IT&sector=construction&page=3")
    follows.follow(other, "search", "?country=ES")

    publish(title="Green building", sectors=["construction"], country="IT")

    assert kinds_for(member) == [("practice", "Green building")]
    assert kinds_for(searcher) == [("practice", "Green building")]
    assert kinds_for(other) == []


def test_saved_search_is_normalised_by_the_listing(member):
    saved = follows.follow(
        member, "search", "page=2&sector=construction&bogus=1&eqf=12"
    )
    assert saved.query == "sector=construction"
    again = follows.follow(member, "search", "?sector=construction")
    assert again.pk == saved.pk


def test_saved_search_with_text_matches_like_the_listing(member, publish):
    follows.follow(member, "search", "q=apprentice")
    publish(title="Joinery school", summary="Dual training for an apprentice")
    publish(title="Bakery", summary="Bread")
    assert [title for _k, title in kinds_for(member)] == ["Joinery school"]


def test_republishing_does_not_notify_twice(
    member, publish, django_capture_on_commit_callbacks
):
    follows.follow(member, "country", "it")
    page = publish(country="IT")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert Notification.objects.filter(user=member).count() == 1


def test_practice_in_review_notifies_nobody(member, practice_index):
    follows.follow(member, "sector", "construction")
    draft = PracticePageFactory(
        parent=practice_index, sectors=["construction"], publish=False
    )
    assert triggers.practice_published(draft.pk) == []
    assert not Notification.objects.exists()


def test_practice_in_a_private_section_notifies_nobody(member, practice_index, publish):
    follows.follow(member, "sector", "construction")
    PageViewRestriction.objects.create(
        page=practice_index, restriction_type=PageViewRestriction.LOGIN
    )
    publish(sectors=["construction"])
    assert not Notification.objects.exists()


def test_fan_out_queries_do_not_grow_with_followers(practice_index):
    page = PracticePageFactory(parent=practice_index, sectors=["construction"])

    def queries_for(followers):
        Notification.objects.all().delete()
        Follow.objects.all().delete()
        users = MemberFactory.create_batch(followers)
        Follow.objects.bulk_create(
            [Follow(user=u, kind="sector", value="construction") for u in users]
            + [
                Follow(
                    user=u,
                    kind="search",
                    query="sector=construction",
                    value="practices",
                )
                for u in users[:3]
            ]
        )
        with CaptureQueriesContext(connection) as captured:
            notified = triggers.practice_published(page.pk)
        assert len(notified) == followers
        return len(captured)

    assert queries_for(5) == queries_for(40)
