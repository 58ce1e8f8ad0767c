"""Thin views over learning/services: enrol, complete, answer quizzes, My
learning, the trainers' view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from practices.services.member_mail import remember_language
from vetnet.pagination import back_to

from .models import CoursePage, Enrolment, LessonPage
from .services import enrolment as enrolling
from .services import progress
from .services.catalogue import my_courses, trained_courses
from .services.outline import course_outline
from .services.trainers import course_report, course_report_page, report_csv


def _live(model, pk):
    return get_object_or_404(model.objects.live().public(), pk=pk)


# The actions take a button's POST. A GET arrives from the sign-in's ?next= when
# the session ended before the button was pressed (login_required): it leads
# back to the page with the button, nothing recorded.
button_or_back = require_http_methods(["GET", "HEAD", "POST"])


@login_required
@button_or_back
def enrol(request, course_id):
    course = _live(CoursePage, course_id)
    if request.method != "POST":
        return redirect(course.get_url(request))
    remember_language(request.user)
    try:
        enrolment = enrolling.enrol(course, request.user)
    except enrolling.CourseFull:
        messages.error(request, _("Sorry, this course is full."))
    except enrolling.EnrolmentBusy:
        messages.error(request, _("Many people are enrolling right now: try again."))
    else:
        if enrolment.status == Enrolment.Status.PENDING:
            messages.info(request, _("Your request was sent to the course's trainers."))
        else:
            messages.success(request, _("You are enrolled. Enjoy the course!"))
    return redirect(course.get_url(request))


@login_required
@button_or_back
def lesson_done(request, lesson_id):
    lesson = _live(LessonPage, lesson_id)
    if request.method != "POST":
        return redirect(lesson.get_url(request))
    try:
        progress.mark_done(lesson, request.user)
    except progress.NotEnrolled:
        messages.error(request, _("Enrol in the course to record your progress."))
        return redirect(lesson.get_url(request))
    except progress.QuizRequired:
        messages.error(request, _("Pass the lesson's quiz to complete it."))
        return redirect(lesson.get_url(request))
    return _after_lesson(request, lesson)


def _after_lesson(request, lesson):
    course = progress.course_of(lesson)
    outline = course_outline(course, course.get_url(request))
    _before, following = outline.neighbours(lesson.pk)
    messages.success(request, _("Lesson completed."))
    return redirect(following.url if following else course.get_url(request))


@login_required
@button_or_back
def quiz_submit(request, lesson_id, block_id):
    lesson = _live(LessonPage, lesson_id)
    if request.method != "POST":
        return redirect(lesson.get_url(request) + f"#quiz-{block_id}")
    try:
        _attempt, result = progress.submit_quiz(
            lesson, block_id, request.user, request.POST
        )
    except progress.NotEnrolled:
        messages.error(request, _("Enrol in the course to take the quiz."))
        return redirect(lesson.get_url(request))
    except progress.NoSuchQuiz as error:
        raise Http404 from error
    except progress.NoAnswers:
        # Back to the page's top, where the message is, not to the quiz.
        messages.error(
            request, _("Choose at least one answer, then check: nothing was recorded.")
        )
        return redirect(lesson.get_url(request))
    if result.passed:
        messages.success(
            request,
            _("Quiz passed with %(score)s%%. Lesson completed.")
            % {"score": result.score},
        )
    else:
        messages.warning(
            request,
            _(
                "%(score)s%%: you need %(mark)s%% to pass. Read the feedback and try again."
            )
            % {"score": result.score, "mark": result.pass_mark},
        )
    return redirect(lesson.get_url(request) + f"#quiz-{block_id}")


@login_required
def my_learning(request):
    context = {
        "rows": my_courses(request.user),
        "trained": trained_courses(request.user),
    }
    return render(request, "learning/my_learning.html", context)


def _trainer_course(request, course_id):
    course = _live(CoursePage, course_id)
    if not enrolling.is_trainer(course, request.user):
        raise PermissionDenied
    return course


@login_required
def trainer_report(request, course_id):
    course = _trainer_course(request, course_id)
    if request.GET.get("format") == "csv":
        return report_csv(course, course_report(course, course.get_url(request)))

    report = course_report_page(course, course.get_url(request), request.GET)
    return render(request, "learning/trainer_report.html", {"course": course, **report})


@login_required
@require_POST
def decide(request, course_id, enrolment_id):
    course = _trainer_course(request, course_id)
    enrolment = get_object_or_404(Enrolment, course=course, pk=enrolment_id)
    if request.POST.get("decision") == "approve":
        try:
            enrolling.approve(enrolment, request.user)
        except enrolling.CourseFull:
            messages.error(request, _("No place is left in this course."))
        except enrolling.EnrolmentBusy:
            messages.error(request, _("The course is busy: try again."))
        else:
            messages.success(request, _("Enrolment approved."))
    elif request.POST.get("decision") == "reject":
        enrolling.reject(enrolment, request.user)
        messages.info(request, _("Request declined."))
    # Back to the page of the table (and its parameters) the trainer was on.
    url = reverse("learning:trainer", kwargs={"course_id": course.pk})
    return redirect(back_to(url, request.POST))
