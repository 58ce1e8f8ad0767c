"""The trainers' view of a course: enrolments, progress per learner, quiz results,
and the same as a CSV file."""

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from community.names import display_name
from vetnet import csv_export
from vetnet.pagination import paginate

from ..models import Enrolment, QuizAttempt
from .outline import course_outline

LEARNERS_PER_PAGE = 50


def _enrolments(course, lesson_ids):
    return (
        Enrolment.objects.filter(course=course)
        .select_related("user")
        .annotate(
            done=Count("completions", filter=Q(completions__lesson_id__in=lesson_ids))
        )
        .order_by("status", "user__last_name", "user__username", "pk")
    )


def _report(course, outline, enrolments):
    """The table's rows for `enrolments` (evaluated here), with a column for
    every lesson whose quiz anyone in the course has tried."""
    enrolments = list(enrolments)
    quiz_lessons = set(
        QuizAttempt.objects.filter(enrolment__course=course)
        .values_list("lesson_id", flat=True)
        .distinct()
    )
    best = {}
    for row in (
        QuizAttempt.objects.filter(enrolment__in=enrolments)
        .values("enrolment_id", "lesson_id")
        .annotate(best=Max("score"), tries=Count("id"))
    ):
        best[(row["enrolment_id"], row["lesson_id"])] = (row["best"], row["tries"])
    quiz_columns = [lesson for lesson in outline.lessons if lesson.id in quiz_lessons]
    total = len(outline.lesson_ids)
    rows = [
        {
            "enrolment": enrolment,
            "name": display_name(enrolment.user),
            "percent": round(100 * enrolment.done / total) if total else 0,
            "quizzes": [best.get((enrolment.pk, lesson.id)) for lesson in quiz_columns],
        }
        for enrolment in enrolments
    ]
    return {"outline": outline, "rows": rows, "quiz_columns": quiz_columns}


def course_report(course, course_url):
    """Every learner of the course, for the CSV file."""
    outline = course_outline(course, course_url)
    return _report(course, outline, _enrolments(course, outline.lesson_ids))


def course_report_page(course, course_url, params):
    """One page of the learners' table, the one ``params["page"]`` asks for
    (vetnet.pagination.paginate): LEARNERS_PER_PAGE rows, and the links to the
    other pages, which keep the other parameters of ``params``."""
    outline = course_outline(course, course_url)
    page, pages = paginate(
        _enrolments(course, outline.lesson_ids), LEARNERS_PER_PAGE, params
    )
    report = _report(course, outline, page.object_list)
    report["learners"] = {
        "total": page.paginator.count,
        "start": page.start_index(),
        "end": page.end_index(),
        "pages": pages,
    }
    return report


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
                # Days of the site's zone, as the page shows them (not UTC's).
                timezone.localdate(enrolment.created_at).isoformat(),
                enrolment.done,
                row["percent"],
                timezone.localdate(enrolment.completed_at).isoformat()
                if enrolment.completed_at
                else "",
            ]
            + [score[0] if score else "" for score in row["quizzes"]]
        )
    return csv_export.response(f"{course.slug}-learners.csv", header, rows)
