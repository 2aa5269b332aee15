"""The Module 5 outline builder and exercise panels, driven headless."""

from __future__ import annotations

import base64
import re

import pytest
from docx import Document

from exercises.core import store
from exercises.formalising import model, tasks
from exercises.formalising.widget import (
    case_analysis,
    document_choice,
    missing_clause,
    outline_builder,
    who_does_what,
)
from tests.widgets.helpers import text_of


@pytest.fixture
def b():
    return outline_builder()


def fill(builder, **clauses):
    for name, text in clauses.items():
        builder.rows[name].tick.value = True
        builder.rows[name].text.value = text


def test_starts_as_an_empty_memorandum_and_marks_its_essential_clauses(b):
    assert b.doc_type.value == "memorandum"
    assert not any(r.tick.value for r in b.rows.values())
    assert "(essential)" in text_of(b.rows["coordinators"].marker.value)
    assert "(optional)" in text_of(b.rows["financing"].marker.value)
    assert "Memorandum" in text_of(b.about.value)


def test_changing_the_type_changes_the_markers_and_keeps_the_text(b):
    fill(b, financing="Each side pays its own costs")
    b.doc_type.value = "agreement"
    assert "(essential)" in text_of(b.rows["financing"].marker.value)
    assert b.rows["financing"].text.value == "Each side pays its own costs"
    b.doc_type.value = "letter_of_intent"
    assert "(optional)" in text_of(b.rows["areas"].marker.value)


def test_check_names_missing_and_empty_clauses_next_to_them(b):
    b.doc_type.value = "letter_of_intent"
    fill(b, parties="Our council and the partner town", purpose="   ")
    b.check_button.click()
    result = text_of(b.result.value)
    assert "Essential clauses not ticked (Letter of intent): Signatures." in result
    assert "Ticked but empty: Purpose." in result
    assert "tick it and write it" in text_of(b.rows["signatures"].note.value)
    assert "Write at least a few words" in text_of(b.rows["purpose"].note.value)
    assert text_of(b.rows["parties"].note.value).strip() == ""


def test_a_complete_letter_is_reported_complete(b):
    b.doc_type.value = "letter_of_intent"
    fill(b, parties="A", purpose="B", signatures="C")
    b.check_button.click()
    assert "Letter of intent: all essential clauses are there" in text_of(b.result.value)


def test_too_long_text_is_refused_next_to_the_input_and_kept(b):
    long_text = "x" * (model.MAX_TEXT + 1)
    fill(b, areas=long_text)
    b.check_button.click()
    assert f"at most {model.MAX_TEXT}" in text_of(b.rows["areas"].note.value)
    assert "Areas of cooperation" in text_of(b.rows["areas"].note.value)
    assert "nothing was checked, saved or exported" in text_of(b.status.value)
    assert b.rows["areas"].text.value == long_text
    b.export_button.click()
    assert b.link.value == ""
    assert store.get_work("formalising", "outline") is None


def test_save_and_reopen(b):
    b.doc_type.value = "agreement"
    b.title.value = "Agreement between Житомир and Lublin"
    fill(b, parties="Житомир\nLublin", financing="Shared")
    b.save_button.click()
    assert "Outline saved" in text_of(b.status.value) and "2 clauses" in text_of(b.status.value)
    again = outline_builder()
    assert again.doc_type.value == "agreement"
    assert again.title.value == "Agreement between Житомир and Lublin"
    assert again.rows["parties"].text.value == "Житомир\nLublin"
    assert again.rows["financing"].tick.value is True
    assert "saved outline was opened" in text_of(again.status.value)


def test_a_damaged_saved_outline_starts_empty_and_says_so():
    store.put_work("formalising", "outline", {"doc_type": "treaty", "clauses": []})
    b = outline_builder()
    assert b.doc_type.value == "memorandum"
    assert "could not be read" in text_of(b.status.value)
    assert store.get_work("formalising", "outline") == {"doc_type": "treaty", "clauses": []}  # kept until Save


