"""Fixtures of the credential tests: a learner, an organisation and `issue`, which
issues a course credential as the learning app does on completion."""

import pytest

from credentials.services import issue_credential

OUTCOMES = [
    "Plans the digital transformation of a small enterprise",
    "Coaches SME managers in e-leadership skills",
]


@pytest.fixture
def organisation(make_organisation):
    return make_organisation(
        slug="cna", name="CNA Confederazione", website="https://www.cna.example"
    )


@pytest.fixture
def learner(make_user):
    return make_user("giulia.rossi@example.org", first_name="Giulia", last_name="Rossi")


@pytest.fixture
def issue(home, organisation):
    def issue(recipient, **fields):
        arguments = {
            "recipient": recipient,
            "badge_key": "course:elead",
            "badge_name": "e-Leadership for VET trainers",
            "badge_description": "Leads the digital change of SMEs as a VET trainer.",
            "criteria_url": "https://vetnet.example/learn/e-leadership/",
            "workload_hours": 25,
            "learning_outcomes": OUTCOMES,
            "language": "it",
            "content_language": "en",
            "issuer_organisation": organisation,
        }
        arguments.update(fields)
        return issue_credential(**arguments)

    return issue
