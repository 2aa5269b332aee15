"""Module 8 exercises: repair a logframe, output or outcome, the aid report due date, and what
is missing from an evidence package. Expected answers come from the model and the data."""

from __future__ import annotations

import re
from datetime import date, timedelta

from exercises.core.i18n import has, t
from exercises.core.tasks import AnswerError, Correct, Incorrect, Outcome, Task, grade_classification
from exercises.reporting import model

LAB = "reporting"

# q1 -------------------------------------------------------------------------------------
Q1_START = {
    "overall_objective": [{"text": "Stronger local services in the partner hromadas"}],
    "specific_objective": [{"text": "Better waste management in the hromada, learned from the partner"}],
    "result": [{"text": "Staff trained in separate waste collection"}, {"text": "A joint project proposal prepared"}],
    "activity": [{"text": "Study visit to the partner town", "serves": 0},
                 {"text": "Two joint workshops", "serves": 1}],
    "indicators": [{"name": "Staff trained", "kind": "output", "unit": "people", "baseline": "0", "target": "",
                    "result": 0}],
}
"""The broken logframe of exercise 1: result 1's indicator has no target, result 2 has none."""

RESULT_PROBLEMS = {"result_without_indicator", "indicator_no_target", "indicator_no_baseline",
                   "indicator_target_is_baseline", "indicator_empty_name", "indicator_actual_not_number",
                   "activity_serves_nothing", "empty_result", "empty_activity", "missing_level", "no_results"}


def _check_q1(answer: object) -> Outcome:
    if not isinstance(answer, dict):
        raise AnswerError(t("r.q1.wrong_form"))
    _frame, problems = model.logframe_from(answer)
    if problems:
        return Incorrect("\n".join(problem_text(p) for p in problems))
    return Correct(t("r.q1.correct"))


def problem_text(problem: model.Problem) -> str:
    """A logframe problem in words (shared by the exercise and the report builder)."""
    params = {k: v for k, v in problem.params.items() if k != "field"}
    if "level" in params:
        params["level"] = t(f"r.level.{params['level']}")
    field = f"r.field.{problem.params.get('field') or 'none'}"
    params["field"] = t(field) if has(field) else t("r.field.none")
    return t(f"r.problem.{problem.code}", **params)


def _fixed(**changes) -> dict:
    fixed = {k: [dict(x) for x in v] for k, v in Q1_START.items()}
    fixed["indicators"] = [dict(Q1_START["indicators"][0], target="12"),
                           {"name": "Joint proposals submitted", "kind": "output", "unit": "proposals",
                            "baseline": "0", "target": "1", "result": 1}]
    fixed.update(changes)
    return fixed


q1 = Task(id="r.q1", lab=LAB, title="r.q1.title", checker=_check_q1,
          hints=["r.q1.hint1", "r.q1.hint2", "r.q1.hint3"], solution_key="r.q1.solution",
          right_answers=[_fixed()],
          wrong_answers=[Q1_START,
                         _fixed(indicators=[dict(Q1_START["indicators"][0], target="12")]),
                         _fixed(indicators=[dict(Q1_START["indicators"][0], target="0"),
                                            {"name": "x", "baseline": "0", "target": "1", "result": 1}]),
                         _fixed(activity=[{"text": "Study visit", "serves": None}]),
                         "add an indicator"])

# q2 -------------------------------------------------------------------------------------
Q2 = {"events": "output", "visits": "output", "applications_submitted": "output",
      "aid_reported": "outcome", "applications_funded": "outcome", "satisfaction": "outcome"}


def _check_q2(answer: object) -> Outcome:
    missing, wrong = grade_classification(answer, Q2, model.KINDS, "r.q2.wrong_form")
    if missing:
        return Incorrect(t("r.q2.missing", count=len(missing)))
    if wrong:
        return Incorrect(t("r.q2.some_wrong", right=len(Q2) - len(wrong), total=len(Q2),
                           items="; ".join(t(f"r.q2.item.{k}") for k in wrong)))
    return Correct(t("r.q2.correct"))


q2 = Task(id="r.q2", lab=LAB, title="r.q2.title", checker=_check_q2,
          hints=["r.q2.hint1", "r.q2.hint2"], solution_key="r.q2.solution",
          right_answers=[dict(Q2)],
          wrong_answers=[{k: "output" for k in Q2}, {**Q2, "satisfaction": "output"}, {"events": "output"}, "output"])

# q3 -------------------------------------------------------------------------------------
Q3_CLEARED = date(2024, 11, 15)


def _to_date(answer: object) -> date:
    """A date typed as 2025-02-13 or 13.02.2025 (or a date object)."""
    if isinstance(answer, date):
        return answer
    text = str(answer or "").strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text)
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            pass
    raise AnswerError(t("r.q3.not_a_date"))


def _check_q3(answer: object) -> Outcome:
    given = _to_date(answer)
    due = model.aid_report_due(Q3_CLEARED)
    if given == due:
        return Correct(t("r.q3.correct", due=due.isoformat()))
    if given == due - timedelta(days=1):
        return Incorrect(t("r.q3.day_one"))
    month = Q3_CLEARED.month + 3  # "three months later", a common shortcut for 90 days
    if given == Q3_CLEARED.replace(year=Q3_CLEARED.year + (month - 1) // 12, month=(month - 1) % 12 + 1):
        return Incorrect(t("r.q3.months"))
    if given <= Q3_CLEARED:
        return Incorrect(t("r.q3.before"))
    return Incorrect(t("r.q3.other"))


q3 = Task(id="r.q3", lab=LAB, title="r.q3.title", checker=_check_q3,
          hints=["r.q3.hint1", "r.q3.hint2", "r.q3.hint3"], solution_key="r.q3.solution",
          right_answers=lambda: [model.aid_report_due(Q3_CLEARED), model.aid_report_due(Q3_CLEARED).isoformat(),
                                 model.aid_report_due(Q3_CLEARED).strftime("%d.%m.%Y")],
          wrong_answers=["2025-02-12", "2025-02-15", "2024-11-01", "2025-03-01", "13 February", "31.02.2025"])

# q4 -------------------------------------------------------------------------------------
Q4_PRESENT = ("final_report", "declaration_on_honour", "photos", "programme_materials")


def _check_q4(answer: object) -> Outcome:
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        raise AnswerError(t("r.q4.wrong_form"))
    chosen = set(answer)
    known = {i["id"] for i in model.evidence_items()}
    if chosen - known:
        raise AnswerError(t("r.q4.wrong_form"))
    missing = set(model.missing_evidence(Q4_PRESENT))
    extra = chosen - missing
    problems = []
    if extra & set(Q4_PRESENT):
        problems.append(t("r.q4.already_there"))
    if extra - set(Q4_PRESENT):
        problems.append(t("r.q4.not_a_document"))
    if missing - chosen:
        problems.append(t("r.q4.more_missing", count=len(missing - chosen)))
    return Incorrect("\n".join(problems)) if problems else Correct(t("r.q4.correct"))


q4 = Task(id="r.q4", lab=LAB, title="r.q4.title", checker=_check_q4,
          hints=["r.q4.hint1", "r.q4.hint2"], solution_key="r.q4.solution",
          right_answers=lambda: [model.missing_evidence(Q4_PRESENT)],
          wrong_answers=lambda: [model.missing_evidence(Q4_PRESENT)[:1],
                                 model.missing_evidence(Q4_PRESENT) + ["photos"],
                                 model.missing_evidence(Q4_PRESENT) + ["records_5_years"], "photos", ["nothing"]])
