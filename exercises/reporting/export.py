"""The partnership dossier: one Word report from the portfolio, plus the budget workbook.

Why by hand for alt text: python-docx has no API for a picture's description, which screen
readers read; it is set on the picture's ``wp:docPr`` element. Trainee text goes in as plain
runs (no markup is interpreted), with control characters removed, which the format refuses.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Inches

from exercises.budgeting import export as budget_export
from exercises.budgeting import model as budget
from exercises.core import clock, store
from exercises.core.i18n import t
from exercises.reporting import model


def plain(text: object) -> str:
    """Text safe for Word: control characters removed (tabs and newlines kept)."""
    return "".join(ch for ch in str(text or "") if ch in "\t\n" or (ord(ch) >= 32 and ord(ch) != 127))


@dataclass(frozen=True)
class Dossier:
    report: Path
    workbook: Path | None
    missing: tuple[str, ...]  # the labs whose work was not found (the dossier says so)


def set_alt_text(document: Document, description: str) -> None:
    """Give the last inserted picture a description (alt text) on its ``wp:docPr`` element."""
    doc_prs = document.element.body.xpath(".//wp:docPr")
    doc_prs[-1].set("descr", plain(description))


def _table(document: Document, header: list[str], rows: list[list[Any]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = plain(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = plain(value)


def build_report(portfolio: dict[str, Any], chart_png: bytes | None, chart_alt: str) -> tuple[Document, list[str]]:
    """The Word document for a portfolio; also returns which labs had no saved work."""
    work = portfolio.get("work", {})
    missing = [lab for lab, key in (("partner_selection", "explorer"), ("budgeting", "budget"),
                                    ("reporting", "report")) if not work.get(lab, {}).get(key)]
    doc = Document()
    doc.add_heading(plain(t("r.docx.title")), level=0)
    doc.add_paragraph(plain(t("r.docx.made", date=clock.today().isoformat())))
    if missing:
        doc.add_paragraph(plain(t("r.docx.missing", labs=", ".join(t(f"r.lab.{lab}") for lab in missing))))

    # 1. partners
    doc.add_heading(plain(t("r.docx.partners")), level=1)
    explorer = work.get("partner_selection", {}).get("explorer") or {}
    if explorer.get("shortlist"):
        doc.add_paragraph(plain(t("r.docx.hromada", name=explorer.get("hromada_name") or "—",
                                  programme=explorer.get("programme") or "—")))
        soft = explorer.get("soft", {})
        names = explorer.get("shortlist_names") or [str(g) for g in explorer["shortlist"]]
        rows = []
        for gid, name in zip(explorer["shortlist"], names, strict=False):
            scores = soft.get(str(gid), {})
            reasons = ", ".join(f"{code} {value}/3" for code, value in sorted(scores.items()) if int(value) > 0) or "—"
            rows.append([name, reasons])
        _table(doc, [t("r.docx.col.town"), t("r.docx.col.reasons")], rows)
    else:
        doc.add_paragraph(plain(t("r.docx.no_shortlist")))

    # 2. logframe
    report = work.get("reporting", {}).get("report") or {}
    doc.add_heading(plain(t("r.docx.logframe")), level=1)
    frame, problems = model.logframe_from(report.get("logframe") or {})
    if frame.rows:
        _table(doc, [t("r.docx.col.level"), t("r.docx.col.logic"), t("r.docx.col.indicators"),
                     t("r.docx.col.assumptions")],
               [[t(f"r.level.{row.level}"), row.text,
                 "; ".join(i.name for i in frame.indicators if row.level == "result"
                           and i.result == frame.of("result").index(row)), row.assumptions] for row in frame.rows])
        if problems:
            doc.add_paragraph(plain(t("r.docx.logframe_problems", count=len(problems))))
    else:
        doc.add_paragraph(plain(t("r.docx.no_logframe")))

    # 3. indicators
    doc.add_heading(plain(t("r.docx.indicators")), level=1)
    periods = int(report.get("periods") or 4)
    if frame.indicators:
        rows = []
        for ind in frame.indicators:
            p = model.progress(ind, periods)
            rows.append([ind.name, t(f"r.kind.{ind.kind}"), f"{ind.baseline}", f"{ind.target}",
                         "—" if p.latest is None else f"{p.latest}", t(f"r.status.{p.status}")])
        _table(doc, [t("r.docx.col.indicator"), t("r.docx.col.kind"), t("r.docx.col.baseline"),
                     t("r.docx.col.target"), t("r.docx.col.latest"), t("r.docx.col.status")], rows)
        doc.add_paragraph(plain(t("r.status_rule")))
        if chart_png:
            doc.add_picture(io.BytesIO(chart_png), width=Inches(6))
            set_alt_text(doc, chart_alt)
    else:
        doc.add_paragraph(plain(t("r.docx.no_indicators")))

    # 4. finances
    doc.add_heading(plain(t("r.docx.finances")), level=1)
    finance = report.get("finance") or []
    if finance:
        _table(doc, [t("r.docx.col.line"), t("r.docx.col.planned"), t("r.docx.col.actual"), t("r.docx.col.variance")],
               [[f["line"], f["planned"], f["actual"], f["variance"]] for f in finance])
    else:
        doc.add_paragraph(plain(t("r.docx.no_finance")))

    # 5. evidence
    doc.add_heading(plain(t("r.docx.evidence")), level=1)
    present = set(report.get("evidence") or [])
    _table(doc, [t("r.docx.col.item"), t("r.docx.col.present")],
           [[i["item"], t("r.docx.yes") if i["id"] in present else t("r.docx.no")] for i in model.evidence_items()])
    doc.add_paragraph(plain(t("r.evidence.note")))
    return doc, missing


def preview_html(document: Document) -> str:
    """The report as simple HTML, in document order (headings, paragraphs, tables; a note where
    the chart goes), so the trainee sees what the Word file will hold before exporting."""
    import html

    from docx.table import Table

    parts = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = ["<tr>" + "".join(f"<td>{html.escape(cell.text)}</td>" for cell in row.cells) + "</tr>"
                    for row in block.rows]
            parts.append(f"<table class='mpl-table'>{''.join(rows)}</table>")
            continue
        style = block.style.name if block.style is not None else ""
        if block._p.xpath(".//wp:docPr"):
            parts.append(f"<p><em>[{html.escape(t('r.preview.chart'))}]</em></p>")
        elif style == "Title":
            parts.append(f"<h3>{html.escape(block.text)}</h3>")
        elif style.startswith("Heading"):
            parts.append(f"<h4>{html.escape(block.text)}</h4>")
        elif block.text.strip():
            parts.append(f"<p>{html.escape(block.text)}</p>")
    return "".join(parts)


def export_dossier(portfolio: dict[str, Any], chart_png: bytes | None = None, chart_alt: str = "") -> Dossier:
    """Write the report (and the budget workbook, when a budget is saved) into my_work/exports;
    never over an existing file."""
    folder = store.work_dir() / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    doc, missing = build_report(portfolio, chart_png, chart_alt)
    path = budget_export.unique_path(folder, f"partnership-dossier-{clock.today().isoformat()}.docx")
    doc.save(path)
    workbook = None
    state = portfolio.get("work", {}).get("budgeting", {}).get("budget")
    if state:
        saved = budget.read_saved(state)
        if saved.complete and saved.lines:
            checks = budget.check_rules(saved.project, saved.lines, budget.totals(saved.lines, saved.rates, saved.nbu))
            workbook = budget_export.export(saved.lines, saved.rates, saved.project, checks, saved.nbu)
    return Dossier(path, workbook, tuple(missing))
