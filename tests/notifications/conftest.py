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
    """The sector the tests follow."""
    return SectorFactory(slug="construction")


@pytest.fixture
def enqueued():
    """The tasks enqueued while the test runs (module paths, in order)."""
    from django_tasks.signals import task_enqueued

    paths = []

    def note(sender, task_result, **kwargs):
        paths.append(task_result.task.module_path)

    task_enqueued.connect(note, weak=False, dispatch_uid="tests-enqueued")
    yield paths
    task_enqueued.disconnect(dispatch_uid="tests-enqueued")
