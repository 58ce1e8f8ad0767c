from django.urls import path

from . import views

app_name = "learning"

# Under /learn/, before Wagtail's pages (the index and the courses themselves).
urlpatterns = [
    path("my/", views.my_learning, name="mine"),
    path("course/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("course/<int:course_id>/learners/", views.trainer_report, name="trainer"),
    path(
        "course/<int:course_id>/learners/<int:enrolment_id>/",
        views.decide,
        name="decide",
    ),
    path("lesson/<int:lesson_id>/done/", views.lesson_done, name="lesson_done"),
    path(
        "lesson/<int:lesson_id>/quiz/<str:block_id>/",
        views.quiz_submit,
        name="quiz",
    ),
]
