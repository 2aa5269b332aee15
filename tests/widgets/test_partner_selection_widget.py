"""The partner explorer driven headless: find a hromada, change filters and weights, build,
save and check a shortlist; bad input gets a message and loses nothing."""

from __future__ import annotations

import re

import pytest

from exercises.core import store
from exercises.partner_selection import model, tasks
from exercises.partner_selection.widget import eligibility_exercise, explorer, ranking_exercise, shortlist_exercise
from tests.widgets.helpers import text_of


@pytest.fixture
def ex():
    return explorer()


def _first_place(ex) -> str:
    match = re.search(r"<tbody><tr><td>1</td><td>([^<]+)</td>", ex.table.value)
    assert match, ex.table.value[:500]
    return match.group(1)


def _count(ex) -> int:
    return int(re.search(r"([\d,]+) places pass", text_of(ex.summary.value)).group(1).replace(",", ""))


def test_opens_on_the_example_hromada_with_a_ranking(ex):
    assert ex.home.name == "Chortkiv"
    assert "Ternopil Oblast" in text_of(ex.home_info.value)
    assert _count(ex) > 50_000
    assert "<img" in ex.chart.value and "<img" in ex.map.value


def test_finding_a_hromada_in_cyrillic_changes_the_ranking(ex):
    before = _first_place(ex)
    ex.query.value = "Ужгород"
    assert ex.home.name == "Uzhhorod"
    assert _first_place(ex) != before


def test_an_unknown_name_gets_a_message_and_keeps_the_current_hromada(ex):
    ex.query.value = "Atlantis"
    assert "No Ukrainian place called «Atlantis»" in text_of(ex.home_error.value)
    assert ex.home.name == "Chortkiv"


def test_an_ambiguous_name_offers_the_matches(ex):
    ex.query.value = "Nova"
    assert ex.matches.layout.display == "flex" and len(ex.matches.options) > 1
    assert "Choose yours" in text_of(ex.home_error.value)
    first_id = ex.matches.options[0][1]
    ex.matches.value = first_id
    assert ex.home.geonameid == first_id


def test_a_weight_change_reorders_the_candidates(ex):
    ex.weights["C4"].value = 0
    ex.weights["C7"].value = 0
    ex.weights["C8"].value = 100
    nearest = ex._pool.frame.nsmallest(1, ["distance_km", "geonameid"]).iloc[0]
    assert _first_place(ex).startswith(nearest["name"])


def test_programme_rules_filter_the_table(ex):
    ex.programme.value = "skew"
    assert set(ex.ranked["country"]) == {"DE"}
    assert ex.cerv.layout.display == "none"
    ex.programme.value = "cerv_tt"
    assert ex.cerv.layout.display == "flex"


def test_interreg_says_to_check_until_the_polish_area_is_confirmed(ex):
    ex.programme.value = "interreg_pl_ua"
    assert "cannot be confirmed" in text_of(ex.summary.value)
    subcarpathia = next(code for name, code in ex.polish_regions.options if code == "PL.80")
    ex.polish_regions.value = (subcarpathia,)
    assert set(ex.ranked["admin1"]) == {"PL.80"}
    assert "cannot be confirmed" not in text_of(ex.summary.value)


def test_a_hromada_outside_the_interreg_area_is_told_so(ex):
    ex.query.value = "Poltava"
    ex.programme.value = "interreg_pl_ua"
    assert "outside this programme's area" in text_of(ex.summary.value)


@pytest.mark.parametrize(
    ("control", "value", "words"),
    [("min_pop", "lots", "whole number"), ("max_km", "-5", "whole kilometres"), ("max_km", "0", "more than 0 km")],
)
def test_bad_filter_input_gets_a_message_and_is_kept(ex, control, value, words):
    getattr(ex, control).value = value
    assert words in text_of(ex.filter_error.value)
    assert getattr(ex, control).value == value


def test_min_above_max_population(ex):
    ex.min_pop.value, ex.max_pop.value = "50000", "1000"
    assert "larger than the maximum" in text_of(ex.filter_error.value)


def test_all_weights_zero(ex):
    for box in ex.weights.values():
        box.value = 0
    assert "All weights are 0" in text_of(ex.weight_error.value)
    ex.weights["C8"].value = 10
    assert ex.weight_error.value == "" and ex.ranked is not None


def test_filters_that_leave_nothing_say_which_to_relax(ex):
    ex.max_km.value = "1"
    assert "Relax one of these" in text_of(ex.summary.value) and "the maximum distance" in text_of(ex.summary.value)


def test_paging(ex):
    first = _first_place(ex)
    ex.next_button.click()
    assert "Page 2 of" in text_of(ex.page_label.value)
    assert re.search(r"<td>11</td>", ex.table.value)
    ex.prev_button.click()
    assert _first_place(ex) == first


