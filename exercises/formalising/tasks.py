"""Module 5 exercises: which document fits, what is missing from an outline, who does what in
the council chain, and what came first in real cases.

Feedback names what to look at again (the situation, the clause, the step, the case) without
giving the answer away. The outline exercise and the case exercise take their answers from the
course data through the model, so a trainer who changes the data changes the answer with it.
"""

from __future__ import annotations

from exercises.core.i18n import t
from exercises.core.tasks import AnswerError, Correct, Incorrect, Outcome, Task, grade_classification, item_labels
from exercises.formalising import model

LAB = "formalising"

# q1: which document fits? ------------------------------------------------------------------
SITUATIONS = {"a": "letter_of_intent", "b": "memorandum", "c": "agreement", "d": "declaration_of_intent"}


def _check_documents(answer: object) -> Outcome:
    unanswered, wrong = grade_classification(answer, SITUATIONS, model.doc_types(), "m5.q1.wrong_form")
    if unanswered:
        return Incorrect(t("m5.q1.missing", situations=item_labels(unanswered)))
    if not wrong:
        return Correct(t("m5.q1.correct"))
    cues = "\n".join(f"({s}) {t(f'm5.q1.cue.{s}')}" for s in wrong)
    return Incorrect(t("m5.q1.some_wrong", right=len(SITUATIONS) - len(wrong), total=len(SITUATIONS), cues=cues))


q1 = Task(
    id="m5.q1",
    lab=LAB,
    title="m5.q1.title",
    checker=_check_documents,
    hints=["m5.q1.hint1", "m5.q1.hint2", "m5.q1.hint3"],
    solution_key="m5.q1.solution",
    right_answers=[dict(SITUATIONS)],
    wrong_answers=[
        {**SITUATIONS, "a": "memorandum"},  # a letter is enough before anything is agreed
        {**SITUATIONS, "b": "agreement", "c": "memorandum"},  # the two swapped
        {**SITUATIONS, "d": "letter_of_intent"},
        {**SITUATIONS, "c": None},
        "agreement",
    ],
)

# q2: which essential clauses are missing or empty? ------------------------------------------
Q2_TYPE = "memorandum"
# (included, has text): the outline a colleague drafted; its wording is in the catalogue.
Q2_GIVEN = {
    "parties": (True, True),
    "purpose": (True, True),
    "areas": (True, True),
    "forms": (True, True),
    "coordinators": (False, False),
    "financing": (True, True),
    "duration_termination": (True, False),
    "language_versions": (False, False),
    "legal_basis": (False, False),
    "monitoring": (False, False),
    "signatures": (True, True),
}


def q2_outline() -> model.Outline:
    """The colleague's draft memorandum, with the wording of the current locale."""
    raw = {name: {"included": inc, "text": t(f"m5.q2.given.{name}") if has_text else ""}
           for name, (inc, has_text) in Q2_GIVEN.items()}
    return model.parse_outline({"doc_type": Q2_TYPE, "title": t("m5.q2.given_title"), "clauses": raw})


def q2_expected() -> tuple[str, ...]:
    return model.check_outline(q2_outline()).problems


def _check_missing(answer: object) -> Outcome:
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, (list, tuple, set, frozenset)):
        raise AnswerError(t("m5.q2.wrong_form"))
    chosen = set(answer)
    unknown = sorted(c for c in chosen if c not in model.clauses())
    if unknown:
        raise AnswerError(t("m5.q2.wrong_form"))
    expected = set(q2_expected())
    outline = q2_outline()
    present = [c for c in model.clauses() if c in chosen - expected and outline.clauses[c].included]
    optional = [c for c in model.clauses() if c in chosen - expected and not outline.clauses[c].included]
    lines = []
    if present:
        lines.append(t("m5.q2.present", clauses=", ".join(t(f"m5.clause.{c}") for c in present)))
    if optional:
        lines.append(t("m5.q2.optional", clauses=", ".join(t(f"m5.clause.{c}") for c in optional)))
    left = len(expected - chosen)
    if left:
        lines.append(t("m5.q2.left", count=left))
    if not lines:
        return Correct(t("m5.q2.correct"))
    return Incorrect("\n".join(lines))


