"""The budget planner driven headless."""

from __future__ import annotations

import re

import ipywidgets as w
import pytest
from openpyxl import load_workbook

from exercises.budgeting import model, tasks
from exercises.budgeting.widget import (
    cofinancing_exercise,
    currency_exercise,
    fix_project_exercise,
    per_diem_calculator,
    planner,
)
from exercises.core import store
from tests.widgets.helpers import text_of


def _total(p) -> str:
    return re.search(r"Total: EUR ([\d,.]+)", text_of(p.totals_html.value)).group(1)


@pytest.fixture
def p():
    return planner()


def test_starts_from_the_example_and_says_so(p):
    assert "example twinning project" in text_of(p.origin.value)
    assert len(p.rows.children) == len(model.EXAMPLE_LINES)
    assert "no rate for it" in text_of(p.rates_info.value)  # the UAH line needs an InforEuro rate
    assert "1 line(s) are not counted" in text_of(p.totals_html.value)


def test_typing_a_rate_counts_the_line(p):
    before = _total(p)
    p.inforeuro.value = "40"
    assert _total(p) != before
    assert "not counted" not in text_of(p.totals_html.value)


def test_editing_a_quantity_changes_the_total_and_bad_input_is_kept(p):
    before = _total(p)
    row = p.rows.children[0]
    row.quantity.value = "3"
    assert _total(p) != before
    row.quantity.value = "three"
    assert "quantity must be a number" in text_of(row.error.value)
    assert row.quantity.value == "three"
    row.unit_cost.value = "2000000000"
    row.quantity.value = "1"
    assert "over 1,000,000,000" in text_of(row.error.value)


def test_add_duplicate_delete_lines(p):
    n = len(p.rows.children)
    p.add_button.click()
    assert len(p.rows.children) == n + 1
    new = p.rows.children[-1]
    assert "Describe the line" in text_of(new.error.value)
    p.rows.children[0].copy_button.click()
    assert len(p.rows.children) == n + 2 and p.rows.children[1].raw() == p.rows.children[0].raw()
    p.rows.children[1].delete_button.click()
    assert len(p.rows.children) == n + 1


def test_rules_follow_the_project(p):
    p.participants.value = "49"
    assert "Participants: 49 (at least 50)" in text_of(p.rules_html.value)
    p.invited.value = "70"
    assert "More people are invited" in text_of(p.project_error.value)
    p.countries.value = "UA, XX"
    assert "Unknown country code(s): XX" in text_of(p.project_error.value)


def test_cofinancing_shown_for_an_actual_cost_grant(p):
    p.inforeuro.value = "40"
    p.funding.value = "skew"
    p.requested.value = "5000"
    shown = text_of(p.rules_html.value)
    assert "Co-financing" in shown and "must come from the hromada" in shown


def test_save_and_reopen_keeps_every_line_as_typed(p):
    p.rows.children[0].description.value = "Bus, «Чортків – Przemyśl»"
    p.inforeuro.value = "41,5"
    p.save_button.click()
    again = planner()
    assert again.rows.children[0].description.value == "Bus, «Чортків – Przemyśl»"
    assert again.inforeuro.value == "41,5"
    assert "saved budget" in text_of(again.origin.value)


def test_a_saved_shortlist_gives_the_partner_countries():
    store.put_work("partner_selection", "explorer", {"shortlist": [761168, 724144]})  # Przemyśl PL, Michalovce SK
    p = planner()
    assert p.countries.value == "UA, PL, SK"
    assert "Przemyśl" in text_of(p.origin.value)


def test_export_writes_a_workbook_and_offers_it(p, work_dir):
    p.inforeuro.value = "40"
    p.rows.children[0].description.value = "=HYPERLINK(\"http://evil\")"
    p.export_button.click()
    assert "Nothing was overwritten" in text_of(p.status.value)
    assert 'download=' in p.link.value
    path = next((work_dir / "exports").glob("*.xlsx"))
    ws = load_workbook(path)["Budget"]
    assert ws["C2"].value == "=HYPERLINK(\"http://evil\")" and ws["C2"].data_type == "s"
    assert store.get_work("budgeting", "budget")["lines"][0]["description"].startswith("=HYPERLINK")


def test_export_without_a_rate_explains_and_writes_nothing(p, work_dir):
    p.export_button.click()
    assert "Fix them first" in text_of(p.status.value)
    assert not (work_dir / "exports").exists()


def test_per_diem_calculator_asks_for_a_rate_it_does_not_have():
    calc = per_diem_calculator()
    calc.people.value, calc.days.value = "3", "4"
    assert "USD 960.00" in text_of(calc.result.value) and "course's data" in text_of(calc.result.value)
    calc.country.value = "PL"
    assert "Annex 1 of Resolution No. 98" in text_of(calc.result.value)
    calc.rate.value = "50"
    assert "USD 600.00" in text_of(calc.result.value) and "you typed" in text_of(calc.result.value)


def _check(panel) -> str:
    panel.check_button.click()
    return text_of(panel.feedback.value)


def test_exercise_panels():
    q1 = cofinancing_exercise()
    q1.children[1].value = "11160"
    assert "largest grant" in _check(q1)
    q1.children[1].value = "1240"
    assert "Correct" in _check(q1)

    q2 = fix_project_exercise()
    boxes = {b.description: b for b in q2.children if isinstance(b, w.Text)}
    assert "Participants: 40 (at least 50)" in _check(q2)
    values = iter(["60", "30", "12", "50000"])
    for box in list(boxes.values()):
        box.value = next(values)
    assert "Correct" in _check(q2)

    q3 = currency_exercise()
    eur, line = q3.children[3], q3.children[4]
    eur.value = str(tasks.q3_expected())
    line.value = tasks.q3_ineligible()
    assert "Correct" in _check(q3)
