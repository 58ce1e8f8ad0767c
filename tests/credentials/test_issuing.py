"""Issuing and revoking credentials, the certificate PDF and the verification page."""

import io
import json
import re

import pytest
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from credentials.models import Credential
from credentials.services import recipient_identity, revoke_credential
from credentials.services.certificate import render_pdf

pytestmark = pytest.mark.postgres


def pdf_text(content):
    return "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(content)).pages
    )


def flat(text):
    return " ".join(text.split())


def test_issuing_twice_returns_the_first_credential(issue, learner):
    first = issue(learner)
    again = issue(learner, badge_name="Renamed course", workload_hours=99)

    assert again.pk == first.pk
    assert again.workload_hours == 25
    assert Credential.objects.filter(recipient=learner).count() == 1


def test_each_learner_and_each_course_gets_its_own_credential(
    issue, learner, make_user
):
    other = issue(make_user("nikos@example.org"))
    second_course = issue(learner, badge_key="course:short")
    first = issue(learner)

    assert len({other.public_id, second_course.public_id, first.public_id}) == 3
    assert second_course.badge_class != first.badge_class
    assert other.badge_class == first.badge_class


def test_a_language_the_interface_lacks_falls_back_to_english(client, issue, learner):
    credential = issue(learner, language="pt")

    assert credential.language == "en"
    assert client.get(credential.certificate_url).status_code == 200


def test_the_credential_keeps_what_it_certified(issue, learner, organisation):
    credential = issue(learner)
    learner.first_name = "Changed"
    learner.save()
    organisation.name = "Renamed"
    organisation.save()

    credential.refresh_from_db()
    assert credential.recipient_name == "Giulia Rossi"
    assert credential.organisation_name == "CNA Confederazione"
    assert credential.learning_outcomes[0].startswith("Plans the digital")


def test_the_recipient_is_identified_by_a_salted_hash(issue, learner):
    credential = issue(learner)

    assert credential.recipient_hash == recipient_identity(
        "Giulia.Rossi@example.org", credential.recipient_salt
    )
    assert len(credential.recipient_salt) == 32
    other = issue(learner, badge_key="course:other")
    assert other.recipient_salt != credential.recipient_salt


def test_the_public_id_is_unguessable(issue, learner):
    credential = issue(learner)

    assert len(credential.public_id) >= 22
    assert str(credential.pk) not in credential.get_absolute_url().split("/")


def test_urls(issue, learner):
    credential = issue(learner)

    assert credential.get_absolute_url() == f"/credentials/{credential.public_id}/"
    with translation.override("el"):
        assert (
            credential.get_absolute_url() == f"/el/credentials/{credential.public_id}/"
        )
        # Stable documents have no language prefix.
        assert credential.certificate_url == (
            f"/credentials/{credential.public_id}/certificate.pdf"
        )


def test_the_certificate_names_learner_course_date_in_their_language(issue, learner):
    credential = issue(learner)

    text = flat(pdf_text(render_pdf(credential, "it")))

    assert "Attestato di completamento" in text
    assert "Impegno: 25 ore" in text
    assert "Giulia Rossi" in text
    assert "e-Leadership for VET trainers" in text
    with translation.override("it"):
        date = formats.date_format(credential.issued_on, "DATE_FORMAT")
    assert date in text
    assert "CNA Confederazione" in text
    assert "Coaches SME managers in e-leadership skills" in text
    assert credential.verification_url_in("it") in text


def test_the_certificate_renders_greek(issue, make_user):
    learner = make_user(
        "eleni@example.org", first_name="Ελένη", last_name="Παπαδοπούλου"
    )
    credential = issue(learner, badge_name="Ηγεσία στην ψηφιακή εποχή", language="el")

    text = flat(pdf_text(render_pdf(credential, "el")))

    assert "Βεβαίωση ολοκλήρωσης" in text
    assert "Ελένη Παπαδοπούλου" in text
    assert "Ηγεσία στην ψηφιακή εποχή" in text


