"""The Excel export read back with openpyxl: formulas, input values, text kept as text,
nothing overwritten."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from exercises.budgeting import export, model


@pytest.fixture
def budget():
    raws = [
        {"category": "event", "description": "Hall", "unit": "day", "quantity": "2", "unit_cost": "1500.50",
         "currency": "EUR", "payer": "grant"},
        {"category": "interpretation", "description": "=cmd|' /C calc'!A0", "unit": "day", "quantity": "3",
         "unit_cost": "1200", "currency": "PLN", "payer": "partner"},
        {"category": "communication", "description": "<script>alert(1)</script>\x07 leaflets\x00", "unit": "+set",
         "quantity": "1", "unit_cost": "8800", "currency": "UAH", "payer": "hromada"},
    ]
    lines = [model.parse_line(r) for r in raws]
    rates = {"PLN": model.entered_rate("PLN", "4.3069", "inforeuro"),
             "UAH": model.entered_rate("UAH", "44", "inforeuro")}
    nbu = model.entered_rate("UAH", "45.5", "nbu")
    project = model.Project("cerv_tt", 60, 30, 9, ("UA", "PL"), 1, Decimal("30000"))
    checks = model.check_rules(project, lines, model.totals(lines, rates, nbu))
    return lines, rates, project, checks, nbu


def test_inputs_are_values_and_amounts_are_formulas(budget, work_dir):
    path = export.export(*budget)
    ws = load_workbook(path)["Budget"]
    assert ws["E2"].value == Decimal("2") or ws["E2"].value == 2
    assert float(ws["F2"].value) == 1500.50
    assert ws["H2"].value == "=ROUND(E2*F2,2)"
    assert ws["I3"].value == "=VLOOKUP(G3,Rates!$A$2:$B$10,2,FALSE)"
    assert ws["J3"].value == "=ROUND(H3/I3,2)"
    assert ws["J5"].value == "=SUM(J2:J4)"
    assert ws["J6"].value.startswith("=ROUND(J5*Rates!B")
    by_payer = load_workbook(path)["By payer"]
    assert by_payer["B2"].value == "=SUMIF(Budget!$K$2:$K$4,A2,Budget!$J$2:$J$4)"


def test_trainee_text_is_text_never_a_formula_and_has_no_control_characters(budget, work_dir):
    path = export.export(*budget)
    ws = load_workbook(path)["Budget"]
    assert ws["C3"].value == "=cmd|' /C calc'!A0" and ws["C3"].data_type == "s"
    assert ws["C4"].value == "<script>alert(1)</script> leaflets"
    assert ws["D4"].value == "+set" and ws["D4"].data_type == "s"


def test_rates_sheet_names_each_rate_and_its_kind(budget, work_dir):
    rates = load_workbook(export.export(*budget))["Rates"]
    rows = {rates[f"A{r}"].value: (rates[f"B{r}"].value, rates[f"C{r}"].value) for r in range(2, 6)}
    assert rows["EUR"][0] == 1
    assert float(rows["PLN"][0]) == pytest.approx(4.3069) and "InforEuro" in rows["PLN"][1]
    assert float(rows["NBU"][0]) == pytest.approx(45.5) and "NBU" in rows["NBU"][1]


def test_the_formulas_compute_what_the_model_computes(budget, work_dir):
    """Evaluate the exported formulas by hand from the read-back inputs and compare with the
    model's totals (LibreOffice recalculation would be the stronger test; see the README)."""
    lines, rates, project, checks, nbu = budget
    ws = load_workbook(export.export(*budget))
    budget_ws, rate_ws = ws["Budget"], ws["Rates"]
    rate_of = {rate_ws[f"A{r}"].value: Decimal(str(rate_ws[f"B{r}"].value)) for r in range(2, 6)}
    total = Decimal(0)
    for r in range(2, 5):
        amount = model.money(Decimal(str(budget_ws[f"E{r}"].value)) * Decimal(str(budget_ws[f"F{r}"].value)))
        total += model.money(amount / rate_of[budget_ws[f"G{r}"].value])
    assert total == model.totals(lines, rates, nbu).total_eur


def test_an_export_never_replaces_an_earlier_one(budget, work_dir):
    first = export.export(*budget)
    first_bytes = first.read_bytes()
    second = export.export(*budget)
    assert first != second and first.read_bytes() == first_bytes
    assert second.name.endswith("-2.xlsx")


def test_export_refuses_a_budget_with_a_currency_without_rate(budget):
    lines, rates, project, checks, nbu = budget
    with pytest.raises(model.BudgetInputError, match="missing_rate"):
        export.export(lines, {"PLN": rates["PLN"]}, project, checks, nbu)


def test_empty_budget_exports(work_dir):
    path = export.export([], {}, model.Project("own"), [])
    assert load_workbook(path)["Budget"]["J2"].value == 0
