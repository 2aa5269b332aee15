"""The Module 7 panels, driven headless."""

from __future__ import annotations

from exercises.assistance import model, tasks
from exercises.assistance.widget import classify_deliveries, next_steps, regimes_overview
from tests.widgets.helpers import text_of


def test_overview_shows_each_regime_with_its_law_steps_and_source():
    shown = text_of(regimes_overview().table.value)
    for words in ("Humanitarian aid", "Charitable aid", "International technical assistance",
                  "1192-XIV", "5073-VI", "No. 153", "No. 953 of 05.09.2023",
                  "within 90 calendar days after customs clearance", "only until 01.04.2024",
                  "Register the project with the state"):
        assert words in shown, words


def test_classification_feedback_names_the_deciding_feature():
    panel = classify_deliveries()
    for key, regime in tasks.DELIVERIES.items():
        panel.pickers[key].value = regime
    panel.pickers["c"].value = "humanitarian"
    panel.check_button.click()
    feedback = text_of(panel.feedback.value)
    assert "6 of 7 are right" in feedback
    assert "(c) The deciding feature: money given to the territorial community itself" in feedback
    panel.pickers["c"].value = "charitable"
    panel.check_button.click()
    assert "All seven are right" in text_of(panel.feedback.value)


def test_classification_with_one_left_unanswered():
    panel = classify_deliveries()
    for key, regime in tasks.DELIVERIES.items():
        panel.pickers[key].value = regime
    panel.pickers["g"].value = None
    panel.check_button.click()
    assert "(g) has no answer yet" in text_of(panel.feedback.value)


def test_next_steps_lists_ten_steps_and_checks_a_plan():
    panel = next_steps()
    assert len(panel.pickers) == 10
    assert [v for _, v in panel.pickers["report"].options] == [None, model.SKIP, 1, 2, 3, 4, 5, 6]
    for sid, value in tasks.right_plan().items():
        panel.pickers[sid].value = value
    panel.pickers["guarantee_letter"].value = 1
    panel.check_button.click()
    feedback = text_of(panel.feedback.value)
    assert "«Ask the military for a guarantee letter» is not needed" in feedback
    assert "abolished" in feedback
    panel.pickers["guarantee_letter"].value = model.SKIP
    panel.pickers["unique_code"].value, panel.pickers["register_recipient"].value = 1, 2
    panel.check_button.click()
    assert "cannot come before" in text_of(panel.feedback.value)
    panel.pickers["unique_code"].value, panel.pickers["register_recipient"].value = 2, 1
    panel.check_button.click()
    assert "Right" in text_of(panel.feedback.value)
    assert "90 calendar days" in text_of(panel.feedback.value)


def test_next_steps_partly_answered_says_how_many_are_left():
    panel = next_steps()
    panel.pickers["register_recipient"].value = 1
    panel.check_button.click()
    assert "Steps still without an answer: 9" in text_of(panel.feedback.value)


def test_next_steps_untouched_is_not_attempted():
    panel = next_steps()
    panel.check_button.click()
    assert "Not attempted" in text_of(panel.feedback.value)
