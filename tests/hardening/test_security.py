"""Hardening of the public site: headers, forms, errors, admin, deploy checks."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse

from community.models import Organisation

REPO = Path(settings.BASE_DIR)


# --- headers ------------------------------------------------------------------------


def directives(header):
    return {
        part.split()[0]: part.split()[1:]
        for part in (p.strip() for p in header.split(";"))
        if part
    }


@pytest.mark.django_db
def test_public_pages_carry_a_strict_content_security_policy(client, home):
    response = client.get("/")
    assert response.status_code == 200
    csp = directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no CDN
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert set(csp["connect-src"]) == {"'self'", "ws:", "wss:"}
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in {
        "same-origin",
        "strict-origin-when-cross-origin",
    }


@pytest.mark.django_db
def test_wagtail_admin_is_left_without_the_strict_policy(client):
    # Wagtail's admin relies on inline scripts; the policy would break it.
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"


INLINE_CODE = [
    (
        re.compile(
            r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I
        ),
        "inline <script>",
    ),
    (re.compile(r"<style[\s>]", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=\s*[\"']", re.I), "style= attribute"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "inline event handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_relies_on_inline_code():
    """The policy forbids inline scripts and styles: a template using them breaks."""
    offenders = []
    for path in sorted((REPO / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE_CODE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{path.relative_to(REPO)}:{line}: {what}")
    assert offenders == []


# --- production settings ------------------------------------------------------------


def production_env(**extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="vetnet.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.org",
    )
    env.update(extra)
    return env


def test_deploy_check_is_clean_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_a_short_secret_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=REPO,
        env=production_env(SECRET_KEY="too-short"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "at least 50" in result.stderr


HSTS_PROBE = """
import django
django.setup()
from django.test import Client
c = Client(HTTP_HOST="example.org")
plain = c.get("/healthz")
secure = c.get("/healthz", secure=True)
print("REDIRECT", plain.status_code, plain.get("Location", ""))
print("HSTS", secure.get("Strict-Transport-Security", ""))
print("CSP", secure.get("Content-Security-Policy", ""))
"""


@pytest.mark.django_db
def test_production_redirects_to_https_and_sends_hsts():
    db = settings.DATABASES["default"]
    extra = {}
    if db["ENGINE"].endswith("sqlite3"):
        extra["SQLITE_PATH"] = "/tmp/vetnet-hardening-hsts.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", HSTS_PROBE],
        cwd=REPO,
        env=production_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = dict(
        line.split(" ", 1) for line in result.stdout.splitlines() if " " in line
    )
    status, location = lines["REDIRECT"].split(" ", 1)
    assert status == "301" and location.startswith("https://example.org/")
    assert "max-age=31536000" in lines["HSTS"]
    assert "includeSubDomains" in lines["HSTS"]
    assert "frame-ancestors 'none'" in lines["CSP"]


# --- error pages ----------------------------------------------------------------------


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.hardening.urls"
    settings.DEBUG = False


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, status, heading",
    [
        ("/boom/bad-request/", 400, "Bad request"),
        ("/boom/forbidden/", 403, "Access denied"),
        ("/no-such-page-here/", 404, "Page not found"),
        ("/boom/server-error/", 500, "Something went wrong"),
    ],
)
def test_error_pages_are_in_the_site_style_without_details(
    failing_urls, home, path, status, heading
):
    client = Client(raise_request_exception=False)
    response = client.get(path)
    assert response.status_code == status
    body = response.content.decode()
    assert heading in body
    assert "VET NET Community" in body  # the site's header, not Django's page
    assert "css/site.css" in body
    for leak in ("Traceback", "secret-detail-", "settings.py", "DEBUG"):
        assert leak not in body


# --- CSRF -------------------------------------------------------------------------------

PUBLIC_FORMS = [
    ("account_login", {}),
    ("account_signup", {}),
    ("account_reset_password", {}),
    ("set_language", {}),
    ("events:register", {"slug": "any-event"}),
    ("practices:submit", {}),
    ("forums:thread_new", {}),
    ("forums:counselling_request", {}),
    ("community:profile_edit", {}),
]


@pytest.mark.django_db
def test_every_public_form_refuses_a_post_without_csrf_token(home):
    client = Client(enforce_csrf_checks=True)
    checked = []
    for name, kwargs in PUBLIC_FORMS:
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        response = client.post(url, {"email": "a@example.org", "name": "A"})
        assert response.status_code == 403, url
        assert "This form has expired" in response.content.decode(), url
        checked.append(url)
    assert len(checked) >= 5  # the account, language and event forms exist


# --- admin --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/pages/", "/admin/images/", "/admin/users/"]
)
def test_admin_is_behind_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_a_member_without_admin_rights_is_kept_out(client, django_user_model):
    user = django_user_model.objects.create_user(
        "plain", "plain@example.org", "pw-12345678"
    )
    client.force_login(user)
    response = client.get("/admin/pages/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"] or response["Location"] == "/"


# --- user-supplied text is inert ---------------------------------------------------------------

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.django_db
def test_organisation_text_is_escaped_on_its_page(client, home):
    Organisation.objects.create(
        name=f"Evil {PAYLOAD}", slug="evil-org", description=PAYLOAD, country="IT"
    )
    response = client.get(
        reverse("community:organisation", kwargs={"slug": "evil-org"})
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "<img src=x onerror" not in body
    assert "&lt;script&gt;" in body
