"""The budget as an Excel workbook the finance department can edit.

Why formulas: a finance officer changes a quantity and expects the totals to follow, so every
amount and total is a real spreadsheet formula (rounded to the cent as the model rounds), and
the inputs are plain values. Why so careful with text: openpyxl stores any string that starts
with "=" as a formula, and a trainee's description such as ``=cmd|' /C calc'!A0`` must never
become one; control characters, which the format refuses, are removed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from exercises.budgeting import model
from exercises.core import clock, store
from exercises.core.i18n import t

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HEADERS = ("no", "category", "description", "unit", "quantity", "unit_cost", "currency", "amount", "rate",
           "amount_eur", "payer")


def clean(text: object) -> str:
    """Text as it may go into a cell: control characters removed."""
    return CONTROL.sub("", str(text))


def put_text(ws, ref: str, text: object) -> None:
    """Write text that stays text, even if it starts with = + - or @."""
    cell = ws[ref]
    cell.value = clean(text)
    cell.data_type = "s"


def unique_path(folder: Path, name: str) -> Path:
    """``name`` in ``folder``, or ``name-2``, ``name-3``...: an export never replaces a file."""
    path = folder / name
    n = 2
    while path.exists():
        path = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
        n += 1
    return path


def build_workbook(lines: Sequence[model.Line], rates: Mapping[str, model.Rate], project: model.Project,
                   checks: Sequence[model.RuleCheck], nbu: model.Rate | None = None) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    bold = Font(bold=True)
    for col, key in enumerate(HEADERS, start=1):
        put_text(ws, f"{get_column_letter(col)}1", t(f"b.xlsx.col.{key}"))
        ws.cell(row=1, column=col).font = bold
    last = len(lines) + 1
    for i, line in enumerate(lines, start=2):
        ws[f"A{i}"] = i - 1
        put_text(ws, f"B{i}", t(f"b.category.{line.category}"))
        put_text(ws, f"C{i}", line.description)
        put_text(ws, f"D{i}", line.unit)
        ws[f"E{i}"] = line.quantity
        ws[f"F{i}"] = line.unit_cost
        put_text(ws, f"G{i}", line.currency)
        ws[f"H{i}"] = f"=ROUND(E{i}*F{i},2)"
        ws[f"I{i}"] = f"=VLOOKUP(G{i},Rates!$A$2:$B$10,2,FALSE)"
        ws[f"J{i}"] = f"=ROUND(H{i}/I{i},2)"
        put_text(ws, f"K{i}", t(f"b.payer.{line.payer}"))
        for col in "EFHIJ":
            ws[f"{col}{i}"].number_format = "#,##0.00" if col != "I" else "0.0000"
    total_row = last + 1
    put_text(ws, f"C{total_row}", t("b.xlsx.total_eur"))
    ws[f"C{total_row}"].font = bold
    ws[f"J{total_row}"] = f"=SUM(J2:J{last})" if lines else 0
    ws[f"J{total_row}"].font = bold
    ws[f"J{total_row}"].number_format = "#,##0.00"
    if nbu is not None:
        put_text(ws, f"C{total_row + 1}", t("b.xlsx.total_uah", rate=f"{nbu.per_eur}"))
        ws[f"J{total_row + 1}"] = f"=ROUND(J{total_row}*Rates!B{_rate_rows(rates, nbu)['NBU']},2)"
        ws[f"J{total_row + 1}"].number_format = "#,##0.00"
    for col, width in zip("ABCDEFGHIJK", (5, 26, 40, 10, 10, 12, 9, 14, 10, 14, 14), strict=True):
        ws.column_dimensions[col].width = width

    by = wb.create_sheet("By payer")
    put_text(by, "A1", t("b.xlsx.col.payer"))
    put_text(by, "B1", t("b.xlsx.col.amount_eur"))
    for r, payer in enumerate(model.PAYERS, start=2):
        put_text(by, f"A{r}", t(f"b.payer.{payer}"))
        by[f"B{r}"] = f"=SUMIF(Budget!$K$2:$K${last},A{r},Budget!$J$2:$J${last})" if lines else 0
        by[f"B{r}"].number_format = "#,##0.00"

    cats = wb.create_sheet("By category")
    put_text(cats, "A1", t("b.xlsx.col.category"))
    put_text(cats, "B1", t("b.xlsx.col.amount_eur"))
    for r, category in enumerate(model.categories().index, start=2):
        put_text(cats, f"A{r}", t(f"b.category.{category}"))
        cats[f"B{r}"] = f"=SUMIF(Budget!$B$2:$B${last},A{r},Budget!$J$2:$J${last})" if lines else 0
        cats[f"B{r}"].number_format = "#,##0.00"

    rules = wb.create_sheet("Rule checks")
    for col, key in enumerate(("rule", "status", "note", "source", "url"), start=1):
        put_text(rules, f"{get_column_letter(col)}1", t(f"b.xlsx.rules.{key}"))
    put_text(rules, "G1", t("b.xlsx.funding_line", name=model.funding_lines().loc[project.funding_line, "name"]))
    for r, check in enumerate(checks, start=2):
        put_text(rules, f"A{r}", check.rule)
        put_text(rules, f"B{r}", t(f"b.status.{check.status}"))
        put_text(rules, f"C{r}", check.note)
        put_text(rules, f"D{r}", check.source)
        put_text(rules, f"E{r}", check.url)

    rs = wb.create_sheet("Rates")
    for col, key in enumerate(("currency", "per_eur", "kind", "period", "source"), start=1):
        put_text(rs, f"{get_column_letter(col)}1", t(f"b.xlsx.rates.{key}"))
    for label, row in _rate_rows(rates, nbu).items():
        rate = rates.get(label) if label not in ("EUR", "NBU") else nbu if label == "NBU" else None
        put_text(rs, f"A{row}", label)
        rs[f"B{row}"] = 1 if label == "EUR" else rate.per_eur
        rs[f"B{row}"].number_format = "0.0000"
        put_text(rs, f"C{row}", t(f"b.ratekind.{'eur' if label == 'EUR' else rate.kind}"))
        put_text(rs, f"D{row}", "" if label == "EUR" else rate.period)
        put_text(rs, f"E{row}", "" if label == "EUR" else rate.source)
    put_text(rs, "A12", t("b.xlsx.rates.note"))
    put_text(rs, "A13", t("b.xlsx.made", date=clock.today().isoformat()))
    return wb


def _rate_rows(rates: Mapping[str, model.Rate], nbu: model.Rate | None) -> dict[str, int]:
    """Row of each rate on the Rates sheet: EUR first, then each currency, then the NBU rate."""
    labels = ["EUR"] + sorted(c for c in rates if c != "EUR") + (["NBU"] if nbu is not None else [])
    return {label: row for row, label in enumerate(labels, start=2)}


def export(lines: Sequence[model.Line], rates: Mapping[str, model.Rate], project: model.Project,
           checks: Sequence[model.RuleCheck], nbu: model.Rate | None = None) -> Path:
    """Write the workbook into ``my_work/exports/`` under a name that does not exist yet."""
    missing = sorted({line.currency for line in lines} - set(rates) - {"EUR"})
    if missing:
        raise model.BudgetInputError("missing_rate", "rates", currency=", ".join(missing))
    folder = store.work_dir() / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    path = unique_path(folder, f"budget-{clock.today().isoformat()}.xlsx")
    build_workbook(lines, rates, project, checks, nbu).save(path)
    return path