def test_shortlist_add_score_save_and_reopen(ex):
    ex.add_button.click()
    ex.next_button.click()
    ex.add_button.click()
    ex.add_button.click()  # the same one again
    assert "already on your shortlist" in text_of(ex.save_status.value)
    assert len(ex.shortlist) == 2
    first = ex.shortlist[0]
    row = ex.shortlist_box.children[1]
    row.children[1].value = 3  # C1 of the first town
    assert ex.soft[first]["C1"] == 3
    assert "ranked on all nine criteria" in text_of(ex.shortlist_rules.value)
    ex.save_button.click()
    saved = store.get_work("partner_selection", "explorer")
    assert saved["shortlist"] == ex.shortlist and saved["soft"][str(first)]["C1"] == 3
    again = explorer()
    assert again.shortlist == ex.shortlist and again.soft[first]["C1"] == 3
    assert "saved shortlist (2 towns) was opened" in text_of(again.save_status.value)


def test_removing_from_the_shortlist(ex):
    ex.add_button.click()
    gid = ex.shortlist[0]
    remove = ex.shortlist_box.children[1].children[-1]
    remove.click()
    assert gid not in ex.shortlist


def test_group_rules_show_for_cerv(ex):
    ex.programme.value = "cerv_tt"
    ex.add_button.click()
    shown = text_of(ex.shortlist_rules.value)
    assert "Countries in the group: 1 (at least 2 needed)" in shown
    assert "depends on Ukraine's place in CERV" in shown
    ex.cerv.value = "yes"
    assert "Countries in the group: 2 (at least 2 needed)" in text_of(ex.shortlist_rules.value)


def test_exercise_two_checks_the_explorer_shortlist(ex):
    panel = shortlist_exercise(ex)
    panel.check_button.click()
    assert "Not attempted" in text_of(panel.feedback.value)
    ex.shortlist = tasks.q2_example()
    panel.check_button.click()
    assert "Correct" in text_of(panel.feedback.value)


def test_exercise_two_reads_the_saved_shortlist_without_an_explorer(ex):
    ex.shortlist = [765876]  # Lublin: too big
    ex.save_button.click()
    panel = shortlist_exercise()
    panel.check_button.click()
    assert "The shortlist has 1 town" in text_of(panel.feedback.value)


def test_exercise_one_panel():
    panel = eligibility_exercise()
    for gid, box in panel.boxes.items():
        box.value = gid in tasks.q1_confirmed()
    panel.check_button.click()
    assert "Correct" in text_of(panel.feedback.value)
    panel.boxes[3161732].value = True  # Bergen, Norway
    panel.check_button.click()
    assert "Bergen (NO)" in text_of(panel.feedback.value)


def test_exercise_three_panel():
    panel = ranking_exercise()
    radios = panel.children[1]
    radios.value = tasks.q3_answer()
    panel.check_button.click()
    assert "Correct" in text_of(panel.feedback.value)


def test_a_corrected_population_changes_comparable_scale(ex):
    ex.weights["C4"].value = 0
    ex.weights["C8"].value = 0
    ex.weights["C7"].value = 100
    ex.population.value = "60000"
    top = ex.ranked.iloc[0]
    assert top["population"] > 0
    assert abs(top["C7"] - model.population_ratio(60000, [top["population"]])[0]) < 1e-9
    ex.population.value = "many"
    assert "whole number" in text_of(ex.home_error.value)


def test_example_candidates_come_with_labelled_illustrative_scores(ex):
    ex.examples_button.click()
    assert set(model.profiles()) <= set(ex.shortlist)
    assert "illustrative" in text_of(ex.save_status.value) and "not facts" in text_of(ex.save_status.value)
    przemysl = 761168
    assert ex.soft[przemysl] == model.profiles()[przemysl]
    ex.examples_button.click()  # a second press adds nothing twice
    assert len(ex.shortlist) == len(set(ex.shortlist))


def test_cases_table_lists_every_case_with_its_source():
    from exercises.partner_selection.widget import cases

    table = cases().value
    for row in model.cases().itertuples():
        assert row.url.replace("&", "&amp;") in table
    assert "15 Mar 2023" in table and "Wrocław" in table


def test_a_reopened_explorer_shows_the_saved_towns_as_rows(ex):
    ex.examples_button.click()
    ex.save_button.click()
    again = explorer()
    rows = again.shortlist_box.children[1:]  # the first row is the header
    assert len(rows) == len(again.shortlist) > 0


def test_a_fresh_explorer_says_the_shortlist_is_empty(ex):
    assert "Your shortlist is empty" in text_of(ex.shortlist_box.children[0].value)