q2 = Task(
    id="m5.q2",
    lab=LAB,
    title="m5.q2.title",
    checker=_check_missing,
    hints=["m5.q2.hint1", "m5.q2.hint2", "m5.q2.hint3"],
    solution_key="m5.q2.solution",
    right_answers=lambda: [list(q2_expected()), set(q2_expected())],
    wrong_answers=[
        ["coordinators"],  # the empty clause overlooked
        ["duration_termination"],
        ["coordinators", "duration_termination", "language_versions"],  # optional for a memorandum
        ["coordinators", "duration_termination", "financing"],  # present and filled
        "nothing",
    ],
)

# q3: who does what? --------------------------------------------------------------------------
ACTORS = ("department", "council", "mayor", "military_administration", "standing_committee", "ministry")
STEPS = {
    "a": "department",
    "b": "council",
    "c": "mayor",
    "d": "military_administration",
    "e": "standing_committee",
    "f": "ministry",
}


def _check_roles(answer: object) -> Outcome:
    unanswered, wrong = grade_classification(answer, STEPS, ACTORS, "m5.q3.wrong_form")
    if unanswered:
        return Incorrect(t("m5.q3.missing", steps=item_labels(unanswered)))
    if not wrong:
        return Correct(t("m5.q3.correct"))
    cues = "\n".join(f"({s}) {t(f'm5.q3.cue.{s}')}" for s in wrong)
    return Incorrect(t("m5.q3.some_wrong", right=len(STEPS) - len(wrong), total=len(STEPS), cues=cues))


q3 = Task(
    id="m5.q3",
    lab=LAB,
    title="m5.q3.title",
    checker=_check_roles,
    hints=["m5.q3.hint1", "m5.q3.hint2", "m5.q3.hint3"],
    solution_key="m5.q3.solution",
    right_answers=[dict(STEPS)],
    wrong_answers=[
        {**STEPS, "c": "council"},  # the council decides but does not sign
        {**STEPS, "d": "mayor"},  # frontline: the military administration signs
        {**STEPS, "f": "council", "b": "ministry"},
        {**STEPS, "e": None},
        ["mayor"],
    ],
)


# q4: what came first? (the cases) -------------------------------------------------------------
def q4_cases() -> list[str]:
    """The cases whose order of events the sources decide."""
    return model.decidable_cases()


def q4_expected() -> dict[str, str]:
    return {c: model.first_event(c) for c in q4_cases()}


def case_name(case_id: str) -> str:
    row = model.cases().loc[case_id]
    return f"{row['ukrainian_side']} – {row['partner_side']}"


def _check_first(answer: object) -> Outcome:
    if not isinstance(answer, dict):
        raise AnswerError(t("m5.q4.wrong_form"))
    expected = q4_expected()
    unanswered = [c for c in expected if not answer.get(c)]
    if unanswered:
        return Incorrect(t("m5.q4.missing", cases="; ".join(case_name(c) for c in unanswered)))
    options = {c: {e.event for e in model.question_events(c)} for c in expected}
    if any(answer[c] not in options[c] for c in expected):
        raise AnswerError(t("m5.q4.wrong_form"))
    wrong = [c for c, first in expected.items() if answer[c] != first]
    if not wrong:
        return Correct(t("m5.q4.correct"))
    return Incorrect(t("m5.q4.some_wrong", right=len(expected) - len(wrong), total=len(expected),
                       cases="; ".join(case_name(c) for c in wrong)))


def _q4_wrong() -> list[object]:
    expected = q4_expected()
    out: list[object] = []
    for case in expected:
        other = next(e.event for e in model.question_events(case) if e.event != expected[case])
        out.append({**expected, case: other})
    first = next(iter(expected))
    out.append({**expected, first: None})  # one case left unanswered
    return out


q4 = Task(
    id="m5.q4",
    lab=LAB,
    title="m5.q4.title",
    checker=_check_first,
    hints=["m5.q4.hint1", "m5.q4.hint2", "m5.q4.hint3"],
    solution_key="m5.q4.solution",
    right_answers=lambda: [q4_expected()],
    wrong_answers=_q4_wrong,
)

__all__ = ["ACTORS", "Q2_GIVEN", "Q2_TYPE", "SITUATIONS", "STEPS", "q1", "q2", "q3", "q4"]