def test_the_certificate_is_served_as_pdf(client, issue, learner):
    credential = issue(learner)

    response = client.get(credential.certificate_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Giulia Rossi" in flat(pdf_text(response.content))
    assert client.get(credential.certificate_url + "?lang=xx").status_code == 404


def test_a_revoked_certificate_says_so(client, issue, learner):
    credential = issue(learner)
    client.get(credential.certificate_url)  # a cached copy from before

    revoke_credential(credential, reason="Plagiarised quiz answers")

    text = flat(pdf_text(client.get(credential.certificate_url).content))
    assert "REVOCATO: questo certificato non è più valido." in text


VERIFICATION = {
    "en": "Credential verification",
    "it": "Verifica della credenziale",
    "es": "Verificación de la credencial",
    "ca": "Verificació de la credencial",
    "el": "Επαλήθευση διαπιστευτηρίου",
    "de": "Prüfung des Nachweises",
    "nl": "Verificatie van de credential",
}


@pytest.mark.parametrize("language", VERIFICATION)
def test_the_verification_page_in_every_language(client, issue, learner, language):
    credential = issue(learner)
    with translation.override(language):
        url = credential.get_absolute_url()

    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert f'lang="{language}"' in page
    assert f"<h1>{VERIFICATION[language]}</h1>" in page
    assert "Giulia Rossi" in page
    assert "e-Leadership for VET trainers" in page
    assert "Coaches SME managers" in page
    assert f"/credentials/{credential.public_id}/assertion.json" in page
    assert credential.certificate_url in page
    assert 'id="credential-status"' in page
    assert "credential-status--valid" in page
    assert not response.cookies  # cacheable for anonymous visitors


def test_after_revocation_the_page_says_revoked_with_the_reason(client, issue, learner):
    credential = issue(learner)
    assert (
        "credential-status--valid"
        in client.get(credential.get_absolute_url()).content.decode()
    )

    assert revoke_credential(credential, reason="Issued to the wrong person")
    assert credential.revoked_at <= timezone.now()

    page = client.get(credential.get_absolute_url()).content.decode()
    assert "credential-status--revoked" in page
    assert "Revoked: this credential is no longer valid." in page
    assert "Issued to the wrong person" in page
    assert "credential-status--valid" not in page


def test_the_assertion_json(client, settings, issue, learner):
    settings.SITE_URL = "https://vetnet.example"
    credential = issue(learner)

    response = client.get(credential.assertion_url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(response.content)
    assert (
        document["id"]
        == f"https://vetnet.example/credentials/{credential.public_id}/assertion.json"
    )
    assert document["verification"] == {"type": "hosted"}
    assert document["recipient"] == {
        "type": "email",
        "hashed": True,
        "salt": credential.recipient_salt,
        "identity": credential.recipient_hash,
    }
    badge = json.loads(
        client.get(document["badge"].removeprefix("https://vetnet.example")).content
    )
    assert badge["type"] == "BadgeClass"
    assert badge["criteria"] == {"id": "https://vetnet.example/learn/e-leadership/"}
    image = client.get(badge["image"].removeprefix("https://vetnet.example"))
    assert image["Content-Type"] == "image/png"
    assert b"".join(image).startswith(b"\x89PNG")
    issuer = json.loads(
        client.get(badge["issuer"].removeprefix("https://vetnet.example")).content
    )
    assert issuer["type"] == "Issuer"
    assert issuer["name"] == "CNA Confederazione"
    assert issuer["url"] == "https://www.cna.example"


def test_a_revoked_assertion_answers_410(client, issue, learner):
    credential = issue(learner)
    revoke_credential(credential, reason="Issued by mistake")

    response = client.get(credential.assertion_url)

    assert response.status_code == 410
    document = json.loads(response.content)
    assert document["revoked"] is True
    assert document["revocationReason"] == "Issued by mistake"


def test_the_email_never_appears_in_public(client, issue, learner):
    credential = issue(learner)
    badge = credential.badge_class
    urls = [
        credential.get_absolute_url(),
        "/el" + credential.get_absolute_url(),
        credential.assertion_url,
        f"/credentials/badges/{badge.public_id}.json",
        f"/credentials/issuers/{badge.issuer_organisation_id}.json",
        "/credentials/issuer.json",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode().lower()
        assert "giulia.rossi@example.org" not in body, url
        assert "giulia.rossi" not in body, url
    pdf = pdf_text(client.get(credential.certificate_url).content).lower()
    assert "giulia.rossi@" not in pdf
    revoke_credential(credential, reason="test")
    assert "giulia.rossi" not in client.get(credential.assertion_url).content.decode()


def test_unknown_credentials_are_not_found(client, home):
    assert client.get("/credentials/nope-nope-nope/").status_code == 404
    assert client.get("/credentials/nope-nope-nope/assertion.json").status_code == 404
    assert client.get("/credentials/nope-nope-nope/certificate.pdf").status_code == 404


def test_revocation_shows_at_once_through_the_page_cache(
    client, settings, issue, learner
):
    settings.PAGE_CACHE_SECONDS = 300
    credential = issue(learner)
    page = credential.get_absolute_url()
    assert client.get(page).status_code == 200
    assert client.get(page)["X-Page-Cache"] == "hit"
    assert client.get(credential.assertion_url).status_code == 200

    revoke_credential(credential, reason="Issued by mistake")

    assert "credential-status--revoked" in client.get(page).content.decode()
    assert client.get(credential.assertion_url).status_code == 410


@pytest.mark.parametrize(
    "prefix, words",
    [
        ("", "no credential with this address was issued"),
        ("/de", "kein Nachweis ausgestellt"),
    ],
)
def test_a_forged_address_says_no_such_credential_was_issued(
    client, home, prefix, words
):
    """Whoever checks a forged or mistyped verification address reads that no such
    credential exists, in the page's language, not that a page has moved."""
    response = client.get(f"{prefix}/credentials/forgedForgedForged1/")

    assert response.status_code == 404
    page = response.content.decode()
    assert words in page
    assert 'id="credential-status"' in page
    assert "may have been moved" not in page
    assert not response.cookies


def element_opening(page, text):
    """The opening tag of the innermost element inside ``<html>`` enclosing
    ``text`` that carries a ``lang`` attribute, or None (the text then reads in
    the page's language)."""
    before = page[: page.index(text)]
    depth = 0
    for tag in reversed(re.findall(r"<(/?)([a-z0-9]+)([^>]*)>", before)):
        closing, name, attributes = tag
        if name in VOID:
            continue
        if closing:
            depth += 1
        elif depth:
            depth -= 1
        elif name == "html":
            return None
        elif "lang=" in attributes:
            return f"<{name}{attributes}>"
    return None


VOID = {"meta", "link", "img", "br", "input", "hr"}


@pytest.fixture
def greek_credential(issue, make_user):
    learner = make_user("eleni@example.org", first_name="Ελένη", last_name="Νικολάου")
    return issue(
        learner,
        badge_key="course:greek",
        badge_name="Ηγεσία στην ψηφιακή εποχή",
        badge_description="Οδηγεί την ψηφιακή αλλαγή των ΜμΕ.",
        learning_outcomes=["Σχεδιάζει τον ψηφιακό μετασχηματισμό"],
        language="el",
        content_language="el",
    )


def test_greek_content_is_marked_greek_on_a_page_in_another_language(
    client, greek_credential
):
    """Screen readers and search engines read the Greek course's name,
    description and outcomes as Greek on the English page, and the certificate
    link says which language the PDF is in."""
    page = client.get(greek_credential.get_absolute_url()).content.decode()

    assert '<html lang="en"' in page
    for text in (
        "Ηγεσία στην ψηφιακή εποχή</h2>",
        "Οδηγεί την ψηφιακή αλλαγή των ΜμΕ.",
        "Σχεδιάζει τον ψηφιακό μετασχηματισμό",
    ):
        assert 'lang="el"' in element_opening(page, text), text
    # The page's own words stay English.
    assert element_opening(page, "Awarded to") is None
    (link,) = re.findall(r'<a [^>]*id="certificate-link"[^>]*>', page)
    assert 'hreflang="el"' in link

    with translation.override("el"):
        greek_page = client.get(greek_credential.get_absolute_url()).content.decode()
    assert '<html lang="el"' in greek_page
    # Already the page's language: nothing to mark.
    assert element_opening(greek_page, "Ηγεσία στην ψηφιακή εποχή</h2>") is None

    pdf = client.get(greek_credential.certificate_url)
    assert pdf["Content-Language"] == "el"
    assert (
        client.get(greek_credential.certificate_url + "?lang=de")["Content-Language"]
        == "de"
    )


def test_the_badge_documents_name_their_language(client, settings, greek_credential):
    """Open Badges 2.0 lets assertions and badge classes declare the language of
    their text with ``@language``; the evidence narrative is written in it."""
    settings.SITE_URL = "https://vetnet.example"

    assertion = json.loads(client.get(greek_credential.assertion_url).content)
    badge = json.loads(
        client.get(assertion["badge"].removeprefix("https://vetnet.example")).content
    )

    assert badge["@language"] == "el"
    assert badge["name"] == "Ηγεσία στην ψηφιακή εποχή"
    assert assertion["@language"] == "el"
    assert assertion["evidence"]["narrative"] == (
        "Φόρτος εργασίας: 25 ώρες.\n\nΜαθησιακά αποτελέσματα:\n\n"
        "- Σχεδιάζει τον ψηφιακό μετασχηματισμό"
    )


def test_a_credential_of_unknown_language_declares_none(client, issue, learner):
    credential = issue(learner, content_language="")

    assertion = json.loads(client.get(credential.assertion_url).content)
    page = client.get(credential.get_absolute_url()).content.decode()

    assert "@language" not in assertion
    assert element_opening(page, "Coaches SME managers") is None
