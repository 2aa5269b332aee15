"""Budgeting logic: budget lines, currency conversion by the rule that applies, totals, the
funding line's rules, co-financing and per diems. No widgets here.

Money is ``Decimal``, never float: amounts are rounded to the cent, half up (0.005 -> 0.01),
once per line and once per conversion; totals are sums of rounded lines, as in an accounting
ledger. Rules and rates are data (``data/funding_lines.csv``, ``data/funding_rules.csv``,
``data/per_diem_rates.csv``, ``data/business_trip_rules.csv``) with their sources; where the
sources give no value (most per-diem countries, the meals reduction, InforEuro and NBU rates)
the trainee enters it and the model never makes one up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

import pandas as pd

from exercises import data

CENT = Decimal("0.01")
RATE_PLACES = Decimal("0.0001")
MAX_AMOUNT = Decimal("1000000000")  # a billion: above this an amount is a typing error
CURRENCIES = ("EUR", "UAH", "PLN", "USD")
PAYERS = ("grant", "hromada", "partner", "other")
PASS, FAIL, CHECK = "pass", "fail", "check"


class BudgetInputError(ValueError):
    """Input the model cannot use; ``code`` names the message, ``field`` the input at fault."""

    def __init__(self, code: str, field: str = "", **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_decimal(raw: object, field: str, *, allow_zero: bool = True) -> Decimal:
    """A number typed by a trainee: digits, one decimal point or comma, spaces as thousands
    separators ("1 250,50"). Raises ``BudgetInputError`` naming the field."""
    if isinstance(raw, bool):
        raise BudgetInputError("not_a_number", field)
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(repr(raw))
    else:
        text = str(raw or "").strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            raise BudgetInputError("empty", field)
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        elif "," in text:
            text = text.replace(",", "")  # 1,250.50
        try:
            value = Decimal(text)
        except InvalidOperation as err:
            raise BudgetInputError("not_a_number", field) from err
    if not value.is_finite():
        raise BudgetInputError("not_a_number", field)
    if value < 0:
        raise BudgetInputError("negative", field)
    if value == 0 and not allow_zero:
        raise BudgetInputError("zero", field)
    if value > MAX_AMOUNT:
        raise BudgetInputError("too_large", field, limit="1,000,000,000")
    return value


# -- data ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def funding_lines() -> pd.DataFrame:
    return data.load("funding_lines").set_index("id")


@lru_cache(maxsize=1)
def funding_rules() -> pd.DataFrame:
    return data.load("funding_rules")


@lru_cache(maxsize=1)
def categories() -> pd.DataFrame:
    return data.load("cost_categories").set_index("id")


@lru_cache(maxsize=1)
def per_diem_rates() -> dict[str, Decimal]:
    frame = data.load("per_diem_rates")
    return {r.country: Decimal(str(r.usd_per_day)).quantize(CENT) for r in frame.itertuples()}


@lru_cache(maxsize=1)
def trip_rules() -> dict[str, Decimal]:
    frame = data.load("business_trip_rules")
    return {r.id: Decimal(str(r.value)).quantize(CENT) for r in frame.itertuples()}


# -- lines --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    category: str
    description: str
    unit: str
    quantity: Decimal
    unit_cost: Decimal
    currency: str
    payer: str = "grant"

    @property
    def amount(self) -> Decimal:
        """Quantity × unit cost in the line's currency, rounded to the cent."""
        return money(self.quantity * self.unit_cost)


def parse_line(raw: Mapping[str, object]) -> Line:
    """A line from what a trainee typed (all text); ``BudgetInputError`` names the bad field."""
    category = str(raw.get("category") or "")
    if category not in categories().index:
        raise BudgetInputError("unknown_category", "category", category=category)
    description = " ".join(str(raw.get("description") or "").split())
    if not description:
        raise BudgetInputError("empty_description", "description")
    currency = str(raw.get("currency") or "").strip().upper()
    if currency not in CURRENCIES:
        raise BudgetInputError("unknown_currency", "currency", currency=currency, allowed=", ".join(CURRENCIES))
    payer = str(raw.get("payer") or "grant")
    if payer not in PAYERS:
        raise BudgetInputError("unknown_payer", "payer", payer=payer)
    quantity = parse_decimal(raw.get("quantity"), "quantity")
    unit_cost = parse_decimal(raw.get("unit_cost"), "unit_cost")
    line = Line(category, description, str(raw.get("unit") or "").strip(), quantity, unit_cost, currency, payer)
    if line.amount > MAX_AMOUNT:
        raise BudgetInputError("too_large", "unit_cost", limit="1,000,000,000")
    return line


def line_to_raw(line: Line) -> dict[str, str]:
    """The JSON-safe form stored in the portfolio (decimals as strings, nothing lost)."""
    return {"category": line.category, "description": line.description, "unit": line.unit,
            "quantity": str(line.quantity), "unit_cost": str(line.unit_cost), "currency": line.currency,
            "payer": line.payer}


