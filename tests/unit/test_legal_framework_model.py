"""Module 2 model: reading dates, counting periods (month and year ends, leap years), the approval
timeline from the data file, and the order of the approval chain. Expected dates are worked out
by hand from the counting rule: the day after the submission is day 1; nothing is moved."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.legal_framework import model

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


# -- reading a date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (date(2025, 12, 5), date(2025, 12, 5)),
        (datetime(2025, 12, 5, 15, 30), date(2025, 12, 5)),
        ("2025-12-05", date(2025, 12, 5)),
        ("05.12.2025", date(2025, 12, 5)),
        ("5.12.2025", date(2025, 12, 5)),
        (" 5/12/2025 ", date(2025, 12, 5)),
        ("29.02.2028", date(2028, 2, 29)),
    ],
)
def test_dates_are_read_from_a_picker_or_as_typed(raw, expected):
    assert model.parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (None, "missing"),
        ("", "missing"),
        ("   ", "missing"),
        ("31.02.2026", "impossible"),
        ("29.02.2025", "impossible"),  # 2025 is not a leap year
        ("2026-13-01", "impossible"),
        ("00.01.2026", "impossible"),
        ("next January", "not_a_date"),
        ("12/2025", "not_a_date"),
        (20251205, "not_a_date"),
        (True, "not_a_date"),
    ],
)
def test_a_bad_date_names_what_is_wrong(raw, code):
    with pytest.raises(model.DateError) as err:
        model.parse_date(raw)
    assert err.value.code == code


def test_dates_are_written_the_ukrainian_way():
    assert model.format_date(date(2025, 5, 19)) == "19.05.2025"


# -- counting a period ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (date(2025, 5, 19), 30, date(2025, 6, 18)),  # May has 31 days: 20 May is day 1, 31 May day 12
        (date(2025, 12, 5), 30, date(2026, 1, 4)),  # over the year end: 31 Dec is day 26
        (date(2025, 12, 5), 10, date(2025, 12, 15)),
        (date(2025, 12, 31), 1, date(2026, 1, 1)),
        (date(2025, 1, 30), 30, date(2025, 3, 1)),  # February 2025 has 28 days
        (date(2028, 1, 30), 30, date(2028, 2, 29)),  # 2028 is a leap year
        (date(2028, 2, 28), 1, date(2028, 2, 29)),
        (date(2028, 2, 20), 10, date(2028, 3, 1)),
        (date(2100, 2, 20), 10, date(2100, 3, 2)),  # 2100 is not a leap year
        (date(2000, 2, 20), 10, date(2000, 3, 1)),  # 2000 is
        (date(2025, 3, 3), 0, date(2025, 3, 3)),
    ],
)
def test_a_period_ends_on_the_day_given_by_counting_the_next_day_as_day_one(start, days, end):
    assert model.due_date(start, days) == end
    assert model.day_number(start, end) == days


def test_a_deadline_on_a_weekend_is_not_moved():
    end = model.due_date(date(2025, 12, 5), 30)
    assert end == date(2026, 1, 4) and model.is_weekend(end)  # a Sunday, and it stays one
    assert model.next_weekday(end) == date(2026, 1, 5)  # what moving would give (a trainee's mistake)
    assert model.next_weekday(date(2025, 3, 1)) == date(2025, 3, 3)  # Saturday -> Monday
    assert model.next_weekday(date(2025, 3, 3)) == date(2025, 3, 4)
    assert not model.is_weekend(date(2025, 12, 5))


def test_counting_past_the_end_of_the_calendar_is_an_input_error():
    with pytest.raises(model.DateError) as err:
        model.due_date(date(9999, 12, 20), 30)
    assert err.value.code == "out_of_range"


@pytest.mark.parametrize("days", [-1, 1.5, "30", True, None])
def test_a_period_must_be_a_whole_number_of_days(days):
    with pytest.raises(ValueError):
        model.due_date(date(2025, 1, 1), days)


@FAST
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31)), st.integers(0, 3660))
def test_the_due_date_minus_the_submission_date_is_the_period(start, days):
    end = model.due_date(start, days)
    assert (end - start).days == days
    assert model.day_number(start, end) == days


@FAST
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31)), st.integers(0, 400), st.integers(0, 400))
def test_periods_add_up(start, first, second):
    assert model.due_date(model.due_date(start, first), second) == model.due_date(start, first + second)


@FAST
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 31)))
def test_the_next_weekday_is_a_working_day_within_three_days(day):
    following = model.next_weekday(day)
    assert not model.is_weekend(following) and 1 <= (following - day).days <= 3


# -- a period typed by the trainee ------------------------------------------------------------


@pytest.mark.parametrize(("raw", "value"), [("", None), ("  ", None), (None, None), ("15", 15), (" 7 ", 7), (20, 20),
                                            ("999", 999), ("1", 1)])
def test_a_typed_period(raw, value):
    assert model.parse_days(raw) == value


@pytest.mark.parametrize(
    ("raw", "code"),
    [("fifteen", "days_not_whole"), ("1.5", "days_not_whole"), ("15 days", "days_not_whole"), (True, "days_not_whole"),
     ("0", "days_not_positive"), ("-5", "days_not_positive"), (0, "days_not_positive"), ("1000", "days_too_long")],
)
def test_a_bad_typed_period_names_what_is_wrong(raw, code):
    with pytest.raises(model.DateError) as err:
        model.parse_days(raw)
    assert err.value.code == code


# -- the timeline from the data file ----------------------------------------------------------


def test_the_data_gives_the_periods_the_sources_give_and_no_others():
    assert model.period_of("moj_check") == 10
    assert model.period_of("ministry_approval") == 30
    for step in ("submission", "mfa_review", "council_decision", "signature", "registration"):
        assert model.period_of(step) is None, step
    with pytest.raises(KeyError):
        model.period_of("no_such_step")


def test_every_step_of_the_data_has_a_source():
    frame = model.steps()
    assert frame["url"].str.startswith("http").all()
    assert list(frame["order"]) == sorted(frame["order"])


def test_timeline_for_a_submission_before_the_year_end():
    result = model.timeline("05.12.2025")
    by_step = {s.step: s for s in result.steps}
    assert result.submitted == date(2025, 12, 5)
    assert by_step["moj_check"].due == date(2025, 12, 15)
    assert result.overall_due == date(2026, 1, 4)
    assert by_step["mfa_review"].due is None and not by_step["mfa_review"].known
    assert by_step["submission"].due is None  # the submission is day 0, not a period
    assert result.unknown == ["mfa_review", "council_decision", "signature", "registration"]


def test_timeline_over_a_leap_day():
    result = model.timeline(date(2028, 2, 10))
    by_step = {s.step: s for s in result.steps}
    assert by_step["moj_check"].due == date(2028, 2, 20)
    assert result.overall_due == date(2028, 3, 11)  # 10 Feb + 30: 29 Feb is day 19, 11 Mar day 30


def test_a_typed_mfa_period_is_used_and_marked_as_the_trainees():
    result = model.timeline(date(2025, 12, 5), "15")
    mfa = next(s for s in result.steps if s.step == "mfa_review")
    assert mfa.typed and mfa.days == 15 and mfa.due == date(2025, 12, 20)
    assert "mfa_review" not in result.unknown
    others = [s for s in result.steps if s.step != "mfa_review"]
    assert not any(s.typed for s in others)


def test_a_typed_period_never_replaces_a_period_from_the_data():
    frame = model.steps()
    frame.loc[frame["step"] == "mfa_review", "days"] = 20  # as if a source had given it
    result = model.timeline(date(2025, 12, 5), "15", frame)
    mfa = next(s for s in result.steps if s.step == "mfa_review")
    assert mfa.days == 20 and not mfa.typed


@pytest.mark.parametrize(("submitted", "mfa", "code"), [(None, "", "missing"), ("30.02.2026", "", "impossible"),
                                                        ("05.12.2025", "ten", "days_not_whole")])
def test_timeline_refuses_bad_input_with_a_reason(submitted, mfa, code):
    with pytest.raises(model.DateError) as err:
        model.timeline(submitted, mfa)
    assert err.value.code == code


# -- the order of the chain -------------------------------------------------------------------


def test_the_chain_groups_the_two_reviews_into_one_stage():
    assert model.stages() == [("submission",), ("moj_check", "mfa_review"), ("ministry_approval",),
                              ("council_decision",), ("signature",), ("registration",)]
    positions = model.chain_positions()
    assert positions["moj_check+mfa_review"] == 2 and positions["registration"] == 6


def test_order_check_counts_places_duplicates_and_gaps():
    right = {"a": 1, "b": 2, "c": 3}
    assert model.check_order({"a": 1, "b": 2, "c": 3}, right).solved
    swapped = model.check_order({"a": 2, "b": 1, "c": 3}, right)
    assert swapped.in_place == 1 and swapped.complete and not swapped.solved and swapped.misplaced == ["a", "b"]
    doubled = model.check_order({"a": 1, "b": 1, "c": 3}, right)
    assert doubled.duplicates == [1] and not doubled.complete
    gap = model.check_order({"a": 1, "b": None, "c": " "}, right)
    assert gap.missing == ["b", "c"]
    stranger = model.check_order({"a": 1, "b": 2, "c": 3, "x": 4}, right)
    assert stranger.unknown == ["x"] and not stranger.solved
    assert model.check_order({"a": "1", "b": "2", "c": "x"}, right).missing == ["c"]
