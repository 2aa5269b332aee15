"""Reporting model: logframe checks, indicator status, variance, evidence, aid due dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.reporting import model

D = Decimal


def ind(**kw) -> model.Indicator:
    raw = {"name": "Events", "kind": "output", "baseline": "0", "target": "4", "result": 0} | kw
    return model.parse_indicator(raw)


# -- due dates --------------------------------------------------------------------------
@pytest.mark.parametrize(("cleared", "due"), [
    (date(2024, 11, 15), date(2025, 2, 13)),   # across a year end
    (date(2023, 12, 31), date(2024, 3, 30)),   # a leap year: 29 February counts
    (date(2024, 12, 31), date(2025, 3, 31)),   # no leap day
    (date(2024, 1, 1), date(2024, 3, 31)),
    (date(2025, 3, 3), date(2025, 6, 1)),      # due on a Sunday: not moved
])
def test_aid_report_due_is_ninety_calendar_days_after_clearance(cleared, due):
    assert model.aid_report_due(cleared) == due


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_due_minus_clearance_is_always_the_period(cleared):
    assert (model.aid_report_due(cleared) - cleared).days == 90


def test_future_or_missing_clearance_dates_are_refused():
    with pytest.raises(model.ReportInputError, match="future_date"):
        model.aid_report_due(date(2026, 6, 2), today=date(2026, 6, 1))
    with pytest.raises(model.ReportInputError, match="no_date"):
        model.aid_report_due(None)


def test_days_left():
    assert model.days_left(date(2026, 6, 11), date(2026, 6, 1)) == 10
    assert model.days_left(date(2026, 5, 31), date(2026, 6, 1)) == -1


# -- indicators -------------------------------------------------------------------------
@pytest.mark.parametrize(("raw", "code"), [({"name": " "}, "empty_name"), ({"baseline": ""}, "no_baseline"),
                                           ({"target": ""}, "no_target"), ({"target": "0"}, "target_is_baseline"),
                                           ({"kind": "impact"}, "unknown_kind"),
                                           ({"actuals": ["1", "many"]}, "actual_not_number"),
                                           ({"name": "x" * 301}, "too_long")])
def test_indicator_refusals(raw, code):
    with pytest.raises(model.ReportInputError) as err:
        ind(**raw)
    assert err.value.code == code


@pytest.mark.parametrize(("actuals", "status", "share"), [
    ([], model.NO_DATA, None),
    (["1"], model.ON_TRACK, D("0.25")),        # 1 of 4 = 25 % after 1 of 4 periods: exactly on track
    (["0.9"], model.BEHIND, D("0.225")),
    (["1", "", "1"], model.BEHIND, D("0.25")),  # 25 % after 3 of 4 periods
    (["1", "2", "3", "4"], model.ACHIEVED, D("1")),
    (["5"], model.ACHIEVED, D("1.25")),
])
def test_status_rule(actuals, status, share):
    p = model.progress(ind(actuals=actuals), periods=4)
    assert p.status == status
    assert p.share == (None if share is None else share.quantize(D("0.001")))


def test_a_falling_target_counts_progress_downwards():
    # fewer unreported aid deliveries: baseline 10, target 0
    p = model.progress(ind(baseline="10", target="0", actuals=["5", "", "", ""]), periods=4)
    assert p.share == D("0.500") and p.status == model.ON_TRACK


# -- logframe ---------------------------------------------------------------------------
def frame(**kw):
    raw = {"overall_objective": ["Better services"], "specific_objective": ["Less waste"],
           "result": ["Staff trained"], "activity": [{"text": "Study visit", "serves": 0}],
           "indicators": [{"name": "Staff trained", "baseline": "0", "target": "10", "result": 0}]} | kw
    return model.logframe_from(raw)


def test_a_complete_logframe_has_no_problems():
    assert frame()[1] == []


@pytest.mark.parametrize(("change", "code"), [
    ({"overall_objective": []}, "missing_level"), ({"result": []}, "no_results"),
    ({"indicators": []}, "result_without_indicator"),
    ({"activity": [{"text": "Visit", "serves": None}]}, "activity_serves_nothing"),
    ({"activity": [{"text": "Visit", "serves": 3}]}, "activity_serves_nothing"),
    ({"indicators": [{"name": "x", "baseline": "1", "target": "1", "result": 0}]}, "indicator_target_is_baseline"),
])
def test_logframe_problems(change, code):
    assert code in {p.code for p in frame(**change)[1]}


def test_unreadable_indicators_are_reported_not_dropped():
    _f, problems = frame(indicators=[{"name": "A", "baseline": "zero", "target": "1", "result": 0}])
    assert any(p.code.startswith("indicator_") and p.params["n"] == 1 for p in problems)


def test_text_is_cleaned_of_control_characters():
    f, _ = frame(result=["Staff\x00 trained\x07 <b>well</b>"])
    assert f.of("result")[0].text == "Staff trained <b>well</b>"


# -- variance and evidence ----------------------------------------------------------------
@pytest.mark.parametrize(("planned", "actual", "amount", "percent", "flagged"), [
    ("1000", "1100", "100.00", "10.0", False), ("1000", "1100.01", "100.01", "10.0", False),
    ("1000", "1101", "101.00", "10.1", True), ("1000", "850", "-150.00", "-15.0", True),
    ("0", "50", "50.00", None, True), ("0", "0", "0.00", None, False)])
def test_variance_and_threshold(planned, actual, amount, percent, flagged):
    v = model.variance(D(planned), D(actual), D("10"))
    assert v.amount == D(amount) and v.flagged is flagged
    assert v.percent == (None if percent is None else D(percent))


def test_missing_evidence_leaves_out_the_keeping_rule():
    everything = [i["id"] for i in model.evidence_items()]
    assert model.missing_evidence(everything) == []
    assert "records_5_years" not in model.missing_evidence([])
    assert set(model.missing_evidence(["final_report"])) >= {"participant_lists", "website_publication"}
