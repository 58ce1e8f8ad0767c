"""The trainers' view of a course: enrolments, progress per learner, quiz results,
and the same as a CSV file."""

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from vetnet import csv_export

from ..models import Enrolment, QuizAttempt
from .outline import course_outline


def learner_name(user):
    return user.get_full_name() or user.get_username()


def course_report(course, course_url):
    outline = course_outline(course, course_url)
    lesson_ids = outline.lesson_ids
    enrolments = list(
        Enrolment.objects.filter(course=course)
        .select_related("user")
        .annotate(
            done=Count("completions", filter=Q(completions__lesson_id__in=lesson_ids))
        )
        .order_by("status", "user__last_name", "user__username")
    )
    best = {}
    quiz_lessons = set()
    for row in (
        QuizAttempt.objects.filter(enrolment__course=course)
        .values("enrolment_id", "lesson_id")
        .annotate(best=Max("score"), tries=Count("id"))
    ):
        best[(row["enrolment_id"], row["lesson_id"])] = (row["best"], row["tries"])
        quiz_lessons.add(row["lesson_id"])
    quiz_columns = [lesson for lesson in outline.lessons if lesson.id in quiz_lessons]
    total = len(lesson_ids)
    rows = [
        {
            "enrolment": enrolment,
            "name": learner_name(enrolment.user),
            "percent": round(100 * enrolment.done / total) if total else 0,
            "quizzes": [best.get((enrolment.pk, lesson.id)) for lesson in quiz_columns],
        }
        for enrolment in enrolments
    ]
    return {"outline": outline, "rows": rows, "quiz_columns": quiz_columns}


def report_csv(course, report):
    header = [
        _("Learner"),
        _("E-mail"),
        _("Status"),
        _("Enrolled"),
        _("Lessons done"),
        _("Progress (%)"),
        _("Completed"),
    ] + [
        _("Best score: %(lesson)s") % {"lesson": c.title}
        for c in report["quiz_columns"]
    ]
    rows = []
    for row in report["rows"]:
        enrolment = row["enrolment"]
        rows.append(
            [
                row["name"],
                enrolment.user.email,
                enrolment.get_status_display(),
                enrolment.created_at.date().isoformat(),
                enrolment.done,
                row["percent"],
                enrolment.completed_at.date().isoformat()
                if enrolment.completed_at
                else "",
            ]
            + [score[0] if score else "" for score in row["quizzes"]]
        )
    return csv_export.response(f"{course.slug}-learners.csv", header, rows)
