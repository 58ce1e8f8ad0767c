"""Self-check quizzes, graded on the server: a question is right when exactly
its correct answers are chosen; the score is the share of right questions."""

from dataclasses import dataclass


@dataclass
class QuestionResult:
    number: int
    text: str
    right: bool
    chosen: list  # [(answer index, text, feedback, correct)]


@dataclass
class QuizResult:
    score: int
    passed: bool
    pass_mark: int
    questions: list


def find_quiz(lesson, block_id):
    for block in lesson.body:
        if block.block_type == "quiz" and block.id == block_id:
            return block.value
    return None


def answers_from_post(quiz, data):
    """``{"0": [1], "1": [0, 2]}``: the answer indices chosen per question, read
    from the form fields ``q<question>`` (invalid values are ignored)."""
    chosen = {}
    for number, question in enumerate(quiz["questions"]):
        picks = set()
        for raw in data.getlist(f"q{number}"):
            if raw.isdigit() and int(raw) < len(question["answers"]):
                picks.add(int(raw))
        if not question["multiple"] and len(picks) > 1:
            picks = set()
        chosen[str(number)] = sorted(picks)
    return chosen


def grade(quiz, chosen):
    results = []
    right_count = 0
    for number, question in enumerate(quiz["questions"]):
        answers = list(question["answers"])
        picks = set(chosen.get(str(number), []))
        correct = {i for i, answer in enumerate(answers) if answer["correct"]}
        right = bool(picks) and picks == correct
        right_count += right
        results.append(
            QuestionResult(
                number=number,
                text=question["text"],
                right=right,
                chosen=[
                    (
                        i,
                        answers[i]["text"],
                        answers[i]["feedback"],
                        answers[i]["correct"],
                    )
                    for i in sorted(picks)
                ],
            )
        )
    total = len(results)
    score = round(100 * right_count / total) if total else 0
    pass_mark = quiz["pass_mark"] if quiz["pass_mark"] is not None else 0
    return QuizResult(
        score=score, passed=score >= pass_mark, pass_mark=pass_mark, questions=results
    )


def quiz_display(quiz, result):
    """The quiz as the lesson page shows it: each question's answers with the
    learner's last choices ticked, and the feedback of what they chose."""
    questions = []
    for number, question in enumerate(quiz["questions"]):
        outcome = result.questions[number] if result else None
        chosen = {item[0] for item in outcome.chosen} if outcome else set()
        questions.append(
            {
                "number": number,
                "field": f"q{number}",
                "text": question["text"],
                "multiple": question["multiple"],
                "answers": [
                    {"index": i, "text": answer["text"], "checked": i in chosen}
                    for i, answer in enumerate(question["answers"])
                ],
                "right": outcome.right if outcome else None,
                "feedback": [
                    item[2] for item in (outcome.chosen if outcome else []) if item[2]
                ],
            }
        )
    return questions
