"""Module 7 exercises: classify incoming deliveries, and plan what to do next for one of them.

The deliveries are invented for practice; each has one deciding feature, and the feedback on a
wrong answer names it. The plan of steps is checked against the steps and their order in
``data/assistance_steps.csv`` (through the model), so the data and the exercise cannot drift apart.
"""

from __future__ import annotations

from exercises.assistance import model
from exercises.core.i18n import t
from exercises.core.tasks import AnswerError, Correct, Incorrect, Outcome, Task, grade_classification, item_labels

LAB = "assistance"

# q1: classify the deliveries -------------------------------------------------------------------
DELIVERIES = {
    "a": "humanitarian",  # a partner city's generators, free, for the population
    "b": "humanitarian",  # a fire engine and a van, offered as humanitarian aid
    "c": "charitable",  # money from a foreign NGO as a charitable donation to the hromada
    "d": "technical",  # a foreign government's project: experts and equipment for a programme
    "e": "humanitarian",  # food and hygiene kits for displaced families
    "f": "charitable",  # a twinning association's donation of money for repairs
    "g": "technical",  # advisers paid by a donor programme for two years
}


def _check_deliveries(answer: object) -> Outcome:
    unanswered, wrong = grade_classification(answer, DELIVERIES, model.regime_ids(), "m7.q1.wrong_form")
    if unanswered:
        return Incorrect(t("m7.q1.missing", deliveries=item_labels(unanswered)))
    if not wrong:
        return Correct(t("m7.q1.correct"))
    features = "\n".join(f"({d}) {t('m7.q1.deciding', feature=t(f'm7.q1.feature.{d}'))}" for d in wrong)
    return Incorrect(t("m7.q1.some_wrong", right=len(DELIVERIES) - len(wrong), total=len(DELIVERIES),
                       features=features))


q1 = Task(
    id="m7.q1",
    lab=LAB,
    title="m7.q1.title",
    checker=_check_deliveries,
    hints=["m7.q1.hint1", "m7.q1.hint2", "m7.q1.hint3"],
    solution_key="m7.q1.solution",
    right_answers=[dict(DELIVERIES)],
    wrong_answers=[
        {**DELIVERIES, "c": "humanitarian"},  # money from an NGO taken for humanitarian aid
        {**DELIVERIES, "d": "humanitarian"},  # equipment in a project taken for aid
        {**DELIVERIES, "a": "charitable", "g": "charitable"},
        {**DELIVERIES, "e": None},
        "humanitarian",
    ],
)

# q2: what must we do next? (delivery (a), the generators) -----------------------------------------
REGIME = "humanitarian"
# Steps that belong to no regime: things trainees remember from before, or from Module 5.
OTHER_STEPS = ("guarantee_letter", "ministry_approval")
# The order the steps are listed in (fixed, so the lab looks the same on every run).
LISTED = ("unique_code", "guarantee_letter", "balance_sheet", "register_recipient", "report", "paper_declaration",
          "acceptance_commission", "ministry_approval", "declaration", "register_project")


def needed() -> list[model.Step]:
    return model.steps(REGIME)


def listed() -> tuple[str, ...]:
    """The listed steps; a test checks they are the needed ones plus the distractors."""
    return LISTED


def step_label(step_id: str) -> str:
    return t(f"m7.step.{step_id}", days=model.report_days())


def why_not(step_id: str) -> str:
    if step_id in OTHER_STEPS:
        return t(f"m7.q2.why_not.{step_id}")
    s = model.step(step_id)
    if s.until is not None:
        return t("m7.q2.why_not.ended", until=s.until.strftime("%d.%m.%Y"))
    return t("m7.q2.why_not.other_regime", regime=t(f"m7.regime.{s.regime}"))


def _problem_text(p: model.Problem) -> str:
    if p.kind == "duplicate":
        return t("m7.q2.duplicate", number=p.number)
    if p.kind == "not_needed_numbered":
        return t("m7.q2.not_needed", step=step_label(p.step), why=why_not(p.step))
    if p.kind == "order":
        return t("m7.q2.order", step=step_label(p.step), other=step_label(p.other))
    return t(f"m7.q2.{p.kind}", step=step_label(p.step))


def _check_plan(answer: object) -> Outcome:
    if not isinstance(answer, dict):
        raise AnswerError(t("m7.q2.wrong_form"))
    problems = model.check_plan(answer, listed(), needed())
    unanswered = [p for p in problems if p.kind == "unanswered"]
    if unanswered:
        return Incorrect(t("m7.q2.missing", count=len(unanswered)))
    if not problems:
        return Correct(t("m7.q2.correct", days=model.report_days()))
    return Incorrect("\n".join(_problem_text(p) for p in problems))


def right_plan() -> dict[str, object]:
    order = {s.id: i for i, s in enumerate(needed(), start=1)}
    return {sid: order.get(sid, model.SKIP) for sid in listed()}


def _right_answers() -> list[object]:
    plan = right_plan()
    # The sources do not order the report and the acceptance: the report may come before it.
    other = {**plan, "report": plan["acceptance_commission"], "acceptance_commission": plan["balance_sheet"],
             "balance_sheet": plan["report"]}
    return [plan, other]


def _wrong_answers() -> list[object]:
    plan = right_plan()
    return [
        {**plan, "guarantee_letter": 1, "register_recipient": 2, "unique_code": 3, "declaration": 4,
         "acceptance_commission": 5, "balance_sheet": 6, "report": 7},  # the abolished letter
        {**plan, "register_recipient": plan["unique_code"], "unique_code": plan["register_recipient"]},  # swapped
        {**plan, "balance_sheet": model.SKIP},
        {**plan, "paper_declaration": plan["declaration"], "declaration": model.SKIP},
        {**plan, "report": None},
    ]


q2 = Task(
    id="m7.q2",
    lab=LAB,
    title="m7.q2.title",
    checker=_check_plan,
    hints=["m7.q2.hint1", "m7.q2.hint2", "m7.q2.hint3"],
    solution_key="m7.q2.solution",
    right_answers=_right_answers,
    wrong_answers=_wrong_answers,
)

__all__ = ["DELIVERIES", "LISTED", "OTHER_STEPS", "REGIME", "q1", "q2"]
