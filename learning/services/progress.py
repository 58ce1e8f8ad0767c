"""Completing lessons (marked as done, or by passing their quiz), and where a
learner left off."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import CoursePage, Enrolment, LessonCompletion, QuizAttempt
from .completion import check_course_completion
from .outline import course_path_of
from .quiz import answers_from_post, find_quiz, grade


class NotEnrolled(Exception):
    pass


class NoSuchQuiz(Exception):
    pass


class NoAnswers(Exception):
    """A quiz sent with nothing chosen: most likely a slip, never an attempt."""


class QuizRequired(Exception):
    """A lesson with a quiz is completed by passing it, not by a click."""


def course_of(lesson):
    return CoursePage.objects.get(path=course_path_of(lesson, 2))


def active_enrolment(course, user):
    enrolment = Enrolment.objects.filter(
        course=course, user=user, status=Enrolment.Status.ACTIVE
    ).first()
    if enrolment is None:
        raise NotEnrolled()
    return enrolment


def done_lesson_ids(enrolment):
    if enrolment is None or not enrolment.is_active:
        return set()
    return set(enrolment.completions.values_list("lesson_id", flat=True))


def _complete(enrolment, lesson, how):
    try:
        with transaction.atomic():
            LessonCompletion.objects.create(enrolment=enrolment, lesson=lesson, how=how)
    except IntegrityError:
        return False  # done already
    return True


def mark_done(lesson, user):
    course = course_of(lesson)
    enrolment = active_enrolment(course, user)
    if lesson.quizzes():
        raise QuizRequired()
    if _complete(enrolment, lesson, LessonCompletion.How.MARKED):
        check_course_completion(enrolment)
    return enrolment


def submit_quiz(lesson, block_id, user, data):
    """Grade the answers in ``data`` (a QueryDict), store the attempt, complete
    the lesson when it passes. Returns the attempt and its result."""
    course = course_of(lesson)
    enrolment = active_enrolment(course, user)
    quiz = find_quiz(lesson, block_id)
    if quiz is None:
        raise NoSuchQuiz()
    chosen = answers_from_post(quiz, data)
    if not any(chosen.values()):
        raise NoAnswers()
    result = grade(quiz, chosen)
    attempt = QuizAttempt.objects.create(
        enrolment=enrolment,
        lesson=lesson,
        block_id=block_id,
        answers=chosen,
        score=result.score,
        passed=result.passed,
    )
    if result.passed and all_quizzes_passed(enrolment, lesson):
        if _complete(enrolment, lesson, LessonCompletion.How.QUIZ):
            check_course_completion(enrolment)
    return attempt, result


def all_quizzes_passed(enrolment, lesson):
    wanted = {block.id for block in lesson.quizzes()}
    passed = set(
        QuizAttempt.objects.filter(
            enrolment=enrolment, lesson=lesson, passed=True
        ).values_list("block_id", flat=True)
    )
    return wanted <= passed


def remember_position(enrolment, lesson):
    """'Continue where you left off': the last lesson the learner opened."""
    if enrolment.last_lesson_id == lesson.pk:
        return
    Enrolment.objects.filter(pk=enrolment.pk).update(
        last_lesson=lesson, last_seen_at=timezone.now()
    )
    enrolment.last_lesson_id = lesson.pk


def latest_results(enrolment, lesson):
    """{block_id: QuizResult} of the learner's latest attempt at each quiz."""
    if enrolment is None or not enrolment.is_active:
        return {}
    results = {}
    quizzes = {block.id: block.value for block in lesson.quizzes()}
    if not quizzes:
        return {}
    for attempt in QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson):
        if attempt.block_id in quizzes and attempt.block_id not in results:
            results[attempt.block_id] = grade(
                quizzes[attempt.block_id], attempt.answers
            )
    return results
