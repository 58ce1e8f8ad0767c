"""A GET on a POST-only address (a sign-in's ?next=, history, a shared link)
answers 405 with a page in the site's layout and the visitor's language; Django
answered an empty body, which the browser shows as its bare "HTTP ERROR 405"."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_get_on_a_form_action_explains_itself(client, make_user):
    client.force_login(make_user())
    response = client.get("/follows/preferences/")

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "This address takes a button, not a link" in response.text
    assert "Nothing was changed." in response.text
    assert '<a href="/">Go to the home page</a>' in response.text


def test_in_the_visitors_language(client, make_user):
    client.force_login(make_user())
    response = client.get("/it/notifications/read-all/")

    assert response.status_code == 405
    assert "Questo indirizzo richiede un pulsante, non un link" in response.text


def test_the_post_itself_is_untouched(client, make_user):
    client.force_login(make_user())
    response = client.post("/follows/preferences/", {})

    assert response.status_code == 302
