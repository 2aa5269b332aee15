"""Reporting logic: the logframe and its checks, indicators and their status, the financial
report against the saved budget, the evidence checklist, the humanitarian-aid report due date.
No widgets here.

The status rule and the day-counting convention are the course's reading of the sources and
are stated with the results, so a trainee never mistakes them for law.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from exercises import data
from exercises.budgeting import model as budget

LEVELS = ("overall_objective", "specific_objective", "result", "activity")
KINDS = ("output", "outcome")
ACHIEVED, ON_TRACK, BEHIND, NO_DATA = "achieved", "on_track", "behind", "no_data"
MAX_TEXT = 2000


class ReportInputError(ValueError):
    def __init__(self, code: str, field: str = "", **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


def clean_text(raw: object, limit: int = MAX_TEXT) -> str:
    """Text as stored and exported: spaces folded, control characters removed, at most
    ``limit`` characters (a longer text is refused, not cut silently: see ``check_text``)."""
    text = "".join(ch for ch in str(raw or "") if ch in "\t\n" or ord(ch) >= 32 and ord(ch) != 127)
    return " ".join(text.split())


def check_text(raw: object, field: str, limit: int = MAX_TEXT) -> str:
    text = clean_text(raw)
    if len(text) > limit:
        raise ReportInputError("too_long", field, limit=limit, length=len(text))
    return text


# -- indicators ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Indicator:
    name: str
    kind: str  # output / outcome
    unit: str
    baseline: Decimal
    target: Decimal
    actuals: tuple[Decimal | None, ...] = ()  # by reporting period, None where not yet reported
    result: int | None = None  # index of the result it measures (None: the specific objective)
    verification: str = ""


def parse_indicator(raw: Mapping[str, object]) -> Indicator:
    name = check_text(raw.get("name"), "name", 300)
    if not name:
        raise ReportInputError("empty_name", "name")
    kind = str(raw.get("kind") or "output")
    if kind not in KINDS:
        raise ReportInputError("unknown_kind", "kind")
    baseline = budget.parse_decimal(raw.get("baseline"), "baseline") if str(raw.get("baseline", "")).strip() else None
    target = budget.parse_decimal(raw.get("target"), "target") if str(raw.get("target", "")).strip() else None
    if baseline is None:
        raise ReportInputError("no_baseline", "baseline")
    if target is None:
        raise ReportInputError("no_target", "target")
    if target == baseline:
        raise ReportInputError("target_is_baseline", "target")
    actuals = []
    for i, a in enumerate(raw.get("actuals") or ()):
        text = str(a if a is not None else "").strip()
        if not text:
            actuals.append(None)
            continue
        try:
            actuals.append(budget.parse_decimal(text, f"actual_{i + 1}"))
        except budget.BudgetInputError as err:
            raise ReportInputError("actual_not_number", f"actual_{i + 1}", period=i + 1) from err
    result = raw.get("result")
    return Indicator(name, kind, check_text(raw.get("unit"), "unit", 60), baseline, target, tuple(actuals),
                     int(result) if result not in (None, "") else None,
                     check_text(raw.get("verification"), "verification"))


@dataclass(frozen=True)
class Progress:
    latest: Decimal | None
    share: Decimal | None  # 0..1 (or more) of the way from baseline to target
    elapsed: Decimal  # share of the reporting periods with a reported value
    status: str


def progress(ind: Indicator, periods: int) -> Progress:
    """Status by the course's rule: achieved when the latest actual reaches the target (in the
    target's direction); on track when progress is at least the share of periods reported;
    behind otherwise; no data before the first report."""
    if periods < 1:
        raise ReportInputError("periods", "periods")
    reported = [(i, a) for i, a in enumerate(ind.actuals[:periods]) if a is not None]
    if not reported:
        return Progress(None, None, Decimal(0), NO_DATA)
    last_index, latest = reported[-1]
    share = (latest - ind.baseline) / (ind.target - ind.baseline)
    elapsed = Decimal(last_index + 1) / Decimal(periods)
    if share >= 1:
        status = ACHIEVED
    elif share >= elapsed:
        status = ON_TRACK
    else:
        status = BEHIND
    q = Decimal("0.001")
    return Progress(latest, share.quantize(q, rounding=ROUND_HALF_UP), elapsed.quantize(q, rounding=ROUND_HALF_UP),
                    status)


# -- the logframe -------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    level: str
    text: str
    assumptions: str = ""
    serves: int | None = None  # for an activity: the index of the result it serves


@dataclass(frozen=True)
class Logframe:
    rows: tuple[Row, ...]
    indicators: tuple[Indicator, ...] = ()

    def of(self, level: str) -> list[Row]:
        return [r for r in self.rows if r.level == level]


@dataclass(frozen=True)
class Problem:
    code: str
    params: dict = field(default_factory=dict)


def check_logframe(frame: Logframe) -> list[Problem]:
    """What makes a logframe incomplete: missing objectives, results without a measurable
    indicator (baseline and a different target), activities that serve no result."""
    problems: list[Problem] = []
    for level in ("overall_objective", "specific_objective"):
        if not any(r.text for r in frame.of(level)):
            problems.append(Problem("missing_level", {"level": level}))
    results = frame.of("result")
    if not results:
        problems.append(Problem("no_results"))
    for i, row in enumerate(results):
        if not row.text:
            problems.append(Problem("empty_result", {"n": i + 1}))
        measured = [ind for ind in frame.indicators if ind.result == i]
        if not measured:
            problems.append(Problem("result_without_indicator", {"n": i + 1}))
    for j, row in enumerate(frame.of("activity")):
        if not row.text:
            problems.append(Problem("empty_activity", {"n": j + 1}))
        if row.serves is None or not 0 <= row.serves < len(results):
            problems.append(Problem("activity_serves_nothing", {"n": j + 1}))
    return problems


def logframe_from(raw: Mapping[str, object]) -> tuple[Logframe, list[Problem]]:
    """A logframe from what the trainee typed: rows by level, and indicators. Indicators that
    cannot be read are reported as problems (with the field), never dropped silently."""
    rows: list[Row] = []
    problems: list[Problem] = []
    for level in LEVELS:
        for item in raw.get(level, []) or []:
            item = item if isinstance(item, Mapping) else {"text": item}
            serves = item.get("serves")
            try:
                text = check_text(item.get("text"), level)
                assumptions = check_text(item.get("assumptions"), "assumptions")
            except ReportInputError as err:
                problems.append(Problem(err.code, {"field": err.field, **err.params}))
                continue
            rows.append(Row(level, text, assumptions, int(serves) if serves not in (None, "") else None))
    indicators = []
    for k, item in enumerate(raw.get("indicators", []) or []):
        try:
            indicators.append(parse_indicator(item))
        except (ReportInputError, budget.BudgetInputError) as err:
            problems.append(Problem(f"indicator_{err.code}", {"n": k + 1, "field": err.field, **err.params}))
    frame = Logframe(tuple(rows), tuple(indicators))
    return frame, problems + check_logframe(frame)


# -- financial report ---------------------------------------------------------------------
@dataclass(frozen=True)
class Variance:
    planned: Decimal
    actual: Decimal
    amount: Decimal
    percent: Decimal | None  # None when nothing was planned
    flagged: bool


def variance(planned: Decimal, actual: Decimal, threshold_percent: Decimal) -> Variance:
    """Actual minus planned, in EUR and in percent of planned (one decimal, half up); flagged
    when the percent's size passes the trainee's threshold, or when an unplanned cost appears."""
    amount = budget.money(actual - planned)
    if planned == 0:
        return Variance(planned, actual, amount, None, actual != 0)
    percent = (amount * 100 / planned).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Variance(planned, actual, amount, percent, abs(percent) > threshold_percent)


# -- evidence checklist -------------------------------------------------------------------
@lru_cache(maxsize=1)
def evidence_items() -> list[dict]:
    return data.load("evidence_items").to_dict("records")


def missing_evidence(present: Sequence[str]) -> list[str]:
    """Required items not in ``present`` (the «keep 5 years» rule is not a document)."""
    have = set(present)
    return [i["id"] for i in evidence_items() if i["required"] == "yes" and i["id"] not in have]


# -- humanitarian aid report ----------------------------------------------------------------
@lru_cache(maxsize=1)
def aid_rule() -> dict:
    return data.load("aid_reporting").set_index("id").loc["humanitarian_aid_report"].to_dict()


def aid_report_due(cleared: date, today: date | None = None) -> date:
    """The last day to report humanitarian aid: the clearance date plus the period in calendar
    days. The course's reading: day 1 is the day after customs clearance, so day 90 is
    ``cleared + 90 days``; weekends and holidays do not move it (no source says they do)."""
    if not isinstance(cleared, date):
        raise ReportInputError("no_date", "cleared")
    if today is not None and cleared > today:
        raise ReportInputError("future_date", "cleared", today=today.isoformat())
    return cleared + timedelta(days=int(aid_rule()["days"]))


def days_left(due: date, today: date) -> int:
    return (due - today).days
