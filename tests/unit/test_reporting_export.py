"""The partnership dossier read back with python-docx: sections, tables, the chart and its
alt text, text kept as text, nothing overwritten, an empty portfolio explained."""

from __future__ import annotations

import zipfile

from docx import Document
from openpyxl import load_workbook

from exercises.budgeting import model as budget
from exercises.core import store
from exercises.reporting import export
from exercises.reporting.widget import progress_chart


def _portfolio_with_everything():
    store.put_work("partner_selection", "explorer", {
        "hromada_name": "Chortkiv (Чортків)", "programme": "cerv_tt", "shortlist": [761168, 724144],
        "shortlist_names": ["Przemyśl", "Michalovce"], "soft": {"761168": {"C1": 2, "C3": 0}}})
    store.put_work("budgeting", "budget", {
        "lines": [dict(r) for r in budget.EXAMPLE_LINES],
        "project": {"funding_line": "cerv_tt", "participants": "60", "invited": "30", "months": "9",
                    "countries": ["UA", "PL"], "requested": "30000"},
        "rates": {"start": "2024-03-01", "end": "2024-03-31", "inforeuro_uah": "44", "nbu_uah": "45"}})
    store.put_work("reporting", "report", {
        "logframe": {"overall_objective": [{"text": "Better services\x07"}],
                     "specific_objective": [{"text": "Less waste"}],
                     "result": [{"text": "<script>alert(1)</script> trained"}],
                     "activity": [{"text": "Visit", "serves": 0}],
                     "indicators": [{"name": "Staff trained", "kind": "output", "baseline": "0", "target": "12",
                                     "result": 0, "actuals": ["3"]}]},
        "periods": 4, "evidence": ["final_report"],
        "finance": [{"line": "Bus", "planned": "3,600.00", "actual": "3,900.00", "variance": "+300.00 (+8.3 %)"}]})
    return store.load()


def test_dossier_has_every_section_table_and_the_chart_with_alt_text(work_dir):
    png, alt = progress_chart(["Staff trained"], [0.25], ["on track"])
    dossier = export.export_dossier(_portfolio_with_everything(), png, alt)
    doc = Document(dossier.report)
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    assert headings == ["Partnership dossier", "1. Partners", "2. Logical framework", "3. Indicators", "4. Finances",
                        "5. Evidence package"]
    tables = doc.tables
    assert tables[0].rows[1].cells[0].text == "Przemyśl" and "C1 2/3" in tables[0].rows[1].cells[1].text
    logframe_text = [c.text for row in tables[1].rows for c in row.cells]
    assert "<script>alert(1)</script> trained" in logframe_text  # text as text, not markup
    assert "Better services" in logframe_text  # the control character is gone
    descr = doc.element.body.xpath(".//wp:docPr/@descr")
    assert descr == [alt] and "Staff trained" in descr[0]
    assert dossier.missing == ()
    assert dossier.workbook is not None and load_workbook(dossier.workbook)["Budget"]["J7"].value == "=SUM(J2:J6)"


def test_empty_portfolio_gives_a_dossier_that_says_which_labs_to_do(work_dir):
    dossier = export.export_dossier(store.load())
    assert set(dossier.missing) == {"partner_selection", "budgeting", "reporting"}
    text = "\n".join(p.text for p in Document(dossier.report).paragraphs)
    assert "Module 4 (shortlist), Module 6 (budget), Module 8 (report)" in text
    assert dossier.workbook is None


def test_a_second_export_does_not_replace_the_first(work_dir):
    first = export.export_dossier(store.load()).report
    before = first.read_bytes()
    second = export.export_dossier(store.load()).report
    assert first != second and first.read_bytes() == before


def test_the_document_is_a_valid_office_file(work_dir):
    path = export.export_dossier(_portfolio_with_everything()).report
    with zipfile.ZipFile(path) as zf:
        assert "word/document.xml" in zf.namelist()
        assert zf.testzip() is None
