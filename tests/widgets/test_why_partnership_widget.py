"""Module 1 widgets driven headless: set values, click, read what is shown."""

from __future__ import annotations

import ipywidgets as w

from exercises.core import store
from exercises.why_partnership import model, tasks
from exercises.why_partnership.widget import cooperation_kinds, explorer, quoting_figures
from tests.widgets.helpers import text_of


def test_choosing_a_figure_shows_all_its_counts_with_sources():
    ex = explorer()
    ex.measure.value = "agreements"
    table = text_of(ex.table.value)
    assert "almost 1,500 agreements" in table and "1,355 agreements" in table
    assert "Government monitoring" in table and "Товариство дослідників України" in table
    # dated count first, the undated NGO count after it
    assert table.index("1,500") < table.index("1,355")
    assert "https://decentralization.gov.ua/en/news/16923?page=8" in ex.table.value


def test_chart_shows_only_dated_counts_and_describes_them_in_alt_text():
    ex = explorer()
    ex.measure.value = "agreements"
    assert 'alt="Bar chart of «International partnership agreements of hromadas» by date: ' in ex.chart.value
    assert "Q2 2023 (as of 1 July 2023): 1,500" in ex.chart.value
    assert "1,355" not in ex.chart.value  # the undated count has no place on a time line
    ex.measure.value = "german_partnerships"
    assert "June 2024: 200" in ex.chart.value and "Early 2026: 250" in ex.chart.value


def test_every_measure_in_the_data_can_be_shown():
    ex = explorer()
    for measure in model.measures():
        ex.measure.value = measure
        assert "<table" in ex.table.value and ex.chart.value


def test_share_calculator_computes_from_what_is_typed():
    ex = explorer()
    assert "Type both numbers" in text_of(ex.result.value)
    ex.part.value = "356"
    ex.whole.value = "1 469"
    assert "356 of 1,469 hromadas is 24.2 %" in text_of(ex.result.value)


def test_share_calculator_explains_bad_input_and_keeps_it():
    ex = explorer()
    ex.part.value, ex.whole.value = "1469", "356"
    assert "Did you swap them?" in text_of(ex.result.value)
    assert ex.part.value == "1469", "the trainee's input is kept"
    ex.part.value = "three hundred"
    assert "digits only" in text_of(ex.result.value)
    ex.part.value = "35.6"
    assert "whole numbers" in text_of(ex.result.value)
    ex.part.value, ex.whole.value = "5", "0"
    assert "cannot be zero" in text_of(ex.result.value)
    assert "role=\"alert\"" in ex.result.value


def _click(panel, description):
    button = next(b for b in panel.children[-2].children if b.description == description)
    button.click()
    return text_of(panel.feedback.value)


def test_kinds_exercise_check_hint_solution():
    panel = cooperation_kinds()
    assert "Not attempted" in _click(panel, "Check")
    for sid, kind in tasks.SCENARIOS.items():
        panel.pickers[sid].value = kind
    panel.pickers["b"].value = "c2c"
    shown = _click(panel, "Check")
    assert "Not yet" in shown and "3 of 4 are right" in shown and "(b)" in shown
    panel.pickers["b"].value = "cbc"
    assert "Correct" in _click(panel, "Check")
    assert store.progress()["m1.q1"]["solved"] is True
    assert "Hint 1 of 3" in _click(panel, "Hint") and "Hint 2 of 3" in _click(panel, "Hint")
    assert "Solution" in _click(panel, "Show solution")


def test_kinds_exercise_names_unanswered_scenarios():
    panel = cooperation_kinds()
    panel.pickers["a"].value = "imc"
    shown = _click(panel, "Check")
    assert "(b), (c), (d) has no answer yet" in shown


def test_quoting_exercise():
    panel = quoting_figures()
    radios = next(x for x in panel.children if isinstance(x, w.RadioButtons))
    assert radios.value is None, "nothing is chosen before the trainee chooses"
    radios.value = "average"
    assert "Nobody measured the average" in _click(panel, "Check")
    radios.value = "date_and_source"
    assert "Correct" in _click(panel, "Check")


def test_widgets_have_a_short_text_form():
    assert repr(explorer()) == "<Partnership figures explorer>"
    assert repr(cooperation_kinds()) == "<Exercise 1: which kind of cooperation is this?>"
