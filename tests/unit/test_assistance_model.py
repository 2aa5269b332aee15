"""Module 7 model: the regimes and their steps from the data, and the check of a plan of steps
(needed, not needed, duplicates, the partial order) at its edges."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.assistance import model, tasks
from exercises.core.i18n import t

NEEDED = ["register_recipient", "unique_code", "declaration", "acceptance_commission", "balance_sheet", "report"]


def test_three_regimes_with_their_legal_basis():
    assert model.regime_ids() == ["humanitarian", "charitable", "technical"]
    frame = model.regimes()
    assert "1192-XIV" in frame.loc["humanitarian", "legal_basis"]
    assert "953" in frame.loc["humanitarian", "procedure_basis"]
    assert "5073-VI" in frame.loc["charitable", "legal_basis"]
    assert "153" in frame.loc["technical", "legal_basis"]


def test_humanitarian_steps_in_order_and_the_paper_declaration_has_ended():
    assert [s.id for s in model.steps("humanitarian")] == NEEDED
    ended = model.ended_steps("humanitarian")
    assert [(s.id, s.until) for s in ended] == [("paper_declaration", date(2024, 4, 1))]
    assert [s.id for s in model.steps("technical")] == ["register_project"]
    with pytest.raises(KeyError):
        model.steps("loan")


def test_the_steps_file_respects_its_own_order():
    seen: set[str] = set()
    for s in model.steps("humanitarian"):
        assert set(s.after) <= seen, s.id
        seen.add(s.id)


def test_the_report_period_is_the_shared_one():
    assert model.report_days() == 90


def plan(**numbers):
    base = {sid: model.SKIP for sid in tasks.listed()}
    base.update(numbers)
    return base


RIGHT = {sid: n for n, sid in enumerate(NEEDED, start=1)}


def check(p):
    return model.check_plan(p, tasks.listed(), tasks.needed())


def test_the_right_plan_has_no_problem():
    assert check(plan(**RIGHT)) == []


def test_numbers_need_not_be_consecutive_only_ordered():
    assert check(plan(**{sid: n * 10 for sid, n in RIGHT.items()})) == []
    assert check(plan(**{sid: str(n) for sid, n in RIGHT.items()})) == []


def test_report_may_come_before_the_acceptance():
    assert check(plan(register_recipient=1, unique_code=2, declaration=3, report=4, acceptance_commission=5,
                      balance_sheet=6)) == []


def test_a_needed_step_skipped():
    assert check(plan(**{**RIGHT, "balance_sheet": model.SKIP})) == [model.Problem("needed_skipped", "balance_sheet")]


def test_a_step_not_needed_but_numbered():
    problems = check(plan(**RIGHT, guarantee_letter=7))
    assert problems == [model.Problem("not_needed_numbered", "guarantee_letter")]


def test_a_duplicate_number_is_reported_once_and_not_as_an_order_problem():
    problems = check(plan(**{**RIGHT, "unique_code": 1}))
    assert problems == [model.Problem("duplicate", number=1)]


def test_each_broken_edge_is_named():
    problems = check(plan(**{**RIGHT, "declaration": 6, "report": 3}))
    assert model.Problem("order", "report", "declaration") in problems
    assert model.Problem("order", "acceptance_commission", "declaration") in problems


@pytest.mark.parametrize("value", [None, 0, -1, "", "two", True, 2.5])
def test_an_unusable_value_is_unanswered(value):
    assert check(plan(**{**RIGHT, "report": value})) == [model.Problem("unanswered", "report")]


def topological(order: tuple[str, ...]) -> bool:
    place = {sid: i for i, sid in enumerate(order)}
    return all(place[b] < place[s.id] for s in tasks.needed() for b in s.after)


def test_exactly_the_orders_that_respect_the_sources_pass():
    valid = 0
    for order in itertools.permutations(NEEDED):
        ok = check(plan(**{sid: i for i, sid in enumerate(order, start=1)})) == []
        assert ok == topological(order), order
        valid += ok
    # register < code < declaration, then {acceptance < balance} and report in any interleaving: 3 orders
    assert valid == 3


@given(st.permutations(NEEDED))
def test_order_problems_name_only_real_edges(order):
    for p in check(plan(**{sid: i for i, sid in enumerate(order, start=1)})):
        assert p.kind == "order"
        assert p.other in model.step(p.step).after


def test_the_exercise_lists_the_needed_steps_and_four_distractors():
    listed = set(tasks.listed())
    assert set(NEEDED) <= listed
    assert listed - set(NEEDED) == {"guarantee_letter", "ministry_approval", "paper_declaration", "register_project"}
    assert len(tasks.listed()) == len(listed)


def test_solution_and_hints_match_the_data():
    assert f"{model.report_days()} calendar days" in t("m7.q2.solution")
    assert "1 April 2024" in t("m7.q2.hint3")
    assert model.ended_steps("humanitarian")[0].until == date(2024, 4, 1)


def test_every_regime_is_an_answer_in_exercise_1():
    assert set(tasks.DELIVERIES.values()) == set(model.regime_ids())
    assert 5 <= len(tasks.DELIVERIES) <= 8
