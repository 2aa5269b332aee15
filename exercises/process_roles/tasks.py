"""Module 3 exercises: put the IMC toolkit's steps in order; assign the roles in a scenario.

The order check says how many steps are in place and which phase holds a misplaced step, never the
order itself. The roles check names the task whose role is wrong and why (from council practice
and the toolkit), not the role to choose.
"""

from __future__ import annotations

from exercises.core.i18n import t
from exercises.core.tasks import AnswerError, Correct, Incorrect, Outcome, Task
from exercises.process_roles import model

LAB = "process_roles"


def phase_name(phase: str) -> str:
    return t(f"m3.phase.{phase}")


def task_name(task: str) -> str:
    return t(f"m3.task.{task}")


# q1: order the steps ----------------------------------------------------------------------


def _check_steps(answer: object) -> Outcome:
    if not isinstance(answer, dict):
        raise AnswerError(t("m3.q1.wrong_form"))
    scope = model.scope_of(answer)
    if scope is None:
        raise AnswerError(t("m3.q1.wrong_form"))
    result = model.check_steps(answer, scope)
    if result.missing:
        return Incorrect(t("m3.q1.missing", count=len(result.missing)))
    if result.out_of_range:
        return Incorrect(t("m3.q1.out_of_range", total=result.total))
    if result.duplicates:
        return Incorrect(t("m3.q1.duplicates", positions=", ".join(str(p) for p in result.duplicates)))
    if result.solved:
        return Correct(t("m3.q1.correct") if scope == model.ALL else t("m3.q1.correct_phase", phase=phase_name(scope)))
    if scope == model.ALL:
        return Incorrect(t("m3.q1.some_wrong", right=result.in_place, total=result.total,
                           phases="; ".join(f"«{phase_name(p)}»" for p in result.phases_out)))
    return Incorrect(t("m3.q1.some_wrong_phase", right=result.in_place, total=result.total))


def _steps_right() -> list[dict[str, int]]:
    return [model.expected_positions(scope) for scope in model.scopes()]


def _steps_wrong() -> list[object]:
    right = model.expected_positions()
    order = list(right)
    reversed_all = {step: len(order) + 1 - pos for step, pos in right.items()}
    # two steps of phase 2 swapped: the task force after the legal form
    swapped = dict(right, task_force=right["legal_form"], legal_form=right["task_force"])
    first_phase = model.expected_positions(model.phases()[0])
    phase_swapped = dict(first_phase, identify_needs=first_phase["decide_areas"],
                         decide_areas=first_phase["identify_needs"])
    doubled = dict(right, evaluation=right["monitoring"])
    too_far = dict(first_phase, build_support=len(first_phase) + 1)
    unanswered = dict(right, communication=None)
    return [reversed_all, swapped, phase_swapped, doubled, too_far, unanswered, {"identify_needs": 1}, [1, 2, 3]]


q1 = Task(
    id="m3.q1",
    lab=LAB,
    title="m3.q1.title",
    checker=_check_steps,
    hints=["m3.q1.hint1", "m3.q1.hint2", "m3.q1.hint3"],
    solution_key="m3.q1.solution",
    right_answers=_steps_right,
    wrong_answers=_steps_wrong,
)

# q2: assign the roles ---------------------------------------------------------------------


def _check_roles(answer: object) -> Outcome:
    if not isinstance(answer, dict):
        raise AnswerError(t("m3.q2.wrong_form"))
    result = model.check_roles(answer)
    if result.missing:
        return Incorrect(t("m3.q2.missing", tasks="; ".join(f"«{task_name(x)}»" for x in result.missing)))
    if result.solved:
        return Correct(t("m3.q2.correct"))
    lines = [t("m3.q2.some_wrong", right=result.right, total=result.total)]
    lines += [t("m3.q2.why", task=task_name(x), why=t(f"m3.q2.why.{x}")) for x in result.wrong]
    return Incorrect("\n".join(lines))


def _roles_right() -> list[dict[str, str]]:
    frame = model.roles()
    return [dict(zip(frame["task"], frame["role"], strict=True))]


def _roles_wrong() -> list[object]:
    right = _roles_right()[0]
    return [
        dict(right, sign="council", approve_draft="mayor"),  # the council signs, the mayor approves
        dict(right, oversee="monitoring_committee", monitor="standing_committee"),
        dict(right, draft_decision="focal_point", coordinate="department"),
        dict(right, negotiate=None),
        dict(right, sign="the ministry"),  # not a role of the scenario: counts as not chosen
        "mayor",
    ]


q2 = Task(
    id="m3.q2",
    lab=LAB,
    title="m3.q2.title",
    checker=_check_roles,
    hints=["m3.q2.hint1", "m3.q2.hint2", "m3.q2.hint3"],
    solution_key="m3.q2.solution",
    right_answers=_roles_right,
    wrong_answers=_roles_wrong,
)

__all__ = ["q1", "q2", "phase_name", "task_name"]
