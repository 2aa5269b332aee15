from datetime import date

import pytest

from exercises.core import clock


def test_fixed_date_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(clock.TODAY_ENV, "2025-03-28")
    assert clock.today() == date(2025, 3, 28)
    assert clock.stamp() == "2025-03-28T12:00:00+00:00"


def test_without_the_variable_the_real_date_is_used(monkeypatch):
    monkeypatch.delenv(clock.TODAY_ENV, raising=False)
    assert clock.fixed_today() is None
    assert clock.today() == date.today()


def test_a_malformed_date_says_what_form_is_expected(monkeypatch):
    monkeypatch.setenv(clock.TODAY_ENV, "28.03.2025")
    with pytest.raises(ValueError, match="2026-01-15"):
        clock.today()
