"""The report builder and the Module 8 exercises driven headless."""

from __future__ import annotations

from datetime import date

import ipywidgets as w
import pytest

from exercises.budgeting import model as budget
from exercises.core import store
from exercises.reporting import tasks
from exercises.reporting.widget import (
    builder,
    due_date_exercise,
    evidence_exercise,
    indicator_kinds_exercise,
    logframe_exercise,
)
from tests.widgets.helpers import text_of


@pytest.fixture
def b():
    return builder()


def test_starts_from_the_example_and_it_is_complete(b):
    assert "example logframe" in text_of(b.origin.value)
    assert "Every result has a measurable indicator" in text_of(b.problems.value)
    assert "on track" in text_of(b.progress_table.value)
    assert 'alt="Bar chart of each indicator' in b.chart.value


def test_adding_a_result_without_indicator_is_flagged_then_fixed(b):
    b.add_buttons["result"].click()
    b.sections["result"].children[-1].text.value = "Joint proposal prepared"
    assert "Result 2 has no indicator" in text_of(b.problems.value)
    b.add_indicator.click()
    row = b.indicators.children[-1]
    row.name.value = "Proposals submitted"
    row.baseline.value = "0"
    row.target.value = "0"
    assert "the target equals the baseline" in text_of(row.error.value)
    row.target.value = "1"
    row.result.value = 1
    assert "Every result has a measurable indicator" in text_of(b.problems.value)


def test_an_activity_must_serve_a_result(b):
    b.add_buttons["activity"].click()
    b.sections["activity"].children[-1].text.value = "Workshop"
    assert "Activity 2 serves no result" in text_of(b.problems.value)
    b.sections["activity"].children[-1].serves.value = 0
    assert "serves no result" not in text_of(b.problems.value)


def test_actuals_change_the_status_and_bad_actuals_are_explained(b):
    row = b.indicators.children[0]
    row.actuals[0].value = "12"
    assert "achieved" in text_of(b.progress_table.value)
    row.actuals[0].value = "twelve"
    assert "the actual for period 1 must be a number" in text_of(row.error.value)
    assert row.actuals[0].value == "twelve"


def test_evidence_checklist(b):
    assert "Missing 7" in text_of(b.evidence_status.value)
    for box in b.evidence.values():
        box.value = True
    assert "Every required document is ticked" in text_of(b.evidence_status.value)


def test_aid_due_date_and_a_future_date(b):
    b.cleared.value = date(2026, 5, 1)  # the course's fixed today is 2026-06-01
    shown = text_of(b.due.value)
    assert "Report due by 2026-07-30" in shown and "59 day(s) from today" in shown
    b.cleared.value = date(2026, 7, 1)
    assert "after today (2026-06-01)" in text_of(b.due.value)


def test_financial_report_against_a_saved_budget():
    store.put_work("budgeting", "budget", {
        "lines": [dict(r) for r in budget.EXAMPLE_LINES[:3]],
        "project": {"funding_line": "own", "participants": "0", "invited": "0", "months": "1", "countries": ["UA"],
                    "requested": "0"},
        "rates": {"start": "2024-03-01", "end": "2024-03-31"}})
    b = builder()
    assert "Planned amounts come from your saved budget (3 lines" in text_of(b.finance_note.value)
    b.threshold.value = "5"
    b.finance_box.children[0].value = "3900"  # planned 3,600.00
    shown = text_of(b.finance_table.value)
    assert "+300.00 (+8.3 %)" in shown and "above the threshold" in shown
    b.finance_box.children[1].value = "lots"
    assert "must be a number" in text_of(b.finance_table.value)


def test_without_a_budget_the_finance_part_says_what_to_do(b):
    assert "do the Module 6 lab" in text_of(b.finance_note.value)


def test_save_reopen_and_export(b, work_dir):
    b.sections["result"].children[0].text.value = "Staff trained, «Чортків»"
    b.export_button.click()
    assert "Nothing was overwritten" in text_of(b.status.value)
    assert "Module 4 (shortlist), Module 6 (budget)" in text_of(b.status.value)
    assert "download=" in b.links.value
    assert list((work_dir / "exports").glob("partnership-dossier-*.docx"))
    again = builder()
    assert again.sections["result"].children[0].text.value == "Staff trained, «Чортків»"


def _check(panel) -> str:
    panel.check_button.click()
    return text_of(panel.feedback.value)


def test_exercise_panels():
    q1 = logframe_exercise()
    texts = [c for c in q1.children if isinstance(c, w.Text)]
    assert "no target" in _check(q1)
    texts[1].value = "12"
    texts[2].value, texts[3].value, texts[4].value = "Proposals", "0", "1"
    assert "Correct" in _check(q1)

    q2 = indicator_kinds_exercise()
    for picker, (_key, kind) in zip([c for c in q2.children if isinstance(c, w.Dropdown)], tasks.Q2.items(),
                                    strict=True):
        picker.value = kind
    assert "Correct" in _check(q2)

    q3 = due_date_exercise()
    picker = next(c for c in q3.children if isinstance(c, w.DatePicker))
    picker.value = date(2025, 2, 12)
    assert "One day early" in _check(q3)
    picker.value = date(2025, 2, 13)
    assert "Correct" in _check(q3)

    q4 = evidence_exercise()
    boxes = [c for c in q4.children if isinstance(c, w.Checkbox)]
    for box in boxes:
        box.value = box.description.startswith(("Signed", "Financial", "Event details"))
    assert "Correct" in _check(q4)


def test_preview_shows_the_report_as_the_dossier_will_hold_it(b):
    b.sections["result"].children[0].text.value = "Staff trained <b>now</b>"
    b.preview_button.click()
    shown = text_of(b.preview.value)
    for heading in ("Partnership dossier", "1. Partners", "2. Logical framework", "3. Indicators", "4. Finances",
                    "5. Evidence package"):
        assert heading in shown
    assert "Staff trained <b>now</b>" in shown  # the trainee's text, escaped, not markup
    assert "indicator chart" in shown
    assert store.get_work("reporting", "report")["logframe"]["result"][0]["text"] == "Staff trained <b>now</b>"
