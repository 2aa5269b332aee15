"""Module 1 exercises: kinds of cooperation, a share from the figures, quoting figures.

Feedback names what is wrong (which scenarios to re-read, which figures were divided) without
giving the answer away.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from exercises.core.i18n import t
from exercises.core.tasks import AnswerError, Correct, Incorrect, Outcome, Task, grade_classification, item_labels

LAB = "why_partnership"

# q1 -------------------------------------------------------------------------------------
KINDS = ("imc", "cbc", "c2c")
SCENARIOS = {"a": "imc", "b": "cbc", "c": "c2c", "d": "c2c"}


def _check_kinds(answer: object) -> Outcome:
    missing, wrong = grade_classification(answer, SCENARIOS, KINDS, "m1.q1.wrong_form")
    if missing:
        return Incorrect(t("m1.q1.missing", scenarios=item_labels(missing)))
    if not wrong:
        return Correct(t("m1.q1.correct"))
    return Incorrect(t("m1.q1.some_wrong", right=len(SCENARIOS) - len(wrong), total=len(SCENARIOS),
                       scenarios=item_labels(wrong)))


q1 = Task(
    id="m1.q1",
    lab=LAB,
    title="m1.q1.title",
    checker=_check_kinds,
    hints=["m1.q1.hint1", "m1.q1.hint2", "m1.q1.hint3"],
    solution_key="m1.q1.solution",
    right_answers=[dict(SCENARIOS)],
    wrong_answers=[
        {"a": "imc", "b": "c2c", "c": "c2c", "d": "c2c"},  # the border case missed
        {"a": "c2c", "b": "cbc", "c": "c2c", "d": "cbc"},
        {"a": "imc", "b": "cbc", "c": None, "d": "c2c"},  # one left unanswered
        "c2c",
    ],
)

# q2 -------------------------------------------------------------------------------------
ACCEPTED = (Decimal("23.5"), Decimal("25.0"))


def _to_number(answer: object) -> Decimal:
    if isinstance(answer, bool):
        raise AnswerError(t("m1.q2.not_a_number"))
    text = str(answer).strip().rstrip("%").strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as err:
        raise AnswerError(t("m1.q2.not_a_number")) from err
    if not value.is_finite():
        raise AnswerError(t("m1.q2.not_a_number"))
    return value


def _check_share(answer: object) -> Outcome:
    value = _to_number(answer)
    low, high = ACCEPTED
    if low <= value <= high:
        return Correct(t("m1.q2.correct"))
    if Decimal("0.2") <= value <= Decimal("0.26"):
        return Incorrect(t("m1.q2.fraction"))
    if Decimal("3.9") <= value <= Decimal("4.3"):
        return Incorrect(t("m1.q2.per_hromada"))
    if Decimal("74.5") <= value <= Decimal("76.5"):
        return Incorrect(t("m1.q2.complement"))
    if Decimal("25.5") <= value <= Decimal("26.0"):
        return Incorrect(t("m1.q2.undated_source"))
    if value > 100:
        return Incorrect(t("m1.q2.over_100"))
    if value < 0:
        return Incorrect(t("m1.q2.negative"))
    return Incorrect(t("m1.q2.other"))


q2 = Task(
    id="m1.q2",
    lab=LAB,
    title="m1.q2.title",
    checker=_check_share,
    hints=["m1.q2.hint1", "m1.q2.hint2", "m1.q2.hint3"],
    solution_key="m1.q2.solution",
    right_answers=[24.2, "24,2", "24.2%", 24],
    wrong_answers=[0.242, 4.2, 75.8, 25.8, 102.1, 50, "about a quarter", True],
)

# q3 -------------------------------------------------------------------------------------
QUOTE_OPTIONS = ("larger", "average", "date_and_source", "one_is_wrong")


def _check_quote(answer: object) -> Outcome:
    if answer not in QUOTE_OPTIONS:
        raise AnswerError(t("m1.q3.wrong_form"))
    if answer == "date_and_source":
        return Correct(t("m1.q3.correct"))
    return Incorrect(t(f"m1.q3.why_not.{answer}"))


q3 = Task(
    id="m1.q3",
    lab=LAB,
    title="m1.q3.title",
    checker=_check_quote,
    hints=["m1.q3.hint1", "m1.q3.hint2"],
    solution_key="m1.q3.solution",
    right_answers=["date_and_source"],
    wrong_answers=["larger", "average", "one_is_wrong"],
)

__all__ = ["q1", "q2", "q3", "SCENARIOS", "KINDS", "QUOTE_OPTIONS"]
