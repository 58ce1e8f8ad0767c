"""The public verification page of a credential on a phone-sized screen: what was
achieved and its state are readable, the documents are linked, and axe-core
finds no serious or critical violation, valid or revoked."""

import pytest

from credentials.services import issue_credential, revoke_credential
from tests.baseline import ensure_baseline, forget_cached_rows
from tests.e2e.test_accessibility import AXE, serious_violations
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def credential(live_site_url):
    ensure_baseline()
    learner = MemberFactory(
        email="eleni@example.org", first_name="Ελένη", last_name="Παπαδοπούλου"
    )
    yield issue_credential(
        recipient=learner,
        badge_key="course:elead-el",
        badge_name="Ηγεσία στην ψηφιακή εποχή",
        badge_description="Ψηφιακή ηγεσία για εκπαιδευτές ΕΕΚ.",
        criteria_url=live_site_url + "/learn/",
        workload_hours=12,
        learning_outcomes=["Σχεδιάζει τον ψηφιακό μετασχηματισμό μιας ΜμΕ"],
        language="el",
    )
    forget_cached_rows()


@pytest.fixture
def phone(browser):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (package.json)")
    context = browser.new_context(
        locale="el-GR", viewport={"width": 390, "height": 844}, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_the_verification_page_on_a_phone(live_site_url, credential, phone):
    phone.goto(f"{live_site_url}/el/credentials/{credential.public_id}/")

    status = phone.locator("#credential-status")
    assert "Έγκυρο." in status.inner_text()
    assert phone.locator("h2", has_text="Ηγεσία στην ψηφιακή εποχή").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert (
        phone.locator("#certificate-link")
        .get_attribute("href")
        .endswith("/certificate.pdf")
    )
    assert serious_violations(phone) == []

    revoke_credential(credential, reason="Λάθος παραλήπτης")
    phone.reload()

    assert "Ανακλήθηκε" in phone.locator("#credential-status").inner_text()
    assert "Λάθος παραλήπτης" in phone.locator("#credential-status").inner_text()
    assert serious_violations(phone) == []
