"""Module 2 exercises: which document is this?, the latest approval date, the approval chain.

Feedback names the feature that decides (who the other party is, whether the Ministry approved
the draft...) or what was miscounted, never the answer itself.
"""

from __future__ import annotations

from datetime import date

from exercises.core.i18n import t
from exercises.core.tasks import AnswerError, Correct, Incorrect, Outcome, Task, grade_classification, item_labels
from exercises.legal_framework import model

LAB = "legal_framework"

# q1: which document is this? -----------------------------------------------------------
DOC_TYPES = ("intent", "memorandum", "itc_agreement", "domestic", "not_itc")
# Cases a, b, c, e: real (sources on the reading page and in the trainer guide); d, f, g: invented.
DOCUMENTS = {
    "a": "intent",  # Mykolaiv oblast military administration – Zachodniopomorskie: declaration of intent
    "b": "memorandum",  # Hostomel – Řeporyje memorandum of cooperation, 28.02.2023
    "c": "itc_agreement",  # Ivano-Frankivsk Oblast Council – Vilnius Region Development Council
    "d": "domestic",  # invented: three hromadas finance a joint municipal enterprise (Law 1508-VII)
    "e": "not_itc",  # Myrhorod – International Organization for Migration, January 2026
    "f": "not_itc",  # invented: a hromada and a foreign company
    "g": "intent",  # invented: a one-page letter before a first visit
}


def _check_documents(answer: object) -> Outcome:
    missing, wrong = grade_classification(answer, DOCUMENTS, DOC_TYPES, "m2.q1.wrong_form")
    if missing:
        return Incorrect(t("m2.q1.missing", cases=item_labels(missing)))
    if not wrong:
        return Correct(t("m2.q1.correct"))
    lines = [t("m2.q1.some_wrong", right=len(DOCUMENTS) - len(wrong), total=len(DOCUMENTS))]
    lines += [t("m2.q1.look_again", case=f"({d})", feature=t(f"m2.q1.feature.{d}")) for d in wrong]
    return Incorrect("\n".join(lines))


q1 = Task(
    id="m2.q1",
    lab=LAB,
    title="m2.q1.title",
    checker=_check_documents,
    hints=["m2.q1.hint1", "m2.q1.hint2", "m2.q1.hint3"],
    solution_key="m2.q1.solution",
    right_answers=[dict(DOCUMENTS)],
    wrong_answers=[
        {**DOCUMENTS, "e": "memorandum"},  # judged by the title, not by the other party
        {**DOCUMENTS, "d": "itc_agreement"},  # domestic cooperation taken for ITC
        {**DOCUMENTS, "c": "memorandum", "f": "itc_agreement"},
        {**DOCUMENTS, "g": None},  # one left unanswered
        "memorandum",
    ],
)

# q2: the latest approval date ----------------------------------------------------------
SUBMITTED = date(2025, 12, 5)  # an invented submission date (a Friday); the periods come from the data


def _answer_date(answer: object) -> date:
    try:
        return model.parse_date(answer)
    except model.DateError as err:
        raise AnswerError(t(f"m2.q2.error.{err.code}")) from err


def _check_latest(answer: object) -> Outcome:
    given = _answer_date(answer)
    overall = model.period_of(model.OVERALL_STEP)
    check = model.period_of("moj_check")
    expected = model.due_date(SUBMITTED, overall)
    if given == expected:
        return Correct(t("m2.q2.correct", date=model.format_date(expected),
                         weekday=t(f"m2.weekday.{expected.weekday()}"), days=overall))
    if given <= SUBMITTED:
        return Incorrect(t("m2.q2.not_after"))
    if check is not None and given == model.due_date(SUBMITTED, check):
        return Incorrect(t("m2.q2.moj_period"))
    if given == model.due_date(SUBMITTED, overall - 1):
        return Incorrect(t("m2.q2.day_one"))
    if given == model.due_date(SUBMITTED, overall + 1):
        return Incorrect(t("m2.q2.one_later", days=overall))
    if model.is_weekend(expected) and given == model.next_weekday(expected):
        return Incorrect(t("m2.q2.moved"))
    return Incorrect(t("m2.q2.other", days=model.day_number(SUBMITTED, given)))


q2 = Task(
    id="m2.q2",
    lab=LAB,
    title="m2.q2.title",
    checker=_check_latest,
    hints=["m2.q2.hint1", "m2.q2.hint2", "m2.q2.hint3"],
    solution_key="m2.q2.solution",
    # hand-derived: 5 December 2025 + 30 days = 4 January 2026 (6 December is day 1; 31 December is
    # day 26; 4 January is day 30), a Sunday, not moved
    right_answers=[date(2026, 1, 4), "04.01.2026", "2026-01-04", " 4.1.2026 "],
    wrong_answers=[date(2026, 1, 3), date(2026, 1, 5), date(2025, 12, 15), date(2026, 1, 14),
                   date(2025, 12, 5), "31.02.2026", "next January", date(2026, 2, 4)],
)

# q3: order the approval chain ----------------------------------------------------------


def chain_items() -> list[str]:
    """The stages of the chain, in the order a trainee sees them (not the right order)."""
    return sorted(model.chain_positions())


def _check_chain(answer: object) -> Outcome:
    if not isinstance(answer, dict):
        raise AnswerError(t("m2.q3.wrong_form"))
    result = model.check_order(answer, model.chain_positions())
    if result.unknown:
        raise AnswerError(t("m2.q3.wrong_form"))
    if result.missing:
        return Incorrect(t("m2.q3.missing", count=len(result.missing)))
    if result.duplicates:
        return Incorrect(t("m2.q3.duplicates", positions=", ".join(str(p) for p in result.duplicates)))
    if result.solved:
        return Correct(t("m2.q3.correct"))
    return Incorrect(t("m2.q3.some_wrong", right=result.in_place, total=result.total))


def _chain_right() -> list[dict[str, int]]:
    return [model.chain_positions()]


def _chain_wrong() -> list[object]:
    right = model.chain_positions()
    items = list(right)
    swapped = dict(right)
    # the council decision before the Ministry's order
    swapped["council_decision"], swapped["ministry_approval"] = right["ministry_approval"], right["council_decision"]
    registered_first = {item: (right[item] % len(items)) + 1 for item in items}
    doubled = dict(right, signature=right["registration"])
    return [swapped, registered_first, doubled, {items[0]: 1}, ["submission"]]


q3 = Task(
    id="m2.q3",
    lab=LAB,
    title="m2.q3.title",
    checker=_check_chain,
    hints=["m2.q3.hint1", "m2.q3.hint2", "m2.q3.hint3"],
    solution_key="m2.q3.solution",
    right_answers=_chain_right,
    wrong_answers=_chain_wrong,
)

__all__ = ["q1", "q2", "q3", "DOCUMENTS", "DOC_TYPES", "SUBMITTED", "chain_items"]
