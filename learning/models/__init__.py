from .pages import CoursePage, LearningIndexPage, LessonPage, ModulePage
from .progress import Enrolment, LessonCompletion, QuizAttempt

__all__ = [
    "CoursePage",
    "Enrolment",
    "LearningIndexPage",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
    "QuizAttempt",
]
