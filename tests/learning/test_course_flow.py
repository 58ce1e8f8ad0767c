"""A learner enrols, completes lessons by marking them done and by passing their
quizzes, and completes the course."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from credentials.models import Credential
from learning.models import Enrolment, LessonCompletion, QuizAttempt
from learning.services.completion import credential_arguments
from tests.factories import MemberFactory

from .conftest import RIGHT, WRONG, lessons_of, quiz_id

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def member_client(user):
    client = Client()
    client.force_login(user)
    return client


def test_enrol_complete_lessons_pass_quizzes_complete_course(
    make_course, django_capture_on_commit_callbacks
):
    course = make_course(modules=2, lessons=2)
    learner = MemberFactory(first_name="Maria", last_name="Papadopoulou")
    client = member_client(learner)
    lessons = lessons_of(course)
    assert len(lessons) == 4

    page = client.get(course.url)
    assert b"Enrol in this course" in page.content
    response = client.post(reverse("learning:enrol", args=[course.pk]))
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(course=course, user=learner)
    assert enrolment.status == Enrolment.Status.ACTIVE
    # The learner joined the course's private discussion room.
    course.refresh_from_db()
    assert course.room.is_private
    assert course.room.members.filter(pk=learner.pk).exists()

    for lesson in lessons:
        if lesson.quizzes():
            # Marking a quiz lesson done is refused: the quiz decides.
            client.post(reverse("learning:lesson_done", args=[lesson.pk]))
            assert not LessonCompletion.objects.filter(lesson=lesson).exists()
            url = reverse("learning:quiz", args=[lesson.pk, quiz_id(lesson)])
            client.post(url, WRONG)
            shown = client.get(lesson.url).content.decode()
            assert "Not passed yet: 0%" in shown
            assert "No: coding alone is not leadership." in shown
            assert "You completed the course" not in shown
            assert not LessonCompletion.objects.filter(lesson=lesson).exists()
            with django_capture_on_commit_callbacks(execute=True):
                client.post(url, RIGHT)
            assert "Passed: 100%" in client.get(lesson.url).content.decode()
        else:
            with django_capture_on_commit_callbacks(execute=True):
                client.post(reverse("learning:lesson_done", args=[lesson.pk]))
        assert LessonCompletion.objects.filter(
            enrolment=enrolment, lesson=lesson
        ).exists()

    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    # A passed quiz keeps the learner on its lesson: the last one says that the
    # course is complete and where the certificate is.
    last = client.get(lessons[-1].url).content.decode()
    assert "You completed the course" in last and f'href="{course.url}"' in last
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 4
    # The completion issued the learner's credential (credentials app).
    (credential,) = Credential.objects.filter(recipient=learner)
    assert credential.badge_class.key == f"course:{course.translation_key}"
    assert credential.badge_class.name == course.title
    assert credential.workload_hours == 12
    course_page = client.get(course.url).content.decode()
    assert "You completed this course" in course_page
    assert credential.get_absolute_url() in course_page
    assert credential.certificate_url in course_page
    certificate = client.get(credential.certificate_url)
    assert certificate.status_code == 200
    assert certificate["Content-Type"] == "application/pdf"
    verification = Client().get(credential.get_absolute_url()).content.decode()
    assert "Papadopoulou" in verification and course.title in verification
    progress_page = client.get(reverse("learning:mine")).content.decode()
    assert course.title in progress_page and "100% complete" in progress_page
    assert credential.certificate_url in progress_page
    assert Credential.objects.count() == 1  # shown twice, issued once

    exported = client.get(reverse("community:profile_export")).json()
    [mine] = exported["course_enrolments"]
    assert mine["course"] == course.title and len(mine["lessons_completed"]) == 4

    arguments = credential_arguments(enrolment)
    assert arguments["recipient"] == learner
    assert arguments["badge_key"] == f"course:{course.translation_key}"
    assert arguments["workload_hours"] == 12
    assert arguments["learning_outcomes"] == ["Explain e-leadership", "Plan a course"]
    # The course is written in English whatever the learner reads: the
    # credential's page and badge mark its name and outcomes as English.
    assert arguments["content_language"] == "en"
    assert credential.content_language == credential.badge_class.language == "en"
    assert arguments["criteria_url"].endswith(course.url)


def test_continue_where_you_left_off(make_course):
    course = make_course(modules=2, lessons=2)
    learner = MemberFactory()
    client = member_client(learner)
    client.post(reverse("learning:enrol", args=[course.pk]))
    third = lessons_of(course)[2]
    client.get(third.url)
    page = client.get(course.url).content.decode()
    assert "Continue where you left off" in page
    assert f'href="{third.url}"' in page.split("Continue where you left off")[0]


def test_a_learner_not_enrolled_cannot_record_progress(make_course):
    course = make_course(modules=1, lessons=1)
    lesson = lessons_of(course)[0]
    client = member_client(MemberFactory())
    client.post(reverse("learning:quiz", args=[lesson.pk, quiz_id(lesson)]), RIGHT)
    assert not QuizAttempt.objects.exists()
    assert not Enrolment.objects.exists()


def test_a_page_view_does_not_issue_a_missing_credential_the_sweep_does(
    make_course, django_assert_max_num_queries
):
    """Issuing is the worker's (the task's retries, then the sweep): My learning
    only reads, and the sweep issues a missing credential once."""
    course = make_course(modules=1, lessons=1)
    learner = MemberFactory()
    Enrolment.objects.create(
        course=course, user=learner, status="active", completed_at=timezone.now()
    )
    client = member_client(learner)
    page = client.get(reverse("learning:mine")).content.decode()
    assert "Completed on" in page and "Certificate (PDF)" not in page
    # The learner reads that the credential is coming, on both pages.
    assert "being prepared" in page
    assert "being prepared" in client.get(course.url).content.decode()
    assert not Credential.objects.exists()

    out = StringIO()
    call_command("issue_missing_credentials", "--now", stdout=out)
    assert out.getvalue().strip() == "1 issued, 0 failed"
    (credential,) = Credential.objects.filter(recipient=learner)
    page = client.get(reverse("learning:mine")).content.decode()
    assert credential.certificate_url in page
    assert "being prepared" not in page
    call_command("issue_missing_credentials", "--now", stdout=StringIO())
    assert Credential.objects.count() == 1


def test_a_quiz_sent_with_no_answer_is_not_counted(make_course):
    """'Check my answers' pressed before choosing anything recorded a failed
    attempt at 0% (the trainer's report counted it) and marked every question
    'Not quite'; the learner is told to choose first and nothing is recorded."""
    course = make_course(modules=1, lessons=2)
    client = member_client(MemberFactory())
    client.post(reverse("learning:enrol", args=[course.pk]))
    lesson = next(lesson for lesson in lessons_of(course) if lesson.quizzes())
    url = reverse("learning:quiz", args=[lesson.pk, quiz_id(lesson)])

    response = client.post("/de" + url, {}, follow=True)

    assert QuizAttempt.objects.count() == 0
    html = response.content.decode()
    assert "Wählen Sie mindestens eine Antwort" in html
    assert "Noch nicht bestanden" not in html
