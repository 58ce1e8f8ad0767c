"""Trainers see their learners' progress and quiz results, and export them."""

import csv
import datetime as dt
import io
import re
from html import unescape

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from learning.models import CoursePage, Enrolment
from learning.services import trainers
from learning.services.quiz import answers_from_post, grade
from tests.factories import MemberFactory
from tests.page_links import page_nav

from .conftest import RIGHT, WRONG, lessons_of, quiz, quiz_id

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_trainer_report_and_csv(make_course):
    trainer = MemberFactory()
    course = make_course(modules=1, lessons=2)
    course.trainers.set([trainer])
    course.save_revision().publish()
    learner = MemberFactory(first_name="=HYPERLINK(1)", last_name="Rossi")
    client = Client()
    client.force_login(learner)
    client.post(reverse("learning:enrol", args=[course.pk]))
    first, second = lessons_of(course)
    client.post(reverse("learning:lesson_done", args=[first.pk]))
    quiz_url = reverse("learning:quiz", args=[second.pk, quiz_id(second)])
    client.post(quiz_url, WRONG)
    client.post(quiz_url, RIGHT)

    desk = Client()
    desk.force_login(trainer)
    page = desk.get(reverse("learning:trainer", args=[course.pk])).content.decode()
    assert "2 / 2 (100%)" in page and "100% (2 attempts)" in page
    export = desk.get(reverse("learning:trainer", args=[course.pk]), {"format": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Learner", "E-mail"]
    assert rows[0][-1] == f"Best score: {second.title}"
    learner_row = rows[1]
    # Formula injection is neutralised by the shared CSV writer.
    assert learner_row[0] == "'=HYPERLINK(1) Rossi"
    assert learner_row[4:6] == ["2", "100"] and learner_row[-1] == "100"


def test_the_learners_csv_dates_are_the_sites_days(make_course):
    """Someone who enrols at 00:30 in Brussels (the site's zone, as on the
    page) enrolled that day, not the evening before in UTC."""
    trainer = MemberFactory()
    course = make_course(modules=1, lessons=1)
    course.trainers.set([trainer])
    course.save_revision().publish()
    learner = MemberFactory(first_name="Ana")
    late = dt.datetime(2030, 3, 4, 23, 30, tzinfo=dt.UTC)  # 00:30 on the 5th
    Enrolment.objects.create(
        course=course, user=learner, created_at=late, completed_at=late
    )
    desk = Client()
    desk.force_login(trainer)
    export = desk.get(reverse("learning:trainer", args=[course.pk]), {"format": "csv"})
    (row,) = csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))
    assert (row["Enrolled"], row["Completed"]) == ("2030-03-05", "2030-03-05")


def test_grading_is_exact_and_ignores_forged_answers():
    block = quiz(pass_mark=50)[1]
    posted = QueryDict(mutable=True)
    posted.setlist("q0", ["0", "1", "9", "x"])  # 9 and x do not exist
    posted.setlist("q1", ["0", "1"])  # two answers to a single-choice question
    chosen = answers_from_post(block, posted)
    assert chosen == {"0": [0, 1], "1": []}
    result = grade(block, chosen)
    assert [q.right for q in result.questions] == [True, False]
    assert (result.score, result.passed) == (50, True)
    assert result.questions[0].chosen[0][2] == "Yes."


def test_a_course_without_learners_says_so_on_any_page(make_course):
    trainer = MemberFactory()
    course = make_course(modules=1, lessons=1)
    course.trainers.set([trainer])
    course.save_revision().publish()
    desk = Client()
    desk.force_login(trainer)
    for page in ("", "?page=3", "?page=x"):
        response = desk.get(reverse("learning:trainer", args=[course.pk]) + page)
        assert response.status_code == 200
        html = response.content.decode()
        assert "No one has enrolled yet." in html
        assert "Pages of learners" not in html


def test_approving_on_page_three_returns_to_page_three(make_course, monkeypatch):
    """The trainer approves a request on page 3 of the learners' table and is
    back on page 3 (with the table's other parameters), not on page 1."""
    monkeypatch.setattr(trainers, "LEARNERS_PER_PAGE", 2)
    trainer = MemberFactory()
    course = make_course(
        modules=1, lessons=1, enrolment_mode=CoursePage.EnrolmentMode.APPROVAL
    )
    course.trainers.set([trainer])
    course.save_revision().publish()
    learners = [MemberFactory(last_name=f"Learner {n}") for n in range(7)]
    Enrolment.objects.bulk_create(
        Enrolment(course=course, user=user, status=Enrolment.Status.PENDING)
        for user in learners
    )
    desk = Client()
    desk.force_login(trainer)
    url = reverse("learning:trainer", args=[course.pk])
    html = desk.get(url, {"page": 3, "sort": "name"}).content.decode()
    assert page_nav(html, "Pages of learners")[0] == "3"
    form = re.search(
        r'<form method="post" action="([^"]+)" class="inline-form">(.*?)</form>',
        html,
        re.S,
    )
    fields = {
        name: unescape(value)
        for name, value in re.findall(r'name="([^"]+)" value="([^"]*)"', form[2])
    }
    answer = desk.post(form[1], {**fields, "decision": "approve"})
    assert answer.url == f"{url}?page=3&sort=name"
    back = desk.get(answer.url).content.decode()
    assert "Enrolment approved." in back
    assert page_nav(back, "Pages of learners")[0] == "3"
