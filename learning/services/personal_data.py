"""A learner's enrolments, completed lessons and quiz attempts in their data
export (registered in LearningConfig.ready). Nothing to erase by hand: they are
deleted with the account (CASCADE)."""

from community.services.personal_data import iso

from ..models import Enrolment


def export_learning(user):
    enrolments = (
        Enrolment.objects.filter(user=user)
        .select_related("course")
        .prefetch_related("completions", "attempts")
    )
    return {
        "course_enrolments": [
            {
                "course": enrolment.course.title,
                "status": enrolment.status,
                "enrolled_at": iso(enrolment.created_at),
                "completed_at": iso(enrolment.completed_at),
                "lessons_completed": [
                    {"lesson_id": done.lesson_id, "at": iso(done.completed_at)}
                    for done in enrolment.completions.all()
                ],
                "quiz_attempts": [
                    {
                        "lesson_id": attempt.lesson_id,
                        "score": attempt.score,
                        "passed": attempt.passed,
                        "at": iso(attempt.created_at),
                    }
                    for attempt in enrolment.attempts.all()
                ],
            }
            for enrolment in enrolments
        ]
    }
