"""A warm-up exercise that shows how Check, Hint and Show solution behave."""

from __future__ import annotations

from exercises.core.i18n import t
from exercises.core.tasks import AnswerError, Correct, Incorrect, Outcome, Task

LAB = "welcome"
OPTIONS = ("hromada", "oblast", "sister_city")


def _check(answer: object) -> Outcome:
    if answer not in OPTIONS:
        raise AnswerError(t("m0.q1.wrong_form"))
    if answer == "hromada":
        return Correct(t("m0.q1.correct"))
    return Incorrect(t(f"m0.q1.why_not.{answer}"))


q1 = Task(
    id="m0.q1",
    lab=LAB,
    title="m0.q1.title",
    checker=_check,
    hints=["m0.q1.hint1", "m0.q1.hint2"],
    solution_key="m0.q1.solution",
    right_answers=["hromada"],
    wrong_answers=["oblast", "sister_city"],
)