def test_export_writes_a_docx_offers_a_link_and_never_overwrites(b, work_dir):
    fill(b, parties="A\x07 and B", purpose="Partnership")
    b.export_button.click()
    assert "Exported as outline-memorandum-2026-06-01.docx" in text_of(b.status.value)
    href = re.search(r"href='([^']+)'", b.link.value).group(1)
    assert href.startswith("data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,")
    path = work_dir / "exports" / "outline-memorandum-2026-06-01.docx"
    assert base64.b64decode(href.split(",", 1)[1]) == path.read_bytes()
    cells = {r.cells[1].text: r.cells[3].text for r in Document(path).tables[0].rows[1:]}
    assert cells["Parties"] == "A and B"
    assert store.get_work("formalising", "outline")["clauses"]["purpose"]["text"] == "Partnership"
    b.export_button.click()
    assert "outline-memorandum-2026-06-01-2.docx" in text_of(b.status.value)
    assert path.exists()


def test_text_is_escaped_in_the_page(b):
    fill(b, parties="<script>alert(1)</script>")
    b.doc_type.value = "letter_of_intent"
    b.check_button.click()
    assert "<script>" not in b.result.value


# -- the exercise panels -------------------------------------------------------------------------
def test_document_choice_right_and_wrong():
    panel = document_choice()
    for key, kind in tasks.SITUATIONS.items():
        panel.pickers[key].value = kind
    panel.pickers["a"].value = "memorandum"
    panel.check_button.click()
    feedback = text_of(panel.feedback.value)
    assert "3 of 4 are right" in feedback and "(a)" in feedback
    panel.pickers["a"].value = "letter_of_intent"
    panel.check_button.click()
    assert "All four are right" in text_of(panel.feedback.value)


def test_missing_clause_exercise_shows_the_draft_and_checks_the_ticks():
    panel = missing_clause()
    shown = text_of(panel.children[1].value)
    assert "Study visits, exchanges of staff and students" in shown
    panel.boxes["coordinators"].value = True
    panel.check_button.click()
    assert "not yet ticked: 1" in text_of(panel.feedback.value)
    panel.boxes["duration_termination"].value = True
    panel.boxes["financing"].value = True
    panel.check_button.click()
    assert "in the draft and say something: Financing" in text_of(panel.feedback.value)
    panel.boxes["financing"].value = False
    panel.check_button.click()
    assert "Right" in text_of(panel.feedback.value)


def test_missing_clause_with_nothing_ticked_is_not_attempted():
    panel = missing_clause()
    panel.check_button.click()
    assert "Not attempted" in text_of(panel.feedback.value)


def test_who_does_what():
    panel = who_does_what()
    for key, actor in tasks.STEPS.items():
        panel.pickers[key].value = actor
    panel.pickers["d"].value = "mayor"
    panel.check_button.click()
    assert "5 of 6 are right" in text_of(panel.feedback.value)
    assert "frontline" in text_of(panel.feedback.value)
    panel.pickers["d"].value = "military_administration"
    panel.check_button.click()
    assert "All six are right" in text_of(panel.feedback.value)


def test_case_analysis_reads_the_cases_and_checks_against_the_data():
    panel = case_analysis()
    table = text_of(panel.children[1].value)
    assert "Kyiv – Wrocław" in table and "15 Mar 2023" in table  # from data/partnership_cases.csv
    assert "data-" not in table
    assert set(panel.pickers) == set(tasks.q4_cases())
    options = [v for _, v in panel.pickers["kyiv-wroclaw"].options if v]
    assert options == ["partner_council_resolution", "agreement_signed"]
    for case, first in tasks.q4_expected().items():
        panel.pickers[case].value = first
    panel.pickers["lublin-kryvyi-rih"].value = "aid"
    panel.check_button.click()
    assert "Compare the dates again for: Kryvyi Rih – Lublin" in text_of(panel.feedback.value)
    panel.pickers["lublin-kryvyi-rih"].value = "memorandum_of_intent"
    panel.check_button.click()
    assert "Right" in text_of(panel.feedback.value)


def test_case_analysis_untouched_is_not_attempted():
    panel = case_analysis()
    panel.check_button.click()
    assert "Not attempted" in text_of(panel.feedback.value)
