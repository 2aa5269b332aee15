"""Module 2 logic: reading a date, counting a legal period, and the approval timeline of a draft
international territorial cooperation (ITC) agreement. No widgets here.

How days are counted (the course's reading of the rule, said on the reading page and in the lab):
calendar days; the day after the submission is day 1; a period of N days ends on day N; a
deadline that falls on a weekend or a public holiday is not moved, because no source the course
has says it is. So the latest end of a period is simply ``submission + N days``.

The periods come from ``data/itc_approval_steps.csv``. Where the sources give no period (the
MFA's review: the source text cuts off), the timeline says "not known"; a trainee who has found
the period in the law may type it, and the timeline then shows it as the trainee's value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd

from exercises import data

STEPS = "itc_approval_steps"
OVERALL_STEP = "ministry_approval"  # the row whose period is the overall approval period
UNKNOWN_PERIOD_STEP = "mfa_review"  # the row whose period the source cuts off
MAX_TYPED_DAYS = 999  # an input guard for a typed period, not a legal limit

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


class DateError(ValueError):
    """Why a date or a period cannot be used; ``code`` names the message a widget shows."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_date(raw: object) -> date:
    """A date from a date picker (``date``), or typed as ``2026-01-04`` or ``04.01.2026``.

    Raises ``DateError``: ``missing`` (nothing given), ``impossible`` (the form of a date, but
    no such day, e.g. 31.02.2026), ``not_a_date`` (anything else).
    """
    if raw is None:
        raise DateError("missing")
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        raise DateError("not_a_date")
    text = raw.strip()
    if not text:
        raise DateError("missing")
    iso, dotted = _ISO.match(text), _DOTTED.match(text)
    if iso:
        year, month, day = (int(x) for x in iso.groups())
    elif dotted:
        day, month, year = (int(x) for x in dotted.groups())
    else:
        raise DateError("not_a_date")
    try:
        return date(year, month, day)
    except ValueError as err:
        raise DateError("impossible") from err


def format_date(day: date) -> str:
    """The Ukrainian way of writing a date, as the sources do: 19.05.2025."""
    return day.strftime("%d.%m.%Y")


def due_date(start: date, days: int) -> date:
    """The last day of a period of ``days`` calendar days counted from ``start``.

    The day after ``start`` is day 1, so the period ends on ``start + days``. A weekend or a
    holiday does not move it. Raises ``DateError("out_of_range")`` past the calendar's end.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ValueError(f"a period is a whole number of days, not {days!r}")
    try:
        return start + timedelta(days=days)
    except OverflowError as err:
        raise DateError("out_of_range") from err


def day_number(start: date, day: date) -> int:
    """Which day of a period ``day`` is, counting the day after ``start`` as day 1."""
    return (day - start).days


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def next_weekday(day: date) -> date:
    """The first Monday-to-Friday day after ``day`` (what "moving" a weekend deadline would give;
    the course does not move deadlines, but a trainee may)."""
    following = day + timedelta(days=1)
    while is_weekend(following):
        following += timedelta(days=1)
    return following


def parse_days(raw: object) -> int | None:
    """A period typed by a trainee: ``None`` when left empty; else a whole number of days.

    Raises ``DateError``: ``days_not_whole`` (not a whole number), ``days_not_positive``
    (zero or less), ``days_too_long`` (over ``MAX_TYPED_DAYS``, surely a typing slip).
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise DateError("days_not_whole")
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip()
        if not text:
            return None
        if not re.fullmatch(r"[+-]?\d+", text):
            raise DateError("days_not_whole")
        value = int(text)
    if value <= 0:
        raise DateError("days_not_positive")
    if value > MAX_TYPED_DAYS:
        raise DateError("days_too_long")
    return value


def steps() -> pd.DataFrame:
    """The approval steps in their order (the data file's rows, sorted stably by ``order``)."""
    return data.load(STEPS).sort_values("order", kind="stable").reset_index(drop=True)


def period_of(step: str, frame: pd.DataFrame | None = None) -> int | None:
    """The period of one step in days, or ``None`` where no source gives one."""
    frame = steps() if frame is None else frame
    rows = frame[frame["step"] == step]
    if rows.empty:
        raise KeyError(step)
    value = rows["days"].iloc[0]
    return None if pd.isna(value) else int(value)


