"""Module 6 exercises: co-financing under a 90 % rule, fixing a CERV Town-Twinning project,
the EU currency rule and exchange losses, a per diem. Every expected value is computed with
the model from the course data, so the exercise and the lab can never disagree.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from exercises.budgeting import model
from exercises.core.i18n import t
from exercises.core.tasks import AnswerError, Correct, Incorrect, Outcome, Task

LAB = "budgeting"


def _amount(answer: object, field: str = "answer") -> Decimal:
    try:
        return model.parse_decimal(answer, field)
    except model.BudgetInputError as err:
        raise AnswerError(t(f"b.answer.{err.code}")) from err


# q1 -------------------------------------------------------------------------------------
Q1_ELIGIBLE = Decimal("12400")


def q1_expected() -> tuple[Decimal, Decimal]:
    """(the largest grant, the smallest own contribution) under the SKEW rate in the data."""
    rate = Decimal(str(model.funding_lines().loc["skew", "max_rate"]))
    grant = model.max_grant(Q1_ELIGIBLE, rate)
    return grant, model.cofinancing(Q1_ELIGIBLE, grant)


def _check_q1(answer: object) -> Outcome:
    value = _amount(answer)
    grant, own = q1_expected()
    if abs(value - own) <= Decimal("0.01"):
        return Correct(t("b.q1.correct"))
    if abs(value - grant) <= Decimal("0.01"):
        return Incorrect(t("b.q1.gave_grant"))
    if abs(value - model.money(grant * Decimal("0.1"))) <= Decimal("0.01"):
        return Incorrect(t("b.q1.of_grant"))
    if value > Q1_ELIGIBLE:
        return Incorrect(t("b.q1.more_than_costs"))
    return Incorrect(t("b.q1.other"))


q1 = Task(id="b.q1", lab=LAB, title="b.q1.title", checker=_check_q1,
          hints=["b.q1.hint1", "b.q1.hint2", "b.q1.hint3"], solution_key="b.q1.solution",
          right_answers=lambda: [q1_expected()[1], "1 240,00", "1240"],
          wrong_answers=lambda: [q1_expected()[0], "1116", "124", "20000", "twelve"])

# q2 -------------------------------------------------------------------------------------
Q2_START = {"participants": 40, "invited": 20, "months": 14, "requested": "55000",
            "countries": ("UA", "PL"), "eu_countries": 1}
Q2_RULES = ("participants", "invited", "duration", "lump_sum", "countries", "eu_countries")


def q2_project(answer: dict) -> model.Project:
    try:
        return model.Project(
            funding_line="cerv_tt",
            participants=int(model.parse_decimal(answer.get("participants"), "participants")),
            invited=int(model.parse_decimal(answer.get("invited"), "invited")),
            months=int(model.parse_decimal(answer.get("months"), "months")),
            countries=tuple(answer.get("countries") or Q2_START["countries"]),
            eu_countries=int(answer.get("eu_countries", Q2_START["eu_countries"])),
            requested=model.parse_decimal(answer.get("requested"), "requested"),
        )
    except model.BudgetInputError as err:
        raise AnswerError(t("b.q2.bad_field", field=t(f"b.field.{err.field}"))) from err


def _check_q2(answer: object) -> Outcome:
    if not isinstance(answer, dict):
        raise AnswerError(t("b.q2.wrong_form"))
    project = q2_project(answer)
    if project.invited > project.participants:
        return Incorrect(t("b.q2.invited_more"))
    checks = model.check_rules(project, [], model.totals([], {}))
    failing = [c for c in checks if c.status == model.FAIL and c.rule in Q2_RULES]
    if failing:
        return Incorrect("\n".join(t(f"b.rule.{c.kind}", **_fmt(c.params)) for c in failing))
    return Correct(t("b.q2.correct"))


def _fmt(params: dict) -> dict:
    return {k: (f"{v:,.2f}" if isinstance(v, Decimal) and v != v.to_integral_value() else
                f"{v:,.0f}" if isinstance(v, Decimal) else v) for k, v in params.items()}


q2 = Task(id="b.q2", lab=LAB, title="b.q2.title", checker=_check_q2,
          hints=["b.q2.hint1", "b.q2.hint2", "b.q2.hint3"], solution_key="b.q2.solution",
          right_answers=[{**Q2_START, "participants": 60, "invited": 30, "months": 12, "requested": "50000"},
                         {**Q2_START, "participants": "50", "invited": "25", "months": "6", "requested": "8455"}],
          wrong_answers=[dict(Q2_START),
                         {**Q2_START, "participants": 49, "invited": 25, "months": 12, "requested": "50000"},
                         {**Q2_START, "participants": 50, "invited": 24, "months": 12, "requested": "50000"},
                         {**Q2_START, "participants": 60, "invited": 30, "months": 12, "requested": "50746"},
                         {**Q2_START, "participants": 60, "invited": 30, "months": 5, "requested": "8454"},
                         {**Q2_START, "participants": 20, "invited": 30, "months": 12, "requested": "9000"},
                         {**Q2_START, "participants": "many"}, "fix it"])

# q3 -------------------------------------------------------------------------------------
Q3_PLN = Decimal("12000")
Q3_PERIOD = (date(2024, 3, 1), date(2024, 3, 31))
Q3_LINES = (
    {"category": "event", "description": "Hall rental in Lublin", "unit": "day", "quantity": "2",
     "unit_cost": "3000", "currency": "PLN", "payer": "grant"},
    {"category": "interpretation", "description": "Interpreters", "unit": "day", "quantity": "2",
     "unit_cost": "1500", "currency": "PLN", "payer": "grant"},
    {"category": "exchange_loss", "description": "Exchange loss on the transfer", "unit": "lump", "quantity": "1",
     "unit_cost": "180", "currency": "PLN", "payer": "grant"},
    {"category": "communication", "description": "Printed programme", "unit": "set", "quantity": "1",
     "unit_cost": "2820", "currency": "PLN", "payer": "grant"},
)


@lru_cache(maxsize=1)
def q3_rate() -> model.Rate:
    return model.ecb_average("PLN", *Q3_PERIOD)[0]


def q3_expected() -> Decimal:
    return model.money(Q3_PLN / q3_rate().per_eur)


def q3_ineligible() -> int:
    """The 1-based number of the line an EU grant does not pay (from the rules data)."""
    checks = model.check_rules(model.Project("cerv_tt"), model.lines_from(Q3_LINES)[0],
                               model.totals(model.lines_from(Q3_LINES)[0], {"PLN": q3_rate()}))
    bad = next(c for c in checks if c.kind == "category_not_paid")
    return bad.lines[0] + 1


def _check_q3(answer: object) -> Outcome:
    if not isinstance(answer, dict):
        raise AnswerError(t("b.q3.wrong_form"))
    problems = []
    eur = _amount(answer.get("eur"), "eur")
    expected = q3_expected()
    if abs(eur - expected) > Decimal("1"):
        one_day = {model.money(Q3_PLN / Decimal(str(model._ecb().convert(1, "EUR", "PLN", date=d))))
                   for d in (date(2024, 3, 1), date(2024, 3, 28))}
        if any(abs(eur - v) <= Decimal("1") for v in one_day):
            problems.append(t("b.q3.one_day"))
        elif abs(eur - model.money(Q3_PLN * q3_rate().per_eur)) <= Decimal("5"):
            problems.append(t("b.q3.multiplied"))
        else:
            problems.append(t("b.q3.eur_off"))
    line = answer.get("ineligible")
    if line in (None, ""):
        problems.append(t("b.q3.no_line"))
    elif str(line).strip() != str(q3_ineligible()):
        problems.append(t("b.q3.wrong_line", line=line))
    return Incorrect("\n".join(problems)) if problems else Correct(t("b.q3.correct"))


q3 = Task(id="b.q3", lab=LAB, title="b.q3.title", checker=_check_q3,
          hints=["b.q3.hint1", "b.q3.hint2", "b.q3.hint3"], solution_key="b.q3.solution",
          right_answers=lambda: [{"eur": q3_expected(), "ineligible": q3_ineligible()},
                                 {"eur": str(q3_expected() + Decimal("0.6")), "ineligible": str(q3_ineligible())}],
          wrong_answers=lambda: [{"eur": q3_expected(), "ineligible": 1},
                                 {"eur": model.money(Q3_PLN * q3_rate().per_eur), "ineligible": q3_ineligible()},
                                 {"eur": "2000", "ineligible": q3_ineligible()},
                                 {"eur": q3_expected(), "ineligible": ""}, 12000])

# q4 -------------------------------------------------------------------------------------
Q4 = {"country": "AT", "people": 3, "days": 4}


def q4_expected() -> Decimal:
    return model.per_diem(Q4["country"], Q4["days"], Q4["people"]).total


def _check_q4(answer: object) -> Outcome:
    value = _amount(answer)
    expected = q4_expected()
    if value == expected:
        return Correct(t("b.q4.correct"))
    rate = model.per_diem_rates()[Q4["country"]]
    if value == rate * Q4["days"]:
        return Incorrect(t("b.q4.one_person"))
    if value == rate * Q4["people"]:
        return Incorrect(t("b.q4.one_day"))
    return Incorrect(t("b.q4.other"))


q4 = Task(id="b.q4", lab=LAB, title="b.q4.title", checker=_check_q4,
          hints=["b.q4.hint1", "b.q4.hint2"], solution_key="b.q4.solution",
          right_answers=lambda: [q4_expected(), "960"],
          wrong_answers=lambda: ["320", "240", "1200", "-960"])
