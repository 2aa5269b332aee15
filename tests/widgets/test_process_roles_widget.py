"""Module 3 widgets driven headless: choose positions and roles, click, read the feedback."""

from __future__ import annotations

from exercises.core import store
from exercises.process_roles.widget import role_assignment, step_order
from tests.widgets.helpers import text_of

TOOLKIT = ["identify_needs", "identify_partners", "analyse_legal", "feasibility_study", "decide_areas",
           "build_support", "task_force", "legal_form", "financing", "negotiate", "management", "monitoring",
           "communication", "evaluation"]


def _click(panel, description):
    button = next(b for b in panel.children[-2].children if b.description == description)
    button.click()
    return text_of(panel.feedback.value)


def test_step_order_all_fourteen():
    panel = step_order()
    assert len(panel.pickers) == 14
    assert list(panel.pickers) != TOOLKIT, "the steps are not shown in the right order"
    assert "Not attempted" in _click(panel, "Check")
    for pos, step in enumerate(TOOLKIT, start=1):
        panel.pickers[step].value = pos
    panel.pickers["negotiate"].value, panel.pickers["financing"].value = 9, 10
    shown = _click(panel, "Check")
    assert "12 of 14 steps are in place" in shown and "Phase 2: establishing cooperation" in shown
    assert "Phase 1" not in shown and "Agree on financing" not in shown, "no step or order is revealed"
    panel.pickers["negotiate"].value = 10
    assert "10 is used more than once" in _click(panel, "Check")
    panel.pickers["financing"].value = 9
    assert "Correct" in _click(panel, "Check")
    assert store.progress()["m3.q1"]["solved"] is True


def test_step_order_one_phase():
    panel = step_order()
    panel.scope.value = "3-4"
    assert set(panel.pickers) == {"monitoring", "communication", "evaluation"}
    assert [o[1] for o in panel.pickers["monitoring"].options] == [None, 1, 2, 3]
    panel.pickers["monitoring"].value = 1
    assert "Steps without a position: 2" in _click(panel, "Check")
    panel.pickers["communication"].value, panel.pickers["evaluation"].value = 3, 2
    assert "1 of 3 steps of this phase are in place" in _click(panel, "Check")
    panel.pickers["communication"].value, panel.pickers["evaluation"].value = 2, 3
    assert "Phases 3–4: implementing and evaluating" in _click(panel, "Check")
    panel.scope.value = "1"
    assert len(panel.pickers) == 6 and panel.feedback.value == "", "a new scope starts clean"


def test_roles_names_the_wrong_task_and_why():
    panel = role_assignment()
    assert "Not attempted" in _click(panel, "Check")
    right = {"draft_decision": "department", "negotiate": "task_force", "approve_draft": "council", "sign": "mayor",
             "oversee": "standing_committee", "coordinate": "focal_point", "monitor": "monitoring_committee"}
    for task, role in right.items():
        panel.pickers[task].value = role
    panel.pickers["sign"].value = "council"
    panel.pickers["approve_draft"].value = "mayor"
    shown = _click(panel, "Check")
    assert "5 of 7 are right" in shown
    assert "«Sign the memorandum.»: the council decides but does not sign" in shown
    assert "«Approve the draft memorandum and authorise its signature.»" in shown
    assert "Korosten" in shown
    panel.pickers["negotiate"].value = None
    assert "has no role yet" in _click(panel, "Check")
    for task, role in right.items():
        panel.pickers[task].value = role
    assert "Correct" in _click(panel, "Check")
    assert "Hint 1 of 3" in _click(panel, "Hint")
    assert "Solution" in _click(panel, "Show solution")


def test_widgets_have_a_short_text_form():
    assert repr(step_order()) == "<Exercise 1: put the steps in order>"
    assert repr(role_assignment()) == "<Exercise 2: who does what?>"