@dataclass(frozen=True)
class StepEnd:
    """One row of the timeline."""

    step: str
    order: int
    days: int | None  # the period (from the data, or typed by the trainee)
    due: date | None  # the latest day the step can end, when a period is known
    typed: bool  # True when the period is the trainee's own value, not the course's data
    source: str
    url: str
    confidence: str
    note: str

    @property
    def known(self) -> bool:
        return self.days is not None


@dataclass(frozen=True)
class Timeline:
    submitted: date
    steps: list[StepEnd] = field(default_factory=list)

    @property
    def overall(self) -> StepEnd:
        return next(s for s in self.steps if s.step == OVERALL_STEP)

    @property
    def overall_due(self) -> date | None:
        return self.overall.due

    @property
    def unknown(self) -> list[str]:
        """Steps after the submission with no period known (in the data or typed)."""
        return [s.step for s in self.steps if s.order > 1 and not s.known]


def timeline(submitted: object, mfa_days: object = None, frame: pd.DataFrame | None = None) -> Timeline:
    """The latest end of every step with a known period, counted from the submission date.

    ``mfa_days`` is the MFA's review period if the trainee has found it (empty: not known).
    Raises ``DateError`` for a missing or impossible date or a bad period.
    """
    start = parse_date(submitted)
    typed = parse_days(mfa_days)
    frame = steps() if frame is None else frame
    rows = []
    for row in frame.itertuples(index=False):
        days = None if pd.isna(row.days) else int(row.days)
        is_typed = False
        if row.step == UNKNOWN_PERIOD_STEP and days is None and typed is not None:
            days, is_typed = typed, True
        counted = isinstance(row.counted_from, str) and row.counted_from == "submission"
        due = due_date(start, days) if days is not None and (counted or is_typed) else None
        rows.append(StepEnd(row.step, int(row.order), days, due, is_typed, row.source, row.url,
                            row.confidence, row.note))
    return Timeline(start, rows)


def stages(frame: pd.DataFrame | None = None) -> list[tuple[str, ...]]:
    """The approval chain as stages: steps with the same ``order`` form one stage (the Ministry of
    Justice check and the MFA review: the sources give no order between them)."""
    frame = steps() if frame is None else frame
    grouped: dict[int, list[str]] = {}
    for row in frame.itertuples(index=False):
        grouped.setdefault(int(row.order), []).append(row.step)
    return [tuple(grouped[k]) for k in sorted(grouped)]


def stage_id(stage: tuple[str, ...]) -> str:
    return "+".join(stage)


@dataclass(frozen=True)
class OrderCheck:
    """How an ordering answer compares with the right order, without giving the order away."""

    total: int
    in_place: int
    missing: list[str]  # items with no position
    duplicates: list[int]  # positions given to more than one item
    unknown: list[str]  # items the answer names that are not in the exercise
    misplaced: list[str]  # items not in their place

    @property
    def complete(self) -> bool:
        return not self.missing and not self.duplicates and not self.unknown

    @property
    def solved(self) -> bool:
        return self.complete and self.in_place == self.total


def check_order(answer: dict[str, object], right: dict[str, int]) -> OrderCheck:
    """Compare ``answer`` (item -> position typed or chosen) with ``right`` (item -> position)."""
    positions: dict[str, int] = {}
    missing = []
    for item in right:
        value = answer.get(item)
        if value is None or isinstance(value, bool) or (isinstance(value, str) and not value.strip()):
            missing.append(item)
            continue
        try:
            positions[item] = int(value)
        except (TypeError, ValueError):
            missing.append(item)
    unknown = sorted(str(k) for k in answer if k not in right)
    counts: dict[int, int] = {}
    for pos in positions.values():
        counts[pos] = counts.get(pos, 0) + 1
    duplicates = sorted(p for p, n in counts.items() if n > 1)
    misplaced = [item for item, pos in positions.items() if pos != right[item]]
    in_place = sum(1 for item, pos in positions.items() if pos == right[item])
    return OrderCheck(len(right), in_place, missing, duplicates, unknown, misplaced)


def chain_positions(frame: pd.DataFrame | None = None) -> dict[str, int]:
    """Each stage of the chain (by its id) and its position, 1 = first."""
    return {stage_id(s): i for i, s in enumerate(stages(frame), start=1)}
