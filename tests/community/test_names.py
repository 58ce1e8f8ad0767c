"""A member has one name across the site (community.names.display_name): the
full name, else the username; a deleted account's posts say "former member".
The thread page names its authors and the member directory its members with it."""

import pytest

from tests.factories import PostFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_thread_names_its_authors_by_full_name_else_username(client):
    named = UserFactory(username="mrossi", first_name="Maria", last_name="Rossi")
    plain = UserFactory(username="jdoe", first_name="", last_name="")
    first = PostFactory(author=named, body="Who trains bakers abroad?")
    reply = PostFactory(thread=first.thread, author=plain, body="We do.")
    gone = PostFactory(thread=first.thread, author=None, body="So did we.")
    html = client.get(first.thread.get_absolute_url()).content.decode()
    assert f'<strong id="p{first.pk}-by">Maria Rossi</strong>' in html
    assert f'<strong id="p{reply.pk}-by">jdoe</strong>' in html
    assert f'<strong id="p{gone.pk}-by">former member</strong>' in html
