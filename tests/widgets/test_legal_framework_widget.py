"""Module 2 widgets driven headless: set values, click, read what is shown."""

from __future__ import annotations

from datetime import date

from exercises.core import clock, store
from exercises.legal_framework import tasks
from exercises.legal_framework.widget import (
    approval_chain_order,
    document_types,
    latest_date_exercise,
    timeline_calculator,
)
from tests.widgets.helpers import text_of


def _click(panel, description):
    button = next(b for b in panel.children[-2].children if b.description == description)
    button.click()
    return text_of(panel.feedback.value)


def test_calculator_starts_from_today_and_counts_the_periods():
    calc = timeline_calculator()
    assert calc.submitted.value == clock.today()
    calc.submitted.value = date(2025, 12, 5)
    table = text_of(calc.table.value)
    assert "10 calendar days" in table and "15.12.2025" in table and "Monday" in table
    assert "30 calendar days" in table and "04.01.2026" in table
    assert "Sunday: weekend, not moved" in table
    assert "not known (the source text stops before it)" in table
    assert "https://bd-rda.od.gov.ua/reyestracziya-proyektiv-ugod-pravyla-ta-typovi-pomylky" in calc.table.value
    summary = text_of(calc.summary.value)
    assert "Latest overall approval date: 04.01.2026 (Sunday), 30 calendar days after the submission on 05.12.2025" \
        in summary
    assert "falls on a weekend" in summary
    assert "No period is known for: Review by the Ministry of Foreign Affairs" in summary


def test_calculator_says_how_days_are_counted():
    text = " ".join(text_of(x.value) for x in timeline_calculator().children if hasattr(x, "value")
                    and isinstance(x.value, str))
    assert "the day after the submission is day 1" in text and "is not moved" in text
    assert "not a legal opinion" in text


def test_a_missing_date_gives_a_plain_message_and_no_stale_table():
    calc = timeline_calculator()
    calc.submitted.value = None
    assert "Choose the day the draft was sent" in text_of(calc.date_error.value)
    assert 'role="alert"' in calc.date_error.value
    assert calc.table.value == ""
    calc.submitted.value = date(2025, 5, 19)
    assert calc.date_error.value == "" and "18.06.2025" in text_of(calc.table.value)


def test_a_date_at_the_end_of_the_calendar_is_refused_with_a_message():
    calc = timeline_calculator()
    calc.submitted.value = date(9999, 12, 20)
    assert "too far in the future" in text_of(calc.date_error.value)


def test_a_typed_mfa_period_is_shown_as_the_trainees_value_and_bad_input_is_kept():
    calc = timeline_calculator()
    calc.submitted.value = date(2025, 12, 5)
    calc.mfa_days.value = "15"
    table = text_of(calc.table.value)
    assert "15 calendar days (your value: check its source)" in table and "20.12.2025" in table
    assert "Review by the Ministry of Foreign Affairs" not in text_of(calc.summary.value)
    calc.mfa_days.value = "fifteen"
    assert "whole number of days" in text_of(calc.days_error.value)
    assert calc.mfa_days.value == "fifteen", "the trainee's input is kept"
    assert "not known" in text_of(calc.table.value), "the table still shows, without the bad value"
    calc.mfa_days.value = "45"
    assert "ends after the latest overall approval date" in text_of(calc.summary.value)
    calc.mfa_days.value = "0"
    assert "at least 1 day" in text_of(calc.days_error.value)


def test_the_calculator_keeps_the_trainees_date_for_next_time():
    calc = timeline_calculator()
    calc.submitted.value = date(2028, 2, 10)
    calc.mfa_days.value = "12"
    assert store.get_work(tasks.LAB, "timeline") == {"submitted": "2028-02-10", "mfa_days": "12"}
    again = timeline_calculator()
    assert again.submitted.value == date(2028, 2, 10) and again.mfa_days.value == "12"
    assert "11.03.2028" in text_of(again.table.value)


def test_a_damaged_saved_date_falls_back_to_today():
    store.put_work(tasks.LAB, "timeline", {"submitted": "not a date", "mfa_days": ""})
    assert timeline_calculator().submitted.value == clock.today()


def test_document_exercise_names_the_deciding_feature_not_the_answer():
    panel = document_types()
    assert "Not attempted" in _click(panel, "Check")
    for case, kind in tasks.DOCUMENTS.items():
        panel.pickers[case].value = kind
    panel.pickers["e"].value = "memorandum"
    shown = _click(panel, "Check")
    assert "6 of 7 are right" in shown and "(e)" in shown and "who is the other party" in shown
    assert "not an ITC agreement" not in shown.lower().replace("not yet", "")
    panel.pickers["e"].value = "not_itc"
    assert "Correct" in _click(panel, "Check")
    assert store.progress()["m2.q1"]["solved"] is True
    assert "Hint 1 of 3" in _click(panel, "Hint")
    assert "Solution" in _click(panel, "Show solution")


def test_document_exercise_names_unanswered_cases():
    panel = document_types()
    panel.pickers["a"].value = "intent"
    assert "(b), (c), (d), (e), (f), (g) has no answer yet" in _click(panel, "Check")


def test_latest_date_exercise():
    panel = latest_date_exercise()
    assert "05.12.2025 (Friday)" in text_of(panel.children[0].value)
    assert "Choose a date in the calendar" in _click(panel, "Check")
    panel.picker.value = date(2026, 1, 5)
    assert "moved a deadline" in _click(panel, "Check")
    panel.picker.value = date(2026, 1, 3)
    assert "submission day itself as day 1" in _click(panel, "Check")
    panel.picker.value = date(2025, 12, 15)
    assert "Ministry of Justice" in _click(panel, "Check")
    panel.picker.value = date(2026, 1, 4)
    assert "Right: 04.01.2026 (Sunday)" in _click(panel, "Check")


def test_chain_exercise_counts_places_without_giving_the_order():
    panel = approval_chain_order()
    right = {"submission": 1, "moj_check+mfa_review": 2, "ministry_approval": 3, "council_decision": 4,
             "signature": 5, "registration": 6}  # the Ivano-Frankivsk example, by hand
    assert set(panel.pickers) == set(right)
    assert list(panel.pickers) != sorted(right, key=right.get), "the stages are not shown in the right order"
    assert "Not attempted" in _click(panel, "Check")
    for item, pos in right.items():
        panel.pickers[item].value = pos
    panel.pickers["council_decision"].value, panel.pickers["ministry_approval"].value = 3, 4
    shown = _click(panel, "Check")
    assert "4 of 6 stages are in place" in shown
    panel.pickers["signature"].value = 6
    assert "6 is used more than once" in _click(panel, "Check")
    panel.pickers["signature"].value = None
    assert "Stages without a position: 1" in _click(panel, "Check")
    for item, pos in right.items():
        panel.pickers[item].value = pos
    assert "Correct" in _click(panel, "Check")
    labels = [p.description for p in panel.pickers.values()]
    assert "Check by the Ministry of Justice (against the Constitution) + Review by the Ministry of Foreign Affairs" \
        in labels


def test_widgets_have_a_short_text_form():
    assert repr(timeline_calculator()) == "<Approval-timeline calculator>"
    assert repr(document_types()) == "<Exercise 1: which document is this?>"
