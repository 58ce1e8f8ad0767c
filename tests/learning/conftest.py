"""A course of any size for the learning tests: modules of lessons, a quiz in the
last lesson of each module."""

import pytest
from wagtail.rich_text import RichText

from learning.models import CoursePage, LearningIndexPage, LessonPage, ModulePage


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def quiz(title="Check yourself", pass_mark=100):
    return (
        "quiz",
        {
            "title": title,
            "pass_mark": pass_mark,
            "questions": [
                {
                    "text": "Which skills does an e-leader combine?",
                    "multiple": True,
                    "answers": [
                        {"text": "Business", "correct": True, "feedback": "Yes."},
                        {"text": "Technology", "correct": True, "feedback": "Yes."},
                        {
                            "text": "Only coding",
                            "correct": False,
                            "feedback": "No: coding alone is not leadership.",
                        },
                    ],
                },
                {
                    "text": "Who are the learners' learners?",
                    "multiple": False,
                    "answers": [
                        {"text": "SME managers", "correct": True, "feedback": "Right."},
                        {"text": "Pupils", "correct": False, "feedback": "Not here."},
                    ],
                },
            ],
        },
    )


RIGHT = {"q0": ["0", "1"], "q1": ["0"]}
WRONG = {"q0": ["0", "2"], "q1": ["1"]}


@pytest.fixture
def learning_index(home):
    index = LearningIndexPage.objects.first()
    if index is None:
        index = publish(home, LearningIndexPage(title="Learning", slug="learn"))
    return index


@pytest.fixture
def make_course(learning_index):
    def make(slug="e-leadership", modules=2, lessons=2, **fields):
        fields.setdefault("title", "e-Leadership for VET trainers")
        fields.setdefault("summary", "Lead digital change in SMEs.")
        fields.setdefault("content_language", "en")
        fields.setdefault("learning_outcomes", "Explain e-leadership\nPlan a course")
        fields.setdefault("workload_hours", 12)
        course = publish(learning_index, CoursePage(slug=slug, **fields))
        for m in range(modules):
            module = publish(
                course, ModulePage(title=f"Module {m + 1}", slug=f"module-{m + 1}")
            )
            for n in range(lessons):
                body = [("paragraph", RichText(f"<p>Lesson {n + 1} text.</p>"))]
                if n == lessons - 1:
                    body.append(quiz())
                publish(
                    module,
                    LessonPage(
                        title=f"Lesson {m + 1}.{n + 1}",
                        slug=f"lesson-{n + 1}",
                        body=body,
                    ),
                )
        return course

    return make


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).live().order_by("path"))


def quiz_id(lesson):
    return next(block.id for block in lesson.body if block.block_type == "quiz")
