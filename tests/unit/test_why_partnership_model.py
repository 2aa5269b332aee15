from __future__ import annotations

from decimal import Decimal

import pytest

from exercises.why_partnership import model


@pytest.mark.parametrize(
    ("part", "whole", "percent"),
    [(356, 1469, "24.2"), (1, 8, "12.5"), (1, 6, "16.7"), (2, 3, "66.7"), (1, 3, "33.3"),
     (0, 10, "0.0"), (10, 10, "100.0"), ("1,469", "1 469", "100.0"), ("7", "400", "1.8")],
)
def test_share_percent_rounds_half_up_to_one_decimal(part, whole, percent):
    assert model.share_percent(part, whole).percent == Decimal(percent)


def test_rounding_is_half_up_not_bankers():
    # 1/16 = 6.25 % and 3/16 = 18.75 %: both halves round up
    assert model.share_percent(1, 16).percent == Decimal("6.3")
    assert model.share_percent(3, 16).percent == Decimal("18.8")


@pytest.mark.parametrize(
    ("part", "whole", "code"),
    [(0, 0, "missing"), ("", "", "missing"), ("356", "", "missing"), (None, 10, "missing"),
     (5, 0, "zero_whole"), (-1, 10, "negative"),
     (11, 10, "part_larger"), ("abc", 10, "not_a_number"), ("3.5", 10, "not_whole"), (True, 10, "not_a_number")],
)
def test_share_percent_refuses_impossible_counts(part, whole, code):
    with pytest.raises(model.ShareError) as err:
        model.share_percent(part, whole)
    assert err.value.code == code


def test_figures_for_a_measure_puts_undated_counts_last():
    rows = model.figures_for("hromadas_with_agreements")
    assert list(rows["id"]) == ["gov-2023-hromadas", "ngo-hromadas"]
    assert rows["year"].isna().tolist() == [False, True]


def test_chart_points_leave_out_undated_counts():
    points = model.chart_points(model.figures_for("agreements"))
    assert points == [("Q2 2023 (as of 1 July 2023)", 1500.0)]


def test_unknown_measure():
    with pytest.raises(KeyError):
        model.figures_for("no_such_measure")


def test_measures_keep_the_file_order_without_repeats():
    measures = model.measures()
    assert measures[0] == "twin_city_links" and len(measures) == len(set(measures))
