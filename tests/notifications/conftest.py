import pytest

from tests.factories import MemberFactory, PracticePageFactory, SectorFactory


@pytest.fixture
def member(db):
    return MemberFactory(
        email="anna@example.org", first_name="Anna", last_name="Moretti"
    )


@pytest.fixture
def publish(practice_index, django_capture_on_commit_callbacks):
    """Publish a practice as an editor would, running what waits for the commit
    (the notifications task, immediate in the test settings)."""

    def publish(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return PracticePageFactory(parent=practice_index, **fields)

    return publish


@pytest.fixture(autouse=True)
def construction(db):
    """The sector the tests follow (after a transactional test's flush, on the
    migrated rows put back)."""
    from tests.baseline import restore_migrated_rows

    restore_migrated_rows()
    return SectorFactory(slug="construction")
