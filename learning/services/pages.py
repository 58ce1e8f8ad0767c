"""What the course, module and lesson pages show.

The public part is the same for everyone and cacheable; the personal part
(enrolment, progress, quiz results) is computed only for signed-in visitors, whose
pages are never cached (vetnet/cache.py). Every query here is a fixed number
whatever the course's size (tests/learning/test_pages.py)."""

from django.utils import translation

from community.names import display_name
from taxonomy.names import localised_names

from ..models import CoursePage, LessonPage
from .completion import credentials_for
from .enrolment import enrolment_for, is_trainer, places_taken
from .outline import course_outline, course_path_of
from .progress import done_lesson_ids, latest_results, remember_position
from .quiz import quiz_display


def _personal(course, outline, request):
    user = request.user
    if not user.is_authenticated:
        return {"enrolment": None}
    enrolment = enrolment_for(course, user)
    outline.mark_done(done_lesson_ids(enrolment))
    return {"enrolment": enrolment, "is_course_trainer": is_trainer(course, user)}


def _translations(course):
    return [
        {"page": other, "language": other.content_language}
        for other in CoursePage.objects.live()
        .public()
        .filter(translation_key=course.translation_key)
        .exclude(pk=course.pk)
    ]


def _shown_once(terms, names):
    """The terms' names in the reader's language, each term once: a course may be
    linked to several locales' copies of one sector (they share a translation
    key), and a reader should see it once, not once per copy."""
    shown = {
        term.translation_key: names.get(term.translation_key, term.name)
        for term in terms
    }
    return sorted(shown.values())


def course_context(course, request):
    outline = course_outline(course, course.get_url(request))
    context = {"outline": outline, "outcomes": course.outcome_list}
    sectors, targets = list(course.sectors.all()), list(course.target_groups.all())
    names = localised_names(
        [term.translation_key for term in sectors + targets],
        translation.get_language(),
    )
    context["sector_names"] = _shown_once(sectors, names)
    context["target_names"] = _shown_once(targets, names)
    context["translations"] = _translations(course)
    context["trainer_names"] = [display_name(user) for user in course.trainers.all()]
    context.update(_personal(course, outline, request))
    enrolment = context["enrolment"]
    if course.capacity is not None:
        context["places_left"] = max(course.capacity - places_taken(course), 0)
    if enrolment is not None and enrolment.completed_at is not None:
        context["credential"] = credentials_for([enrolment]).get(enrolment.pk)
    if enrolment is not None and enrolment.is_active:
        last = next(
            (x for x in outline.lessons if x.id == enrolment.last_lesson_id), None
        )
        context["continue_lesson"] = last or outline.first_not_done()
    return context


def _within_course(page, depth, request):
    """The context a module (``depth`` 1) or lesson (2) page shares: its
    course, the course's outline and the visitor's part of it."""
    course = CoursePage.objects.get(path=course_path_of(page, depth))
    outline = course_outline(course, course.get_url(request))
    context = {"course": course, "outline": outline}
    context.update(_personal(course, outline, request))
    return context, outline


def module_context(module, request):
    context, outline = _within_course(module, 1, request)
    context["module_entry"] = next(
        (m for m in outline.modules if m.id == module.pk), None
    )
    return context


def lesson_context(lesson, request):
    context, outline = _within_course(lesson, 2, request)
    previous, following = outline.neighbours(lesson.pk)
    context["previous_lesson"], context["next_lesson"] = previous, following
    context["module_entry"] = next(
        (m for m in outline.modules if any(x.id == lesson.pk for x in m.lessons)),
        None,
    )
    context["has_quiz"] = bool(lesson.quizzes())
    context["translations"] = [
        {"page": other, "language": other.locale.language_code}
        for other in LessonPage.objects.live()
        .public()
        .filter(translation_key=lesson.translation_key)
        .exclude(pk=lesson.pk)
        .select_related("locale")
    ]
    enrolment = context["enrolment"]
    context["lesson_done"] = any(x.id == lesson.pk and x.done for x in outline.lessons)
    results = {}
    if enrolment is not None and enrolment.is_active:
        remember_position(enrolment, lesson)
        results = latest_results(enrolment, lesson)
    context["body_items"] = [
        {
            "block": block,
            "quiz": block.value if block.block_type == "quiz" else None,
            "result": results.get(block.id),
            "questions": quiz_display(block.value, results.get(block.id))
            if block.block_type == "quiz"
            else None,
        }
        for block in lesson.body
    ]
    return context
