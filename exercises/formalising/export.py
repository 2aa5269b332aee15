"""The agreement outline as a Word document, for the colleagues who draft the real text.

Why so careful with text: the trainee's words go in as plain runs (nothing is read as markup or
a field), with control characters removed, which the format refuses; a line break typed in a
clause becomes a new paragraph in its cell. An export never replaces a file: the name is
reserved by creating the file exclusively, so even two exports in the same second get two files.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.table import _Cell

from exercises.core import clock, store
from exercises.core.i18n import t
from exercises.formalising import model

MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def plain(text: object) -> str:
    """Course or trainee text as it may go into the document."""
    return model.clean_text(text)


def _write_cell(cell: _Cell, text: object, bold: bool = False) -> None:
    """Plain text in a cell: one paragraph per line, each a single run."""
    lines = plain(text).split("\n")
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold


def _paragraph(doc: DocumentType, text: object, style: str | None = None) -> None:
    for line in plain(text).split("\n"):
        doc.add_paragraph(style=style).add_run(line)


def status_of(name: str, outline: model.Outline, check: model.OutlineCheck) -> str:
    if name in check.missing:
        return t("m5.status.missing")
    if name in check.empty:
        return t("m5.status.empty")
    if name in check.essential:
        return t("m5.status.essential")
    if name in check.blank_optional:
        return t("m5.status.optional_empty")
    return t("m5.status.optional")


def rows_of(outline: model.Outline, check: model.OutlineCheck) -> list[str]:
    """The clauses the table lists: every ticked clause and every essential one, in order."""
    return [n for n in model.clauses() if outline.clauses[n].included or n in check.essential]


def build_document(outline: model.Outline) -> DocumentType:
    check = model.check_outline(outline)
    kind = t(f"m5.doctype.{outline.doc_type}")
    doc = Document()
    doc.core_properties.title = plain(outline.title or t("m5.docx.title", kind=kind))[:255]
    doc.add_heading(plain(outline.title or t("m5.docx.title", kind=kind)), level=0)
    _paragraph(doc, t("m5.docx.kind", kind=kind))
    _paragraph(doc, t("m5.docx.made", date=clock.today().isoformat()))
    _paragraph(doc, t("m5.docx.disclaimer"))

    doc.add_heading(plain(t("m5.docx.clauses")), level=1)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, key in zip(table.rows[0].cells, ("no", "clause", "status", "text"), strict=True):
        _write_cell(cell, t(f"m5.docx.col.{key}"), bold=True)
    for number, name in enumerate(rows_of(outline, check), start=1):
        cells = table.add_row().cells
        _write_cell(cells[0], str(number))
        _write_cell(cells[1], t(f"m5.clause.{name}"))
        _write_cell(cells[2], status_of(name, outline, check))
        _write_cell(cells[3], outline.clauses[name].text if outline.clauses[name].included else "")

    doc.add_heading(plain(t("m5.docx.check")), level=1)
    if check.complete:
        _paragraph(doc, t("m5.check.complete", kind=kind))
    for name in check.missing:
        _paragraph(doc, t("m5.check.missing_one", clause=t(f"m5.clause.{name}")), style="List Bullet")
    for name in check.empty:
        _paragraph(doc, t("m5.check.empty_one", clause=t(f"m5.clause.{name}")), style="List Bullet")
    for name in check.blank_optional:
        _paragraph(doc, t("m5.check.blank_optional_one", clause=t(f"m5.clause.{name}")), style="List Bullet")

    doc.add_heading(plain(t("m5.docx.next")), level=1)
    for key in ("m5.docx.next.draft", "m5.docx.next.council", "m5.docx.next.sign", "m5.docx.next.itc"):
        _paragraph(doc, t(key), style="List Number")

    doc.add_heading(plain(t("m5.docx.basis")), level=1)
    _paragraph(doc, t("m5.docx.basis_intro"))
    for name in rows_of(outline, check):
        row = model.clause_row(outline.doc_type, name)
        basis = t("m5.basis.synthesis") if row["basis"] == "course synthesis" else t("m5.basis.source")
        _paragraph(doc, t("m5.docx.basis_line", clause=t(f"m5.clause.{name}"), basis=basis,
                          source=row["source"], url=row["url"]), style="List Bullet")
    return doc


def _reserve(folder: Path, name: str) -> tuple[Path, object]:
    """Create ``name`` (or ``name-2``, ``name-3``...) exclusively; never open an existing file."""
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 1
    while True:
        path = folder / (name if n == 1 else f"{stem}-{n}{suffix}")
        try:
            return path, path.open("xb")
        except FileExistsError:
            n += 1


def export(outline: model.Outline) -> Path:
    """Write the outline into ``my_work/exports/`` under a name that does not exist yet."""
    buffer = io.BytesIO()
    build_document(outline).save(buffer)
    folder = store.work_dir() / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    path, handle = _reserve(folder, f"outline-{outline.doc_type.replace('_', '-')}-{clock.today().isoformat()}.docx")
    with handle:
        handle.write(buffer.getvalue())
    return path
