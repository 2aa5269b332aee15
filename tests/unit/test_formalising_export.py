"""The Word export read back with python-docx: headings, the clause table, trainee text written
as plain text with control characters removed, and an export never replacing a file."""

from __future__ import annotations

import zipfile

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises.formalising import export, model

NASTY = "=cmd|' /C calc'!A0 <w:t>not xml</w:t> {{ field }} &amp;\x00\x07\x1b"


@pytest.fixture
def outline():
    return model.parse_outline({
        "doc_type": "memorandum",
        "title": "Меморандум: Житомир – Lublin\x0b",
        "clauses": {
            "parties": {"included": True, "text": "Житомирська міська рада\nand the City of Lublin"},
            "purpose": {"included": True, "text": NASTY},
            "areas": {"included": True, "text": "culture\teducation"},
            "forms": {"included": True, "text": ""},  # essential, ticked but empty
            # coordinators: essential, not ticked
            "financing": {"included": True, "text": ""},  # optional, ticked but empty
            "duration_termination": {"included": True, "text": "3 years"},
            "language_versions": {"included": False, "text": "typed but not ticked"},
            "signatures": {"included": True, "text": "The mayors"},
        },
    })


def headings(doc) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def test_headings(outline, work_dir):
    doc = Document(export.export(outline))
    assert headings(doc) == [
        ("Title", "Меморандум: Житомир – Lublin"),
        ("Heading 1", "Clauses"),
        ("Heading 1", "Check"),
        ("Heading 1", "Next steps"),
        ("Heading 1", "Where the clauses come from"),
    ]
    assert doc.core_properties.title == "Меморандум: Житомир – Lublin"


def test_without_a_title_the_heading_names_the_kind(work_dir):
    doc = Document(export.export(model.empty_outline("agreement")))
    assert headings(doc)[0] == ("Title", "Outline: Agreement (on cooperation and partnership)")


def test_the_clause_table_lists_ticked_and_essential_clauses_with_their_status(outline, work_dir):
    table = Document(export.export(outline)).tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["No.", "Clause", "Status", "Text"]
    by_clause = {r[1]: r for r in rows[1:]}
    # the memorandum's 7 essential clauses, plus the ticked optional financing; not the unticked languages
    assert list(by_clause) == ["Parties", "Purpose", "Areas of cooperation", "Forms of cooperation", "Coordinators",
                               "Financing", "Duration and termination", "Signatures"]
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, 9)]
    assert by_clause["Forms of cooperation"][2] == "essential: ticked but empty"
    assert by_clause["Coordinators"][2:] == ["essential: missing", ""]
    assert by_clause["Financing"][2] == "optional: ticked but empty"
    assert by_clause["Signatures"][2:] == ["essential", "The mayors"]


def test_trainee_text_is_plain_text_with_line_breaks_and_tabs_kept(outline, work_dir):
    table = Document(export.export(outline)).tables[0]
    texts = {row.cells[1].text: row.cells[3] for row in table.rows[1:]}
    parties = texts["Parties"]
    assert parties.text == "Житомирська міська рада\nand the City of Lublin"
    assert [p.text for p in parties.paragraphs] == ["Житомирська міська рада", "and the City of Lublin"]
    assert texts["Areas of cooperation"].text == "culture\teducation"
    # markup-looking text stays literal text; the control characters are gone
    assert texts["Purpose"].text == "=cmd|' /C calc'!A0 <w:t>not xml</w:t> {{ field }} &amp;"


def test_no_field_codes_or_control_characters_in_the_file(outline, work_dir):
    path = export.export(outline)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<w:fldSimple" not in xml and "<w:instrText" not in xml
    assert "&lt;w:t&gt;not xml&lt;/w:t&gt;" in xml
    assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in xml)


def test_the_check_section_names_what_is_missing(outline, work_dir):
    doc = Document(export.export(outline))
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("Check")
    section = texts[start + 1:texts.index("Next steps")]
    assert section == ["Missing: Coordinators.", "Ticked but empty: Forms of cooperation.",
                       "Optional, ticked but empty: Financing."]


def test_sources_section_labels_the_course_synthesis(outline, work_dir):
    texts = [p.text for p in Document(export.export(outline)).paragraphs]
    basis = texts[texts.index("Where the clauses come from") + 2:]
    assert len(basis) == 8
    assert basis[0].startswith("Parties: course synthesis.")
    assert basis[2].startswith("Areas of cooperation: from a source.")


def test_an_export_never_replaces_an_earlier_one(outline, work_dir):
    first = export.export(outline)
    first_bytes = first.read_bytes()
    second = export.export(outline)
    third = export.export(outline)
    assert first.name == "outline-memorandum-2026-06-01.docx"
    assert second.name == "outline-memorandum-2026-06-01-2.docx"
    assert third.name == "outline-memorandum-2026-06-01-3.docx"
    assert first.read_bytes() == first_bytes


def test_a_file_placed_by_the_trainee_is_not_touched(outline, work_dir):
    folder = work_dir / "exports"
    folder.mkdir(parents=True)
    mine = folder / "outline-memorandum-2026-06-01.docx"
    mine.write_bytes(b"my own file")
    path = export.export(outline)
    assert path != mine and mine.read_bytes() == b"my own file"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_any_text_exports_and_reads_back_cleaned(work_dir, text):
    parsed = model.parse_outline({"doc_type": "letter_of_intent",
                                  "clauses": {"purpose": {"included": True, "text": text}}})
    doc = Document(export.export(parsed))
    cell = {row.cells[1].text: row.cells[3].text for row in doc.tables[0].rows[1:]}["Purpose"]
    assert cell == model.clean_text(text)
