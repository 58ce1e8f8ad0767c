"""Sign-up with e-mail confirmation, login, logout, password reset, e-mail change,
and the sign-up spam protection (honeypot, rate limit)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+")


def link_in(message):
    return LINK.search(message.body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def sign_up(client, email="new@example.org", **extra):
    data = {
        "first_name": "Ana",
        "last_name": "García",
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(extra)
    return client.post("/accounts/signup/", data)


def test_signup_sends_a_confirmation_mail_and_the_link_confirms(client, home):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = get_user_model().objects.get(email="new@example.org")
    assert (user.first_name, user.last_name) == ("Ana", "García")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.org"]
    assert mail.outbox[0].subject.startswith("[VET NET]")

    # Not confirmed yet: logging in sends the visitor back to "check your e-mail".
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "new@example.org", "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    confirm_path = path_of(link_in(mail.outbox[-1]))
    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "Confirm" in page.content.decode()
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)
    # A new sign-up is a member with a private profile.
    assert list(user.groups.values_list("name", flat=True)) == ["Members"]
    assert user.profile.is_public is False


def test_signup_form_keeps_typed_values_and_marks_the_field(client, home):
    response = sign_up(client, email="not-an-address", password2="different")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Ana"' in html and 'value="not-an-address"' in html
    assert "field--error" in html
    assert 'aria-invalid="true"' in html
    assert not get_user_model().objects.filter(first_name="Ana").exists()


@pytest.mark.parametrize(
    "language, expected",
    [
        ("ca", "La contrasenya és massa curta. Ha de tenir un mínim de 8 caràcters."),
        ("el", "Πρέπει να περιέχει τουλάχιστον 8 χαρακτήρες."),
        ("it", "Questa password è troppo corta. Deve contenere almeno 8 caratteri."),
        ("nl", "Dit wachtwoord is te kort. De minimale lengte is 8 tekens."),
    ],
)
def test_a_too_short_password_is_refused_in_the_page_language(
    client, home, language, expected
):
    """Django 5.2's catalogues for these languages translate only the older
    wording of this rule: the sign-up page said it in English among translated
    lines."""
    response = client.post(
        f"/{language}/accounts/signup/",
        {
            "first_name": "Ana",
            "last_name": "García",
            "email": "new@example.org",
            "password1": "Kx7#q",
            "password2": "Kx7#q",
        },
    )
    html = response.content.decode()
    assert expected in html
    assert "This password is too short" not in html


def test_honeypot_filled_creates_nobody_and_sends_nothing(client, home):
    response = sign_up(client, email="bot@example.org", homepage="http://spam.example")
    # The bot is told the usual "check your e-mail", but nothing happened.
    assert response.status_code == 302
    assert not get_user_model().objects.filter(email="bot@example.org").exists()
    assert mail.outbox == []


def test_honeypot_field_is_labelled_and_hidden_by_class(client, home):
    html = client.get("/accounts/signup/").content.decode()
    assert 'class="field field--trap" aria-hidden="true"' in html
    assert 'for="id_homepage"' in html
    assert "right: -99999px" not in html  # no inline style (strict CSP)


def test_signup_rate_limit_bites(client, home, settings):
    # Five sign-ups an hour per address (ACCOUNT_RATE_LIMITS), then 429.
    assert settings.ACCOUNT_RATE_LIMITS["signup"] == "5/h/ip"
    for n in range(5):
        assert sign_up(client, email=f"person{n}@example.org").status_code == 302
        client.logout()
    response = sign_up(client, email="person6@example.org")
    assert response.status_code == 429
    assert not get_user_model().objects.filter(email="person6@example.org").exists()


def test_login_and_logout(client, member):
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    home_html = client.get("/members/me/").content.decode()
    assert "Log out" in home_html
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_signing_in_or_out_in_a_language_stays_in_it(client, member):
    # From the German sign-in page with nowhere to go next: the German home,
    # not the English one; a next page is still honoured as it is.
    response = client.post(
        "/de/accounts/login/", {"login": member.email, "password": PASSWORD}
    )
    assert response["Location"] == "/de/"
    assert client.post("/el/accounts/logout/")["Location"] == "/el/"
    response = client.post(
        "/de/accounts/login/?next=/de/practices/submit/",
        {"login": member.email, "password": PASSWORD},
    )
    assert response["Location"] == "/de/practices/submit/"
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": PASSWORD}
    )
    assert response["Location"] == "/"


def test_wrong_password_is_refused_with_a_message(client, member):
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_by_mail(client, member):
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    reset_path = path_of(link_in(mail.outbox[0]))
    # allauth moves the key out of the URL into the session first.
    response = client.get(reset_path, follow=True)
    form_path = (
        response.redirect_chain[-1][0] if response.redirect_chain else reset_path
    )
    new_password = "another-Long-passw0rd"
    response = client.post(
        form_path, {"password1": new_password, "password2": new_password}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new_password)
    assert client.login(username=member.username, password=new_password)


def test_email_change_needs_confirmation_of_the_new_address(client, member):
    client.force_login(member)
    response = client.post(
        "/accounts/email/", {"action_add": "", "email": "changed@example.org"}
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["changed@example.org"]
    member.refresh_from_db()
    assert member.email == "member@example.org"  # unchanged until confirmed
    confirm_path = path_of(link_in(mail.outbox[-1]))
    client.post(confirm_path)
    member.refresh_from_db()
    assert member.email == "changed@example.org"
    assert list(member.emailaddress_set.values_list("email", flat=True)) == [
        "changed@example.org"
    ]


def test_member_pages_require_login(client, home):
    response = client.get("/members/me/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
