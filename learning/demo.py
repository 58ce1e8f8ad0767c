"""Demo courses: the eLead course "e-Leadership for VET trainers" in English with
its Italian translation, and a short course in Spanish.

Idempotent, keyed by slug: a second run creates nothing. The Italian course and
its modules and lessons share the English pages' translation_keys (locale it), so
each page's get_translations() finds the other language, as practices do.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.utils.html import escape
from wagtail.models import Locale
from wagtail.rich_text import RichText

from community.demo import demo_user, ensure_headings, ensure_home_page
from community.models import Organisation
from practices.models import PracticePage
from taxonomy.models import EQFLevel, Sector, TargetGroup

from .models import CoursePage, LearningIndexPage, LessonPage, ModulePage
from .services.rooms import course_room

FIXTURES = Path(__file__).resolve().parent / "fixtures_demo"
COURSES = ["elead_en.json", "elead_it.json", "micropymes_es.json"]
TRAINERS = [
    ("elena.trainer", "Elena", "Marchetti"),
    ("pau.trainer", "Pau", "Ferrer"),
]


def ensure_index():
    home = ensure_home_page()
    index = LearningIndexPage.objects.child_of(home).first()
    if index is None:
        index = _publish(
            home,
            LearningIndexPage(
                title="Learning",
                slug="learn",
                intro="Distance-learning courses for VET trainers and the staff of "
                "craft and SME associations: lessons, self-check quizzes, a "
                "discussion room per course and a certificate at the end.",
            ),
        )
    return ensure_headings(index)


def ensure_trainers():
    return [demo_user(username, first, last) for username, first, last in TRAINERS]


def _publish(parent, page, translation_key=None):
    if translation_key is not None:
        page.translation_key = translation_key
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _body(blocks, practices, quiz):
    body = []
    for kind, text in blocks:
        if kind == "p":
            body.append(("paragraph", RichText(f"<p>{escape(text)}</p>")))
        elif kind == "h":
            body.append(("heading", {"text": text, "level": "h2"}))
        elif kind == "practices" and practices:
            body.append(("practices", {"heading": text, "practices": practices}))
    if quiz:
        body.append(("quiz", quiz))
    return body


def _course_fields(data, original):
    source = original or data
    fields = {
        "title": data["title"],
        "slug": data["slug"],
        "summary": data["summary"],
        "content_language": data["language"],
        "learning_outcomes": "\n".join(data["learning_outcomes"]),
        "workload_hours": source["workload_hours"],
        "eqf_level": EQFLevel.objects.filter(level=source.get("eqf_level")).first(),
        "issuing_organisation": Organisation.objects.filter(
            slug=source.get("organisation")
        ).first(),
    }
    if source.get("ecvet_points"):
        fields["ecvet_points"] = Decimal(source["ecvet_points"])
    return fields


def load_course(index, data, originals, trainers):
    if CoursePage.objects.filter(slug=data["slug"]).exists():
        return 0
    original_data = originals.get(data.get("translation_of"))
    original = (
        CoursePage.objects.get(slug=data["translation_of"]) if original_data else None
    )
    source = original_data or data
    course = CoursePage(**_course_fields(data, original_data), translation_of=original)
    locale = Locale.objects.filter(language_code=data["language"]).first()
    if locale is not None:
        course.locale = locale
    course = _publish(index, course, original.translation_key if original else None)
    course.sectors.set(
        Sector.objects.filter(slug__in=source["sectors"], locale__language_code="en")
    )
    course.target_groups.set(
        TargetGroup.objects.filter(
            slug__in=source["target_groups"], locale__language_code="en"
        )
    )
    course.trainers.set(trainers)
    course.save_revision().publish()
    practices = list(
        PracticePage.objects.live().filter(slug__in=source.get("practices", []))
    )
    original_pages = (
        list(ModulePage.objects.descendant_of(original).order_by("path"))
        if original
        else []
    )
    original_lessons = (
        list(LessonPage.objects.descendant_of(original).order_by("path"))
        if original
        else []
    )
    created = 1
    lesson_number = 0
    for position, module_data in enumerate(data["modules"]):
        module = _publish(
            course,
            ModulePage(
                title=module_data["title"],
                slug=module_data["slug"],
                summary=module_data["summary"],
            ),
            original_pages[position].translation_key if original_pages else None,
        )
        created += 1
        for lesson_data in module_data["lessons"]:
            key = (
                original_lessons[lesson_number].translation_key
                if original_lessons
                else None
            )
            lesson_number += 1
            _publish(
                module,
                LessonPage(
                    title=lesson_data["title"],
                    slug=lesson_data["slug"],
                    minutes=lesson_data.get("minutes"),
                    body=_body(
                        lesson_data["blocks"], practices, lesson_data.get("quiz")
                    ),
                ),
                key,
            )
            created += 1
    course_room(CoursePage.objects.get(pk=course.pk))
    return created


def load():
    index = ensure_index()
    trainers = ensure_trainers()
    originals = {}
    created = 0
    for name in COURSES:
        data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        originals[data["slug"]] = data
        created += load_course(index, data, originals, trainers)
    return f"{created} learning pages created"
