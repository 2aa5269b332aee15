"""Module 3 model: the IMC toolkit's steps and phases from the data file, the order check (what it
says without giving the order away), and the roles check."""

from __future__ import annotations

import pytest

from exercises.process_roles import model

# The toolkit's order, written out by hand from the table in FACTS.md (Module 3).
TOOLKIT = ["identify_needs", "identify_partners", "analyse_legal", "feasibility_study", "decide_areas",
           "build_support", "task_force", "legal_form", "financing", "negotiate", "management", "monitoring",
           "communication", "evaluation"]


def _right() -> dict[str, int]:
    return {step: i for i, step in enumerate(TOOLKIT, start=1)}


def test_fourteen_steps_in_the_toolkits_order_and_phases():
    frame = model.steps()
    assert list(frame["id"]) == TOOLKIT
    assert list(frame["step"]) == list(range(1, 15))
    assert model.phases() == ["1", "2", "3-4"]
    assert (frame["phase"] == "1").sum() == 6 and (frame["phase"] == "2").sum() == 5
    assert (frame["phase"] == "3-4").sum() == 3


def test_every_step_has_a_source_and_the_approximate_phases_say_so():
    frame = model.steps()
    assert frame["url"].str.startswith("http").all()
    approx = frame[frame["step"] >= 11]
    assert (approx["confidence"] == "uncertain").all()
    assert approx["note"].str.contains("approximation").all()


def test_expected_positions_for_all_steps_and_for_each_phase():
    assert model.expected_positions() == _right()
    assert model.expected_positions("2") == {"task_force": 1, "legal_form": 2, "financing": 3, "negotiate": 4,
                                             "management": 5}
    assert model.expected_positions("3-4") == {"monitoring": 1, "communication": 2, "evaluation": 3}
    with pytest.raises(KeyError):
        model.expected_positions("5")


def test_the_shown_order_is_fixed_and_not_the_answer():
    shown = model.shown_order()
    assert shown == model.shown_order() and sorted(shown) == sorted(TOOLKIT)
    assert shown != TOOLKIT
    for phase in model.phases():
        assert shown_is_not_right(phase)


def shown_is_not_right(phase: str) -> bool:
    right = model.expected_positions(phase)
    return model.shown_order(phase) != sorted(right, key=right.get)


def test_a_right_answer_is_solved():
    result = model.check_steps(_right())
    assert result.solved and result.in_place == 14 and result.phases_out == []


def test_a_swap_inside_phase_two_names_only_phase_two():
    answer = dict(_right(), task_force=8, legal_form=7)
    result = model.check_steps(answer)
    assert result.in_place == 12 and result.phases_out == ["2"] and not result.solved


def test_a_swap_across_phases_names_both_phases_in_course_order():
    answer = dict(_right(), evaluation=1, identify_needs=14)
    result = model.check_steps(answer)
    assert result.in_place == 12 and result.phases_out == ["1", "3-4"]


def test_duplicates_gaps_and_out_of_range_positions():
    doubled = model.check_steps(dict(_right(), evaluation=12))
    assert doubled.duplicates == [12] and not doubled.solved
    gap = model.check_steps(dict(_right(), communication=None, evaluation=""))
    assert gap.missing == ["communication", "evaluation"]
    far = model.check_steps(dict(_right(), evaluation=15))
    assert far.out_of_range == ["evaluation"] and far.phases_out == ["3-4"]
    zero = model.check_steps(dict(_right(), identify_needs=0))
    assert zero.out_of_range == ["identify_needs"]
    typed = model.check_steps({k: str(v) for k, v in _right().items()})
    assert typed.solved


def test_a_phase_is_checked_with_positions_inside_the_phase():
    answer = {"monitoring": 1, "communication": 2, "evaluation": 3}
    assert model.check_steps(answer, "3-4").solved
    wrong = model.check_steps({"monitoring": 3, "communication": 2, "evaluation": 1}, "3-4")
    assert wrong.in_place == 1 and wrong.phases_out == ["3-4"]


def test_the_scope_of_an_answer_comes_from_the_steps_it_names():
    assert model.scope_of(_right()) == model.ALL
    assert model.scope_of({"monitoring": None, "communication": 2, "evaluation": 3}) == "3-4"
    assert model.scope_of({"monitoring": 1}) is None
    assert model.scope_of({}) is None


def test_roles_data_one_role_per_task_with_sources():
    frame = model.roles()
    assert model.task_ids() == ["draft_decision", "negotiate", "approve_draft", "sign", "oversee", "coordinate",
                                "monitor"]
    assert frame["role"].is_unique and frame["url"].str.startswith("http").all()
    right = dict(zip(frame["task"], frame["role"], strict=True))
    # council practice (Korosten 2022, Kalush 2023): the council approves, the mayor signs, a standing
    # committee oversees; the department drafts
    assert right["approve_draft"] == "council" and right["sign"] == "mayor"
    assert right["oversee"] == "standing_committee" and right["draft_decision"] == "department"
    # the row that is the course's synthesis is labelled so
    assert frame.set_index("task").loc["coordinate", "confidence"] == "design"


def test_roles_check_names_wrong_and_missing_tasks():
    right = dict(zip(model.task_ids(), model.role_ids(), strict=True))
    assert model.check_roles(right).solved
    swapped = model.check_roles(dict(right, sign="council", approve_draft="mayor"))
    assert swapped.wrong == ["approve_draft", "sign"] and swapped.right == 5
    missing = model.check_roles(dict(right, negotiate=None, monitor="someone"))
    assert missing.missing == ["negotiate", "monitor"] and not missing.solved