# -- currencies ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Rate:
    """How many units of ``currency`` one euro buys, and where that number comes from."""

    currency: str
    per_eur: Decimal
    kind: str  # "ecb_average", "inforeuro" (entered), "nbu" (entered, UAH per EUR)
    period: str
    source: str


@lru_cache(maxsize=1)
def _ecb():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def ecb_currencies() -> set[str]:
    return set(_ecb().currencies)


def ecb_average(currency: str, start: date, end: date) -> tuple[Rate, int]:
    """Mean of the ECB daily reference rates from ``start`` to ``end`` (days without a rate,
    such as weekends, are skipped), rounded to 4 places: the EU rule for non-euro costs. Uses
    the ECB history shipped with the ``currencyconverter`` package: no network."""
    if end < start:
        raise BudgetInputError("period_reversed", "period")
    converter = _ecb()
    if currency not in converter.currencies:
        raise BudgetInputError("not_quoted_by_ecb", "currency", currency=currency)
    first, last = converter.bounds[currency]
    if start < first or end > last:
        raise BudgetInputError("outside_ecb_data", "period", first=first.isoformat(), last=last.isoformat())
    values = []
    day = start
    while day <= end:
        try:
            values.append(Decimal(str(converter.convert(1, "EUR", currency, date=day))))
        except Exception:  # no rate that day (weekend, holiday): skipped, as the rule averages published rates
            pass
        day += timedelta(days=1)
    if not values:
        raise BudgetInputError("no_ecb_rate_in_period", "period")
    mean = (sum(values) / len(values)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
    period = f"{start.isoformat()} – {end.isoformat()}"
    return Rate(currency, mean, "ecb_average", period, "ECB euro foreign exchange reference rates"), len(values)


def entered_rate(currency: str, raw: object, kind: str, period: str = "") -> Rate:
    """A rate the trainee typed (InforEuro for UAH, or the NBU rate): units per one euro."""
    value = parse_decimal(raw, f"rate_{currency}", allow_zero=False)
    source = {"inforeuro": "InforEuro monthly rate (entered)", "nbu": "NBU official rate (entered)"}[kind]
    return Rate(currency, value, kind, period, source)


def to_eur(amount: Decimal, currency: str, rates: Mapping[str, Rate]) -> Decimal:
    if currency == "EUR":
        return money(amount)
    rate = rates.get(currency)
    if rate is None:
        raise BudgetInputError("missing_rate", "rates", currency=currency)
    return money(amount / rate.per_eur)


# -- totals -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Totals:
    eur_by_line: tuple[Decimal, ...]
    by_category: dict[str, Decimal]
    by_payer: dict[str, Decimal]
    total_eur: Decimal
    total_uah: Decimal | None  # at the NBU rate, when it is given

    def category_share(self, category: str) -> Decimal:
        return Decimal(0) if not self.total_eur else self.by_category.get(category, Decimal(0)) / self.total_eur


def totals(lines: Sequence[Line], rates: Mapping[str, Rate], nbu: Rate | None = None) -> Totals:
    """Every line in EUR (rounded per line), then sums by category and by payer."""
    eur = tuple(to_eur(line.amount, line.currency, rates) for line in lines)
    by_category: dict[str, Decimal] = {}
    by_payer: dict[str, Decimal] = {}
    for line, value in zip(lines, eur, strict=True):
        by_category[line.category] = by_category.get(line.category, Decimal(0)) + value
        by_payer[line.payer] = by_payer.get(line.payer, Decimal(0)) + value
    total = sum(eur, Decimal(0))
    uah = money(total * nbu.per_eur) if nbu is not None else None
    return Totals(eur, by_category, by_payer, total, uah)


# -- the project and its funding line's rules ---------------------------------------------
@dataclass(frozen=True)
class Project:
    funding_line: str = "own"
    participants: int = 0
    invited: int = 0
    months: int = 0
    countries: tuple[str, ...] = ()  # the partners' and the hromada's countries
    eu_countries: int = 0
    requested: Decimal = Decimal(0)  # the grant or lump sum asked for, EUR


@dataclass(frozen=True)
class RuleCheck:
    rule: str
    kind: str
    status: str  # pass / fail / check
    params: dict = field(default_factory=dict)
    lines: tuple[int, ...] = ()  # the budget lines at fault (0-based)
    note: str = ""
    source: str = ""
    url: str = ""


def max_grant(eligible: Decimal, rate: Decimal, cap: Decimal | None = None) -> Decimal:
    """The largest grant an actual-cost funder pays: rate × eligible costs, at most ``cap``."""
    grant = money(eligible * rate)
    return min(grant, cap) if cap is not None else grant


def cofinancing(eligible: Decimal, grant: Decimal) -> Decimal:
    """What the hromada and its partners must find themselves."""
    return money(max(Decimal(0), eligible - grant))


def check_rules(project: Project, lines: Sequence[Line], total: Totals) -> list[RuleCheck]:
    """Every rule of the project's funding line, each pass / fail / check, with what it saw."""
    if project.funding_line not in funding_lines().index:
        raise BudgetInputError("unknown_funding_line", "funding_line", line=project.funding_line)
    rules = funding_rules()
    out: list[RuleCheck] = []
    for r in rules[rules["funding_line"] == project.funding_line].itertuples():
        values = [v for v in str(r.value or "").split("|") if v]
        meta = {"note": r.note or "", "source": r.source, "url": r.url}
        if r.kind == "min_participants":
            need = int(values[0])
            out.append(RuleCheck(r.rule, r.kind, PASS if project.participants >= need else FAIL,
                                 {"need": need, "have": project.participants}, **meta))
        elif r.kind == "min_invited":
            need = int(values[0])
            out.append(RuleCheck(r.rule, r.kind, PASS if project.invited >= need else FAIL,
                                 {"need": need, "have": project.invited}, **meta))
        elif r.kind == "months_between":
            lo, hi = int(values[0]), int(values[1])
            ok = lo <= project.months <= hi
            out.append(RuleCheck(r.rule, r.kind, PASS if ok else FAIL, {"low": lo, "high": hi, "have": project.months},
                                 **meta))
        elif r.kind == "months_at_most":
            hi = int(values[0])
            out.append(RuleCheck(r.rule, r.kind, PASS if 0 < project.months <= hi else FAIL,
                                 {"high": hi, "have": project.months}, **meta))
        elif r.kind == "amount_between":
            lo, hi = Decimal(values[0]), Decimal(values[1])
            ok = lo <= project.requested <= hi
            out.append(RuleCheck(r.rule, r.kind, PASS if ok else FAIL,
                                 {"low": lo, "high": hi, "have": project.requested}, **meta))
        elif r.kind == "amount_check_above":
            limit = Decimal(values[0])
            out.append(RuleCheck(r.rule, r.kind, CHECK if project.requested > limit else PASS,
                                 {"limit": limit, "have": project.requested}, **meta))
        elif r.kind == "min_countries":
            need = int(values[0])
            have = len(set(project.countries))
            out.append(RuleCheck(r.rule, r.kind, PASS if have >= need else FAIL, {"need": need, "have": have}, **meta))
        elif r.kind == "min_eu_countries":
            need = int(values[0])
            out.append(RuleCheck(r.rule, r.kind, PASS if project.eu_countries >= need else FAIL,
                                 {"need": need, "have": project.eu_countries}, **meta))
        elif r.kind == "max_rate":
            rate = Decimal(values[0])
            eligible = sum((v for line, v in zip(lines, total.eur_by_line, strict=True)
                            if line.category != "exchange_loss"), Decimal(0))
            share = (project.requested / eligible) if eligible else Decimal(0)
            ok = eligible > 0 and project.requested <= max_grant(eligible, rate)
            out.append(RuleCheck(r.rule, r.kind, PASS if ok else FAIL,
                                 {"rate": rate, "share": share, "eligible": eligible, "have": project.requested,
                                  "most": max_grant(eligible, rate)}, **meta))
        elif r.kind == "category_not_paid":
            bad = tuple(i for i, line in enumerate(lines) if line.category == values[0] and line.payer == "grant")
            out.append(RuleCheck(r.rule, r.kind, FAIL if bad else PASS, {"category": values[0]}, bad, **meta))
        elif r.kind == "category_only":
            bad = tuple(i for i, line in enumerate(lines) if line.payer == "grant" and line.category != values[0])
            out.append(RuleCheck(r.rule, r.kind, FAIL if bad else PASS, {"category": values[0]}, bad, **meta))
        else:
            raise ValueError(f"data/funding_rules.csv: unknown rule kind {r.kind!r}")
    return out


# -- per diem -----------------------------------------------------------------------------
@dataclass(frozen=True)
class PerDiem:
    rate: Decimal
    rate_source: str  # "data" (Res. 98 reference table) or "entered"
    total: Decimal
    currency: str


def per_diem(country: str, days: object, people: object = 1, rate: object = None,
             meals_reduction_percent: object = 0) -> PerDiem:
    """Per diem for a trip: people × days × daily rate, less the reduction (in percent) the
    trainee enters when meals are provided. Ukraine: UAH per day from the data; abroad: USD per
    day from Annex 1 of Res. 98 where the course has it, else the rate the trainee enters."""
    d = parse_decimal(days, "days", allow_zero=False)
    n = parse_decimal(people, "people", allow_zero=False)
    if d != d.to_integral_value() or n != n.to_integral_value():
        raise BudgetInputError("not_whole", "days")
    cut = parse_decimal(meals_reduction_percent or 0, "meals_reduction")
    if cut > 100:
        raise BudgetInputError("over_100", "meals_reduction")
    if country == "UA":
        daily, source, currency = trip_rules()["domestic_per_diem"], "data", "UAH"
    elif rate not in (None, ""):
        daily, source, currency = parse_decimal(rate, "rate", allow_zero=False), "entered", "USD"
    elif country in per_diem_rates():
        daily, source, currency = per_diem_rates()[country], "data", "USD"
    else:
        raise BudgetInputError("rate_unknown", "rate", country=country)
    total = money(n * d * daily * (Decimal(100) - cut) / Decimal(100))
    return PerDiem(daily, source, total, currency)


# -- the example project --------------------------------------------------------------------
EXAMPLE_LINES: tuple[dict[str, str], ...] = (
    {"category": "travel", "description": "Bus for the delegation", "unit": "trip", "quantity": "2",
     "unit_cost": "1800", "currency": "EUR", "payer": "grant"},
    {"category": "accommodation", "description": "Hotel for invited guests", "unit": "night", "quantity": "60",
     "unit_cost": "55", "currency": "EUR", "payer": "grant"},
    {"category": "event", "description": "Venue and catering, twinning festival", "unit": "day", "quantity": "2",
     "unit_cost": "2400", "currency": "EUR", "payer": "grant"},
    {"category": "interpretation", "description": "Interpreters UA-PL", "unit": "day", "quantity": "2",
     "unit_cost": "3500", "currency": "PLN", "payer": "grant"},
    {"category": "communication", "description": "Leaflets and website", "unit": "set", "quantity": "1",
     "unit_cost": "40000", "currency": "UAH", "payer": "hromada"},
)
"""An illustrative twinning project (invented numbers, not a real budget): the lab starts from it
when the trainee has no saved budget."""


def example_lines() -> list[Line]:
    return [parse_line(raw) for raw in EXAMPLE_LINES]


def lines_from(raws: Iterable[Mapping[str, object]]) -> tuple[list[Line], dict[int, BudgetInputError]]:
    """Parse many lines; bad ones are reported by index, never dropped silently."""
    good, bad = [], {}
    for i, raw in enumerate(raws):
        try:
            good.append(parse_line(raw))
        except BudgetInputError as err:
            bad[i] = err
    return good, bad


@dataclass(frozen=True)
class SavedBudget:
    """A budget as saved by the planner, read back for other labs (the reporting dossier)."""

    lines: list[Line]
    bad_lines: dict[int, BudgetInputError]
    rates: dict[str, Rate]
    nbu: Rate | None
    project: Project | None

    @property
    def complete(self) -> bool:
        """Every line readable and every currency with a rate: safe to total or export."""
        return (not self.bad_lines and self.project is not None
                and all(line.currency == "EUR" or line.currency in self.rates for line in self.lines))


def read_saved(state: Mapping[str, object]) -> SavedBudget:
    """Rebuild lines, rates and project from the planner's saved state; what cannot be read is
    left out of ``lines``/``rates`` and reported through ``complete``, never guessed."""
    lines, bad = lines_from(state.get("lines") or [])
    entered = state.get("rates") or {}
    rates: dict[str, Rate] = {}
    nbu = None
    if entered.get("inforeuro_uah"):
        try:
            rates["UAH"] = entered_rate("UAH", entered["inforeuro_uah"], "inforeuro")
        except BudgetInputError:
            pass
    if entered.get("nbu_uah"):
        try:
            nbu = entered_rate("UAH", entered["nbu_uah"], "nbu")
        except BudgetInputError:
            pass
    for currency in sorted({line.currency for line in lines} - {"EUR", "UAH"}):
        try:
            rates[currency] = ecb_average(currency, date.fromisoformat(entered["start"]),
                                          date.fromisoformat(entered["end"]))[0]
        except (BudgetInputError, KeyError, ValueError, TypeError):
            pass
    raw = state.get("project") or {}
    try:
        countries = tuple(str(c).upper() for c in raw.get("countries") or ())
        table = data.load("countries").set_index("code")
        eu = sum(1 for c in set(countries) if c in table.index and bool(table.loc[c, "eu_member"]))
        whole = {k: int(parse_decimal(raw.get(k, 0), k)) for k in ("participants", "invited", "months")}
        project = Project(str(raw.get("funding_line", "own")), whole["participants"], whole["invited"],
                          whole["months"], countries, eu, parse_decimal(raw.get("requested", 0), "requested"))
        if project.funding_line not in funding_lines().index:
            project = None
    except (BudgetInputError, ValueError):
        project = None
    return SavedBudget(lines, bad, rates, nbu, project)
