"""The learning index and a learner's own courses ("My learning")."""

from django.utils import translation

from ..models import CoursePage, Enrolment
from .completion import credentials_for
from .outline import course_outline
from .progress import done_lesson_ids


def course_cards(index, request):
    """Published courses, in the visitor's content language first."""
    language = (translation.get_language() or "en").split("-")[0]
    courses = list(
        CoursePage.objects.child_of(index)
        .live()
        .public()
        .select_related("image", "eqf_level")
        .order_by("title")
    )
    courses.sort(key=lambda course: course.content_language != language)
    return courses


def my_courses(user):
    """The learner's enrolments with their progress and where to continue."""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .exclude(status=Enrolment.Status.REJECTED)
        .select_related("course")
        .order_by("-last_seen_at", "-created_at")
    )
    credentials = credentials_for(enrolments)
    rows = []
    for enrolment in enrolments:
        course = enrolment.course
        if not course.live:
            continue
        course_url = course.get_url() or "/"
        outline = course_outline(course, course_url)
        outline.mark_done(done_lesson_ids(enrolment))
        last = next(
            (x for x in outline.lessons if x.id == enrolment.last_lesson_id), None
        )
        rows.append(
            {
                "enrolment": enrolment,
                "course": course,
                "course_url": course_url,
                "outline": outline,
                "continue_lesson": last or outline.first_not_done(),
                "credential": credentials.get(enrolment.pk),
            }
        )
    return rows


def trained_courses(user):
    """Courses the member trains, for the links to their trainers' view."""
    return list(
        CoursePage.objects.live()
        .filter(trainers=user)
        .order_by("title")
        .only("id", "title", "content_language")
    )
